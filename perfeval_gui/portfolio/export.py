"""The roll-up as a table of values, and as .xlsx and .csv bytes.

One row per form (and per file that could not be read, with the reason), in
``rows.COLUMNS``; a 合计 row (budget, executed and the overall 执行率); then the totals as
label/value pairs (in .xlsx on a sheet of their own). Amounts are in the totals' unit,
converted exactly, so the rows add up to the 合计. Numbers stay numbers: Decimal here,
numbers in the .xlsx (exact: a figure a spreadsheet cannot hold exactly is written as its
decimal text), plain decimal text in the .csv (no thousands separators, so Excel and WPS
read them as numbers).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

from perfeval_gui.numbers import format_score
from perfeval_gui.portfolio.rows import COLUMNS, Entry, FormRow, column
from perfeval_gui.portfolio.totals import Totals
from perfeval_gui.spec import SELF_GRADE_NAME

Value = str | int | Decimal | None
"""A cell of the roll-up: text, a count or year, a figure, or empty."""

TOTAL_LABEL: Final = "合计"
UNGRADED: Final = "未评"
"""The grade column of a form nothing of which is scored."""


def header(unit: str) -> list[str]:
    """The column headers, amounts and the rate with their unit (全年预算数（万元）)."""
    out: list[str] = []
    for col in COLUMNS:
        if col.kind == "amount":
            out.append(f"{col.label}（{unit}）")
        elif col.kind == "rate":
            out.append(f"{col.label}（%）")
        else:
            out.append(col.label)
    return out


def entry_values(entry: Entry, totals: Totals) -> list[Value]:
    """One entry's cells in COLUMNS order, amounts in the totals' unit."""
    if not isinstance(entry, FormRow):
        return [entry.file if c.key == "file" else entry.reason if c.key == "problem" else None
                for c in COLUMNS]
    values: list[Value] = []
    for col in COLUMNS:
        if col.kind == "amount":
            values.append(entry.amount_in(getattr(entry, col.key), totals.unit))
        elif col.key == "grade":
            values.append(entry.grade or UNGRADED)
        elif col.key == "problem":
            values.append(None)
        else:
            values.append(getattr(entry, col.key))
    return values


def total_values(totals: Totals) -> list[Value]:
    """The 合计 row: budget, executed and the overall 执行率 under their columns."""
    sums: dict[str, Value] = {
        "annual_budget": totals.annual_budget,
        "executed": totals.executed,
        "execution_rate": totals.execution_rate,
    }
    values = [sums.get(c.key) for c in COLUMNS]
    values[0] = f"{TOTAL_LABEL}（{totals.forms} 个表）"
    return values


def summary_pairs(totals: Totals) -> list[tuple[str, Value, str]]:
    """The totals as (label, value, kind) lines, in the order every roll-up lists them;
    kind as a Column's (amount, rate, score, count, text)."""
    unit = totals.unit
    pairs: list[tuple[str, Value, str]] = [
        ("自评表（个）", totals.forms, "count"),
        ("无法读取的文件（个）", totals.unreadable, "count"),
        ("金额单位", unit, "text"),
        (f"{column('annual_budget').label}合计（{unit}）", totals.annual_budget, "amount"),
        (f"{column('executed').label}合计（{unit}）", totals.executed, "amount"),
        ("总执行率（%）", totals.execution_rate, "rate"),
        ("平均总分", totals.mean_score, "score"),
        ("总分中位数", totals.median_score, "score"),
    ]
    pairs += [(f"{SELF_GRADE_NAME} {g}（个）", n, "count") for g, n in totals.grades.items()]
    pairs += [
        (f"{SELF_GRADE_NAME} {UNGRADED}（个）", totals.ungraded, "count"),
        ("有错误的表（个）", totals.forms_with_errors, "count"),
        ("错误（条）", totals.errors, "count"),
        ("警告（条）", totals.warnings, "count"),
    ]
    pairs += [(f"问题代码 {code}（表数）", n, "count") for code, n in totals.codes.items()]
    return pairs


