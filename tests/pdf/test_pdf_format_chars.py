"""Format characters (ZWJ, ZWNJ, soft hyphen, bidi marks, BOM) print as nothing.

The shipped UMing maps U+200C and U+200D to visible boxed glyphs a full em wide, and
ReportLab has no shaping engine to consume them, so "👨\u200d👩" printed a box between
the two placeholders. They are dropped before measuring and drawing.
"""

from __future__ import annotations

import pytest

from perfeval_gui.model import Form
from perfeval_gui.pdf import render_bytes
from perfeval_gui.pdf.fonts import PLACEHOLDER, load_font, resolver_for

FORMAT_CHARS = "\u200d\u200c\u00ad\u200e\u200f\u202e\u2066\u2069\ufeff\u2060\U000e0041"


def test_the_shipped_font_has_visible_glyphs_for_the_joiners() -> None:
    """Why the fix is needed: the font itself maps them (so the old "not in the font"
    test never dropped them)."""
    font = load_font()
    assert font.has("\u200d") and font.has("\u200c")
    assert font.width("\u200d") == 1000.0


@pytest.mark.parametrize("char", FORMAT_CHARS)
def test_a_format_character_is_dropped_not_drawn(char: str) -> None:
    resolver = resolver_for(None)
    assert resolver.clean(f"甲{char}乙") == "甲乙"
    assert char not in resolver.missing


def test_a_family_emoji_is_two_placeholders_not_three_boxes() -> None:
    resolver = resolver_for(None)
    assert resolver.clean("👨\u200d👩") == PLACEHOLDER * 2
    assert list(resolver.missing) == ["👨", "👩"]


def test_joiners_leave_no_trace_in_the_printed_text(seed1: Form, page_texts, squash) -> None:
    form = seed1.model_copy(deep=True)
    form.goals.expected = "家庭👨\u200d👩\u200d👧成员\u200c与\u00ad软\u200e连接"
    form.indicators[0].name = "\u200d\u200c"  # nothing else in the cell
    data, report = render_bytes(form)
    text = "".join(page_texts(data))
    for char in FORMAT_CHARS:
        assert char not in text
    assert f"家庭{PLACEHOLDER * 3}成员与软连接" in squash(text)
    assert report.missing_chars == ("👨", "👩", "👧")


def test_accents_and_chinese_are_kept(seed1: Form) -> None:
    resolver = resolver_for(None)
    assert resolver.clean("Cafe\u0301 重点企业服务") == "Café 重点企业服务"
    assert resolver.clean("重点企业服务") == "重点企业服务"  # the cached path
