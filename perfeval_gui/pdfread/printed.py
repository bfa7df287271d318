"""What a form's page printed beyond its typed values, found by the same labels the
workbook reader uses: the figures (执行率 and 得分 of the 年度资金总额 row, 分值 and 得分 of
the 总分 row) kept in ``Form.published``, and which field a doubtful cell would have
filled (so a note about a clipped cell takes the clerk to that field).

Works on the rows of one form as assemble.py laid them out (a ``Sheet``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from perfeval_gui.fieldpath import ROOT, FieldPath
from perfeval_gui.model import Published
from perfeval_gui.numbers import NumberInputError, parse_number_input
from perfeval_gui.workbook.cells import EMPTY_MARKS, Sheet, Value, normalize
from perfeval_gui.workbook.labels import labels
from perfeval_gui.workbook.reader import Note

FUNDING_ROWS_AFTER_HEADER: Final = 12


@dataclass
class FormRows:
    """Where the blocks of one form are in its rows (None: not found)."""

    sheet: Sheet
    funding_head: int | None = None
    funding_columns: dict[str, int] = field(default_factory=dict)
    funding_rows: dict[int, str] = field(default_factory=dict)
    """Row → Funding field (total, current_year_appropriation …)."""
    goals_head: int | None = None
    goals_columns: dict[str, int] = field(default_factory=dict)
    indicator_head: int | None = None
    indicator_columns: dict[str, int] = field(default_factory=dict)
    total_row: int | None = None
    """The 总分 row."""
    header_rows: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    """Row → (column of a header label, Form field) (项目名称, 主管部门, 实施单位)."""


def locate(sheet: Sheet) -> FormRows:
    """The blocks of the (first) form in ``sheet``."""
    known = labels()
    found = FormRows(sheet)
    for r, row in enumerate(sheet.rows):
        texts = [(c, normalize(v)) for c, v in enumerate(row) if isinstance(v, str) and v]
        if not texts:
            continue
        heads = [(c, known.header[n]) for c, n in texts if n in known.header]
        if heads and found.funding_head is None:
            found.header_rows[r] = heads
        if found.funding_head is None:
            columns = {known.funding_columns[n]: c for c, n in texts
                       if n in known.funding_columns}
            if len(columns) >= 3:
                found.funding_head, found.funding_columns = r, columns
                continue
        elif r <= found.funding_head + FUNDING_ROWS_AFTER_HEADER \
                and found.goals_head is None and found.indicator_head is None:
            key = next((known.funding_rows[n] for _, n in texts if n in known.funding_rows),
                       None)
            if key is not None and key not in found.funding_rows.values():
                found.funding_rows[r] = key
        if found.goals_head is None and found.indicator_head is None:
            goals = {known.goals[n]: c for c, n in texts if n in known.goals}
            if goals:
                found.goals_head, found.goals_columns = r, goals
                continue
        if found.indicator_head is None:
            columns = {known.indicators[n]: c for c, n in texts if n in known.indicators}
            if len(columns) >= 3 and "name" in columns:
                found.indicator_head, found.indicator_columns = r, columns
            continue
        if texts[0][1] in known.totals:
            found.total_row = r
            break
    return found


def under(sheet: Sheet, head: int, col: int, row: int) -> Value:
    """The value of ``row`` under the header cell at (head, col): the first filled cell
    within the header's merged width."""
    for c in range(col, sheet.merge_end(head, col) + 1):
        value = sheet.value(row, c)
        if value is not None and value != "":
            return value
    return None


def _column(sheet: Sheet, head: int, columns: dict[str, int], col: int) -> str | None:
    """The key of the header cell whose merged width holds column ``col``."""
    return next((key for key, c in columns.items()
                 if c <= col <= sheet.merge_end(head, c)), None)


def field_at(rows: FormRows, row: int, col: int) -> FieldPath:
    """The field the cell at (row, col) fills, or ROOT when it fills none."""
    sheet = rows.sheet
    if rows.indicator_head is not None and row > rows.indicator_head and (
            rows.total_row is None or row < rows.total_row):
        key = _column(sheet, rows.indicator_head, rows.indicator_columns, col)
        return FieldPath.indicator(row - rows.indicator_head - 1, key)
    if rows.goals_head is not None and row == rows.goals_head + 1:
        key = _column(sheet, rows.goals_head, rows.goals_columns, col)
        return FieldPath.of("goals", key) if key else FieldPath.of("goals")
    if row in rows.funding_rows and rows.funding_head is not None:
        key = _column(sheet, rows.funding_head, rows.funding_columns, col)
        if key in ("initial_budget", "annual_budget", "executed"):
            return FieldPath.of("funding", rows.funding_rows[row], key)
        return FieldPath.of("funding", "weight") if key == "weight" else ROOT
    for c, key in sorted(rows.header_rows.get(row, []), reverse=True):
        if c < col:
            return FieldPath.of(key)
    return ROOT


def _number(value: Value, what: str, where: str, notes: list[Note]) -> Decimal | None:
    if not isinstance(value, str) or value.strip() in EMPTY_MARKS:
        return None
    try:
        return parse_number_input(value)
    except NumberInputError as exc:
        reason = str(exc)
        why = "不是数字" if reason.endswith("不是有效的数字") else f"无法记录（{reason}）"
        notes.append(Note(where, f"印出的{what}“{value[:30]}”{why}，未记录"))
        return None


def published(rows: FormRows, where: str, notes: list[Note]) -> Published | None:
    """The figures the page printed; None when it printed none of them."""
    sheet = rows.sheet
    figures: dict[str, Decimal | None] = {}
    total = next((r for r, key in rows.funding_rows.items() if key == "total"), None)
    if rows.funding_head is not None and total is not None:
        for key, target, name in (("execution_rate", "execution_rate", "执行率"),
                                  ("score", "funding_score", "资金得分")):
            if key in rows.funding_columns:
                value = under(sheet, rows.funding_head, rows.funding_columns[key], total)
                figures[target] = _number(value, name, where, notes)
    if rows.indicator_head is not None and rows.total_row is not None:
        for key, target, name in (("weight", "weight_total", "分值合计"),
                                  ("score", "total_score", "总分")):
            if key in rows.indicator_columns:
                value = under(sheet, rows.indicator_head, rows.indicator_columns[key],
                              rows.total_row)
                figures[target] = _number(value, name, where, notes)
    if all(value is None for value in figures.values()):
        return None
    return Published(**figures)
