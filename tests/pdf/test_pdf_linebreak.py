"""The printout's line breaker: 禁则 rules, long tokens, newlines — directly and end to end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.pdf import render_bytes
from perfeval_gui.pdf.linebreak import CLOSING, OPENING, break_lines, violations

SPEC_CLOSING = "，。、；：？！）》」』】”’,.;:?!)]}"
SPEC_OPENING = "（《「『【“‘([{"


def em(char: str) -> float:
    """A toy metric: CJK and full-width marks 1 em, everything else half."""
    return 0.5 if char.isascii() else 1.0


def paragraph_starts(text: str, width: float) -> set[int]:
    starts: set[int] = set()
    index = 0
    for paragraph in text.split("\n"):
        starts.add(index)
        index += len(break_lines(paragraph, width, em))
    return starts


def test_spec_marks_are_covered():
    assert set(SPEC_CLOSING) <= CLOSING
    assert set(SPEC_OPENING) <= OPENING


def test_closing_mark_at_the_break_moves_down_with_its_character():
    # Ten characters fit; the 11th is "，", which naive wrapping puts at a line start.
    lines = break_lines("一二三四五六七八九十，十一十二", 10, em)
    assert lines[0] == "一二三四五六七八九"
    assert lines[1].startswith("十，")
    assert not violations(lines)


def test_opening_mark_at_the_break_moves_down_with_the_next_character():
    lines = break_lines("一二三四五六七八九（十）", 10, em)
    assert lines == ["一二三四五六七八九", "（十）"]


def test_runs_of_marks_stay_together():
    text = "他说：“好的。”然后走了。" * 6
    for width in range(3, 20):
        lines = break_lines(text, width, em)
        assert not violations(lines), (width, lines)
        assert "".join(lines) == text


def test_ascii_marks_follow_the_rule_too():
    text = "一二三四五六七八九,(一二)三四五六七八九;[一]"
    for width in range(2, 12):
        lines = break_lines(text, width, em)
        assert not violations(lines), (width, lines)
        assert "".join(lines) == text


def test_latin_words_stay_whole_and_spaces_vanish_at_breaks():
    lines = break_lines("alpha beta gamma delta", 3, em)
    assert lines == ["alpha", "beta", "gamma", "delta"]


def test_a_token_longer_than_the_line_is_cut_to_fit():
    token = "x" * 300
    lines = break_lines(token, 20, em)
    assert "".join(lines) == token
    assert all(sum(em(c) for c in line) <= 20 for line in lines)
    assert len(lines) == 8  # 40 characters of half an em per 20-em line


def test_newlines_are_kept_and_empty_lines_too():
    assert break_lines("第一行\n\n第三行", 20, em) == ["第一行", "", "第三行"]


def test_typed_indentation_is_kept():
    assert break_lines("  缩进", 20, em) == ["  缩进"]


def test_a_character_wider_than_the_cell_is_still_drawn():
    assert break_lines("中文", 0.5, em) == ["中", "文"]


CHARS = st.sampled_from(list("中文字符测试表格数据") + list(SPEC_CLOSING) + list(SPEC_OPENING)
                        + list("abcXYZ019 %") + ["\n"])


@settings(max_examples=300, deadline=None)
@given(st.text(CHARS, max_size=120), st.integers(min_value=3, max_value=30))
def test_property_no_violation_no_overflow_no_loss(text, width):
    lines = break_lines(text, width, em)
    starts = paragraph_starts(text, width)
    # A line may only break the rule where nothing else is possible: a run of
    # marks wider than the whole line. Keep such runs out of this property.
    longest_run = max((len(run) for run in _mark_runs(text)), default=0)
    if longest_run < width - 2:
        assert not violations(lines, starts), lines
    for line in lines:
        assert sum(em(c) for c in line) <= width or len(line) == 1
    # Nothing is lost except spaces at line breaks.
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def _mark_runs(text: str) -> list[str]:
    runs, current = [], ""
    for char in text:
        if char in CLOSING or char in OPENING or (char.isascii() and char != "\n"):
            current += char
        else:
            if current:
                runs.append(current)
            current = ""
    return [*runs, current] if current else runs


def test_end_to_end_no_printed_line_starts_with_a_closing_mark(seed1, page_texts):
    tempting = "一二三四五六七八九十一二三四五六七八九十一二三，。“好”（注）《书》、；：？！" * 40
    form = seed1.model_copy(deep=True)
    form.goals.expected = tempting
    form.goals.actual = "序" + tempting[::-1]  # a typed text may not start with ！
    form.indicators[0].deviation = tempting
    data, _ = render_bytes(form)
    lines = [line.strip() for text in page_texts(data) for line in text.splitlines()]
    assert len(lines) > 100  # the texts did wrap
    starting = [line for line in lines if line and line[0] in "，。、；：？！）》」』】”’"]
    ending = [line for line in lines if line and line[-1] in "（《「『【“‘"]
    assert not starting
    assert not ending
