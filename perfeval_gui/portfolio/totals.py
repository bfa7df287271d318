"""The totals of a portfolio: money summed exactly in one unit, the overall 执行率, the
average and median 总分, how many forms have each grade and each finding code.

Every figure is computed by ``figures`` (exact Decimal sums, 元 ⇄ 万元 by moving the decimal
point, 四舍五入): a roll-up never disagrees with the forms it adds up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from perfeval_gui import figures
from perfeval_gui.figures import Unit
from perfeval_gui.portfolio.rows import Entry, FormRow, Unreadable
from perfeval_gui.spec import SELF_GRADE_LABELS

GRADES: Final[tuple[str, ...]] = tuple(SELF_GRADE_LABELS)
"""优, 良, 中, 差: the order the counts are listed in."""


@dataclass(frozen=True, slots=True)
class Totals:
    """The totals row of a portfolio; amounts in ``unit``."""

    unit: Unit
    forms: int
    unreadable: int
    annual_budget: Decimal | None
    """Sum of the forms' 全年预算数 (blank ones count as nothing); None when all are blank."""
    executed: Decimal | None
    execution_rate: Decimal | None
    """Sum executed / sum budget, percent, 2 decimals, 四舍五入; None for —."""
    mean_score: Decimal | None
    """Average 总分 of the graded forms (a form nothing of which is scored has no grade and
    is left out, as it is left out of the grade counts)."""
    median_score: Decimal | None
    graded: int
    grades: dict[str, int] = field(default_factory=dict)
    """优, 良, 中, 差 → number of forms, every grade listed (0 too)."""
    errors: int = 0
    """Error findings, all forms together."""
    warnings: int = 0
    forms_with_errors: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    """Finding code → number of forms with at least one finding of it; most frequent first."""

    @property
    def ungraded(self) -> int:
        """Forms nothing of which is scored yet (no 自评等级)."""
        return self.forms - self.graded


def default_unit(entries: Iterable[Entry]) -> Unit:
    """The forms' own unit when they all share one, else 元 (any amount is exact in 元)."""
    units = {e.unit for e in entries if isinstance(e, FormRow)}
    return "万元" if units == {"万元"} else "元"


def totals(entries: Iterable[Entry], unit: Unit | None = None) -> Totals:
    """The totals of ``entries`` in ``unit`` (default: ``default_unit``)."""
    rows: list[FormRow] = []
    unreadable = 0
    for entry in entries:
        if isinstance(entry, Unreadable):
            unreadable += 1
        else:
            rows.append(entry)
    if unit is None:
        unit = default_unit(rows)
    budget = figures.sum_present(r.amount_in(r.annual_budget, unit) for r in rows)
    executed = figures.sum_present(r.amount_in(r.executed, unit) for r in rows)
    scores = [r.total_score for r in rows if r.grade is not None]
    grade_counts: Counter[str] = Counter(r.grade for r in rows if r.grade is not None)
    code_counts = Counter(code for r in rows for code in r.codes)
    errors = [r.errors for r in rows]
    return Totals(
        unit=unit,
        forms=len(rows),
        unreadable=unreadable,
        annual_budget=budget,
        executed=executed,
        execution_rate=figures.ratio_percent(figures.amount_ratio(executed, budget)),
        mean_score=figures.mean_score(scores),
        median_score=figures.median_score(scores),
        graded=len(scores),
        grades={g: grade_counts[g] for g in GRADES},
        errors=sum(errors),
        warnings=sum(r.warnings for r in rows),
        forms_with_errors=sum(1 for n in errors if n),
        codes=dict(sorted(code_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
