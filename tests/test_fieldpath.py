"""FieldPath: parsed once, compared by parts, written back as the same text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfeval_gui.fieldpath import ROOT, FieldPath, format_parts


def test_parse_and_text_round_trip() -> None:
    for text in ("indicators[3].score", "funding.total.executed", "weight_total", "funding"):
        path = FieldPath.parse(text)
        assert str(path) == text
        assert FieldPath.parse(str(path)) == path
    assert FieldPath.parse("indicators[3].score").parts == ("indicators", 3, "score")


def test_constructors_and_accessors() -> None:
    path = FieldPath.indicator(3, "score")
    assert path == FieldPath.of("indicators", 3, "score") == FieldPath.parse("indicators[3].score")
    assert path.indicator_row == 3 and path.leaf == "score" and path.head == "indicators"
    assert FieldPath.of("funding", "weight").indicator_row is None
    assert FieldPath.of("funding").child("total", "executed") == FieldPath.parse(
        "funding.total.executed"
    )
    assert FieldPath.indicator(2) == FieldPath.parse("indicators[2]")
    assert path.startswith("indicators") and not path.startswith("funding")


def test_root_is_empty_and_false() -> None:
    assert not ROOT and str(ROOT) == "" and ROOT.leaf is None and ROOT.head is None
    assert FieldPath.indicator(0)


def test_paths_are_hashable_values() -> None:
    marks = {FieldPath.parse("indicators[1].score"), FieldPath.indicator(1, "score")}
    assert len(marks) == 1
    assert FieldPath.indicator(1, "score") != FieldPath.indicator(10, "score")


def test_odd_keys_stay_one_printable_line() -> None:
    assert format_parts(("funding", "\x7fear")) == 'funding["\\u007fear"]'
    assert format_parts(("indicators", 0, "")) == 'indicators[0][""]'
    assert format_parts(()) == ""


@given(st.lists(st.one_of(st.integers(0, 10_000),
                          st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True)),
                max_size=5))
def test_text_of_plain_parts_parses_back(parts: list[str | int]) -> None:
    path = FieldPath(tuple(parts))
    text = str(path)
    if parts and isinstance(parts[0], str):  # a path starts with a field name
        assert FieldPath.parse(text) == path
