"""Disclosure PDFs built for the reader's tests: prose pages (ReportLab paragraphs), our
replica's forms, forms stacked on one page, and a worksheet printed as Excel prints it
(ruled with thin filled rectangles, text wrapped in its cell, header rows repeated)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from perfeval_gui.model import Form, Indicator
from perfeval_gui.pdf.fonts import resolver_for
from perfeval_gui.pdf.render import render_bytes
from perfeval_gui.workbook.cells import Sheet, cell_text

PROSE = ("一、部门基本情况。本部门主要职责是贯彻落实国家和本市有关方针政策，"
         "负责本行业发展规划的制定和实施。项目名称、年初预算数等词语出现在正文中不是表格。")


def font() -> str:
    """The bundled CJK font's ReportLab name (registered on first use)."""
    return resolver_for(None).primary.name


def prose_pdf(pages: int = 1, title: str = "2022年度部门决算") -> bytes:
    """``pages`` pages of paragraphs (no table, no rules)."""
    out = io.BytesIO()
    style = ParagraphStyle("body", fontName=font(), fontSize=11, leading=18)
    story = []
    for page in range(pages):
        story.append(Paragraph(f"{title}（第{page + 1}部分）", style))
        story += [Paragraph(PROSE * 3, style), Spacer(1, 12)] * 8
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def replica(form: Form) -> bytes:
    return render_bytes(form)[0]


def concat(*parts: bytes) -> bytes:
    """The PDFs one after the other."""
    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stacked(upper: bytes, lower: bytes, shift: float = 400.0) -> bytes:
    """Two one-page forms on one page: ``lower``'s page moved down by ``shift`` points
    under ``upper``'s (the forms must be short enough not to overlap)."""
    writer = PdfWriter(clone_from=io.BytesIO(upper))
    bottom = PdfReader(io.BytesIO(lower)).pages[0]
    writer.pages[0].merge_transformed_page(bottom, Transformation().translate(0, -shift))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def short(form: Form, rows: int = 2) -> Form:
    """``form`` small enough for half a page: short goals, ``rows`` indicators."""
    return form.model_copy(update={
        "goals": form.goals.model_copy(update={"expected": "完成年度目标。",
                                                "actual": "已完成。"}),
        "indicators": form.indicators[:rows]})


def long_rows(form: Form, count: int) -> Form:
    """``form`` with ``count`` indicators in two 一级 groups (a form over several pages)."""
    inds = [Indicator(level1="产出指标" if i < count // 2 else "效益指标",
                      level2="数量指标" if i < count // 2 else "社会效益指标",
                      name=f"第{i + 1}号指标", target=">90%", actual="95%",
                      weight=Decimal(1), score=Decimal("0.5") if i % 3 else Decimal(1),
                      deviation="" if i % 5 else "受疫情影响，部分活动延期，下一年度加强计划管理。")
            for i in range(count)]
    return form.model_copy(update={"indicators": inds})


def image_only_pdf() -> bytes:
    """A "scan": one page holding an image and no text."""
    from PIL import Image

    picture = Image.new("L", (200, 280), 255)
    for x in range(20, 180):
        picture.putpixel((x, 40), 0)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    from reportlab.lib.utils import ImageReader

    canvas.drawImage(ImageReader(picture), 50, 100, 495, 693)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# --- a worksheet printed as Excel prints it ------------------------------------------------

SIZE = 9.0
LEADING = 11.0
MIN_HEIGHT = 18.0
RULE = 0.6


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if line and stringWidth(line + char, font(), SIZE) > width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return lines


def _shown(sheet: Sheet, r: int, c: int) -> str:
    value = sheet.value(r, c)
    if value is None:
        return ""
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return cell_text(value, is_number and sheet.is_percent(r, c))