def number_text(value: Value, kind: str = "") -> str:
    """A cell as text: figures as plain decimals (scores with 2 places), empty as ''."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_score(value) if kind == "score" else format_plain_amount(value)
    return str(value)


def format_plain_amount(value: Decimal) -> str:
    """An amount or rate as plain decimal text, exact, at least 2 places (650000.00)."""
    text = format(value, "f")
    if "." not in text:
        return text + ".00"
    whole, frac = text.split(".")
    return f"{whole}.{frac.rstrip('0').ljust(2, '0')}"


_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: str) -> str:
    """A text a spreadsheet would take for a formula (``=HYPERLINK(…)`` typed as a project
    name) is prefixed with ' so that opening the .csv never runs it."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def summary_csv(entries: Sequence[Entry], totals: Totals) -> bytes:
    """The roll-up as CSV: UTF-8 with a BOM (so Excel and WPS read the Chinese right),
    CRLF line ends, the rows, the 合计 row, an empty line, then the totals' pairs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    kinds = [c.kind for c in COLUMNS]
    writer.writerow(header(totals.unit))

    def cells(values: Sequence[Value]) -> list[str]:
        return [_csv_text(v) if isinstance(v, str) else number_text(v, kind)
                for v, kind in zip(values, kinds, strict=True)]

    for entry in entries:
        writer.writerow(cells(entry_values(entry, totals)))
    writer.writerow(cells(total_values(totals)))
    writer.writerow([])
    for label, value, kind in summary_pairs(totals):
        writer.writerow([label, _csv_text(value) if isinstance(value, str)
                         else number_text(value, kind)])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def decimals_needed(values: Sequence[Value], cap: int = 10) -> int:
    """Decimals the widest of ``values`` needs to be shown exactly, at least 2 (money) and
    at most ``cap`` (a 万元 total of 元 forms may need 8: 0.01 元 is 0.000001 万元)."""
    most = 2
    for value in values:
        if isinstance(value, Decimal):
            exponent = value.normalize().as_tuple().exponent
            if isinstance(exponent, int):
                most = max(most, -exponent)
    return min(most, cap)


def summary_xlsx(entries: Sequence[Entry], totals: Totals) -> bytes:
    """The roll-up as .xlsx: sheet 项目一览 (frozen header, auto-filter over the rows, the 合计
    row below them) and sheet 汇总 (the totals' pairs). Figures are numbers."""
    import xlsxwriter

    from perfeval_gui.workbook.writer import excel_number

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    })
    bold = book.add_format({"bold": True})
    head_fmt = book.add_format({"bold": True, "text_wrap": True, "valign": "vcenter",
                                "align": "center", "bottom": 1})
    rows = [entry_values(e, totals) for e in entries]
    total_row = total_values(totals)
    formats: dict[int, Any] = {}
    for i, col in enumerate(COLUMNS):
        if col.kind == "amount":
            places = decimals_needed([r[i] for r in [*rows, total_row]])
            formats[i] = book.add_format({"num_format": "#,##0." + "0" * places})
        elif col.kind in ("rate", "score"):
            formats[i] = book.add_format({"num_format": "0.00"})

    def put(ws: Any, r: int, c: int, value: Value, fmt: Any = None) -> None:
        if value is None:
            return
        if isinstance(value, Decimal):
            number = excel_number(value)
            if isinstance(number, float):
                ws.write_number(r, c, number, fmt)
            else:  # more digits than a spreadsheet's number holds: the exact text
                ws.write_string(r, c, number, fmt)
        elif isinstance(value, int):
            ws.write_number(r, c, value, fmt)
        else:
            ws.write_string(r, c, value, fmt)

    ws = book.add_worksheet("项目一览")
    for c, text in enumerate(header(totals.unit)):
        ws.write_string(0, c, text, head_fmt)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            put(ws, r, c, value, formats.get(c))
    last = len(rows)
    for c, value in enumerate(total_row):
        put(ws, last + 1, c, value, formats.get(c, bold))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(last, 1), len(COLUMNS) - 1)
    widths = {"text": 18, "year": 7, "amount": 16, "rate": 10, "score": 9, "grade": 8,
              "count": 6}
    for c, col in enumerate(COLUMNS):
        ws.set_column(c, c, 40 if col.key in ("file", "problem") else widths[col.kind])

    pairs = book.add_worksheet("汇总")
    pairs.set_column(0, 0, 36)
    pairs.set_column(1, 1, 20)
    money = book.add_format({"num_format": "#,##0." + "0" * decimals_needed(
        [totals.annual_budget, totals.executed])})
    score = book.add_format({"num_format": "0.00"})
    kind_formats = {"amount": money, "rate": score, "score": score}
    for r, (label, value, kind) in enumerate(summary_pairs(totals)):
        pairs.write_string(r, 0, label)
        put(pairs, r, 1, value, kind_formats.get(kind))
    book.close()
    return buffer.getvalue()

