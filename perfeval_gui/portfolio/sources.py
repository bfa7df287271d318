"""The forms held by one file that is not a form file: a workbook or a published PDF.

``perfeval import`` / ``check`` / ``summary`` and the window's File → 导入… all read such a
file through ``read_forms``, so they accept the same files and say the same things about
them: an Excel/WPS workbook (workbook/) or a PDF of a disclosure (pdfread/), each giving
``ImportedForm`` values (a PDF's with the ``page`` each form starts on). Every failure is
one ``WorkbookError`` (source, one Chinese line), never a traceback.

It sits in portfolio (many forms from one file) because it is the one layer above both
readers that the command line, the window and the folder scan all stand on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from perfeval_gui.pdfread import PDF_SUFFIXES, is_pdf
from perfeval_gui.workbook import WORKBOOK_SUFFIXES, is_workbook

if TYPE_CHECKING:
    from perfeval_gui.workbook.reader import ImportedForm

SOURCE_SUFFIXES: Final = (*WORKBOOK_SUFFIXES, *PDF_SUFFIXES)
"""Every file ending ``read_forms`` accepts."""


def is_form_source(path: str) -> bool:
    """True for a workbook or a PDF: a file holding forms that ``read_forms`` reads."""
    return is_workbook(path) or is_pdf(path)


def read_forms(path: str) -> list[ImportedForm]:
    """Every form in the workbook or PDF at ``path``, in sheet or page order; raises
    WorkbookError (one Chinese line) when none can be read."""
    from perfeval_gui.workbook.cells import WorkbookError

    if not is_pdf(path):
        from perfeval_gui.workbook.reader import read_workbook

        return read_workbook(path)
    from perfeval_gui.pdfread import read_pdf  # regular files only, as the workbook reader

    try:
        return read_pdf(path)
    except WorkbookError:  # pdfread's PdfError: not a PDF, encrypted, no text layer, no form
        raise
    except MemoryError:
        raise WorkbookError(path, "PDF 过大，内存不足，无法读取") from None
    except Exception as exc:  # last line of defence: one line, never a traceback
        raise WorkbookError(path, f"无法读取 PDF（内部错误 {type(exc).__name__}）") from None
