"""Every computed figure of the form, and nothing else: pure functions, Decimal, 四舍五入.

执行率, 资金得分, 分值合计, 总分, the auto-summed total row, 自评等级 and a
portfolio's rate, average and median are computed here and only here; the window,
the PDF and the command line display them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Final, Literal

from perfeval_gui.model import (
    FUNDING_COLUMNS,
    FUNDING_SOURCES,
    MAX_AMOUNT,
    MAX_DECIMAL_PLACES,
    Form,
    FundingRow,
)
from perfeval_gui.spec import STANDARD

FUNDING: Final = STANDARD.funding

# Amounts reach 10^15 with 6 places (22 digits); leave ample room for division.
_CONTEXT: Final = Context(prec=60, rounding=ROUND_HALF_UP)
CENT: Final = Decimal("0.01")
HUNDRED: Final = Decimal(100)
ONE: Final = Decimal(1)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """四舍五入 to ``places`` decimals (Python's round() and Decimal's default are half-even)."""
    with localcontext(_CONTEXT):
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def sum_present(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the non-empty values; empty when all are empty (blank is not zero)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    with localcontext(_CONTEXT):
        return sum(present, Decimal(0))


def summed_total_row(form: Form) -> FundingRow:
    """The total row (年度资金总额) as the sum of its three 其中 rows, column by column."""
    rows = [getattr(form.funding, name) for name in FUNDING_SOURCES]
    sums = {col: sum_present(getattr(r, col) for r in rows) for col in FUNDING_COLUMNS}
    # Not validated: three rows of up to 10^15 each may sum past the model's bound.
    return FundingRow.model_construct(None, **sums)


def total_row(form: Form) -> FundingRow:
    """The total row in force: as typed, or auto-summed when ``funding.total`` is null."""
    return form.funding.total if form.funding.total is not None else summed_total_row(form)


def amount_ratio(executed: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """Executed / budget, unrounded; None (shown —) when the budget is empty or 0 or nothing
    was executed. One form's total row, or a portfolio's sums."""
    if budget is None or budget.is_zero() or executed is None:
        return None
    with localcontext(_CONTEXT):
        return executed / budget


def ratio_percent(ratio: Decimal | None) -> Decimal | None:
    """A ratio as 执行率 is written: percent, 2 decimals, 四舍五入 (0.657894… → 65.79)."""
    if ratio is None:
        return None
    with localcontext(_CONTEXT):
        return round_half_up(ratio * HUNDRED)


def execution_ratio(form: Form) -> Decimal | None:
    """Executed / annual budget of the total row, unrounded; None (shown —) when undefined."""
    row = total_row(form)
    return amount_ratio(row.executed, row.annual_budget)


def execution_rate_percent(form: Form) -> Decimal | None:
    """执行率 as a percentage with 2 decimals, 四舍五入 (250000 / 380000 → 65.79)."""
    return ratio_percent(execution_ratio(form))


def funding_score(form: Form) -> Decimal:
    """资金得分 = min(执行率, 100%) × 分值 from the unrounded rate, 2 decimals; 0 if undefined."""
    ratio = execution_ratio(form)
    weight = form.funding.weight
    if ratio is None or weight is None:
        return round_half_up(Decimal(0))
    with localcontext(_CONTEXT):
        return round_half_up(min(ratio, ONE) * weight)


def indicator_weight_sum(form: Form) -> Decimal:
    """Sum of the indicator weights (empty weights count as nothing)."""
    return sum_present(i.weight for i in form.indicators) or Decimal(0)


def indicator_score_sum(form: Form) -> Decimal:
    """Sum of the entered indicator scores (unscored indicators count as nothing)."""
    return sum_present(i.score for i in form.indicators) or Decimal(0)


def weight_total(form: Form) -> Decimal:
    """The figure in the 总分 row's 分值 cell: funding weight + all indicator weights."""
    with localcontext(_CONTEXT):
        return (form.funding.weight or Decimal(0)) + indicator_weight_sum(form)


