"""Computed figures (figures.py): seeds, 四舍五入 ties, blank ≠ zero, capping, undefined rate."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfeval_gui import figures
from perfeval_gui.model import Form, Funding, FundingRow, Indicator
from perfeval_gui.numbers import format_rate, format_score

D = Decimal


def form_with(
    budget: str | None,
    executed: str | None,
    weight: str | None = "10",
    scores: tuple[str | None, ...] = (),
    typed_total: bool = True,
) -> Form:
    """A form whose 年度资金总额 row has the given 全年预算数 / 全年执行数."""
    row = FundingRow(annual_budget=budget, executed=executed)
    funding = (
        Funding(weight=weight, total=row)
        if typed_total
        else Funding(weight=weight, current_year_appropriation=row)
    )
    return Form(
        funding=funding,
        indicators=[
            Indicator(name=f"指标{i}", weight=D(90), score=s) for i, s in enumerate(scores)
        ],
    )


def test_seed1_figures(seed1: Form) -> None:
    f = figures.compute(seed1)
    assert f.execution_rate == D("65.79")
    assert f.funding_score == D("6.58")
    assert f.total_score == D("85.58")
    assert f.weight_total == D(100)
    assert not f.total_is_auto
    assert f.total_row.annual_budget == D(380000)


def test_seed2_figures(seed2: Form) -> None:
    f = figures.compute(seed2)
    assert f.execution_rate == D("96.10")
    assert format_rate(f.execution_rate) == "96.10%"
    assert f.funding_score == D("9.61")
    assert f.total_score == D("93.61")
    assert f.weight_total == D(100)


def test_tie_45_25_percent_score_4_53_not_half_even_4_52() -> None:
    form = form_with("20000", "9050")
    assert figures.execution_rate_percent(form) == D("45.25")
    assert figures.funding_score(form) == D("4.53")
    # Python's round() on the exact value is half-even and gets this wrong.
    assert round(D("4.525"), 2) == D("4.52")


def test_tie_65_785_percent_rounds_up_not_half_even() -> None:
    form = form_with("100000", "65785")
    assert figures.execution_rate_percent(form) == D("65.79")
    assert D("65.785").quantize(D("0.01")) == D("65.78")  # the default context is half-even


def test_funding_score_uses_unrounded_rate() -> None:
    # 4544949 / 10000000 = 45.44949% → shown 45.45%; 0.4544949 × 10 = 4.544949 → 4.54,
    # whereas the rounded rate would give 45.45% × 10 = 4.545 → 4.55.
    form = form_with("10000000", "4544949")
    assert figures.execution_rate_percent(form) == D("45.45")
    assert figures.funding_score(form) == D("4.54")
    assert figures.funding_score(form_with("3", "2")) == D("6.67")
    assert figures.funding_score(form_with("8", "1")) == D("1.25")


def test_funding_score_capped_at_weight() -> None:
    form = form_with("100", "150")
    assert figures.execution_rate_percent(form) == D("150.00")
    assert figures.funding_score(form) == D("10.00")
    assert figures.funding_score(form_with("100", "100")) == D("10.00")


@pytest.mark.parametrize(
    ("budget", "executed"), [(None, "5"), ("0", "5"), ("0.000", "0"), ("100", None), (None, None)]
)
def test_undefined_rate_shows_dash_and_scores_zero(budget: str | None, executed: str | None):
    form = form_with(budget, executed, scores=("80",))
    assert figures.execution_ratio(form) is None
    assert figures.execution_rate_percent(form) is None
    assert format_rate(figures.execution_rate_percent(form)) == "—"
    assert figures.funding_score(form) == D(0)
    assert format_score(figures.funding_score(form)) == "0.00"
    assert figures.total_score(form) == D("80.00")


def test_zero_executed_is_a_rate_of_zero_not_undefined() -> None:
    form = form_with("100", "0")
    assert figures.execution_rate_percent(form) == D("0.00")
    assert figures.funding_score(form) == D("0.00")


def test_empty_funding_weight_counts_as_nothing() -> None:
    form = form_with("100", "50", weight=None, scores=("10",))
    assert figures.funding_score(form) == D(0)
    assert figures.weight_total(form) == D(90)
    assert figures.total_score(form) == D("10.00")


def test_auto_summed_total_row_keeps_blank_distinct_from_zero() -> None:
    form = Form(
        funding=Funding(
            total=None,
            current_year_appropriation=FundingRow(initial_budget="100", annual_budget="80"),
            prior_year_carryover=FundingRow(initial_budget="0", annual_budget="20.5"),
            other_funds=FundingRow(),
        )
    )
    row = figures.total_row(form)
    assert figures.compute(form).total_is_auto
    assert row.initial_budget == D(100)
    assert row.annual_budget == D("100.5")
    assert row.executed is None  # every 其中 cell blank → the total stays blank, not 0
    assert figures.execution_rate_percent(form) is None

    form.funding.other_funds = FundingRow(executed="0")
    row = figures.total_row(form)
    assert row.executed == D(0)  # one typed zero makes the sum 0
    assert figures.execution_rate_percent(form) == D("0.00")


def test_auto_summed_total_row_is_used_for_the_rate() -> None:
    form = Form(
        funding=Funding(
            total=None,
            current_year_appropriation=FundingRow(annual_budget="300000", executed="200000"),
            prior_year_carryover=FundingRow(annual_budget="80000", executed="50000"),
        )
    )
    assert figures.execution_rate_percent(form) == D("65.79")
    assert figures.funding_score(form) == D("6.58")


def test_typed_total_row_wins_over_the_sum(seed1: Form) -> None:
    summed = figures.summed_total_row(seed1)
    assert summed.annual_budget == D(650000)
    assert figures.total_row(seed1).annual_budget == D(380000)


def test_total_score_adds_rounded_funding_score_and_scores() -> None:
    form = form_with("3", "2", scores=("20", None, "18.5"))
    assert figures.indicator_score_sum(form) == D("38.5")
    assert figures.total_score(form) == D("45.17")  # 6.67 + 38.5


def test_weight_total_and_level1_weights(seed1: Form) -> None:
    assert figures.indicator_weight_sum(seed1) == D(90)
    assert figures.level1_weights(seed1) == {
        "产出指标": D(50),
        "效益指标": D(30),
        "满意度指标": D(10),
    }


def test_extreme_amounts_stay_exact() -> None:
    form = form_with("1000000000000000", "999999999999999.999999")
    assert figures.execution_rate_percent(form) == D("100.00")
    assert figures.funding_score(form) == D("10.00")
    form = form_with("0.000001", "0.000001")
    assert figures.execution_rate_percent(form) == D("100.00")


def test_auto_summed_total_may_exceed_the_cell_bound() -> None:
    """Three 其中 rows at the 10^15 maximum sum to 3×10^15: shown, not refused."""
    top = "1000000000000000"
    form = Form(
        funding=Funding(
            current_year_appropriation=FundingRow(annual_budget=top, executed=top),
            prior_year_carryover=FundingRow(annual_budget=top, executed="0"),
            other_funds=FundingRow(annual_budget=top),
        )
    )
    row = figures.total_row(form)
    assert row.annual_budget == D(3) * D(10) ** 15
    assert row.executed == D(10) ** 15
    assert figures.execution_rate_percent(form) == D("33.33")


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.345", 2, "2.35"),
        ("2.355", 2, "2.36"),
        ("0.005", 2, "0.01"),
        ("1.5", 0, "2"),
        ("2.5", 0, "3"),
        ("65.785", 2, "65.79"),
        ("4.525", 2, "4.53"),
    ],
)
def test_round_half_up(value: str, places: int, expected: str) -> None:
    assert figures.round_half_up(D(value), places) == D(expected)
    assert str(figures.round_half_up(D(value), places)) == expected


# --- 元 ⇄ 万元 conversion ------------------------------------------------------------


def funding_form(unit: str = "元", total: dict | None = None, **rows: dict) -> Form:
    return Form(funding=Funding(unit=unit, total=total, **rows))


def amounts(form: Form) -> dict[str, Decimal | None]:
    """Every amount cell of the funding block by field path (None rows give nothing)."""
    out: dict[str, Decimal | None] = {}
    for key in ("total", "current_year_appropriation", "prior_year_carryover", "other_funds"):
        row = getattr(form.funding, key)
        if row is None:
            continue
        for column in ("initial_budget", "annual_budget", "executed"):
            out[f"{key}.{column}"] = getattr(row, column)
    return out


def test_conversion_is_exact_both_ways() -> None:
    yuan = funding_form(current_year_appropriation={"executed": "1136657.40"})
    wan = figures.convert_amounts(yuan, "万元")
    executed = wan.funding.current_year_appropriation.executed
    assert wan.funding.unit == "万元"
    assert str(executed) == "113.66574"
    back = figures.convert_amounts(wan, "元")
    assert back.funding.unit == "元"
    assert back.funding.current_year_appropriation.executed == D("1136657.40")
    assert str(back.funding.current_year_appropriation.executed) == "1136657.40"


@pytest.mark.parametrize(
    ("yuan", "wan"),
    [
        ("650000", "65.00"),
        ("650000.00", "65.00"),
        ("0", "0.00"),
        ("0.01", "0.000001"),
        ("12345.6", "1.23456"),
        ("1000000000000000", "100000000000.00"),
    ],
)
def test_yuan_to_wan_moves_the_point_four_places(yuan: str, wan: str) -> None:
    form = funding_form(other_funds={"initial_budget": yuan})
    converted = figures.convert_amounts(form, "万元").funding.other_funds.initial_budget
    assert str(converted) == wan
    assert converted * 10000 == D(yuan)


def test_seed_conversion_keeps_every_figure_and_everything_else(seed1: Form, seed2: Form) -> None:
    for seed in (seed1, seed2):
        before = figures.compute(seed)
        wan = figures.convert_amounts(seed, "万元")
        after = figures.compute(wan)
        assert after.execution_rate == before.execution_rate
        assert after.funding_score == before.funding_score
        assert figures.execution_ratio(wan) == figures.execution_ratio(seed)
        assert after.total_score == before.total_score
        assert after.weight_total == before.weight_total
        assert wan.funding.weight == seed.funding.weight
        assert wan.indicators == seed.indicators and wan.goals == seed.goals
        assert wan.project_name == seed.project_name and wan.year == seed.year
        old, new = amounts(seed), amounts(wan)
        assert old.keys() == new.keys()
        for path, value in old.items():
            assert (new[path] is None) == (value is None), path
            if value is not None:
                assert new[path] * 10000 == value, path
        back = figures.convert_amounts(wan, "元")
        assert amounts(back) == old  # equal as values (650000 comes back as 650000.00)
        assert figures.compute(back).total_score == before.total_score
    assert figures.compute(figures.convert_amounts(seed1, "万元")).execution_rate == D("65.79")


def test_blank_stays_blank_and_auto_sum_stays_auto() -> None:
    form = funding_form(
        current_year_appropriation={"annual_budget": "380000", "executed": "250000"},
        prior_year_carryover={"annual_budget": "0"},
    )
    wan = figures.convert_amounts(form, "万元")
    assert wan.funding.total is None
    assert wan.funding.current_year_appropriation.initial_budget is None
    assert wan.funding.prior_year_carryover.annual_budget == 0
    assert wan.funding.prior_year_carryover.executed is None
    assert wan.funding.other_funds.is_empty()
    summed = figures.total_row(wan)
    assert (summed.initial_budget, summed.annual_budget, summed.executed) == (
        None,
        D("38.00"),
        D("25.00"),
    )
    assert figures.execution_rate_percent(wan) == D("65.79")


def test_typed_total_is_converted_too_and_the_original_is_untouched() -> None:
    form = funding_form(
        total={"initial_budget": "650000.00", "annual_budget": "380000.00", "executed": "250000"},
        current_year_appropriation={"annual_budget": "650000"},
    )
    snapshot = form.model_dump()
    wan = figures.convert_amounts(form, "万元")
    assert wan.funding.total is not None
    assert (wan.funding.total.annual_budget, wan.funding.total.executed) == (D(38), D(25))
    assert form.model_dump() == snapshot
    assert form.funding.unit == "元"


def test_limits_refuse_with_a_chinese_reason_naming_the_cell() -> None:
    tiny = funding_form(prior_year_carryover={"executed": "0.001"})
    with pytest.raises(ValueError, match=r"上年结转资金·全年执行数 0\.001 元.*超过 6 位小数"):
        figures.convert_amounts(tiny, "万元")
    several = funding_form(total={"executed": "0.000001"}, other_funds={"annual_budget": "1.00005"})
    with pytest.raises(ValueError, match=r"年度资金总额.*另有 1 处"):
        figures.convert_amounts(several, "万元")
    edge = funding_form("万元", other_funds={"annual_budget": "100000000000"})  # 10^11 万元
    assert figures.convert_amounts(edge, "元").funding.other_funds.annual_budget == D(10) ** 15
    huge = funding_form("万元", other_funds={"annual_budget": "100000000000.000001"})
    with pytest.raises(ValueError, match=r"其他资金·全年预算数.*10\^15"):
        figures.convert_amounts(huge, "元")


def test_same_unit_returns_the_form_and_unknown_units_are_refused() -> None:
    form = funding_form(other_funds={"executed": "5"})
    assert figures.convert_amounts(form, "元") is form
    with pytest.raises(ValueError, match="元"):
        figures.convert_amounts(form, "美元")  # type: ignore[arg-type]


def test_has_funding_amounts() -> None:
    assert not figures.has_funding_amounts(Form())
    assert not figures.has_funding_amounts(funding_form(total={}))
    assert figures.has_funding_amounts(funding_form(total={"executed": "0"}))
    assert figures.has_funding_amounts(funding_form(other_funds={"initial_budget": "0"}))


@given(st.decimals(min_value=0, max_value=D(10) ** 15, places=2, allow_nan=False))
def test_yuan_round_trip_is_exact_for_any_amount_in_cents(value: Decimal) -> None:
    form = funding_form(current_year_appropriation={"executed": value})
    back = figures.convert_amounts(figures.convert_amounts(form, "万元"), "元")
    assert back.funding.current_year_appropriation.executed == value


@given(st.decimals(min_value=0, max_value=D(10) ** 11, places=6, allow_nan=False))
def test_wan_round_trip_is_exact_within_the_limits(value: Decimal) -> None:
    form = funding_form("万元", other_funds={"annual_budget": value})
    back = figures.convert_amounts(figures.convert_amounts(form, "元"), "万元")
    assert back.funding.other_funds.annual_budget == value


# --- 自评等级 and the scores of many forms ---------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("100", "优"), ("90", "优"), ("90.00", "优"), ("89.995", "优"),  # shown as 90.00
        ("89.994", "良"), ("89.99", "良"), ("80", "良"),
        ("79.99", "中"), ("79.995", "良"), ("60", "中"), ("60.00", "中"),
        ("59.99", "差"), ("59.994", "差"), ("59.995", "中"), ("0", "差"), ("0.00", "差"),
    ],
)
def test_grade_bands_at_their_edges(total: str, expected: str) -> None:
    assert figures.grade(D(total)) == expected


def test_grade_labels_are_the_spec_s_in_order() -> None:
    from perfeval_gui.spec import SELF_GRADE_LABELS

    assert list(SELF_GRADE_LABELS) == ["优", "良", "中", "差"]
    assert [label for _, label in figures.GRADE_FLOORS] == ["优", "良", "中"]


def test_a_form_nothing_of_which_is_scored_has_no_grade() -> None:
    assert figures.form_grade(Form()) is None
    assert figures.form_grade(form_with(None, None, scores=(None, None))) is None
    # A budget without execution is still not scored (执行率 —).
    assert figures.form_grade(form_with("100", None)) is None
    # Anything scored is graded, however low: an entered 0, or a 执行率 alone.
    assert figures.form_grade(form_with(None, None, scores=("0",))) == "差"
    assert figures.form_grade(form_with("100", "100")) == "差"  # 10 of 100
    assert figures.form_grade(form_with("100", "100", scores=("80",))) == "优"  # 10 + 80


def test_seed_grades(seed1: Form, seed2: Form) -> None:
    assert figures.form_grade(seed1) == "良"  # 85.58
    assert figures.form_grade(seed2) == "优"  # 93.61


def test_mean_and_median_are_exact_then_rounded_half_up() -> None:
    assert figures.mean_score([]) is None and figures.median_score([]) is None
    assert figures.mean_score([D("85.58"), D("93.61")]) == D("89.60")  # 89.595
    assert figures.mean_score([D("0.01"), D("0.04")]) == D("0.03")  # 0.025 → 0.03 (half-even: 0.02)
    assert figures.median_score([D("3"), D("1"), D("2")]) == D("2.00")
    assert figures.median_score([D("59.99"), D("80"), D("56"), D("90")]) == D("70.00")  # 69.995
    scores = [D(1) / D(3)] * 3  # no float anywhere: 1/3 in 60 digits
    assert figures.mean_score(scores) == D("0.33")


def test_rate_of_two_amounts_is_the_form_rate_rule() -> None:
    assert figures.amount_ratio(D("250000"), D("380000")) == figures.execution_ratio(
        form_with("380000", "250000"))
    assert figures.ratio_percent(figures.amount_ratio(D("250000"), D("380000"))) == D("65.79")
    assert figures.amount_ratio(D(1), D(0)) is None
    assert figures.amount_ratio(None, D(1)) is None
    assert figures.amount_ratio(D(1), None) is None
    assert figures.ratio_percent(None) is None
    assert figures.ratio_percent(D("0.452525")) == D("45.25")
    assert figures.ratio_percent(D("0.45255")) == D("45.26")  # a tie rounds up
