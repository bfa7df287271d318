"""Draw the measured, paginated form on a ReportLab canvas: one ruled table per page.

All geometry (column positions, line breaks, row heights, merged cells, page
breaks) is decided in ``layout``; this module only paints it, so what was
measured is exactly what is drawn. The table is painted straight onto the
canvas rather than through a platypus ``Table``: platypus would re-measure
what ``layout`` already measured (and has to agree with it on padding, spans
and vertical centring), and importing it costs about 0.1 s per ``perfeval pdf``
process, a sixth of the whole run. Text is drawn line by line with
``drawString``, never through Paragraph markup, so ``<b>`` or ``&amp;`` typed
by a user prints exactly as typed.
"""

from __future__ import annotations

import io
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from perfeval_gui.figures import compute
from perfeval_gui.model import Form
from perfeval_gui.pdf import layout
from perfeval_gui.pdf.fonts import FontSpec, GlyphResolver, resolver_for
from perfeval_gui.pdf.layout import FONT_SIZE, LEADING, PAD_X, TABLE_WIDTH, Align

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

    @property
    def ok(self) -> bool:
        """Every character was printed as itself (none became 〓)."""
        return not self.missing_chars


def _runs(line: str, resolver: GlyphResolver, size: float) -> list[tuple[str, str, float]]:
    """(font name, text, width) runs of one line: a new run where the font changes."""
    runs: list[tuple[str, str, float]] = []
    for char in line:
        font = resolver.font_for(char)
        width = font.width(char) * size / 1000.0
        if runs and runs[-1][0] == font.name:
            name, text, w = runs[-1]
            runs[-1] = (name, text + char, w + width)
        else:
            runs.append((font.name, char, width))
    return runs


def _draw_lines(canvas: Canvas, lines: list[str], resolver: GlyphResolver, align: Align,
                left: float, width: float, top: float, size: float = FONT_SIZE) -> None:
    """Lines of text in a box ``width`` wide whose first line box starts at ``top``.

    Every line box is LEADING tall whatever ``size`` (a shrunk figure keeps its row's
    height); the text is centred in it.
    """
    baseline = top - (LEADING - size) / 2 - resolver.primary.ascent * size
    for line in lines:
        if line:
            runs = _runs(line, resolver, size)
            total = sum(w for _, _, w in runs)
            if align == "center":
                x = left + max(0.0, (width - total) / 2)
            elif align == "right":
                x = left + max(0.0, width - total)
            else:
                x = left
            for name, text, run_width in runs:
                canvas.setFont(name, size)
                canvas.drawString(x, baseline, text)
                x += run_width
        baseline -= LEADING


def _draw_centred(canvas: Canvas, text: str, y: float, size: float,
                  resolver: GlyphResolver, page_width: float = PAGE_WIDTH) -> None:
    """A centred line (title, page number) in the chosen font, with its fallback where needed."""
    runs = _runs(text, resolver, size)
    x = (page_width - sum(w for _, _, w in runs)) / 2
    for name, part, width in runs:
        canvas.setFont(name, size)
        canvas.drawString(x, y, part)
        x += width


def _merge_segments(segments: dict[float, list[tuple[float, float]]]
                    ) -> list[tuple[float, float, float]]:
    """Collinear, touching pieces of rule joined: (position, start, end)."""
    out: list[tuple[float, float, float]] = []
    for pos, pieces in segments.items():
        pieces.sort()
        start, end = pieces[0]
        for a, b in pieces[1:]:
            if a <= end + 0.01:
                end = max(end, b)
            else:
                out.append((pos, start, end))
                start, end = a, b
        out.append((pos, start, end))
    return out


