"""Typed number input and display formatting (numbers.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfeval_gui.model import MAX_AMOUNT
from perfeval_gui.numbers import (
    DASH,
    EXCEL_POINTS_FORMAT,
    NumberInputError,
    amount_decimals,
    format_amount,
    format_plain,
    format_points,
    format_rate,
    format_score,
    parse_number_input,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("650000", D(650000)),
        ("650,000.00", D("650000.00")),
        ("1,234,567.5", D("1234567.5")),
        (" 19.56 ", D("19.56")),
        ("１２３．５", D("123.5")),  # full-width digits and point
        ("88%", D(88)),
        ("88％", D(88)),
        ("100元", D(100)),
        (".5", D("0.5")),
        ("5.", D(5)),
        ("0", D(0)),
        ("1 000", D(1000)),
        ("1000000000000000", MAX_AMOUNT),
        ("0.000001", D("0.000001")),
    ],
)
def test_parse_number_input_accepts_what_clerks_type(text: str, expected: Decimal | None) -> None:
    assert parse_number_input(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "不能为负数"),
        ("－5", "不能为负数"),
        ("abc", "不是有效的数字"),
        ("1e5", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
        ("1.2.3", "不是有效的数字"),
        ("12,34", "千位分隔符位置不对"),
        ("1,2345", "千位分隔符位置不对"),
        ("1000000000000001", "超出允许的最大值"),
        ("0.0000001", "小数位数不能超过 6 位"),
        ("%", "不是有效的数字"),
    ],
)
def test_parse_number_input_refuses_with_a_chinese_message(text: str, message: str) -> None:
    with pytest.raises(NumberInputError, match=message):
        parse_number_input(text)


@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False))
def test_formatted_amount_parses_back(value: Decimal) -> None:
    assert parse_number_input(format_amount(value)) == value


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D(650000), 2, "650,000.00"),
        (D("1136657.4"), 2, "1,136,657.40"),
        (D("0.005"), 2, "0.01"),  # 四舍五入
        (D("2.345"), 2, "2.35"),
        (D("12.3456"), 4, "12.3456"),
        (D(1000000000000000), 2, "1,000,000,000,000,000.00"),
        (None, 2, ""),
    ],
)
def test_format_amount(value: Decimal | None, places: int, expected: str) -> None:
    assert format_amount(value, places) == expected


def test_format_score_rate_plain() -> None:
    assert format_score(D("6.578")) == "6.58"
    assert format_score(D("4.525")) == "4.53"
    assert format_score(D(20)) == "20.00"
    assert format_score(None) == ""
    assert format_rate(D("65.79")) == "65.79%"
    assert format_rate(D("96.1")) == "96.10%"
    assert format_rate(None) == DASH == "—"
    assert format_plain(D(20)) == "20"
    assert format_plain(D("7.50")) == "7.5"
    assert format_plain(D("100.00")) == "100"
    assert format_plain(D(0)) == "0"
    assert format_plain(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25", "25.00"),  # not 25.00000 beside a more precise amount of the form
        ("25.5", "25.50"),
        ("130.70000", "130.70"),  # trailing zeros are not decimals it has
        ("113.66574", "113.66574"),
        ("0.000001", "0.000001"),
        ("1234.5678", "1,234.5678"),
        ("650000", "650,000.00"),
    ],
)
def test_each_amount_is_shown_with_the_decimals_it_has(value: str, expected: str) -> None:
    assert format_amount(D(value)) == expected
    assert amount_decimals(D(value)) == max(2, len(expected.partition(".")[2]))


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("10", "entered", "10"),  # the published form's 分值 and 得分: as typed
        ("18", "entered", "18"),
        ("7.50", "entered", "7.5"),
        ("19.56", "entered", "19.56"),
        ("100.00", "entered", "100"),
        ("6.578", "computed", "6.58"),  # 资金得分, 总分: 2 decimals, 四舍五入
        ("90", "computed", "90.00"),
        ("85.575", "computed", "85.58"),
        (None, "entered", ""),
        (None, "computed", ""),
    ],
)
def test_format_points_one_rule_for_scores(value: str | None, kind: str, expected: str) -> None:
    assert format_points(None if value is None else D(value), kind) == expected  # type: ignore[arg-type]


def test_excel_formats_follow_the_same_rule() -> None:
    assert EXCEL_POINTS_FORMAT == {"entered": "General", "computed": "0.00"}
