"""The portfolio's roll-up as a PDF: A4 landscape, one ruled table of the forms, the totals.

The same machinery as the form's printout: cells measured and broken into lines by
``layout.measure_rows`` (figures shrunk to stay on one line), cut into pages by
``layout.paginate`` (the header row repeated on every page, a row never split between
pages unless it is taller than one), drawn by ``render``'s table painter in the chosen
font, embedded. Page 1 carries the title, the unit, the folder and the date; every page
``第 N 页 共 M 页``. The figures are the portfolio's (``portfolio.totals``), formatted by
``numbers`` as the window shows them.
"""

from __future__ import annotations

import datetime
import io
import os
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from perfeval_gui import numbers
from perfeval_gui.file_errors import shorten, visible
from perfeval_gui.pdf import layout
from perfeval_gui.pdf.fonts import FontSpec, resolver_for
from perfeval_gui.pdf.layout import FONT_SIZE, Cell, Row
from perfeval_gui.pdf.render import (
    TITLE_SIZE,
    YEAR_SIZE,
    RenderReport,
    _draw_centred,
    _draw_table,
)
from perfeval_gui.portfolio.export import TOTAL_LABEL, UNGRADED, decimals_needed, header
from perfeval_gui.portfolio.rows import COLUMNS, Entry, FormRow
from perfeval_gui.portfolio.totals import Totals
from perfeval_gui.spec import SELF_GRADE_NAME, STANDARD

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN_X: Final = 28.0
MARGIN_TOP: Final = 36.0
MARGIN_BOTTOM: Final = 36.0
TABLE_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN_X
TITLE_BLOCK_HEIGHT: Final = 48.0
FRAME_HEIGHT: Final = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
TITLE: Final = f"{STANDARD.title}汇总"
NUMBER_LABEL: Final = "序号"

# Points per printed column (the file column takes the rest); 位置 and 说明 are printed in
# the file cell and across the figures of an unreadable file's row.
_WIDTHS: Final[dict[str, float]] = {
    "number": 26.0, "project_name": 106.0, "competent_department": 72.0,
    "implementing_unit": 86.0, "year": 30.0, "annual_budget": 74.0, "executed": 74.0,
    "execution_rate": 44.0, "funding_score": 40.0, "total_score": 36.0, "grade": 30.0,
    "errors": 24.0, "warnings": 24.0,
}
_KEYS: Final = ("number", *(k for k in _WIDTHS if k != "number"), "file")


def _edges() -> dict[str, tuple[float, float]]:
    """Each printed column's (x0, x1) from the table's left edge."""
    out: dict[str, tuple[float, float]] = {}
    x = 0.0
    for key in _KEYS:
        width = _WIDTHS.get(key, TABLE_WIDTH - sum(_WIDTHS.values()))
        out[key] = (x, x + width)
        x += width
    return out


EDGES: Final = _edges()


def _cell(key: str, text: str, *, number: bool = False, align: layout.Align = "center",
          until: str | None = None) -> Cell:
    """A cell of column ``key`` (spanning to column ``until`` when given)."""
    x0 = EDGES[key][0]
    x1 = EDGES[until or key][1]
    return Cell(x0, x1, text, align, number=number)


def _common_folder(entries: Sequence[Entry]) -> str:
    """The folder every file lies in ('' when they have none in common)."""
    folders = [os.path.dirname(e.file) for e in entries]
    try:
        return os.path.commonpath(folders) if folders else ""
    except ValueError:  # absolute and relative paths mixed, or two drives on Windows
        return ""


def _file_text(entry: Entry, folder: str) -> str:
    name = os.path.relpath(entry.file, folder) if folder else entry.file
    place = entry.place if isinstance(entry, FormRow) else None
    return name if place is None else f"{name}（{place}）"


def build_rows(entries: Sequence[Entry], totals: Totals, folder: str) -> list[Row]:
    """The header row, a row per entry, and the totals rows, formatted for paper."""
    labels = dict(zip((c.key for c in COLUMNS), header(totals.unit), strict=True))
    rows = [Row([_cell("number", NUMBER_LABEL),
                 *(_cell(k, labels[k]) for k in _KEYS if k != "number")], "list",
                header=True)]
    unit = totals.unit
    amounts: list[Decimal | None] = [totals.annual_budget, totals.executed]
    for entry in entries:
        if isinstance(entry, FormRow):
            amounts += [entry.amount_in(entry.annual_budget, unit),
                        entry.amount_in(entry.executed, unit)]
    places = decimals_needed(amounts, cap=6)  # beyond 6 places paper rounds; .xlsx is exact
    for number, entry in enumerate(entries, start=1):
        file_cell = _cell("file", _file_text(entry, folder), align="left")
        if not isinstance(entry, FormRow):
            rows.append(Row([_cell("number", str(number)),
                             _cell("project_name", f"无法读取：{entry.reason}", align="left",
                                   until="warnings"), file_cell], "list"))
            continue
        budget = entry.amount_in(entry.annual_budget, unit)
        executed = entry.amount_in(entry.executed, unit)
        rows.append(Row([
            _cell("number", str(number)),
            _cell("project_name", entry.project_name, align="left"),
            _cell("competent_department", entry.competent_department, align="left"),
            _cell("implementing_unit", entry.implementing_unit, align="left"),
            _cell("year", str(entry.year)),
            _cell("annual_budget", numbers.format_amount(budget, places), number=True),
            _cell("executed", numbers.format_amount(executed, places), number=True),
            _cell("execution_rate", numbers.format_rate(entry.execution_rate), number=True),
            _cell("funding_score", numbers.format_score(entry.funding_score), number=True),
            _cell("total_score", numbers.format_score(entry.total_score), number=True),
            _cell("grade", entry.grade or UNGRADED),
            _cell("errors", str(entry.errors), number=True),
            _cell("warnings", str(entry.warnings), number=True),
            file_cell,
        ], "list"))
    rows += _total_rows(totals, places)
    return rows


