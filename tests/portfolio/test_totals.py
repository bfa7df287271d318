"""The totals: money exact across 元 and 万元 forms (Decimal, never float), the overall
执行率, average and median 总分, grades and finding codes counted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pfhelpers import entries, make_form, write

from perfeval_gui.portfolio.rows import FormRow, Unreadable, form_row
from perfeval_gui.portfolio.totals import default_unit, totals

D = Decimal


def rows_of(*forms) -> list[FormRow]:
    return [form_row(f, f"{i}.json") for i, f in enumerate(forms)]


def test_money_is_summed_exactly_across_units_in_yuan_and_in_wan() -> None:
    rows = rows_of(
        make_form(unit="元", budget="0.01", executed="0.01"),
        make_form(unit="万元", budget="0.000001", executed="0"),
        make_form(unit="元", budget="999999999999999.99", executed="123456789012345.67"),
        make_form(unit="万元", budget="1.5", executed=None),
    )
    yuan = totals(rows, "元")
    # 0.01 + 0.01 (0.000001 万元) + 999999999999999.99 + 15000 (1.5 万元), as typed decimals
    assert yuan.annual_budget == D("1000000000015000.01")
    assert str(yuan.annual_budget) == "1000000000015000.01"
    assert yuan.executed == D("123456789012345.68")
    wan = totals(rows, "万元")
    assert str(wan.annual_budget) == "100000000001.500001"
    assert str(wan.executed) == "12345678901.234568"
    assert isinstance(wan.annual_budget, Decimal) and isinstance(wan.executed, Decimal)
    # Converting the 元 total is the 万元 total: nothing was rounded on the way.
    assert yuan.annual_budget.scaleb(-4) == wan.annual_budget


def test_the_overall_rate_is_sum_executed_over_sum_budget_half_up() -> None:
    rows = rows_of(make_form(unit="元", budget="380000", executed="250000"),
                   make_form(unit="万元", budget="2", executed="0.0001"))  # 2 万元, 1 元
    result = totals(rows, "元")
    # 250001 / 400000 = 62.50025 % → 62.50
    assert result.annual_budget == D("400000.00") and result.executed == D("250001.00")
    assert result.execution_rate == D("62.50")
    tie = totals(rows_of(make_form(budget="80000", executed="36202")), "元")  # 45.2525 %
    assert tie.execution_rate == D("45.25")
    half = totals(rows_of(make_form(budget="200", executed="91.31")), "元")  # 45.655 → 45.66
    assert half.execution_rate == D("45.66")


def test_blank_amounts_count_as_nothing_and_all_blank_is_blank() -> None:
    assert totals(rows_of(make_form(), make_form()), "元").annual_budget is None
    result = totals(rows_of(make_form(budget="100"), make_form()), "元")
    assert result.annual_budget == D("100") and result.executed is None
    assert result.execution_rate is None


def test_default_unit_is_the_shared_one_else_yuan() -> None:
    wan = rows_of(make_form(unit="万元"), make_form(unit="万元"))
    assert default_unit(wan) == "万元" and totals(wan).unit == "万元"
    assert default_unit([*wan, *rows_of(make_form(unit="元"))]) == "元"
    assert default_unit([]) == "元"


def test_mean_median_and_grades_leave_out_forms_nothing_of_which_is_scored() -> None:
    rows = rows_of(
        make_form(scores=["80"]),          # 80 + 0 funding → 80.00 良
        make_form(scores=["50", "40"]),    # 90.00 优
        make_form(scores=["59.99"]),       # 差
        make_form(budget="100", executed="60", scores=["50"]),  # 6 + 50 = 56 差
        make_form(),                       # nothing scored: no grade
    )
    result = totals(rows, "元")
    assert [r.grade for r in rows] == ["良", "优", "差", "差", None]
    assert result.grades == {"优": 1, "良": 1, "中": 0, "差": 2}
    assert (result.graded, result.ungraded) == (4, 1)
    assert result.mean_score == D("71.50")  # (80 + 90 + 59.99 + 56) / 4 = 71.4975
    assert result.median_score == D("70.00")  # 56, 59.99 | 80, 90: (59.99 + 80) / 2 = 69.995
    assert list(result.grades) == ["优", "良", "中", "差"]


def test_findings_are_counted_per_form_and_per_code() -> None:
    rows = rows_of(make_form(scores=["100"]), make_form(scores=["100"]),
                   make_form(budget="1", executed="1", scores=["1"]))
    result = totals(rows, "元")
    # Two forms score above the weight and have no budget; weights-off-recommended is
    # found three times in each form, and counted once per form.
    assert [r.errors for r in rows] == [2, 2, 0]
    assert result.errors == 4 and result.forms_with_errors == 2
    assert result.warnings == sum(r.warnings for r in rows)
    assert result.codes["score-exceeds-weight"] == 2
    assert result.codes["budget-missing"] == 2
    assert sum(f.code == "weights-off-recommended" for f in rows[0].findings) == 3
    assert result.codes["weights-off-recommended"] == 3
    # Most frequent first, then by code.
    assert list(result.codes.items()) == sorted(result.codes.items(),
                                                key=lambda kv: (-kv[1], kv[0]))
    assert list(result.codes)[2:4] == ["budget-missing", "score-exceeds-weight"]


def test_unreadable_files_are_counted_not_summed(tmp_path: Path) -> None:
    write(tmp_path / "a.json", make_form(budget="10"))
    (tmp_path / "b.json").write_text("{")
    found = entries([tmp_path])
    result = totals(found, "元")
    assert (result.forms, result.unreadable) == (1, 1)
    assert result.annual_budget == D("10")
    assert isinstance(found[1], Unreadable)


@pytest.mark.parametrize(("unit", "expected"), [("元", "0.02"), ("万元", "0.000002")])
def test_tiny_amounts_survive_both_ways(unit: str, expected: str) -> None:
    rows = rows_of(make_form(unit="元", budget="0.01"), make_form(unit="万元", budget="0.000001"))
    assert str(totals(rows, unit).annual_budget) == expected
