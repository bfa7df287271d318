"""Next year's form from this year's: what describes the project is carried, what reports
on the year is cleared, and the clerk is told which is which.

Carried: the header cells, the money unit, the funding 分值, the 预期目标, and every
indicator row with its 一级/二级/三级指标, 年度指标值 and 分值 (the project's plan).
Cleared: every amount of every funding row (this year's budget is not next year's; a
typed total row becomes the auto-summed one), the 实际完成情况, and each indicator's
实际完成值, 得分, 评价等级 and 偏差原因分析 (the year's results). The lists are built from
the spec's labels, so they name exactly the cells the window and the paper show.
"""

from __future__ import annotations

import re
from typing import Final

from perfeval_gui.model import YEAR_MAX, Form, Funding, Goals, Indicator
from perfeval_gui.spec import STANDARD, UNIT_NAME, YEAR_NAME

KEPT_GOALS: Final = ("expected",)
"""Goals cells carried (the others are cleared)."""
KEPT_INDICATOR_FIELDS: Final = ("level1", "level2", "name", "target", "weight")
"""Indicator fields carried (the others are cleared)."""

_FUNDING: Final = STANDARD.funding
_GOALS: Final = STANDARD.goals
_TABLE: Final = STANDARD.indicators


def _goal(key: str) -> str:
    return f"{_GOALS.label}·{next(c.label for c in _GOALS.cells if c.key == key)}"


def _indicator(key: str) -> str:
    return f"{_TABLE.label}·{_TABLE.column(key).name}"


CARRIED: Final[tuple[str, ...]] = (
    *(h.label for h in STANDARD.header),
    f"{_FUNDING.name}·{UNIT_NAME}",
    f"{_FUNDING.name}·{_FUNDING.column_of_kind('weight').label}",
    *(_goal(key) for key in KEPT_GOALS),
    *(_indicator(key) for key in KEPT_INDICATOR_FIELDS),
)
"""What next year's form keeps, in the clerk's words (``绩效指标·年度指标值``)."""
CLEARED: Final[tuple[str, ...]] = (
    *(f"{_FUNDING.name}·{c.label}" for c in _FUNDING.amount_columns),
    *(_goal(c.key) for c in _GOALS.cells if c.key not in KEPT_GOALS),
    *(_indicator(key) for key in _TABLE.fields() if key not in KEPT_INDICATOR_FIELDS),
)
"""What it leaves empty (every funding row's amounts, the year's results)."""


def next_year(form: Form) -> tuple[Form, list[str], list[str]]:
    """(next year's form, what was carried, what was cleared), the lists in the clerk's words.

    Raises ValueError (Chinese, one line) for a form of the last year the format allows.
    """
    if form.year >= YEAR_MAX:
        raise ValueError(f"{YEAR_NAME} {form.year} 已是允许的最后一年，无法新建下一年度")
    new = Form(
        year=form.year + 1,
        **{h.key: getattr(form, h.key) for h in STANDARD.header},
        funding=Funding(unit=form.funding.unit, weight=form.funding.weight),
        goals=Goals(**{key: getattr(form.goals, key) for key in KEPT_GOALS}),
        indicators=[
            Indicator(**{key: getattr(ind, key) for key in KEPT_INDICATOR_FIELDS})
            for ind in form.indicators
        ],
    )
    carried = [f"{YEAR_NAME}（{form.year} → {new.year}）", *CARRIED]
    return new, carried, list(CLEARED)


def next_year_name(name: str, year: int, new_year: int) -> str:
    """The file name proposed for next year's copy of ``name``: the year in the name moved
    on (``自评表2024.json`` → ``自评表2025.json``), else the new year appended
    (``重点企业服务.json`` → ``重点企业服务-2025.json``)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    found = list(re.finditer(rf"(?<![0-9]){year}(?![0-9])", stem))
    if found:
        last = found[-1]
        stem = f"{stem[:last.start()]}{new_year}{stem[last.end():]}"
    else:
        stem = f"{stem}-{new_year}"
    return f"{stem}.{suffix or 'json'}"
