"""Rule checks (findings) and rule-based score suggestions for a form.

The window, the PDF and ``perfeval check`` show what this module finds; changing
a rule touches only this file. Each rule is a small function registered in
``RULES``; ``check`` runs them all and orders the findings errors → warnings →
infos, keeping rule order (and row order within a rule) inside each severity.

Codes are stable API (the CLI's ``--json``, the window and the PDF use them):

======================== ======== ===================================================
code                     severity when
======================== ======== ===================================================
weights-not-100          error    funding weight + indicator weights ≠ 100
weight-missing           error    an indicator has a score but no weight
score-exceeds-weight     error    an indicator's score is above its weight
budget-missing           error    全年预算数 of the 年度资金总额 row (typed or summed) empty/0
level1-missing           error    an indicator row with content but no 一级指标 (a merged
                                  cell pasted from a sheet arrives blank on its later rows:
                                  the window fills those; whatever stays blank is flagged)
sources-mismatch         warning  a typed total row ≠ the sum of its 其中 rows (per column;
                                  a column blank in all 其中 rows is not compared; a blank
                                  typed cell is compared only with a non-zero sum)
over-execution           warning  全年执行数 above 全年预算数 (total row and each 其中 row)
executed-missing         warning  a budget but no 全年执行数 in the total row (执行率 shows —)
deviation-missing        warning  target not met (parser) or graded partial/not_achieved,
                                  and 偏差原因分析 empty
deduction-unexplained    warning  score below the weight, 偏差原因分析 empty (when
                                  deviation-missing does not already say so)
score-missing            warning  an indicator with a weight but no score
grade-band               warning  a graded qualitative indicator's score outside its band
                                  ([80%, 100%], [60%, 80%), [0, 60%) of the weight)
level2-missing           warning  an indicator row with content but no 二级指标
name-missing             warning  an indicator with a target, actual or score but no 三级指标
                                  name (a weight alone is the blank form's template)
target-missing           warning  an indicator scored without a 年度指标值
actual-missing           warning  an indicator scored without a 实际完成值
published-mismatch       warning  a figure a published PDF printed (执行率, 资金得分, 分值合计,
                                  总分; ``Form.published``) ≠ the recomputed one, compared
                                  at the places it was printed with; one per figure, at its
                                  cell; a figure not printed is not compared
score-off-rule           info     a quantitative indicator's score ≠ the suggested score
weights-off-recommended  info     一级 weights ≠ 产出 50 / 效益 30 / 满意度 10, or the
                                  funding weight ≠ 10
unread-cell              warning  (not a rule) a workbook cell an import could not read
======================== ======== ===================================================

Entirely empty indicator rows (``Indicator.is_empty()``) are never flagged.

Suggested score (FORM.md): quantitative and met → the full weight; not met →
actual/target × weight for ``≥ > =``, target/actual × weight for ``≤ <``, kept
within [0, weight], 2 decimals 四舍五入 (a weight with more places is rounded
down where rounding up would exceed it); when the proportion is undefined (a
zero target or actual in the denominator) the suggestion is 0. ``=0`` (``=0起``) is
a ceiling and scored like ``≤`` (see perfeval_gui.targets for ``=`` and units).
Where the parser cannot decide met / not met — qualitative text, different or
ambiguous units, an actual written as a bound (``≥80%``) that may or may not
meet the target — the indicator is treated as qualitative and waits for a grade.
budget-missing and executed-missing point at ``funding.total.*`` even while that
row is auto-summed (the cell is on screen and on paper either way).
Qualitative grades: 达成年度指标 80–100% of the weight, 部分达成 60–80%,
未达成 0–60%. Bands are half-open as budget systems enforce them (FORM.md):
[80%, 100%], [60%, 80%), [0, 60%), so an edge (80% of the weight) belongs to the
higher grade only. The suggestion for a graded indicator is the most that grade
allows at 2 decimals (the full weight; just under the band's top for the others,
15.99 of 20 for 部分达成); the unit may score lower within the band. Because a band is a
range, score-off-rule is raised only for quantitative indicators; a graded
indicator is checked by grade-band instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, localcontext
from functools import lru_cache
from typing import Final, Literal

from perfeval_gui import figures
from perfeval_gui.fieldpath import ROOT, FieldPath
from perfeval_gui.model import FUNDING_SOURCES, Form, FundingRow, Grade, Indicator
from perfeval_gui.numbers import format_amount, format_plain, format_rate, format_score
from perfeval_gui.spec import (
    GRADE_LABELS,
    NOTHING_WRITTEN,
    RECOMMENDED_FUNDING_WEIGHT,
    RECOMMENDED_WEIGHTS,
    STANDARD,
)
from perfeval_gui.targets import (
    Actual,
    Target,
    actual_in_target_unit,
    met,
    parse_actual,
    parse_target,
    plain,
)

Severity = Literal["error", "warning", "info"]

_CONTEXT: Final = Context(prec=80, rounding=ROUND_HALF_UP)
_ZERO: Final = Decimal(0)
_HUNDRED: Final = Decimal(100)
_SEVERITY_ORDER: Final[dict[str, int]] = {"error": 0, "warning": 1, "info": 2}

CODES: Final[dict[str, Severity]] = {
    "weights-not-100": "error",
    "weight-missing": "error",
    "score-exceeds-weight": "error",
    "budget-missing": "error",
    "level1-missing": "error",
    "sources-mismatch": "warning",
    "over-execution": "warning",
    "executed-missing": "warning",
    "deviation-missing": "warning",
    "deduction-unexplained": "warning",
    "score-missing": "warning",
    "grade-band": "warning",
    "level2-missing": "warning",
    "name-missing": "warning",
    "target-missing": "warning",
    "actual-missing": "warning",
    "published-mismatch": "warning",
    "score-off-rule": "info",
    "weights-off-recommended": "info",
}
"""Every finding code and its severity (the table above)."""

UNREAD_CODE: Final = "unread-cell"
"""Not a rule of the form (not in CODES): a workbook cell an import could not read, a
warning at its cell (workbook.Note.finding)."""

GRADE_BANDS: Final[dict[Grade, tuple[Decimal, Decimal]]] = {
    "achieved": (Decimal("0.8"), Decimal(1)),
    "partial": (Decimal("0.6"), Decimal("0.8")),
    "not_achieved": (Decimal(0), Decimal("0.6")),
}
"""Share of the weight each qualitative grade allows: [low, high) — [low, high] for the
grades in TOP_INCLUDED."""

TOP_INCLUDED: Final[frozenset[Grade]] = frozenset({"achieved"})
"""Grades whose band includes its top (100% of the weight); the others stop just below it."""

# Labels as the paper form prints them (the spec), for messages.
_FUNDING: Final = STANDARD.funding
_TOTAL: Final = _FUNDING.total_row.name
_BUDGET: Final = _FUNDING.column("annual_budget").label
_EXECUTED: Final = _FUNDING.column("executed").label
_COLUMNS: Final = STANDARD.indicators
_NAME: Final = _COLUMNS.column("name").name
_LEVEL1: Final = _COLUMNS.column("level1").name
_LEVEL2: Final = _COLUMNS.column("level2").name
_TARGET: Final = _COLUMNS.column("target").name
_ACTUAL: Final = _COLUMNS.column("actual").name
_DEVIATION: Final = _COLUMNS.column("deviation").name


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a form, located at the field path of its cell (ROOT: none).

    ``str(location)`` is the text ``perfeval check --json`` prints (``indicators[3].score``).
    """

    severity: Severity
    code: str
    message: str
    location: FieldPath = ROOT


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The rule-based score for one indicator, shown next to the entered score."""

    kind: Literal["quantitative", "qualitative"]
    score: Decimal | None
    met: bool | None
    band: tuple[Decimal, Decimal] | None
    explanation: str
    top_included: bool = True
    """Whether ``band`` includes its top (only 达成年度指标's does: see GRADE_BANDS)."""


# --- suggestions -------------------------------------------------------------------------


def _cap(value: Decimal, weight: Decimal) -> Decimal:
    """2 decimals 四舍五入 within [0, weight] (rounded down if rounding up would exceed it)."""
    value = max(_ZERO, min(value, weight))
    rounded = figures.round_half_up(value)
    if rounded > weight:
        rounded = weight.quantize(figures.CENT, rounding=ROUND_DOWN)
    return rounded


def grade_band(grade: Grade, weight: Decimal) -> tuple[Decimal, Decimal]:
    """The edges of the score range a qualitative grade allows for ``weight``: [low, high),
    or [low, high] for a grade in TOP_INCLUDED."""
    low, high = GRADE_BANDS[grade]
    with localcontext(_CONTEXT):
        return weight * low, weight * high


def in_band(grade: Grade, weight: Decimal, score: Decimal) -> bool:
    """Does ``score`` lie within the band of ``grade``? The low edge always belongs to it,
    the top only for 达成年度指标 (80% of the weight is 达成, not 部分达成)."""
    low, high = grade_band(grade, weight)
    if grade in TOP_INCLUDED or low == high:  # a zero weight's band is its one point
        return low <= score <= high
    return low <= score < high


def _band_top(grade: Grade, weight: Decimal) -> Decimal:
    """The most ``grade`` allows at 2 decimals: the full weight, or the last cent below
    the top of a half-open band (16 → 15.99). A band too narrow to hold a cent (weight
    0.01) gives its low edge at 2 decimals, as every suggestion is written."""
    low, high = grade_band(grade, weight)
    if grade in TOP_INCLUDED or low == high:
        return _cap(high, weight)
    with localcontext(_CONTEXT):
        below = high.quantize(figures.CENT, rounding=ROUND_CEILING) - figures.CENT
    return below if below >= low else _cap(low, weight)


def band_text(grade: Grade, low: str, high: str) -> str:
    """'16.00–20.00 之间' or '不低于 12.00 且低于 16.00' (the band's edges as shown)."""
    if grade in TOP_INCLUDED:
        return f"在 {low}–{high} 之间"
    return f"不低于 {low} 且低于 {high}"


def _percent(share: Decimal) -> str:
    return f"{plain(share * _HUNDRED)}%"


def _quantitative(
    target: Target, actual: Actual, value: Decimal, is_met: bool, weight: Decimal
) -> Suggestion:
    """``value`` is the actual in the target's unit."""
    w = format_plain(weight)
    if is_met:
        score = _cap(weight, weight)
        return Suggestion("quantitative", score, True, None,
                          f"实际 {actual} 达到目标 {target}，建议满分 {format_score(score)}")
    reverse = target.operator in ("<", "<=") or (target.operator == "=" and target.value == 0)
    numerator, denominator = (target.value, value) if reverse else (value, target.value)
    head = f"实际 {actual} 未达到目标 {target}"
    if denominator.is_zero():
        score = _cap(_ZERO, weight)
        return Suggestion("quantitative", score, False, None,
                          f"{head}，无法按比例计算（除数为 0），建议 {format_score(score)}")
    with localcontext(_CONTEXT):
        raw = numerator / denominator * weight
    score = _cap(raw, weight)
    formula = f"{plain(numerator)}/{plain(denominator)}×{w} = {format_score(score)}"
    return Suggestion("quantitative", score, False, None, f"{head}：{formula}")


def _qualitative(
    target_text: str, actual_text: str, grade: Grade | None, weight: Decimal, target: Target | None
) -> Suggestion:
    if grade is None:
        if target is not None:
            what = (f"{_ACTUAL}“{_short(actual_text)}”无法与目标 {target} 比较"
                    if actual_text.strip() else f"{_ACTUAL}为空")
            why = f"{what}，按定性指标评价，请选择评价等级"
        elif target_text.strip():
            why = f"{_TARGET}“{_short(target_text)}”无法量化，按定性指标评价，请选择评价等级"
        else:
            why = f"{_TARGET}为空，按定性指标评价，请选择评价等级"
        return Suggestion("qualitative", None, None, None, why)
    low, high = grade_band(grade, weight)
    score = _band_top(grade, weight)
    share_low, share_high = GRADE_BANDS[grade]
    is_met = grade == "achieved"
    top = grade in TOP_INCLUDED
    shares = f"分值的 {_percent(share_low)}–{_percent(share_high)}" + ("" if top else "，不含上限")
    return Suggestion(
        "qualitative", score, is_met, (low, high),
        f"评价等级“{GRADE_LABELS[grade]}”：得分应"
        f"{band_text(grade, format_score(low), format_score(high))}（{shares}），"
        f"建议 {format_score(score)}",
        top_included=top,
    )


def suggest(indicator: Indicator) -> Suggestion | None:
    """The rule-based score for ``indicator``; None when it has no weight or is empty."""
    if indicator.weight is None or indicator.is_empty():
        return None
    return _suggest(indicator.target, indicator.actual, indicator.weight, indicator.grade)


@lru_cache(maxsize=4096)
def _suggest(
    target_text: str, actual_text: str, weight: Decimal, grade: Grade | None
) -> Suggestion:
    """Cached on the cells it depends on: the window re-checks the form on every edit."""
    target = parse_target(target_text)
    actual = parse_actual(actual_text)
    if target is not None and actual is not None:
        is_met = met(target, actual)
        value = actual_in_target_unit(target, actual)
        # A bound actual (≥95%) that misses the target gives no figure to score with.
        if value is not None and (is_met is True or (is_met is False and actual.bound is None)):
            return _quantitative(target, actual, value, is_met, weight)
    return _qualitative(target_text, actual_text, grade, weight, target)


# --- checks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What every rule needs, computed once per check."""

    form: Form
    filled: tuple[tuple[int, Indicator, Suggestion | None], ...]
    """Non-empty indicator rows: (index, indicator, suggestion)."""

    def rows(self) -> Iterator[tuple[int, Indicator, Suggestion | None]]:
        """Non-empty indicator rows with their index and suggestion."""
        return iter(self.filled)

    def money(self, value: Decimal | None) -> str:
        return format_amount(value) or "空"


Rule = Callable[[_Context], Iterable[Finding]]


def _finding(code: str, message: str, location: FieldPath = ROOT) -> Finding:
    return Finding(CODES[code], code, message, location)


def _short(text: str, limit: int = 20) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _row(i: int, ind: Indicator) -> str:
    name = _short(ind.name)
    return f"第 {i + 1} 行指标“{name}”" if name else f"第 {i + 1} 行指标"


def _weights_not_100(ctx: _Context) -> Iterable[Finding]:
    total = figures.weight_total(ctx.form)
    if total != _HUNDRED:
        funding = format_plain(ctx.form.funding.weight) or "0"
        indicators = format_plain(figures.indicator_weight_sum(ctx.form))
        yield _finding("weights-not-100",
                       f"分值合计为 {format_plain(total)}"
                       f"（资金 {funding} + 指标 {indicators}），应为 100")


def _weight_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        if ind.weight is None and ind.score is not None:
            yield _finding("weight-missing",
                           f"{_row(i, ind)}有得分 {format_plain(ind.score)} 但没有分值",
                           FieldPath.indicator(i, "weight"))


def _score_exceeds_weight(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        if ind.weight is not None and ind.score is not None and ind.score > ind.weight:
            yield _finding("score-exceeds-weight",
                           f"{_row(i, ind)}的得分 {format_plain(ind.score)} 超过分值 "
                           f"{format_plain(ind.weight)}",
                           FieldPath.indicator(i, "score"))


def _budget_missing(ctx: _Context) -> Iterable[Finding]:
    budget = figures.total_row(ctx.form).annual_budget
    if budget is None or budget.is_zero():
        state = "为空" if budget is None else "为 0"
        yield _finding("budget-missing",
                       f"{_TOTAL}的{_BUDGET}{state}，无法计算执行率",
                       FieldPath.of("funding", "total", "annual_budget"))


def _sources_mismatch(ctx: _Context) -> Iterable[Finding]:
    typed = ctx.form.funding.total
    if typed is None:
        return
    summed = figures.summed_total_row(ctx.form)
    for spec_column in _FUNDING.amount_columns:
        column, label = spec_column.key, spec_column.label
        total, parts = getattr(typed, column), getattr(summed, column)
        if parts is None or total == parts or (total is None and parts.is_zero()):
            continue
        yield _finding("sources-mismatch",
                       f"{_TOTAL}的{label} {ctx.money(total)} 与其中各项合计 "
                       f"{ctx.money(parts)} 不一致",
                       FieldPath.of("funding", "total", column))


def _funding_rows(ctx: _Context) -> Iterator[tuple[str, FundingRow]]:
    """The total row in force (typed or summed), then the three 其中 rows, by field name."""
    yield "total", figures.total_row(ctx.form)
    for name in FUNDING_SOURCES:
        yield name, getattr(ctx.form.funding, name)


def _over_execution(ctx: _Context) -> Iterable[Finding]:
    for name, row in _funding_rows(ctx):
        if row.executed is None or row.annual_budget is None:
            continue
        if row.executed > row.annual_budget:
            yield _finding("over-execution",
                           f"{_FUNDING.row(name).name}的{_EXECUTED} {ctx.money(row.executed)} "
                           f"超过{_BUDGET} {ctx.money(row.annual_budget)}",
                           FieldPath.of("funding", name, "executed"))


def _executed_missing(ctx: _Context) -> Iterable[Finding]:
    row = figures.total_row(ctx.form)
    if row.executed is None and row.annual_budget is not None and not row.annual_budget.is_zero():
        yield _finding("executed-missing",
                       f"{_TOTAL}的{_EXECUTED}为空，执行率无法计算，资金得分按 0 计",
                       FieldPath.of("funding", "total", "executed"))


def _not_met(ind: Indicator, sug: Suggestion | None) -> bool:
    """Target missed by the parser's reading, or by the unit's own grade (qualitative)."""
    if sug is None:
        return False
    if sug.kind == "quantitative":
        return sug.met is False
    return ind.grade in ("partial", "not_achieved")


def _explained(text: str) -> bool:
    """A deviation holding only "—" or "/" explains nothing."""
    return text.strip() not in NOTHING_WRITTEN | {""}


def _deviation_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, sug in ctx.rows():
        if _not_met(ind, sug) and not _explained(ind.deviation):
            why = (f"实际 {ind.actual.strip()} 未达到目标 {ind.target.strip()}"
                   if sug is not None and sug.kind == "quantitative"
                   else f"评价等级为“{GRADE_LABELS[ind.grade or 'partial']}”")
            yield _finding("deviation-missing",
                           f"{_row(i, ind)}{why}，但未填写{_DEVIATION}",
                           FieldPath.indicator(i, "deviation"))


def _deduction_unexplained(ctx: _Context) -> Iterable[Finding]:
    for i, ind, sug in ctx.rows():
        if (ind.weight is not None and ind.score is not None and ind.score < ind.weight
                and not _explained(ind.deviation) and not _not_met(ind, sug)):
            yield _finding("deduction-unexplained",
                           f"{_row(i, ind)}得分 {format_plain(ind.score)} 低于分值 "
                           f"{format_plain(ind.weight)}，但未填写{_DEVIATION}",
                           FieldPath.indicator(i, "deviation"))


def _score_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        if ind.weight is not None and ind.score is None:
            yield _finding("score-missing",
                           f"{_row(i, ind)}有分值 {format_plain(ind.weight)} 但尚未评分",
                           FieldPath.indicator(i, "score"))


def _grade_band(ctx: _Context) -> Iterable[Finding]:
    for i, ind, sug in ctx.rows():
        if (sug is None or sug.kind != "qualitative" or sug.band is None
                or ind.score is None or ind.grade is None or ind.weight is None):
            continue
        low, high = sug.band
        if not in_band(ind.grade, ind.weight, ind.score):
            band = band_text(ind.grade, format_score(low), format_score(high))
            yield _finding("grade-band",
                           f"{_row(i, ind)}评价等级为“{GRADE_LABELS[ind.grade]}”，得分应"
                           f"{band}，实际为 {format_plain(ind.score)}",
                           FieldPath.indicator(i, "score"))


def _level1_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        if not ind.level1.strip():
            yield _finding("level1-missing", f"{_row(i, ind)}未填写{_LEVEL1}",
                           FieldPath.indicator(i, "level1"))


def _level2_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        if not ind.level2.strip():
            yield _finding("level2-missing", f"{_row(i, ind)}未填写{_LEVEL2}",
                           FieldPath.indicator(i, "level2"))


def _name_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        # A weight alone does not count: a new form carries the template's weights.
        has_content = ind.target.strip() or ind.actual.strip() or ind.score is not None
        if has_content and not ind.name.strip():
            yield _finding("name-missing", f"第 {i + 1} 行指标未填写{_NAME}名称",
                           FieldPath.indicator(i, "name"))


def _target_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        if ind.score is not None and not ind.target.strip():
            yield _finding("target-missing", f"{_row(i, ind)}已评分但未填写{_TARGET}",
                           FieldPath.indicator(i, "target"))


def _actual_missing(ctx: _Context) -> Iterable[Finding]:
    for i, ind, _ in ctx.rows():
        if ind.score is not None and not ind.actual.strip():
            yield _finding("actual-missing", f"{_row(i, ind)}已评分但未填写{_ACTUAL}",
                           FieldPath.indicator(i, "actual"))


def _score_off_rule(ctx: _Context) -> Iterable[Finding]:
    for i, ind, sug in ctx.rows():
        if (sug is None or sug.kind != "quantitative" or sug.score is None
                or ind.score is None or figures.round_half_up(ind.score) == sug.score):
            continue
        yield _finding("score-off-rule",
                       f"{_row(i, ind)}得分 {format_plain(ind.score)} 与按规则计算的建议得分 "
                       f"{format_score(sug.score)} 不同（{sug.explanation}）",
                       FieldPath.indicator(i, "score"))


def _printed_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_PRINTED: Final[tuple[tuple[str, FieldPath, str, Callable[[Decimal | None], str]], ...]] = (
    ("execution_rate", FieldPath.of("funding", "execution_rate"),
     _FUNDING.column_of_kind("rate").label, format_rate),
    ("funding_score", FieldPath.of("funding", "score"),
     f"{_TOTAL}的{_FUNDING.column_of_kind('score').label}", format_score),
    ("weight_total", FieldPath.of("weight_total"),
     f"{_COLUMNS.total_label}行的{_FUNDING.column_of_kind('weight').label}", format_plain),
    ("total_score", FieldPath.of("total_score"), _COLUMNS.total_label, format_score),
)
"""Per published figure: its key, its cell, its name in messages, how the form shows it."""


def _published_mismatch(ctx: _Context) -> Iterable[Finding]:
    """A printed figure that the data does not give, at the places it was printed with
    (a 执行率 printed as 86 % agrees with 86.18 %; 86.19 % does not)."""
    published = ctx.form.published
    if published is None:
        return
    exact = figures.printed_figures_exact(ctx.form)
    for key, location, name, shown in _PRINTED:
        printed: Decimal | None = getattr(published, key)
        if printed is None:
            continue
        value = exact[key]
        if key == "weight_total":
            agrees = value == printed  # weights are exact: 99.5 is not a printed 100
        else:
            places = _printed_places(printed)
            agrees = value is not None and figures.round_half_up(value, places) == printed
        if agrees:
            continue
        if value is not None and key != "weight_total":
            value = figures.round_half_up(value)
        percent = "%" if key == "execution_rate" else ""
        yield _finding("published-mismatch",
                       f"{name}印为 {printed:f}{percent}，按数据计算为 {shown(value)}",
                       location)


def _weights_off_recommended(ctx: _Context) -> Iterable[Finding]:
    funding_weight = ctx.form.funding.weight
    if funding_weight != RECOMMENDED_FUNDING_WEIGHT:
        yield _finding("weights-off-recommended",
                       f"预算执行率分值为 {format_plain(funding_weight) or '空'}，建议为 "
                       f"{format_plain(RECOMMENDED_FUNDING_WEIGHT)}",
                       FieldPath.of("funding", "weight"))
    actual = figures.level1_weights(ctx.form)
    for level1, recommended in RECOMMENDED_WEIGHTS.items():
        weight = actual.get(level1, _ZERO)
        if weight == recommended:
            continue
        first = next((i for i, ind in enumerate(ctx.form.indicators)
                      if ind.level1.strip() == level1 and ind.weight is not None), None)
        yield _finding("weights-off-recommended",
                       f"{level1}分值合计为 {format_plain(weight)}，"
                       f"建议为 {format_plain(recommended)}",
                       ROOT if first is None else FieldPath.indicator(first, "weight"))


RULES: Final[list[Rule]] = [
    _weights_not_100,
    _weight_missing,
    _score_exceeds_weight,
    _budget_missing,
    _level1_missing,
    _sources_mismatch,
    _over_execution,
    _executed_missing,
    _deviation_missing,
    _deduction_unexplained,
    _score_missing,
    _grade_band,
    _level2_missing,
    _name_missing,
    _target_missing,
    _actual_missing,
    _published_mismatch,
    _score_off_rule,
    _weights_off_recommended,
]
"""Every rule, in the order its findings are listed within a severity."""


def check(form: Form) -> list[Finding]:
    """All findings for ``form``: errors first, then warnings, then infos; stable order."""
    filled = tuple((i, ind, suggest(ind)) for i, ind in enumerate(form.indicators)
                   if not ind.is_empty())
    ctx = _Context(form, filled)
    found = [finding for rule in RULES for finding in rule(ctx)]
    return sorted(found, key=lambda f: _SEVERITY_ORDER[f.severity])


__all__ = [
    "CODES",
    "GRADE_BANDS",
    "RULES",
    "TOP_INCLUDED",
    "Finding",
    "Severity",
    "Suggestion",
    "band_text",
    "check",
    "grade_band",
    "in_band",
    "suggest",
]
