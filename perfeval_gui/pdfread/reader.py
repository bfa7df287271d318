"""Forms read back out of a PDF: a disclosure (部门决算) holding any number of 自评表 among
prose pages, our own replica, or a form printed from an Excel/WPS/LibreOffice template.

``read_pdf(path)`` opens the file with PDFium, takes every page's text with positions and
its ruling lines (page.py), rebuilds the ruled tables (tables.py), lays the pages out as
one worksheet (assemble.py) and lets the workbook reader find the forms by their labels,
so a PDF is read with the very rules, synonyms and notes a workbook is. Then, per form:
the figures the page printed (执行率, 资金得分, 分值合计, 总分) are kept in
``Form.published``; a printed total row equal to the sum of its rows is the editor's
auto-summed total (None), any other is kept as printed; every note names the page and
the place on it (``第3页 (x=120, y=340)``).

Tables are found by their ruling lines: a printout without cell borders (a workbook
printed without 边框) has no table to read, and says so (未找到自评表).

Refusals are ``PdfError`` (a ``WorkbookError``: the command line and the window treat
both alike) with one Chinese line: not a PDF, encrypted, damaged, a scan without text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Final

from perfeval_gui.figures import summed_total_row
from perfeval_gui.model import Form, Funding
from perfeval_gui.pdfread.assemble import Assembled, PageItems, assemble
from perfeval_gui.pdfread.page import PDFIUM_LOCK, read_page
from perfeval_gui.pdfread.printed import field_at, locate, published
from perfeval_gui.pdfread.tables import read_items
from perfeval_gui.spec import STANDARD, one_line
from perfeval_gui.workbook.cells import Sheet, Value, WorkbookError, normalize
from perfeval_gui.workbook.labels import labels
from perfeval_gui.workbook.reader import ImportedForm, Note, forms_in_sheet
from perfeval_gui.workbook.sources import read_source

MAX_PDF_BYTES: Final = 512 * 1024 * 1024
"""Disclosures with scanned attachments run to a few hundred MB; past this, refused."""
SHEET: Final = "PDF"
"""The name of the sheet the pages are laid out as (never shown: notes are mapped back)."""
NO_TEXT: Final = "PDF 没有文字层（可能是扫描件），无法读取；本程序不做文字识别"
_ADDRESS: Final = re.compile(rf"^{SHEET}!([A-Z]+)([0-9]+)$")
PREAMBLE_ROWS: Final = 8
"""Rows above a form's 项目名称 on its page read with it (title, year, 填报单位, 单位：万元);
prose further up is not (its years would be taken for the form's)."""


class PdfError(WorkbookError):
    """The file cannot be read as a PDF of forms; ``reason`` is one Chinese line."""


_HEADINGS_LOOKED_FOR: Final = "".join(f"“{one_line(label)}”" for label in (
    STANDARD.header[0].label, STANDARD.funding.column("initial_budget").label,
    STANDARD.indicators.column("name").header))
"""The labels a page must show to hold a form (named when none is found)."""


def read_pdf(path: str) -> list[ImportedForm]:
    """Every form in the PDF at ``path``, in page order; raises PdfError (one line)."""
    return read_pdf_bytes(read_source(path, MAX_PDF_BYTES, PdfError), str(path))


def read_pdf_bytes(data: bytes, source: str = "<数据>") -> list[ImportedForm]:
    """Every form in a PDF given as bytes; raises PdfError (one line)."""
    if not data:
        raise PdfError(source, "文件为空")
    if b"%PDF-" not in data[:1024]:
        raise PdfError(source, "不是 PDF 文件")
    import pypdfium2 as pdfium

    try:
        with PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
            count = len(pdf)
    except pdfium.PdfiumError as exc:
        raise PdfError(source, _open_reason(exc, pdfium)) from None
    pages: list[PageItems] = []
    try:
        for index in range(count):
            try:
                with PDFIUM_LOCK:
                    content = read_page(pdf, index)
            except pdfium.PdfiumError:
                raise PdfError(source, f"PDF 文件已损坏（第 {index + 1} 页无法读取）") from None
            pages.append(PageItems(content.number, content.height, read_items(content),
                                   len(content.chars)))
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    if not pages:
        raise PdfError(source, "PDF 没有页面")
    if not any(page.chars for page in pages):
        raise PdfError(source, NO_TEXT)
    return forms_in_pages(pages, source)


def _open_reason(exc: Any, pdfium: Any) -> str:
    code = getattr(exc, "err_code", None)
    raw = pdfium.raw
    if code == raw.FPDF_ERR_PASSWORD:
        return "PDF 已加密（需要密码），无法读取"
    if code == raw.FPDF_ERR_SECURITY:
        return "PDF 使用了不支持的加密方式，无法读取"
    return "PDF 文件已损坏或不完整，无法读取"


def forms_in_pages(pages: list[PageItems], source: str) -> list[ImportedForm]:
    """The forms on pages already read; PdfError when there is none."""
    sheet = assemble(pages)
    found: list[ImportedForm] = []
    per_page: dict[int, int] = {}
    for start, stop, anchor in _segments(sheet):
        part = Sheet(SHEET, sheet.rows[start:stop],
                     [(r0 - start, c0, r1 - start, c1) for r0, c0, r1, c1 in sheet.merges
                      if start <= r0 and r1 < stop])
        page = sheet.pages[anchor]
        for form, notes in forms_in_sheet(part):
            per_page[page] = per_page.get(page, 0) + 1
            rows = locate(part)
            mapped = [_mapped(note, sheet, start, page) for note in notes]
            mapped += [Note(str(place), why, field_at(rows, row - start, col))
                       for row, col, place, why in sheet.flags if start <= row < stop]
            figures = published(rows, f"第{page}页", mapped)
            form = form.model_copy(update={"funding": _auto_total(form.funding),
                                           "published": figures})
            found.append(ImportedForm(form, f"第{page}页", per_page[page], tuple(mapped),
                                      page=page))
    if not found:
        raise PdfError(source, f"未找到自评表（没有{_HEADINGS_LOOKED_FOR}等表头）")
    return found


def _segments(sheet: Assembled) -> list[tuple[int, int, int]]:
    """(first row, row after the last, anchor row) of each form's rows: a form starts at
    its 项目名称 row, with the rows right above it on its page (title, year, 单位) up to
    the 总分 row of a form above."""
    known = labels()
    name_labels = {t for t, k in known.header.items() if k == "project_name"}
    prefixes = tuple(p for p, k in known.header_prefixes if k == "project_name")
    anchors = [r for r, row in enumerate(sheet.rows)
               if any(isinstance(v, str) and ((n := normalize(v)) in name_labels
                                              or n.startswith(prefixes)) for v in row)]
    if not anchors:
        return [(0, len(sheet.rows), next(
            (r for r, t in enumerate(sheet.table_rows) if t), 0))]
    starts: list[int] = []
    for i, anchor in enumerate(anchors):
        floor = anchors[i - 1] + 1 if i else 0
        start = anchor
        while start > max(floor, anchor - PREAMBLE_ROWS) \
                and sheet.pages[start - 1] == sheet.pages[anchor] \
                and not _closes(sheet.rows[start - 1], known.totals):
            start -= 1
        starts.append(start)
    return [(start, starts[i + 1] if i + 1 < len(starts) else len(sheet.rows), anchors[i])
            for i, start in enumerate(starts)]


def _auto_total(funding: Funding) -> Funding:
    """A printed total row equal to the sum of its rows is the editor's auto-summed total
    (None); any other total is kept as printed."""
    if funding.total is not None:
        rows = funding.model_copy(update={"total": None})
        if summed_total_row(Form(funding=rows)) == funding.total:
            return rows
    return funding


def _closes(row: list[Value], totals: frozenset[str]) -> bool:
    """True for a form's last row (总分): what is above it belongs to the form before."""
    first = next((v for v in row if isinstance(v, str) and v.strip()), None)
    return first is not None and normalize(first) in totals


def _mapped(note: Note, sheet: Assembled, start: int, page: int) -> Note:
    """A workbook note's cell address (``PDF!F12``) as the place on paper."""
    match = _ADDRESS.match(note.cell)
    if match is None:
        return replace(note, cell=f"第{page}页" if note.cell == SHEET else note.cell)
    col = 0
    for letter in match[1]:
        col = col * 26 + ord(letter) - 64
    place = sheet.places.get((start + int(match[2]) - 1, col - 1))
    return replace(note, cell=str(place) if place is not None else f"第{page}页")
