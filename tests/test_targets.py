"""The target / actual parser on strings taken from real forms, and its decisions."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.assets import EXAMPLES, example_path
from perfeval_gui.targets import (
    Actual,
    Target,
    actual_in_target_unit,
    met,
    parse_actual,
    parse_target,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "operator", "value", "unit"),
    [
        # the two seed forms
        (">90", ">", "90", ""),
        (">=90%", ">=", "90", "%"),
        (">90%", ">", "90", "%"),
        (">0.7%", ">", "0.7", "%"),
        (">5000家", ">", "5000", "家"),
        ("=360天", "=", "360", "天"),
        (">=90", ">=", "90", ""),
        # FORM.md's list
        ("≥100百分比", ">=", "100", "%"),
        ("≤90万元", "<=", "90", "万元"),
        ("不低于95%", ">=", "95", "%"),
        # full-width signs, digits, spaces
        ("＞90", ">", "90", ""),
        ("≥ 90 ％", ">=", "90", "%"),
        ("＞＝９０％", ">=", "90", "%"),
        ("＜＝5天", "<=", "5", "天"),
        ("＝１００％", "=", "100", "%"),
        ("≧85%", ">=", "85", "%"),
        ("≦3次", "<=", "3", "次"),
        ("\u3000≥\u300098%\u3000", ">=", "98", "%"),
        ("=> 60分", ">=", "60", "分"),
        # Chinese comparators
        ("不少于12场", ">=", "12", "场"),
        ("不高于5%", "<=", "5", "%"),
        ("不超过90万元", "<=", "90", "万元"),
        ("大于80%", ">", "80", "%"),
        ("小于2小时", "<", "2", "小时"),
        ("等于100%", "=", "100", "%"),
        ("达到100%", ">=", "100", "%"),
        ("大于等于 95 %", ">=", "95", "%"),
        ("不得低于90%", ">=", "90", "%"),
        ("至少3篇", ">=", "3", "篇"),
        ("低于5‰", "<", "5", "‰"),
        # labels before an explicit operator, suffixes
        ("满意度≥90%", ">=", "90", "%"),
        ("合格率不低于98%", ">=", "98", "%"),
        ("90%以上", ">=", "90", "%"),
        ("95%及以上", ">=", "95", "%"),
        ("5000家以上", ">=", "5000", "家"),
        ("3个工作日内", "<=", "3", "工作日"),
        ("30天以内", "<=", "30", "天"),
        ("5%以下", "<=", "5", "%"),
        ("控制在5%以内", "<=", "5", "%"),
        ("≥90%以上", ">=", "90", "%"),
        ("95%（含）以上", ">=", "95", "%"),
        ("100万元(含)以内", "<=", "100", "万元"),
        ("≥1次/年", ">=", "1", "次/年"),
        ("≤5个工作日", "<=", "5", "工作日"),
        ("≥98.5%", ">=", "98.5", "%"),
        ("0起", "=", "0", "起"),
        ("90分以上", ">=", "90", "分"),
        (">90以上", ">", "90", ""),
        # bare figures, units, separators
        ("100%", "=", "100", "%"),
        ("12次", "=", "12", "次"),
        ("1个", "=", "1", "个"),
        ("3个月", "=", "3", "月"),
        ("10,743家", "=", "10743", "家"),
        ("1,136,657.40元", "=", "1136657.40", "元"),
        ("２０２２", "=", "2022", ""),
        (".5", "=", "0.5", ""),
        ("90%。", "=", "90", "%"),
        ("≥1500人次", ">=", "1500", "人次"),
        ("≤100元/人", "<=", "100", "元/人"),
        ("=1日", "=", "1", "天"),
        (">3项", ">", "3", "项"),
        ("≥200户", ">=", "200", "户"),
        ("≥50件", ">=", "50", "件"),
        ("12月", "=", "12", "月"),
        ("1年", "=", "1", "年"),
    ],
)
def test_parse_target(text: str, operator: str, value: str, unit: str) -> None:
    target = parse_target(text)
    assert target == Target(operator, D(value), unit)  # type: ignore[arg-type]
    assert isinstance(target.value, Decimal)


@pytest.mark.parametrize(
    "text",
    [
        "及时", "效果明显", "达成预期指标", "有所提升", "90-95%", "90%-95%", "90~95%", "90～95%",
        "第一季度", "第3季度", "2022年12月", "2022-12-31", "约90%", "近100家", "-5%", "−5%",
        "九十", "百分之九十", "按时完成", "2022年12月31日前", "12月31日前", "不低于上年",
        "≥90%且≤95%", ">90以下", "=90以上", "≥≥90", "90%≥", "1,2345",
        "1e999", "NaN", "Infinity", "≈90%", "±5%", "", "   ", "—", "/", "无", "≥", "%", "90(约)",
        "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１", "≥" + "9" * 40,
        "达到" + "很好" * 200, "≥90" + "家" * 20, "<b>≥90%</b>", "𠀀90",
    ],
)
def test_qualitative_or_unreadable_is_none(text: str) -> None:
    assert parse_target(text) is None
    assert parse_actual(text) is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("155", "155", "", None),
        ("88%", "88", "%", None),
        ("0.3%", "0.3", "%", None),
        ("363", "363", "", None),
        ("10743", "10743", "", None),
        ("10,743家", "10743", "家", None),
        ("９２％", "92", "%", None),
        ("达到95%", "95", "%", None),
        ("=100%", "100", "%", None),
        ("≥95%", "95", "%", ">="),
        ("100%以上", "100", "%", ">="),
        ("达到95%以上", "95", "%", ">="),
        ("<1小时", "1", "小时", "<"),
        ("85 万元", "85", "万元", None),
    ],
)
def test_parse_actual(text: str, value: str, unit: str, bound: str | None) -> None:
    assert parse_actual(text) == Actual(D(value), unit, bound)  # type: ignore[arg-type]


def _seed_pairs() -> list[tuple[str, str]]:
    pairs = []
    for name in EXAMPLES:
        data = json.loads(example_path(name).read_text("utf-8"))
        pairs += [(i["target"], i["actual"]) for i in data["indicators"]]
    return pairs


def test_every_seed_pair_is_quantitative_and_decided() -> None:
    """All targets and actuals of both published forms are read and compared."""
    pairs = _seed_pairs()
    assert len(pairs) == 12
    decided = [met(parse_target(t), parse_actual(a)) for t, a in pairs]  # type: ignore[arg-type]
    assert decided == [
        True, False, True, False, False, False,  # seed 1: 155>90, 88<90, 99>90, 0.3<0.7 …
        True, True, True, False, False, True,  # seed 2: 10743>5000, 92>90, 363≥360, …
    ]


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        (">90", "155", True),
        (">=90%", "88%", False),
        (">=90%", "90%", True),
        (">90%", "90%", False),
        (">=90%", "92", True),  # unitless actual takes the target's unit
        (">=90", "92%", True),  # unitless target takes the actual's unit
        (">=90%", "0.92", None),  # 0.92: a fraction or 0.92%? not decided
        (">=90%", "1", None),
        (">=90%", "0", False),  # zero is zero in either reading
        (">0.7%", "0.3", False),  # both at most 1: same scale, unambiguous
        ("≥100百分比", "100%", True),
        ("≥100%", "99百分比", False),
        ("=360天", "363", True),  # = with a positive value: reach it
        ("=360天", "359天", False),
        ("=360天", "363日", True),
        ("=0起", "0", True),  # =0 is a ceiling
        ("=0起", "2起", False),
        ("≤90万元", "85万元", True),
        ("≤90万元", "850000元", True),  # scale prefixes convert
        ("≤90万元", "950000元", False),
        ("≥1亿元", "9000万元", False),
        ("≤90万元", "85", True),
        ("≥5万", "60000", None),  # a bare scale word against a bare figure: not decided
        (">5000家", "10,743家", True),
        (">5000家", "10743个", None),  # different units
        (">5000家", "及时", None),
        ("≥90%", "≥95%", True),  # a bound inside the target
        ("≥90%", "≥90%", True),
        (">90%", "≥90%", None),  # 90 itself would miss
        ("≥90%", "≥80%", None),
        ("≥90%", "<80%", False),  # wholly below
        ("≤5%", "≥6%", False),
        ("≤5%", ">5%", False),
        ("≤5%", "≥5%", None),
        ("≤5%", "<3%", True),
        ("<1小时", "0.5小时", True),
        ("3个月", "3个月", True),
        ("3个月", "3月", True),
        ("100%", "100%", True),
        ("12次", "11次", False),
    ],
)
def test_met(target: str, actual: str, expected: bool | None) -> None:
    t, a = parse_target(target), parse_actual(actual)
    assert t is not None
    if a is None:
        assert expected is None
        return
    assert met(t, a) is expected


def test_conversion_is_exact_decimal() -> None:
    t, a = parse_target("≤90万元"), parse_actual("850,000.50元")
    assert t is not None and a is not None
    assert actual_in_target_unit(t, a) == D("85.000050")


def test_display_uses_symbols() -> None:
    assert str(parse_target(">=90%")) == "≥90%"
    assert str(parse_target("不超过0.70 万元")) == "≤0.7万元"
    assert str(parse_actual("≥95%")) == "≥95%"
    assert str(parse_actual("10,743家")) == "10743家"


# --- properties ---------------------------------------------------------------------------

_FORMISH = st.text(
    alphabet=st.sampled_from(list("0123456789.,%><=≥≤＞＜＝％０９ 不低于超过以上内万元家天-~约")),
    max_size=16,
)


@given(st.text(max_size=300))
def test_parser_never_raises_on_any_text(text: str) -> None:
    for parsed in (parse_target(text), parse_actual(text)):
        assert parsed is None or isinstance(parsed.value, Decimal)


@given(_FORMISH, _FORMISH)
@settings(max_examples=400)
def test_met_never_raises_and_values_are_nonnegative(target: str, actual: str) -> None:
    t, a = parse_target(target), parse_actual(actual)
    if t is not None:
        assert t.value >= 0
    if t is not None and a is not None:
        assert met(t, a) in (True, False, None)


_WIDE = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


@given(_FORMISH)
def test_spaces_and_full_width_do_not_change_the_reading(text: str) -> None:
    spaced = " ".join(text)
    wide = text.translate(_WIDE)
    assert parse_target(spaced) == parse_target(text)
    assert parse_target(wide) == parse_target(text)
    assert parse_actual(wide) == parse_actual(text)


@given(st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False))
def test_a_written_number_reads_back_exactly(value: Decimal) -> None:
    text = f"≥{value:f}%"
    target = parse_target(text)
    assert target == Target(">=", value, "%")
    grouped = parse_actual(f"{value:,f}家")
    assert grouped == Actual(value, "家")


def test_any_trailing_text_is_a_unit_but_only_equal_units_compare() -> None:
    target = parse_target("≥90🎉")
    assert target == Target(">=", D(90), "🎉")
    assert met(target, parse_actual("95🎉")) is True  # type: ignore[arg-type]
    assert met(target, parse_actual("95家")) is None  # type: ignore[arg-type]
