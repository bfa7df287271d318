"""The printout itself: content, fonts, page size, metadata, hostile text, pagination."""

from __future__ import annotations

import io
import itertools
from decimal import Decimal

import pytest
from pypdf import PdfReader

from perfeval_gui import numbers
from perfeval_gui.figures import compute
from perfeval_gui.model import Form, FundingRow, Indicator, blank_form
from perfeval_gui.pdf import RenderReport, layout, render_bytes, render_pdf
from perfeval_gui.pdf.fonts import PLACEHOLDER, resolver_for
from perfeval_gui.pdf.render import FRAME_HEIGHT, TITLE_BLOCK_HEIGHT


def expected_strings(form: Form) -> list[str]:
    """Every field and every figure the printout must carry, as it must read."""
    fig = compute(form)
    out = ["财政项目支出绩效自评表", f"({form.year}年度)", form.project_name,
           form.competent_department, form.implementing_unit, form.goals.expected,
           form.goals.actual, numbers.format_rate(fig.execution_rate),
           numbers.format_score(fig.funding_score), numbers.format_plain(fig.weight_total),
           numbers.format_score(fig.total_score), f"项目资金（{form.funding.unit}）",
           "年初预算数", "全年预算数", "全年执行数", "执行率", "年度资金总额",
           "其中：当年财政拨款", "上年结转资金", "其他资金", "预期目标", "实际完成情况",
           "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
           "偏差原因分析及改进措施", "总分"]
    rows = [fig.total_row, form.funding.current_year_appropriation,
            form.funding.prior_year_carryover, form.funding.other_funds]
    for row in rows:
        out += [numbers.format_amount(getattr(row, c))
                for c in ("initial_budget", "annual_budget", "executed")]
    for ind in form.indicators:
        out += [ind.level1, ind.level2, ind.name, ind.target, ind.actual, ind.deviation,
                numbers.format_plain(ind.weight), numbers.format_plain(ind.score)]
    return [s.replace(" ", "") for s in out if s]


def fonts_on(reader: PdfReader) -> list[tuple[str, object]]:
    """(font name, font descriptor) of every font, descendant fonts included."""
    found = []
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            for sub in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                if sub.get("/Subtype") == "/Type0":
                    continue
                found.append((str(sub.get("/BaseFont", name)), sub.get("/FontDescriptor")))
    return found


@pytest.mark.parametrize("which", ["seed1", "seed2"])
def test_every_field_and_figure_of_the_seeds_is_in_the_text(which, request, squash,
                                                             page_texts):
    form = request.getfixturevalue(which)
    data, report = render_bytes(form)
    text = squash("".join(page_texts(data)))
    for expected in expected_strings(form):
        assert squash(expected) in text, expected
    assert report.pages == 1
    assert "第1页共1页" in text


def test_seed1_figures_as_finance_staff_write_them(seed1, squash, page_texts):
    text = squash(page_texts(render_bytes(seed1)[0])[0])
    for figure in ("650,000.00", "380,000.00", "250,000.00", "65.79%", "6.58", "85.58",
                   "100"):
        assert figure in text
    # 分值 and 得分 as typed and published (20, 18), computed figures with 2 decimals.
    assert "88%2018" in text and "18.00" not in text and "20.00" not in text
    # The 其中 rows show — in 分值, 执行率 and 得分: three dashes per row.
    assert text.count("—") == 9


def test_the_text_follows_the_paper_order(seed1, squash, page_texts):
    text = squash(page_texts(render_bytes(seed1)[0])[0])
    order = ["财政项目支出绩效自评表", "项目名称", "主管部门", "实施单位", "年初预算数",
             "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金", "预期目标",
             "实际完成情况", "一级指标", "偏差原因分析及改进措施", "服务重点经营企业数",
             "中小企业满意度", "总分", "第1页共1页"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)


def test_every_font_is_embedded_and_the_page_is_a4(seed1):
    form = seed1.model_copy(deep=True)
    form.goals.actual += " 😀𠀀 Latin ÄÖÜ"
    data, _ = render_bytes(form)
    reader = PdfReader(io.BytesIO(data))
    fonts = fonts_on(reader)
    assert fonts
    for name, descriptor in fonts:
        assert descriptor is not None, name
        assert "/FontFile2" in descriptor.get_object(), name
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=0.05)


def test_metadata_title_is_the_project_and_author_the_unit(seed2):
    reader = PdfReader(io.BytesIO(render_bytes(seed2)[0]))
    assert reader.metadata.title == seed2.project_name
    assert reader.metadata.author == seed2.implementing_unit


def test_hostile_text_prints_literally(seed1, squash, page_texts):
    hostile = '<b>粗体</b> &amp; <font color="red">红</font> &lt;br/&gt; <br/> \\n %s {0}'
    form = seed1.model_copy(deep=True)
    form.project_name = hostile
    form.indicators[0].name = "<i>"
    form.goals.expected = "</para>"
    text = squash("".join(page_texts(render_bytes(form)[0])))
    assert squash(hostile) in text
    assert "<i>" in text
    assert "</para>" in text


