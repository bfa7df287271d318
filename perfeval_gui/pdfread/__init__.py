"""Published PDFs back into forms: every 自评表 in a disclosure, with its printed figures.

- ``reader.read_pdf(path)``: every form found in the PDF (pages without a form skipped, a
  form continued over pages joined, several forms on a page separated), each an
  ``ImportedForm`` (workbook.reader's) with ``page`` set and notes that name the page and
  place (``第3页 (x=120, y=340)``); raises ``PdfError`` (a WorkbookError, one Chinese
  line) for a file that is not a readable PDF or is a scan without text.

Layered above ``workbook`` (whose label-finding reader it reuses) and below ``portfolio``.
Only page.py and reader.py import pypdfium2, inside the functions that need it, so
importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfeval_gui.workbook.reader import ImportedForm

PDF_SUFFIXES = (".pdf",)
"""File name endings the reader accepts (lower case)."""


def is_pdf(path: str) -> bool:
    """True when ``path`` names a PDF (by its ending)."""
    return str(path).lower().endswith(PDF_SUFFIXES)


def read_pdf(path: str) -> list[ImportedForm]:
    """Every form in the PDF at ``path`` (``reader.read_pdf``; imported on first use)."""
    from perfeval_gui.pdfread.reader import read_pdf as read

    return read(path)
