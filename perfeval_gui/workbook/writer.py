"""The form as one .xlsx that looks like the paper form and stays live (XlsxWriter).

The sheet's columns are the union of the paper's column rules (as the PDF replica draws
them, from the spec's printed widths), so every block keeps its own widths and each cell
is a merged range between two rules, as on paper. Amounts, weights and scores are numbers;
texts (targets and actuals too) are text, so ``=100%`` stays text. 执行率, 资金得分, the
auto-summed total, 分值合计 and 总分 are formulas whose cached values are the editor's
figures (figures.py), so Excel, WPS and LibreOffice show them on opening and recompute
when the clerk edits there. ROUND is half away from zero, which is 四舍五入 for the form's
non-negative figures.

Export → import (reader.py) gives back the same form: the 评价等级 column, which the
paper does not print, sits right of the print area.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from perfeval_gui.figures import compute, summed_total_row
from perfeval_gui.model import Form, Indicator
from perfeval_gui.numbers import EXCEL_POINTS_FORMAT, amount_decimals
from perfeval_gui.spec import GRADE_LABELS, STANDARD

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

LAYOUT: Final = STANDARD
FONT: Final = "宋体"
"""Named, not embedded: SimSun on Chinese Windows and WPS; other machines substitute."""
FONT_SIZE: Final = 10
TITLE_SIZE: Final = 16
LINE_PT: Final = 13.5
"""Height of one line of text at FONT_SIZE, in points."""
SCALE: Final = 1.35
"""Sheet columns are this much wider than the paper's (roomier for editing on screen;
printing fits the width back onto A4)."""
PX_PER_PT: Final = 4 / 3 * SCALE
"""Column width in pixels per point of the paper's width."""
EXCEL_TEXT_LIMIT: Final = 32767
"""Characters Excel holds in one cell."""
EXACT_DIGITS: Final = 15
"""Significant digits a spreadsheet number keeps exactly; longer figures are written as text."""
GOALS_SPLIT: Final = 280.0
"""Where 预期目标 ends and 实际完成情况 begins on paper (points; as the PDF draws it)."""


def _edges(start: float, widths: Sequence[float]) -> tuple[float, ...]:
    edges = [0.0, start]
    for width in widths:
        edges.append(edges[-1] + width)
    return tuple(edges)


_LABEL: Final = LAYOUT.label_print_width
IND_X: Final = _edges(_LABEL, [c.print_width or 0.0 for c in LAYOUT.indicators.printed])
FUND_X: Final = _edges(_LABEL, [LAYOUT.funding.row_label_print_width,
                                *(c.print_width for c in LAYOUT.funding.columns)])
HEAD_X: Final = (0.0, IND_X[2], IND_X[4], FUND_X[4], IND_X[-1])
RULES: Final = tuple(sorted({*IND_X, *FUND_X, *HEAD_X, GOALS_SPLIT}))
"""x positions of every rule of the paper form: sheet column i lies between RULES[i] and
RULES[i + 1]."""
GRADE_COL: Final = len(RULES) - 1
"""The 评价等级 column, right of the printed form."""


def _col(x: float) -> int:
    return RULES.index(x)


def excel_number(value: Decimal) -> float | str:
    """A float when the spreadsheet holds ``value`` exactly (≤ 15 significant digits),
    else its exact decimal text (which the reader parses back to the same Decimal)."""
    digits = value.normalize().as_tuple().digits
    if len(digits) <= EXACT_DIGITS:
        return float(value)
    return format(value, "f")


def _text_lines(text: str, width_pt: float, size: float = FONT_SIZE) -> int:
    """Lines ``text`` wraps to in a cell ``width_pt`` wide (an estimate: CJK = 1 em,
    others ½ em), so that row heights show the whole text as on paper."""
    inner = max(width_pt * SCALE - 4.0, size)
    lines = 0
    for line in text.split("\n"):
        units = sum(1.0 if ord(c) > 0x2E7F else 0.55 for c in line) * size
        lines += max(1, math.ceil(units / inner))
    return lines