def test_missing_characters_are_reported_and_shown_as_a_placeholder(seed1, page_texts):
    form = seed1.model_copy(deep=True)
    form.goals.expected = "表情😀和𠀀字，👍🏽 组合\u200d"
    data, report = render_bytes(form)
    assert isinstance(report, RenderReport)
    assert report.missing_chars[:2] == ("😀", "𠀀")
    assert "\u200d" not in report.missing_chars  # invisible joiners are dropped, not reported
    assert not report.ok
    text = "".join(page_texts(data))
    assert f"表情{PLACEHOLDER}和{PLACEHOLDER}字" in text.replace("\n", "")


def test_empty_cells_stay_empty():
    form = blank_form(2024)
    data, report = render_bytes(form)
    text = "".join(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert "0.00" in text  # 资金得分 and 总分: computed figures, 0 when undefined
    assert "0.00\n0.00\n0.00" not in text  # no amount printed for an empty amount cell
    assert "—" in text  # the undefined 执行率
    assert report.pages == 1


def test_auto_summed_total_row_shows_the_sum(seed1, squash, page_texts):
    form = seed1.model_copy(deep=True)
    form.funding.total = None
    form.funding.prior_year_carryover = FundingRow(initial_budget=Decimal("1234.5"),
                                                   annual_budget=Decimal(0))
    text = squash(page_texts(render_bytes(form)[0])[0])
    assert "651,234.50" in text  # 650000 + 1234.5 + 0


def test_wan_yuan_amounts_print_with_the_decimals_they_have(seed1, squash, page_texts):
    form = seed1.model_copy(deep=True)
    form.funding.unit = "万元"
    form.funding.current_year_appropriation = FundingRow(
        initial_budget=Decimal("65.123456"), annual_budget=Decimal("38"),
        executed=Decimal("25.5"))
    text = squash(page_texts(render_bytes(form)[0])[0])
    assert "项目资金（万元）" in text
    # Each amount with its own decimals (at least 2), not padded to the most precise one's.
    assert "65.123456" in text and "38.00" in text and "25.50" in text
    assert "650,000.00" in text
    assert "38.000000" not in text and "25.500000" not in text and "650,000.000" not in text


def test_huge_wan_yuan_numbers_print_whole(seed1, squash, page_texts):
    form = seed1.model_copy(deep=True)
    big = Decimal("999999999999999.999999")
    form.funding.unit = "万元"
    form.funding.total = FundingRow(initial_budget=big, annual_budget=big, executed=big)
    text = squash(page_texts(render_bytes(form)[0])[0])
    assert "999,999,999,999,999.999999" in text


def _cells_fit(rows: list[layout.Row]) -> None:
    resolver = resolver_for(None)
    for row in rows:
        for cell in row.cells:
            inner = cell.x1 - cell.x0 - 2 * layout.PAD_X
            for line in cell.lines:
                width = sum(resolver.font_for(c).width(c) for c in line) * cell.size / 1000
                assert width <= inner + 1e-6 or len(line) == 1, (line, width, inner)


def _layout(form: Form) -> tuple[list[layout.Row], list[layout.Page]]:
    rows = layout.build_rows(form, compute(form))
    layout.measure_rows(rows, resolver_for(None))
    pages = layout.paginate(rows, FRAME_HEIGHT - TITLE_BLOCK_HEIGHT, FRAME_HEIGHT)
    return rows, pages


def test_long_texts_stay_inside_their_cells_and_pages(seed1, squash, page_texts):
    form = seed1.model_copy(deep=True)
    goal = ("完善促进民营经济发展，建立“重点企业”沟通平台（试点），" * 100)[:2000]
    token = "A" * 300
    form.goals.expected = goal
    form.goals.actual = token
    form.indicators[2].name = token
    form.indicators[3].deviation = "偏差" * 700
    _rows, pages = _layout(form)
    _cells_fit([row for page in pages for row in page.rows])
    assert len(pages) >= 3
    assert sum(pages[0].heights) <= FRAME_HEIGHT - TITLE_BLOCK_HEIGHT + 1e-6
    for page in pages[1:]:
        assert sum(page.heights) <= FRAME_HEIGHT + 1e-6
    data, report = render_bytes(form)
    assert report.pages == len(pages)
    text = squash("".join(page_texts(data)))
    # The goal continues on the next page, after the repeated header: in order, complete.
    rest = iter(text)
    assert all(char in rest for char in squash(goal))
    assert text.count("沟通平台") == goal.count("沟通平台")
    assert token in text


def test_sixty_indicators_repeat_the_header_and_number_every_page(sixty, squash, page_texts):
    data, report = render_bytes(sixty)
    texts = [squash(t) for t in page_texts(data)]
    assert report.pages == len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert "一级指标二级指标三级指标年度指标值实际完成值分值得分" in text
        assert f"第{number}页共{len(texts)}页" in text
    whole = "".join(texts)
    for i in range(60):
        assert whole.count(f"第{i + 1}号指标") == 1
    assert "总分" in texts[-1]


def test_rows_are_not_split_unless_taller_than_a_page(sixty):
    _, pages = _layout(sixty)
    assert len(pages) >= 2
    for page in pages:
        assert not [row for row in page.rows if row.continued and not row.header]
        assert sum(page.heights) <= FRAME_HEIGHT + 1e-6


def test_first_and_second_level_cells_merge_over_their_rows(seed1):
    _rows, pages = _layout(seed1)
    merged = {(s.cell.text, s.last - s.first + 1) for s in layout.spans(pages[0].rows)}
    assert ("产出指标", 3) in merged
    assert ("效益指标", 2) in merged
    assert ("满意度指标", 1) in merged
    assert ("绩\n效\n指\n标", 7) in merged  # header row + six indicators
    assert ("项目资金\n（元）", 5) in merged


def test_equal_second_level_under_different_first_level_is_not_merged(seed1):
    form = seed1.model_copy(deep=True)
    form.indicators = [Indicator(level1="产出指标", level2="其他", name="a"),
                       Indicator(level1="效益指标", level2="其他", name="b"),
                       Indicator(level1="", level2="", name="c"),
                       Indicator(level1="", level2="", name="d")]
    _, pages = _layout(form)
    lengths = {s.cell.text: s.last - s.first + 1 for s in layout.spans(pages[0].rows)
               if s.cell.text == "其他"}
    assert lengths == {"其他": 1}
    assert not [s for s in layout.spans(pages[0].rows) if s.cell.text == ""]


def test_cells_differing_only_in_surrounding_spaces_merge_as_on_screen(seed1):
    """Paper merges like the window (model.merged_groups): "产出指标 " joins "产出指标"."""
    form = seed1.model_copy(deep=True)
    form.indicators = [Indicator(level1="产出指标", level2="数量指标", name="a"),
                       Indicator(level1=" 产出指标 ", level2="数量指标\t", name="b"),
                       Indicator(level1="产出指标", level2="质量指标", name="c")]
    _, pages = _layout(form)
    merged = {(s.cell.text, s.first, s.last) for s in layout.spans(pages[0].rows)
              if s.cell.text in ("产出指标", "数量指标", "质量指标")}
    first = min(s for _, s, _ in merged)
    assert merged == {("产出指标", first, first + 2), ("数量指标", first, first + 1),
                      ("质量指标", first + 2, first + 2)}


def test_render_pdf_writes_a_path_or_a_stream(seed1, tmp_path):
    target = tmp_path / "out.pdf"
    report = render_pdf(seed1, target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert report.size == target.stat().st_size
    stream = io.BytesIO()
    render_pdf(seed1, stream)
    assert stream.getvalue() == target.read_bytes()  # reproducible output


def test_two_hundred_indicators(seed1, many_indicators, squash, page_texts):
    form = many_indicators(seed1, 200)
    data, report = render_bytes(form)
    assert report.pages >= 5
    assert "第200号指标" in squash(page_texts(data)[-1])


def test_pages_are_filled_before_breaking(seed1, many_indicators):
    _, pages = _layout(many_indicators(seed1, 120))
    assert len(pages) >= 3
    for page, following in itertools.pairwise(pages):
        first_new = next(row for row in following.rows if not row.header)
        tallest = max(c.height for c in first_new.cells if c.merge_key is None)
        assert sum(page.heights) + tallest > (FRAME_HEIGHT - TITLE_BLOCK_HEIGHT
                                             if page is pages[0] else FRAME_HEIGHT) - 1e-6


def test_a_form_without_indicators_still_has_its_header_and_total(seed1, squash, page_texts):
    form = seed1.model_copy(deep=True)
    form.indicators = []
    text = squash(page_texts(render_bytes(form)[0])[0])
    assert "绩效指标一级指标" in text
    assert "总分106.58" in text  # weight total 10 (funding only), total score 6.58


def test_odd_whitespace_and_decomposed_accents(seed1, page_texts):
    form = seed1.model_copy(deep=True)
    form.goals.expected = "Cafe\u0301\tTab\r\nCRLF\u200bZW\u00a0NBSP"
    data, report = render_bytes(form)
    text = "".join(page_texts(data))
    assert "Café" in text and "CRLF" in text and "Tab" in text
    assert report.missing_chars == ()


def test_grade_row_is_an_option(seed1, squash, page_texts):
    paper = squash(page_texts(render_bytes(seed1)[0])[0])
    graded = squash(page_texts(render_bytes(seed1, grade=True)[0])[0])
    assert "自评等级" not in paper  # the replica of the paper form has no grade row
    assert graded.replace("自评等级良", "") == paper  # one row more, under 总分, nothing else
    assert "总分10085.58自评等级良" in graded
    blank = squash(page_texts(render_bytes(blank_form(), grade=True)[0])[0])
    assert "自评等级—" in blank  # nothing scored yet: no grade to print