def total_score(form: Form) -> Decimal:
    """总分 = the displayed (rounded) 资金得分 + the indicator scores, 2 decimals.

    The rounded funding score is used so that the printed figures add up on paper.
    """
    with localcontext(_CONTEXT):
        return round_half_up(funding_score(form) + indicator_score_sum(form))


def level1_weights(form: Form) -> dict[str, Decimal]:
    """Sum of indicator weights per 一级指标, in order of first appearance."""
    out: dict[str, Decimal] = {}
    with localcontext(_CONTEXT):  # exact like every other sum here, whatever the caller's context
        for ind in form.indicators:
            if ind.weight is None:
                continue
            key = ind.level1.strip()
            out[key] = out.get(key, Decimal(0)) + ind.weight
    return out


@dataclass(frozen=True, slots=True)
class Figures:
    """All computed figures of one form, as the window, PDF and CLI show them."""

    total_row: FundingRow
    total_is_auto: bool
    execution_rate: Decimal | None
    """Percent, 2 decimals (65.79), or None for —."""
    funding_score: Decimal
    weight_total: Decimal
    indicator_score_sum: Decimal
    total_score: Decimal


def compute(form: Form) -> Figures:
    """Every figure of ``form`` in one call."""
    return Figures(
        total_row=total_row(form),
        total_is_auto=form.funding.total is None,
        execution_rate=execution_rate_percent(form),
        funding_score=funding_score(form),
        weight_total=weight_total(form),
        indicator_score_sum=indicator_score_sum(form),
        total_score=total_score(form),
    )


def printed_figures_exact(form: Form) -> dict[str, Decimal | None]:
    """The figures a published form prints, unrounded, keyed as ``model.Published``, so a
    printed figure can be compared at the places it was printed with (86 % and 86.18 %
    agree; rounding an already rounded 2-place figure again would not be exact).

    执行率 in percent (None when undefined); 资金得分 before its rounding; 分值合计; 总分 as
    the rounded 资金得分 (as printed) + the indicator scores.
    """
    ratio = execution_ratio(form)
    weight = form.funding.weight
    with localcontext(_CONTEXT):
        return {
            "execution_rate": None if ratio is None else ratio * HUNDRED,
            "funding_score": (
                Decimal(0) if ratio is None or weight is None else min(ratio, ONE) * weight
            ),
            "weight_total": weight_total(form),
            "total_score": funding_score(form) + indicator_score_sum(form),
        }


# --- 自评等级, and the scores of many forms ------------------------------------------------

SelfGrade = Literal["优", "良", "中", "差"]
"""自评等级 of a form (labels for the window: spec.SELF_GRADE_LABELS)."""

GRADE_FLOORS: Final[tuple[tuple[Decimal, SelfGrade], ...]] = (
    (Decimal(90), "优"),
    (Decimal(80), "良"),
    (Decimal(60), "中"),
)
"""The lowest 总分 of each grade, best first; below the last floor: 差."""


def grade(total_score: Decimal) -> SelfGrade:
    """自评等级 of a 总分: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60.

    Judged on the 总分 as shown (2 decimals, 四舍五入): 89.995 is printed 90.00 and is 优,
    so the grade never disagrees with the figure beside it.
    """
    shown = round_half_up(total_score)
    for floor, label in GRADE_FLOORS:
        if shown >= floor:
            return label
    return "差"


def is_scored(form: Form) -> bool:
    """Whether anything of ``form`` has been evaluated: an indicator's 得分 or a 执行率."""
    return execution_ratio(form) is not None or any(i.score is not None for i in form.indicators)


def form_grade(form: Form) -> SelfGrade | None:
    """自评等级 of ``form``; None (shown —) when nothing is scored yet (a blank form, next
    year's copy): its 总分 0.00 judges nothing, and counting it 差 would skew a portfolio."""
    return grade(total_score(form)) if is_scored(form) else None


def mean_score(scores: Sequence[Decimal]) -> Decimal | None:
    """The average of some 总分, 2 decimals, 四舍五入; None when there are none."""
    if not scores:
        return None
    with localcontext(_CONTEXT):
        return round_half_up(sum(scores, Decimal(0)) / len(scores))