@dataclass
class _Sheet:
    """One worksheet being written, with the formats it has made (XlsxWriter needs one
    Format object per combination)."""

    book: Any
    ws: Worksheet
    formats: dict[tuple[Any, ...], Format] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def fmt(self, align: str = "center", num: str | None = None, bold: bool = False,
            size: int = FONT_SIZE, border: bool = True) -> Format:
        key = (align, num, bold, size, border)
        found = self.formats.get(key)
        if found is None:
            props: dict[str, Any] = {"font_name": FONT, "font_size": size, "valign": "vcenter",
                                     "align": align, "text_wrap": True, "bold": bold}
            if border:
                props["border"] = 1
            if num is not None:
                props["num_format"] = num
            found = self.formats[key] = self.book.add_format(props)
        return found

    def need(self, row: int, text: str, width_pt: float, rows: int = 1) -> None:
        """Make ``row`` tall enough for ``text`` (spread over ``rows`` merged rows)."""
        height = _text_lines(text, width_pt) * LINE_PT / rows + 6
        self.heights[row] = max(self.heights.get(row, LINE_PT + 6), height)

    def text(self, row: int, x0: float, x1: float, value: str, fmt: Format,
             last_row: int | None = None) -> None:
        """A text cell between two rules (merged when it spans columns or rows)."""
        last = row if last_row is None else last_row
        if len(value) > EXCEL_TEXT_LIMIT:
            self.problems.append(f"第 {row + 1} 行的文字超过 Excel 单元格上限 "
                                 f"{EXCEL_TEXT_LIMIT} 字，已截断")
            value = value[:EXCEL_TEXT_LIMIT]
        c0, c1 = _col(x0), _col(x1) - 1
        if (c0, row) != (c1, last):
            self.ws.merge_range(row, c0, last, c1, "", fmt)
        if value:
            self.ws.write_string(row, c0, value, fmt)
        elif (c0, row) == (c1, last):
            self.ws.write_blank(row, c0, None, fmt)
        if value and last == row:
            self.need(row, value, x1 - x0)

    def number(self, row: int, x0: float, x1: float, value: Decimal | None,
               fmt: Format) -> None:
        c0, c1 = _col(x0), _col(x1) - 1
        if c1 > c0:
            self.ws.merge_range(row, c0, row, c1, "", fmt)
        if value is None:
            self.ws.write_blank(row, c0, None, fmt)
            return
        number = excel_number(value)
        if isinstance(number, str):
            self.ws.write_string(row, c0, number, fmt)
        else:
            self.ws.write_number(row, c0, number, fmt)

    def formula(self, row: int, x0: float, x1: float, formula: str, fmt: Format,
                cached: float | str) -> None:
        c0, c1 = _col(x0), _col(x1) - 1
        if c1 > c0:
            self.ws.merge_range(row, c0, row, c1, "", fmt)
        self.ws.write_formula(row, c0, formula, fmt, cached)