def print_sheet(sheet: Sheet, widths: Sequence[float] | float = 56.0, *,
                repeat: Sequence[int] = (), page_rows: int | None = None,
                clip_cells: Sequence[tuple[int, int]] = ()) -> bytes:
    """The sheet's used rows as Excel prints them: every cell ruled (thin filled
    rectangles), text wrapped in its cell (rows grow), merged ranges as one cell; a new
    page after ``page_rows`` rows with the rows ``repeat`` (打印标题行) on top again.
    ``clip_cells``: cells whose text is printed on one line running past its border."""
    rows = [r for r in range(len(sheet.rows)) if any(v not in (None, "") for v in sheet.rows[r])]
    first, last = rows[0], rows[-1]
    width = max(len(row) for row in sheet.rows)
    used = min(c for row in sheet.rows for c, v in enumerate(row) if v not in (None, ""))
    cols = [widths] * width if isinstance(widths, float | int) else list(widths)
    xs = [40.0 - sum(float(w) for w in cols[:used])]  # columns left of the form: off paper
    for w in cols:
        xs.append(xs[-1] + float(w))
    covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for m in sheet.merges:
        for r in range(m[0], m[2] + 1):
            for c in range(m[1], m[3] + 1):
                covered[(r, c)] = m
    heights = {}
    for r in range(first, last + 1):
        need = MIN_HEIGHT
        for c in range(width):
            m = covered.get((r, c), (r, c, r, c))
            if (m[0], m[1]) != (r, c) or m[2] != r or (r, c) in clip_cells:
                continue
            lines = _wrap(_shown(sheet, r, c), xs[m[3] + 1] - xs[c] - 4)
            need = max(need, len(lines) * LEADING + 6)
        heights[r] = need
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    body = list(range(first, last + 1))
    chunks = [body] if page_rows is None else [body[i:i + page_rows]
                                               for i in range(0, len(body), page_rows)]
    for n, chunk in enumerate(chunks):
        shown = ([r for r in repeat if r not in chunk] if n else []) + chunk
        _draw_page(canvas, sheet, shown, heights, xs, width, covered, clip_cells)
        canvas.setFont(font(), SIZE)
        canvas.drawCentredString(A4[0] / 2, 20, f"第 {n + 1} 页")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_page(canvas: Canvas, sheet: Sheet, shown: list[int], heights: dict[int, float],
               xs: list[float], width: int,
               covered: dict[tuple[int, int], tuple[int, int, int, int]],
               clip_cells: Sequence[tuple[int, int]]) -> None:
    tops: dict[int, float] = {}
    y = A4[1] - 40
    for r in shown:
        tops[r] = y
        y -= heights[r]
    bottom_of = {r: tops[r] - heights[r] for r in shown}
    canvas.setFillGray(0)
    for r in shown:
        for c in range(width):
            if xs[c] < 0:
                continue
            m = covered.get((r, c), (r, c, r, c))
            start = min(x for x in range(m[0], m[2] + 1) if x in tops)
            if (start, m[1]) != (r, c):
                continue  # covered by a merge drawn from its first row on this page
            last = max(x for x in range(m[0], m[2] + 1) if x in tops)
            x0, x1 = xs[c], xs[m[3] + 1]
            top, bottom = tops[r], bottom_of[last]
            for rect in ((x0, top - RULE / 2, x1 - x0, RULE),
                         (x0, bottom - RULE / 2, x1 - x0, RULE),
                         (x0 - RULE / 2, bottom, RULE, top - bottom),
                         (x1 - RULE / 2, bottom, RULE, top - bottom)):
                canvas.rect(*rect, stroke=0, fill=1)
            text = _shown(sheet, m[0], m[1]) if m[0] == r else ""  # not repeated
            if not text:
                continue
            canvas.setFont(font(), SIZE)
            if (m[0], m[1]) in clip_cells:
                lines = [text.replace("\n", "")]
            else:
                lines = _wrap(text, x1 - x0 - 4)
            y = (top + bottom) / 2 + len(lines) * LEADING / 2 - SIZE
            for line in lines:
                canvas.drawString(x0 + 2, y, line)
                y -= LEADING


def sideways(data: bytes) -> bytes:
    """A one-page PDF stored as a landscape page with /Rotate 90: displayed as before."""
    source = PdfReader(io.BytesIO(data)).pages[0]
    width, height = float(source.mediabox.width), float(source.mediabox.height)
    writer = PdfWriter()
    page = writer.add_blank_page(height, width)
    page.merge_transformed_page(source, Transformation((0, 1, -1, 0, height, 0)))
    page.rotate(90)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def two_up(left: bytes, right: bytes) -> bytes:
    """Two one-page PDFs at half size on one A4 page, ``left`` above ``right`` (a 2-up
    print of two forms: every coordinate goes through a scaling matrix)."""
    writer = PdfWriter()
    page = writer.add_blank_page(*A4)
    for n, part in enumerate((left, right)):
        source = PdfReader(io.BytesIO(part)).pages[0]
        page.merge_transformed_page(
            source, Transformation().scale(0.5).translate(A4[0] / 4, A4[1] / 2 * (1 - n)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
