"""level1-missing (error) and level2-missing (warning): an indicator row outside any 一级/二级.

A block pasted from a sheet with merged 一级/二级 cells arrives blank on the merged rows;
the window fills those down (tests/ui/test_paste_merged.py); what stays blank is flagged.
"""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.model import Form, Indicator, blank_form
from perfeval_gui.rules import CODES, check


def _findings(form: Form, code: str) -> list[tuple[str, str, str]]:
    return [(f.severity, f.message, str(f.location)) for f in check(form) if f.code == code]


def test_codes_and_severities() -> None:
    assert CODES["level1-missing"] == "error"
    assert CODES["level2-missing"] == "warning"


def test_rows_without_their_levels_are_flagged_at_the_cell(seed1: Form) -> None:
    form = seed1.model_copy(deep=True)
    form.indicators[1] = form.indicators[1].model_copy(update={"level1": ""})
    form.indicators[4] = form.indicators[4].model_copy(update={"level2": "  "})
    name1, name4 = form.indicators[1].name, form.indicators[4].name
    assert _findings(form, "level1-missing") == [
        ("error", f"第 2 行指标“{name1}”未填写一级指标", "indicators[1].level1")
    ]
    assert _findings(form, "level2-missing") == [
        ("warning", f"第 5 行指标“{name4}”未填写二级指标", "indicators[4].level2")
    ]
    errors = [f for f in check(form) if f.severity == "error"]
    assert errors[0].location == FieldPath.indicator(1, "level1")


def test_a_nameless_row_is_named_by_its_number() -> None:
    form = Form(indicators=[Indicator(level2="数量指标", weight=Decimal(5))])
    assert _findings(form, "level1-missing") == [
        ("error", "第 1 行指标未填写一级指标", "indicators[0].level1")
    ]
    assert _findings(form, "level2-missing") == []


def test_empty_rows_the_seeds_and_a_new_form_are_clean(seed1: Form, seed2: Form) -> None:
    form = Form(indicators=[Indicator(), Indicator(level1=" ", level2="")])
    for clean in (form, seed1, seed2, blank_form()):
        codes = {f.code for f in check(clean)}
        assert not codes & {"level1-missing", "level2-missing"}