def _cell(row: int, col: int) -> str:
    """A1 reference of a 0-based cell."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    ref: str = xl_rowcol_to_cell(row, col)
    return ref


def _cached(value: Decimal | None, empty: str = "") -> float | str:
    return empty if value is None else float(value)


def _amount_format(value: Decimal | None) -> str:
    """Each amount with its own decimals, as the window shows it (numbers.amount_decimals)."""
    places = 2 if value is None else amount_decimals(value)
    return "#,##0." + "0" * places


def _groups(indicators: Sequence[Indicator]) -> list[tuple[int, int, int]]:
    """Runs of rows sharing a merged 一级 (kind 1) or 二级 (kind 2) cell: (kind, first, last).

    Exactly equal, non-blank texts merge (the reader fills a merged cell down, so the
    imported rows get back exactly the text they had); a 二级 run stays inside its 一级 run.
    """
    runs: list[tuple[int, int, int]] = []
    start1 = start2 = 0
    for index in range(1, len(indicators) + 1):
        prev = indicators[index - 1]
        cur = indicators[index] if index < len(indicators) else None
        same1 = cur is not None and bool(cur.level1.strip()) and cur.level1 == prev.level1
        same2 = same1 and cur is not None and bool(cur.level2.strip()) \
            and cur.level2 == prev.level2
        if not same2:
            if index - 1 > start2:
                runs.append((2, start2, index - 1))
            start2 = index
        if not same1:
            if index - 1 > start1:
                runs.append((1, start1, index - 1))
            start1 = index
    return runs


def _utf16_cut(text: str, units: int) -> str:
    """The longest start of ``text`` within ``units`` UTF-16 code units (Excel counts so)."""
    out, used = [], 0
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            break
        out.append(char)
    return "".join(out)


def sheet_name(form: Form, taken: Sequence[str] = ()) -> str:
    """A worksheet name from the project's name: Excel's forbidden characters removed,
    at most 31 characters, unique within ``taken``."""
    name = "".join(c for c in form.project_name if c not in "[]:*?/\\" and c.isprintable())
    name = _utf16_cut(name.strip(" '"), 31).strip(" '")
    if not name or name.lower() == "history":  # Excel reserves History
        name = "自评表"
    base, number = name, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"({number})"
        name = _utf16_cut(base, 31 - len(suffix)) + suffix
        number += 1
    return name


def write_form_sheet(book: Any, form: Form, name: str) -> list[str]:
    """Write ``form`` on a new worksheet ``name`` of an XlsxWriter workbook; returns the
    problems (text cut at Excel's cell limit), empty when the sheet holds the form exactly."""
    sheet = _Sheet(book, book.add_worksheet(name))
    ws = sheet.ws
    for index in range(len(RULES) - 1):
        ws.set_column_pixels(index, index, round((RULES[index + 1] - RULES[index]) * PX_PER_PT))
    if any(ind.grade is not None for ind in form.indicators):
        ws.set_column_pixels(GRADE_COL, GRADE_COL, round(100 * PX_PER_PT))
    width = RULES[-1]
    sheet.text(0, 0.0, width, LAYOUT.title, sheet.fmt(bold=True, size=TITLE_SIZE, border=False))
    sheet.heights[0] = TITLE_SIZE * 2
    sheet.text(1, 0.0, width, LAYOUT.year_text(form.year), sheet.fmt(border=False))
    _header(sheet, form, 2)
    weight_ref, score_ref = _funding(sheet, form, 4)
    goals_row = 5 + len(LAYOUT.funding.rows)
    _goals(sheet, form, goals_row)
    last = _indicators(sheet, form, goals_row + 2, weight_ref, score_ref)
    for row, height in sheet.heights.items():
        ws.set_row(row, min(height, 409))
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.repeat_rows(goals_row + 2)
    ws.print_area(0, 0, last, len(RULES) - 2)
    ws.hide_gridlines(0)
    return sheet.problems


def _header(sheet: _Sheet, form: Form, row: int) -> None:
    """项目名称 on one row; 主管部门 and 实施单位 on the next."""
    hx = HEAD_X
    left, centre = sheet.fmt("left"), sheet.fmt()
    name, dept, unit = (LAYOUT.header_field(k) for k in
                        ("project_name", "competent_department", "implementing_unit"))
    sheet.text(row, hx[0], hx[1], name.label, centre)
    sheet.text(row, hx[1], hx[4], form.project_name, left)
    sheet.text(row + 1, hx[0], hx[1], dept.label, centre)
    sheet.text(row + 1, hx[1], hx[2], form.competent_department, left)
    sheet.text(row + 1, hx[2], hx[3], unit.label, centre)
    sheet.text(row + 1, hx[3], hx[4], form.implementing_unit, left)


def _funding(sheet: _Sheet, form: Form, head: int) -> tuple[str, str]:
    """项目资金: the header row, then one row per spec row; returns the references of the
    funding weight and the 资金得分 cells (for 分值合计 and 总分)."""
    funding = LAYOUT.funding
    fx = FUND_X
    left, centre = sheet.fmt("left"), sheet.fmt()
    rows = {spec.key: head + 1 + i for i, spec in enumerate(funding.rows)}
    label = funding.print_label.replace("%1", form.funding.unit)
    sheet.text(head, fx[0], fx[1], label, centre, last_row=head + len(funding.rows))
    sheet.text(head, fx[1], fx[2], "", centre)
    col_x = {c.key: (fx[i + 2], fx[i + 3]) for i, c in enumerate(funding.columns)}
    for column in funding.columns:
        sheet.text(head, *col_x[column.key], column.label, centre)
    sources = [rows[r.key] for r in funding.source_rows]
    summed = summed_total_row(form)
    for spec in funding.rows:
        row = rows[spec.key]
        sheet.text(row, fx[1], fx[2], spec.label, left)
        typed = form.funding.total if spec.carries_figures else getattr(form.funding, spec.key)
        for column in funding.amount_columns:
            x0, x1 = col_x[column.key]
            if spec.carries_figures and typed is None:
                span = f"{_cell(sources[0], _col(x0))}:{_cell(sources[-1], _col(x0))}"
                value = getattr(summed, column.key)
                sheet.formula(row, x0, x1, f'=IF(COUNT({span}),SUM({span}),"")',
                              sheet.fmt("right", _amount_format(value)), _cached(value))
            else:
                value = None if typed is None else getattr(typed, column.key)
                sheet.number(row, x0, x1, value, sheet.fmt("right", _amount_format(value)))
        if not spec.carries_figures:
            for column in funding.columns:
                if column.kind != "amount":
                    sheet.text(row, *col_x[column.key], "—", centre)

    total = rows[funding.total_row.key]

    def ref(key: str) -> str:
        return _cell(total, _col(col_x[key][0]))

    budget, executed = ref("annual_budget"), ref("executed")
    weight = ref(funding.column_of_kind("weight").key)
    score = ref(funding.column_of_kind("score").key)
    figures = compute(form)
    sheet.number(total, *col_x[funding.column_of_kind("weight").key], form.funding.weight,
                 sheet.fmt("center", EXCEL_POINTS_FORMAT["entered"]))
    defined = f"ISNUMBER({budget}),ISNUMBER({executed})"
    rate = figures.execution_rate
    sheet.formula(total, *col_x[funding.column_of_kind("rate").key],
                  f'=IF(AND({defined}),IF({budget}<>0,ROUND({executed}/{budget},4),"—"),"—")',
                  sheet.fmt("center", "0.00%"), "—" if rate is None else float(rate / 100))
    sheet.formula(total, *col_x[funding.column_of_kind("score").key],
                  f"=IF(AND({defined},ISNUMBER({weight})),IF({budget}<>0,"
                  f"ROUND(MIN({executed}/{budget},1)*{weight},2),0),0)",
                  sheet.fmt("center", EXCEL_POINTS_FORMAT["computed"]),
                  float(figures.funding_score))
    return weight, score


def _goals(sheet: _Sheet, form: Form, head: int) -> None:
    """年度总体目标: the labels of its two cells, then the two texts."""
    goals = LAYOUT.goals
    edges = (_LABEL, GOALS_SPLIT, RULES[-1])
    centre = sheet.fmt()
    sheet.text(head, 0.0, _LABEL, goals.print_label, centre, last_row=head + 1)
    for i, goal in enumerate(goals.cells):
        sheet.text(head, edges[i], edges[i + 1], goal.label, centre)
        sheet.text(head + 1, edges[i], edges[i + 1], getattr(form.goals, goal.key),
                   sheet.fmt("left"))


def _indicators(sheet: _Sheet, form: Form, head: int, weight_ref: str,
                score_ref: str) -> int:
    """绩效指标: the header (repeated on every printed page), one row per indicator with
    the 一级/二级 runs merged, then 总分; returns the 总分 row."""
    table = LAYOUT.indicators
    printed = table.printed
    ix = IND_X
    ws = sheet.ws
    centre, left = sheet.fmt(), sheet.fmt("left")
    # numbers.format_points: typed 分值/得分 as typed, the computed 总分 with 2 decimals
    entered_f = sheet.fmt("center", EXCEL_POINTS_FORMAT["entered"])
    total_f = sheet.fmt("center", EXCEL_POINTS_FORMAT["computed"])
    x_of = {c.key: (ix[i + 1], ix[i + 2]) for i, c in enumerate(printed)}
    n = len(form.indicators)
    has_grades = any(ind.grade is not None for ind in form.indicators)
    sheet.text(head, 0.0, _LABEL, table.print_label, centre, last_row=head + n)
    for column in printed:
        sheet.text(head, *x_of[column.key], column.header, centre)
    if has_grades:
        ws.write_string(head, GRADE_COL, table.column("grade").header, centre)
    ends = {(kind, start): end for kind, start, end in _groups(form.indicators)}
    covered = {(k, r) for (k, s), e in ends.items() for r in range(s + 1, e + 1)}
    for index, ind in enumerate(form.indicators):
        row = head + 1 + index
        for column in printed:
            x0, x1 = x_of[column.key]
            value = getattr(ind, column.key)
            if column.kind in ("level1", "level2"):
                kind = 1 if column.kind == "level1" else 2
                if (kind, index) in covered:
                    continue
                end = ends.get((kind, index), index)
                sheet.text(row, x0, x1, value, centre, last_row=head + 1 + end)
                if end > index:
                    sheet.need(row, value, x1 - x0, end - index + 1)
            elif column.kind in ("weight", "score"):
                sheet.number(row, x0, x1, value, entered_f)
            else:
                sheet.text(row, x0, x1, value, left if column.align == "left" else centre)
        if has_grades:
            grade = "" if ind.grade is None else GRADE_LABELS[ind.grade]
            ws.write_string(row, GRADE_COL, grade, centre)
    last = head + 1 + n
    (w0, w1), (s0, s1) = x_of["weight"], x_of["score"]
    figures = compute(form)
    weights = f"{_cell(head + 1, _col(w0))}:{_cell(last - 1, _col(w0))}" if n else ""
    scores = f"{_cell(head + 1, _col(s0))}:{_cell(last - 1, _col(s0))}" if n else ""
    sheet.text(last, 0.0, w0, table.total_label, centre)
    sheet.formula(last, w0, w1, "=SUM(" + ",".join(filter(None, (weight_ref, weights))) + ")",
                  entered_f, float(figures.weight_total))
    sheet.formula(last, s0, s1,
                  "=ROUND(SUM(" + ",".join(filter(None, (score_ref, scores))) + "),2)",
                  total_f, float(figures.total_score))
    sheet.text(last, s1, RULES[-1], "", centre)
    return last


def workbook_bytes(forms: Sequence[Form]) -> tuple[bytes, list[str]]:
    """The .xlsx bytes holding each form on a sheet of its own, and the problems met
    (texts cut at Excel's cell limit), each naming its sheet."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE},
    })
    problems: list[str] = []
    names: list[str] = []
    for form in forms:
        name = sheet_name(form, names)
        names.append(name)
        problems.extend(f"{name}：{p}" for p in write_form_sheet(book, form, name))
    book.close()
    return buffer.getvalue(), problems
