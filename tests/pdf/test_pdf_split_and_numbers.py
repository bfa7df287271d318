"""Issue 3 polish: a row split across pages reads on paper; figures never break mid-digits."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Literal

import pytest

from perfeval_gui import numbers
from perfeval_gui.figures import compute
from perfeval_gui.model import Form, FundingRow
from perfeval_gui.pdf import layout, render_bytes
from perfeval_gui.pdf.fonts import resolver_for
from perfeval_gui.pdf.render import FRAME_HEIGHT, TITLE_BLOCK_HEIGHT

NOTE = ("企业满意率未达到目标值，主要原因是服务覆盖面不足（部分企业反馈响应慢）；"
        "下一年度将完善服务流程，加强走访。")
GOAL = "完善促进民营经济发展，建立“重点企业”沟通平台（试点），提升服务质量；"
BIG = Decimal("999999999999999.99")


def _layout(form: Form) -> list[layout.Page]:
    rows = layout.build_rows(form, compute(form))
    layout.measure_rows(rows, resolver_for(None))
    return layout.paginate(rows, FRAME_HEIGHT - TITLE_BLOCK_HEIGHT, FRAME_HEIGHT)


def _in_order(needle: str, haystack: str) -> bool:
    rest = iter(haystack)
    return all(char in rest for char in needle)


def _printed_once(long: Form, short: Form, chars: str,
                  page_texts: Callable[[bytes], list[str]]) -> None:
    """``long`` prints each of ``chars`` exactly as many more times than ``short`` as its
    data holds it more: no part of the long text is lost or printed twice (counted by
    character, because a phrase may straddle a page break and a character cannot)."""
    whole = "".join(page_texts(render_bytes(long)[0]))
    base = "".join(page_texts(render_bytes(short)[0]))
    long_text = long.model_dump_json()
    short_text = short.model_dump_json()
    for char in chars:
        assert whole.count(char) - base.count(char) == (
            long_text.count(char) - short_text.count(char)), char


@pytest.fixture
def long_note(seed1: Form) -> Form:
    form = seed1.model_copy(deep=True)
    form.indicators[1].deviation = (NOTE * 200)[:6000]
    return form


@pytest.fixture
def long_goal(seed1: Form) -> Form:
    form = seed1.model_copy(deep=True)
    form.goals.expected = (GOAL * 300)[:6000]
    return form


def test_a_split_indicator_row_is_named_on_every_continuation_page(long_note, seed1, squash,
                                                                   page_texts):
    ind = long_note.indicators[1]
    data, report = render_bytes(long_note)
    texts = [squash(t) for t in page_texts(data)]
    assert report.pages == len(texts) >= 5
    # Pages 2 .. n-1 carry nothing but the row's continuation; the last one ends it.
    for text in texts[1:]:
        assert f"{ind.name}（续）" in text
        assert "绩效指标（续）一级指标" in text
        assert f"{ind.level1}{ind.level2}{ind.name}（续）" in text
    assert "（续）" not in texts[0].replace("自评表（续）", "")
    # The first part names the row as usual and prints its figures; no page repeats them.
    assert f"{ind.name}{ind.target}{ind.actual}{ind.weight}{ind.score}" in texts[0]
    whole = "".join(texts)
    assert whole.count(ind.target) == 1
    assert whole.count(f"{ind.actual}{ind.weight}") == 1
    # The note itself is complete and in order across the pages, nothing repeated.
    assert _in_order(squash(ind.deviation), whole)

    # The rows after it come once, after the note, and the total closes the form.
    assert whole.count("中小企业满意度") == 1
    assert "总分10085.58" in texts[-1]
    _printed_once(long_note, seed1, "访覆馈", page_texts)


def test_a_split_goal_marks_the_section_label_and_leaves_the_finished_half_blank(
        long_goal, seed1, squash, page_texts):
    data, report = render_bytes(long_goal)
    texts = [squash(t) for t in page_texts(data)]
    assert report.pages >= 3
    for text in texts[1:]:
        if "提升服务质量" in text:
            assert "年度总体目标（续）预期目标实际完成情况" in text
    whole = "".join(texts)
    actual = squash(long_goal.goals.actual)
    assert whole.count(actual) == 1  # printed on page 1, blank on the continuations
    assert actual in texts[0]
    assert _in_order(squash(long_goal.goals.expected), whole)
    _printed_once(long_goal, seed1, "试质沟", page_texts)


def test_split_fragments_blank_finished_cells_and_mark_identifying_ones(long_note):
    pages = _layout(long_note)
    tails = [row for page in pages for row in page.rows if row.continued and not row.header]
    assert len(tails) == len(pages) - 1
    for row in tails:
        cells = row.cells
        assert cells[3].lines == ["企业满意率（续）"]
        assert [c.lines for c in cells[4:8]] == [[], [], [], []]  # target .. score blank
        assert cells[8].lines  # the note continues
    for page in pages:
        assert sum(page.heights) <= FRAME_HEIGHT + 1e-6
    # Pages are filled: each page but the last is full to within one line.
    for page in pages[1:-1]:
        assert sum(page.heights) > FRAME_HEIGHT - layout.LEADING


def test_a_long_name_continues_itself(seed1):
    form = seed1.model_copy(deep=True)
    form.indicators[1].name = "名" * 400
    form.indicators[1].deviation = NOTE * 120
    pages = _layout(form)
    tail = next(row for row in pages[1].rows if row.continued and not row.header)
    assert tail.cells[3].lines[0] == "名" * len(tail.cells[3].lines[0])  # the rest of it
    assert "（续）" not in "".join(tail.cells[3].lines)


def test_an_unnamed_split_row_still_says_it_continues(seed1):
    form = seed1.model_copy(deep=True)
    form.indicators[1].name = ""
    form.indicators[1].deviation = NOTE * 120
    pages = _layout(form)
    tails = [row for page in pages for row in page.rows if row.continued and not row.header]
    assert tails and all(row.cells[3].lines == ["（续）"] for row in tails)
    first = next(row for row in pages[0].rows
                 if row.section == "indicators" and row.cells[8].text.startswith(NOTE))
    assert first.cells[3].lines == []


def _big_funding(form: Form, value: Decimal = BIG, unit: Literal["元", "万元"] = "元") -> Form:
    out = form.model_copy(deep=True)
    out.funding.unit = unit
    row = FundingRow(initial_budget=value, annual_budget=value, executed=value)
    out.funding.total = row
    out.funding.current_year_appropriation = row
    out.funding.prior_year_carryover = row
    out.funding.other_funds = row
    return out


def _unit(char: str) -> float:
    return resolver_for(None).font_for(char).width(char) / 1000.0


def test_huge_amounts_shrink_to_one_line_and_extract_as_one_token(seed1, page_texts):
    form = _big_funding(seed1)
    data, report = render_bytes(form)
    assert report.pages == 1
    text = page_texts(data)[0]
    # Each of the 12 amounts is one unbroken token: no newline or space inside.
    assert len(re.findall(r"(?<![\d,])999,999,999,999,999\.99(?!\d)", text)) == 12
    rows = _layout(form)[0].rows
    amounts = [c for row in rows for c in row.cells if c.text == "999,999,999,999,999.99"]
    assert len(amounts) == 12
    for cell in amounts:
        inner = cell.x1 - cell.x0 - 2 * layout.PAD_X
        assert cell.lines == [cell.text]
        assert layout.MIN_NUMBER_SIZE <= cell.size < layout.FONT_SIZE
        assert sum(map(_unit, cell.text)) * cell.size <= inner + 1e-6
    # The ordinary figures keep the normal size.
    rate = next(c for row in rows for c in row.cells if c.text == "100.00%")
    assert rate.size == layout.FONT_SIZE


def test_too_wide_even_at_the_floor_breaks_after_a_separator(seed1, squash, page_texts):
    big = Decimal("999999999999999.999999")
    form = _big_funding(seed1, big, "万元")
    shown = numbers.format_amount(big)
    assert shown == "999,999,999,999,999.999999"
    rows = _layout(form)[0].rows
    cells = [c for row in rows for c in row.cells if c.text == shown]
    assert len(cells) == 12
    for cell in cells:
        inner = cell.x1 - cell.x0 - 2 * layout.PAD_X
        assert len(cell.lines) >= 2
        assert "".join(cell.lines) == shown
        assert all(line.endswith(",") for line in cell.lines[:-1])
        assert all(sum(map(_unit, line)) * cell.size <= inner + 1e-6 for line in cell.lines)
    text = page_texts(render_bytes(form)[0])[0]
    assert squash(text).count(shown) == 12


def test_fit_number_prefers_size_then_separators_then_anything():
    assert layout.fit_number("650,000.00", 80, _unit) == (layout.FONT_SIZE, ["650,000.00"])
    size, lines = layout.fit_number("1,234,567,890", 40, _unit)  # 13 chars, 58.5 pt at 9 pt
    assert lines == ["1,234,567,890"] and layout.MIN_NUMBER_SIZE <= size < layout.FONT_SIZE
    assert 13 * 0.5 * size <= 40
    size, lines = layout.fit_number("1,234,567,890,123", 40, _unit)
    assert all(line.endswith(",") for line in lines[:-1]) and "".join(lines) == (
        "1,234,567,890,123")
    # A weight, score or rate has no separators: it gets them to break at.
    size, lines = layout.fit_number("999999999999999.999999", 24, _unit)
    assert lines == ["999,999,", "999,999,", "999", ".999999"] and size == 6.0
    size, lines = layout.fit_number("123456789012.50%", 39, _unit)
    assert "".join(lines) == "123,456,789,012.50%" and len(lines) == 2
    assert all(len(line) * 0.5 * size <= 39 for line in lines)
    # A cell too narrow for any group: cut, but stay inside.
    size, lines = layout.fit_number("9" * 30, 8, _unit)
    assert size == layout.MIN_NUMBER_SIZE and "".join(lines) == "9" * 30
    assert all(len(line) * 0.5 * size <= 8 for line in lines)


def test_huge_weights_and_scores_never_break_mid_group(seed1):
    form = seed1.model_copy(deep=True)
    form.indicators[0].weight = Decimal("999999999999999.999999")
    form.indicators[0].score = Decimal("999999999999999")
    rows = _layout(form)[0].rows
    for text in ("999999999999999.999999", "999999999999999"):
        cell = next(c for row in rows for c in row.cells if c.text == text)
        inner = cell.x1 - cell.x0 - 2 * layout.PAD_X
        assert len(cell.lines) > 1
        assert "".join(cell.lines).replace(",", "") == text
        for line in cell.lines:
            assert re.fullmatch(r"(\d{1,3},)+|\d{1,3}(\.\d+)?|\.\d+", line), line
            assert sum(map(_unit, line)) * cell.size <= inner + 1e-6