def _total_rows(totals: Totals, places: int) -> list[Row]:
    score = numbers.format_score
    mean = "—" if totals.mean_score is None else score(totals.mean_score)
    median = "—" if totals.median_score is None else score(totals.median_score)
    grades = "，".join(f"{g} {n} 个" for g, n in totals.grades.items())
    lines = [
        f"{SELF_GRADE_NAME}：{grades}，{UNGRADED} {totals.ungraded} 个；"
        f"无法读取的文件 {totals.unreadable} 个；错误 {totals.errors} 条（有错误的表 "
        f"{totals.forms_with_errors} 个），警告 {totals.warnings} 条",
    ]
    if totals.codes:
        lines.append("问题代码（表数）：" + "，".join(f"{c} {n}" for c, n in totals.codes.items()))
    return [
        Row([
            _cell("number", f"{TOTAL_LABEL}（{totals.forms} 个表）", until="year"),
            _cell("annual_budget", numbers.format_amount(totals.annual_budget, places),
                  number=True),
            _cell("executed", numbers.format_amount(totals.executed, places), number=True),
            _cell("execution_rate", numbers.format_rate(totals.execution_rate), number=True),
            _cell("funding_score", f"平均总分 {mean}，总分中位数 {median}", align="left",
                  until="file"),
        ], "list"),
        *(Row([_cell("number", line, align="left", until="file")], "list") for line in lines),
    ]


def summary_bytes(entries: Sequence[Entry], totals: Totals, *, font: FontSpec | None = None,
                  today: datetime.date | None = None, title: str = TITLE
                  ) -> tuple[bytes, RenderReport]:
    """The roll-up PDF as bytes, and what happened; raises FontError for a bad font."""
    resolver = resolver_for(font)
    folder = _common_folder(entries)
    rows = build_rows(entries, totals, folder)
    layout.measure_rows(rows, resolver)
    pages = layout.paginate(rows, FRAME_HEIGHT - TITLE_BLOCK_HEIGHT, FRAME_HEIGHT)

    day = today or datetime.date.today()
    years = sorted({e.year for e in entries if isinstance(e, FormRow)})
    heading = title + (STANDARD.year_text(years[0]) if len(years) == 1 else "")
    where = f"　文件夹：{shorten(visible(folder), 80, middle=True)}" if folder else ""
    subtitle = (f"金额单位：{totals.unit}　生成日期：{day.year} 年 {day.month} 月 {day.day} 日"
                f"{where}")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1,
                    initialFontName=resolver.primary.name,  # type: ignore[arg-type]
                    initialFontSize=FONT_SIZE, pageCompression=1)
    canvas.setTitle(heading)
    canvas.setSubject(heading)
    canvas.setCreator("perfeval-gui")
    frame_top = PAGE_HEIGHT - MARGIN_TOP
    for number, page in enumerate(pages, start=1):
        top = frame_top
        if number == 1:
            _draw_centred(canvas, resolver.clean(heading), top - TITLE_SIZE - 2, TITLE_SIZE,
                          resolver, PAGE_WIDTH)
            _draw_centred(canvas, resolver.clean(subtitle), top - TITLE_SIZE - 22, YEAR_SIZE,
                          resolver, PAGE_WIDTH)
            top -= TITLE_BLOCK_HEIGHT
        else:
            _draw_centred(canvas, resolver.clean(f"{heading}（续）"), frame_top + 14, YEAR_SIZE,
                          resolver, PAGE_WIDTH)
        _draw_table(canvas, page, top, resolver, MARGIN_X, TABLE_WIDTH)
        _draw_centred(canvas, f"第 {number} 页 共 {len(pages)} 页", MARGIN_BOTTOM / 2 - 3,
                      FONT_SIZE, resolver, PAGE_WIDTH)
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    return data, RenderReport(pages=len(pages), font=str(resolver.primary.spec),
                              missing_chars=tuple(resolver.missing),
                              fallback_chars=tuple(resolver.substituted), size=len(data))