def median_score(scores: Sequence[Decimal]) -> Decimal | None:
    """The middle 总分 (the mean of the two middle ones for an even count), 2 decimals,
    四舍五入; None when there are none."""
    if not scores:
        return None
    ordered = sorted(scores)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return round_half_up(ordered[middle])
    with localcontext(_CONTEXT):
        return round_half_up((ordered[middle - 1] + ordered[middle]) / 2)


# --- 元 ⇄ 万元 -------------------------------------------------------------------------

Unit = Literal["元", "万元"]

YUAN_PER_WAN: Final = 4
"""1 万元 = 10^4 元: conversion moves the decimal point by 4 places, exactly."""

def has_funding_amounts(form: Form) -> bool:
    """True when any amount is filled in (typed total or a 其中 row): switching the unit matters."""
    rows = [form.funding.total, *(getattr(form.funding, name) for name in FUNDING_SOURCES)]
    return any(r is not None and not r.is_empty() for r in rows)


def _tidy(value: Decimal) -> Decimal:
    """At least 2 decimals as money is written, more only where the value needs them (exact)."""
    with localcontext(_CONTEXT):
        return value.quantize(Decimal(1).scaleb(-max(2, _places(value))))


def convert_amount(value: Decimal, to_unit: Unit) -> Decimal:
    """One amount into ``to_unit`` (÷ 10^4 into 万元, × 10^4 into 元), exact, not bounds-checked."""
    shift = -YUAN_PER_WAN if to_unit == "万元" else YUAN_PER_WAN
    with localcontext(_CONTEXT):
        return _tidy(value.scaleb(shift))


def convert_amounts(form: Form, to_unit: Unit) -> Form:
    """A new Form in ``to_unit`` with every funding amount converted exactly; nothing else moves.

    The typed total row (an auto-summed one stays auto-summed) and the three 其中 rows
    are converted; blank cells stay blank; weights, scores and texts are untouched, so 执行率
    and 得分 (ratios) are unchanged. Results carry at least 2 decimals (650000 元 → 65.00 万元).
    Raises ValueError (Chinese, naming the cells) when a result would break the model's limits:
    more than 6 decimals (0.001 元 → 0.0000001 万元) or above 10^15 (万元 → 元).
    """
    funding = form.funding
    if to_unit not in ("元", "万元"):
        raise ValueError(f"金额单位只能是“元”或“万元”，而不是“{to_unit}”")
    if funding.unit == to_unit:
        return form
    problems: list[str] = []
    rows: dict[str, FundingRow | None] = {}
    for key in ("total", *FUNDING_SOURCES):
        row: FundingRow | None = getattr(funding, key)
        if row is None:
            rows[key] = None
            continue
        values: dict[str, Decimal | None] = {}
        for column in FUNDING_COLUMNS:
            old = getattr(row, column)
            new = None if old is None else convert_amount(old, to_unit)
            if new is not None and (new > MAX_AMOUNT or _places(new) > MAX_DECIMAL_PLACES):
                why = (
                    f"超过 {MAX_DECIMAL_PLACES} 位小数"
                    if new <= MAX_AMOUNT
                    else "超出允许的最大值 10^15"
                )
                cell = f"{FUNDING.row(key).name}·{FUNDING.column(column).label}"
                problems.append(
                    f"{cell} {format(old, 'f')} {funding.unit}"
                    f" 换算为 {format(new, 'f')} {to_unit}，{why}"
                )
            values[column] = new
        rows[key] = FundingRow.model_construct(None, **values)
    if problems:
        more = f"（另有 {len(problems) - 1} 处）" if len(problems) > 1 else ""
        raise ValueError(f"无法把金额换算为{to_unit}：{problems[0]}{more}")
    # Validated on the way in, so the new form obeys exactly the rules a file or a typed cell does.
    data = funding.model_dump()
    data.update(unit=to_unit, **{k: None if r is None else r.model_dump() for k, r in rows.items()})
    new_funding = type(funding).model_validate(data)
    return form.model_copy(update={"funding": new_funding})


def _places(value: Decimal) -> int:
    """Decimals ``value`` needs (trailing zeros do not count)."""
    exponent = value.normalize(_CONTEXT).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