def _draw_table(canvas: Canvas, page: layout.Page, top: float,
                resolver: GlyphResolver, left: float = MARGIN_X,
                width: float = TABLE_WIDTH) -> None:
    """One page's rows as a ruled table whose top edge is at ``top`` (the form's table by
    default; pdf/summary.py draws its landscape table with its own ``left`` and ``width``)."""
    row_tops: list[float] = []
    y = top
    for height in page.heights:
        row_tops.append(y)
        y -= height
    bottom = y
    last_of: dict[tuple[int, float], int] = {}
    covered: set[tuple[int, float]] = set()
    for span in layout.spans(page.rows):
        last_of[(span.first, span.cell.x0)] = span.last
        covered.update((r, span.cell.x0) for r in range(span.first + 1, span.last + 1))
    horizontal: dict[float, list[tuple[float, float]]] = defaultdict(list)
    vertical: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for r, row in enumerate(page.rows):
        for cell in row.cells:
            if (r, cell.x0) in covered:
                continue
            last = last_of.get((r, cell.x0), r)
            cell_top = row_tops[r]
            cell_bottom = row_tops[last] - page.heights[last]
            x0 = round(left + cell.x0, 2)
            x1 = round(left + cell.x1, 2)
            horizontal[round(cell_top, 2)].append((x0, x1))
            horizontal[round(cell_bottom, 2)].append((x0, x1))
            vertical[x0].append((round(cell_bottom, 2), round(cell_top, 2)))
            vertical[x1].append((round(cell_bottom, 2), round(cell_top, 2)))
            if cell.lines:
                block = len(cell.lines) * LEADING
                text_top = cell_top - (cell_top - cell_bottom - block) / 2
                _draw_lines(canvas, cell.lines, resolver, cell.align, x0 + PAD_X,
                            cell.x1 - cell.x0 - 2 * PAD_X, text_top, cell.size)
    canvas.setLineWidth(GRID_WIDTH)
    canvas.lines([(a, y, b, y) for y, a, b in _merge_segments(horizontal)]
                 + [(x, a, x, b) for x, a, b in _merge_segments(vertical)])
    canvas.setLineWidth(BOX_WIDTH)
    canvas.rect(left, bottom, width, top - bottom, stroke=1, fill=0)


def render_bytes(form: Form, *, font: FontSpec | None = None,
                 grade: bool = False) -> tuple[bytes, RenderReport]:
    """The PDF of ``form`` as bytes, and what happened; raises FontError for a bad font.

    ``grade``: print a 自评等级 row under 总分 (off: the replica of the paper form).
    """
    resolver = resolver_for(font)
    figures = compute(form)
    rows = layout.build_rows(form, figures, grade=grade)
    layout.measure_rows(rows, resolver)
    pages = layout.paginate(rows, FRAME_HEIGHT - TITLE_BLOCK_HEIGHT, FRAME_HEIGHT)

    name = resolver.primary.name
    buffer = io.BytesIO()
    # The initial font is ours, so no unembedded Helvetica is declared on any page.
    # types-reportlab 5.0 declares initialFontName as float; reportlab takes a font name.
    canvas = Canvas(buffer, pagesize=A4, invariant=1,
                    initialFontName=name,  # type: ignore[arg-type]
                    initialFontSize=FONT_SIZE, pageCompression=1)
    canvas.setTitle(form.project_name.strip() or layout.LAYOUT.title)
    canvas.setAuthor(form.implementing_unit.strip())
    canvas.setSubject(f"{layout.LAYOUT.title}（{form.year} 年度）")
    canvas.setCreator("perfeval-gui")
    title = resolver.clean(layout.LAYOUT.title)
    year_line = resolver.clean(layout.LAYOUT.year_text(form.year))
    continued = resolver.clean(f"{layout.LAYOUT.title}（续）")
    frame_top = PAGE_HEIGHT - MARGIN_TOP
    for number, page in enumerate(pages, start=1):
        top = frame_top
        if number == 1:
            _draw_centred(canvas, title, top - TITLE_SIZE - 2, TITLE_SIZE, resolver)
            _draw_centred(canvas, year_line, top - TITLE_SIZE - 22, YEAR_SIZE, resolver)
            top -= TITLE_BLOCK_HEIGHT
        else:
            _draw_centred(canvas, continued, frame_top + 14, YEAR_SIZE, resolver)
        _draw_table(canvas, page, top, resolver)
        _draw_centred(canvas, f"第 {number} 页 共 {len(pages)} 页", MARGIN_BOTTOM / 2 - 3,
                      FONT_SIZE, resolver)
        canvas.showPage()
    canvas.save()
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
               font: FontSpec | None = None, grade: bool = False) -> RenderReport:
    """Print ``form`` to ``target`` (a path, written atomically, or a binary stream)."""
    data, report = render_bytes(form, font=font, grade=grade)
    if isinstance(target, (str, os.PathLike)):
        from perfeval_gui.fileio import write_bytes_atomic

        write_bytes_atomic(Path(target), data)
    else:
        target.write(data)
    return report
