"""Draw the measured, paginated form with ReportLab platypus: one ruled table per page.

Each page's rows become one platypus ``Table`` with explicit column widths and
row heights (computed in ``layout``), so what was measured is what is drawn.
Cell text is drawn line by line by ``TextBlock``, never through Paragraph
markup, so ``<b>`` or ``&amp;`` typed by a user prints exactly as typed.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Final

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageBreak, PageTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate

from perfeval_gui.figures import compute
from perfeval_gui.model import Form
from perfeval_gui.pdf import layout
from perfeval_gui.pdf.fonts import FontSpec, GlyphResolver, resolver_for
from perfeval_gui.pdf.layout import FONT_SIZE, LEADING, PAD_X, PAD_Y, TABLE_WIDTH, Align

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X: Final = (PAGE_WIDTH - TABLE_WIDTH) / 2
MARGIN_TOP: Final = 42.0
MARGIN_BOTTOM: Final = 42.0
FRAME_HEIGHT: Final = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
TITLE_SIZE: Final = 16.0
YEAR_SIZE: Final = 10.5
TITLE_BLOCK_HEIGHT: Final = 46.0
GRID_WIDTH: Final = 0.5
BOX_WIDTH: Final = 1.0


@dataclass(frozen=True, slots=True)
class RenderReport:
    """What happened while printing: pages, font used, characters that needed help."""

    pages: int
    font: str
    """Path (and index) of the font the text was set in."""
    missing_chars: tuple[str, ...] = ()
    """Characters no available font has; drawn as 〓."""
    fallback_chars: tuple[str, ...] = ()
    """Characters the chosen font lacks, drawn with the shipped UMing instead."""
    size: int = 0
    """Bytes of PDF written."""
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.missing_chars


class TextBlock(Flowable):
    """Pre-broken lines of literal text, aligned in their cell; font runs per character."""

    def __init__(self, lines: list[str], resolver: GlyphResolver, align: Align = "left",
                 size: float = FONT_SIZE, leading: float = LEADING) -> None:
        super().__init__()
        self.lines = lines
        self.resolver = resolver
        self.align = align
        self.size = size
        self.leading = leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def _runs(self, line: str) -> list[tuple[str, str, float]]:
        """(font name, text, width) runs of one line."""
        runs: list[tuple[str, str, float]] = []
        for char in line:
            font = self.resolver.font_for(char)
            width = font.width(char) * self.size / 1000.0
            if runs and runs[-1][0] == font.name:
                name, text, w = runs[-1]
                runs[-1] = (name, text + char, w + width)
            else:
                runs.append((font.name, char, width))
        return runs

    def draw(self) -> None:
        canvas = self.canv
        ascent = self.resolver.primary.ascent
        top_gap = (self.leading - self.size) / 2 + ascent * self.size
        for index, line in enumerate(self.lines):
            if not line:
                continue
            runs = self._runs(line)
            total = sum(w for _, _, w in runs)
            if self.align == "center":
                x = (self.width - total) / 2
            elif self.align == "right":
                x = self.width - total
            else:
                x = 0.0
            x = max(0.0, x)
            y = self.height - index * self.leading - top_gap
            for name, text, width in runs:
                canvas.setFont(name, self.size)
                canvas.drawString(x, y, text)
                x += width


def _page_table(page: layout.Page, columns: list[float], resolver: GlyphResolver) -> Table:
    index = {x: i for i, x in enumerate(columns)}
    ncols = len(columns) - 1
    data: list[list[Any]] = [["" for _ in range(ncols)] for _ in page.rows]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), resolver.primary.name),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("GRID", (0, 0), (-1, -1), GRID_WIDTH, colors.black),
        ("BOX", (0, 0), (-1, -1), BOX_WIDTH, colors.black),
    ]
    merged: dict[tuple[int, float], int] = {}  # (first row, x0) → last row
    covered: set[tuple[int, float]] = set()
    for span in layout.spans(page.rows):
        merged[(span.first, span.cell.x0)] = span.last
        for r in range(span.first + 1, span.last + 1):
            covered.add((r, span.cell.x0))
    for r, row in enumerate(page.rows):
        for cell in row.cells:
            if (r, cell.x0) in covered:
                continue
            c0, c1 = index[cell.x0], index[cell.x1] - 1
            last = merged.get((r, cell.x0), r)
            if cell.lines:
                data[r][c0] = TextBlock(cell.lines, resolver, cell.align)
            if c1 > c0 or last > r:
                commands.append(("SPAN", (c0, r), (c1, last)))
    widths = [b - a for a, b in zip(columns, columns[1:], strict=False)]
    table = Table(data, colWidths=widths, rowHeights=page.heights, style=TableStyle(commands),
                  hAlign="CENTER")
    return table


class _TitleBlock(Flowable):
    """Title and year line, centred above the table on the first page."""

    def __init__(self, title: str, year_line: str, resolver: GlyphResolver) -> None:
        super().__init__()
        self.title = resolver.clean(title)
        self.year_line = resolver.clean(year_line)
        self.resolver = resolver

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, TITLE_BLOCK_HEIGHT

    def draw(self) -> None:
        canvas = self.canv
        name = self.resolver.primary.name
        canvas.setFont(name, TITLE_SIZE)
        canvas.drawCentredString(self.width / 2, TITLE_BLOCK_HEIGHT - TITLE_SIZE - 2, self.title)
        canvas.setFont(name, YEAR_SIZE)
        canvas.drawCentredString(self.width / 2, TITLE_BLOCK_HEIGHT - TITLE_SIZE - 22,
                                 self.year_line)


def _numbered_canvas(font_name: str) -> type[Canvas]:
    """A canvas that writes 第 N 页 共 M 页 on every page once M is known (at save)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font_name  # no unembedded Helvetica
            kwargs["initialFontSize"] = FONT_SIZE
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self.setFont(font_name, 9)
                self.drawCentredString(PAGE_WIDTH / 2, MARGIN_BOTTOM / 2 - 3,
                                       f"第 {number} 页 共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


def render_bytes(form: Form, *, font: FontSpec | None = None) -> tuple[bytes, RenderReport]:
    """The PDF of ``form`` as bytes, and what happened; raises FontError for a bad font."""
    resolver = resolver_for(font)
    figures = compute(form)
    rows = layout.build_rows(form, figures)
    layout.measure_rows(rows, resolver)
    columns = layout.column_positions(rows)
    pages = layout.paginate(rows, FRAME_HEIGHT - TITLE_BLOCK_HEIGHT, FRAME_HEIGHT)

    story: list[Flowable] = [
        _TitleBlock(layout.FORM_TITLE, f"({form.year} 年度)", resolver)
    ]
    for number, page in enumerate(pages):
        if number:
            story.append(PageBreak())
        story.append(_page_table(page, columns, resolver))

    font_name = resolver.primary.name
    continued = resolver.clean(f"{layout.FORM_TITLE}（续）")

    def later_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_name, YEAR_SIZE)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN_TOP + 14, continued)
        canvas.restoreState()

    buffer = io.BytesIO()
    title = form.project_name.strip() or layout.FORM_TITLE
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=form.implementing_unit.strip(),
        subject=f"{layout.FORM_TITLE}（{form.year} 年度）",
        creator="perfeval-gui",
        invariant=1,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, TABLE_WIDTH, FRAME_HEIGHT, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[frame], autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[frame], onPage=later_page),
    ])
    doc.build(story, canvasmaker=_numbered_canvas(font_name))
    data = buffer.getvalue()
    report = RenderReport(
        pages=len(pages),
        font=str(resolver.primary.spec),
        missing_chars=tuple(resolver.missing),
        fallback_chars=tuple(resolver.substituted),
        size=len(data),
    )
    return data, report


def render_pdf(form: Form, target: str | os.PathLike[str] | BinaryIO, *,
               font: FontSpec | None = None) -> RenderReport:
    """Print ``form`` to ``target`` (a path, written atomically, or a binary stream)."""
    data, report = render_bytes(form, font=font)
    if isinstance(target, (str, os.PathLike)):
        from perfeval_gui.fileio import write_bytes_atomic

        write_bytes_atomic(Path(target), data)
    else:
        target.write(data)
    return report
