"""Excel/WPS workbooks in and out: read forms from any unit's template, write the form as a
live workbook.

- ``reader.read_workbook(path)``: every form found in an .xlsx, .xls or .ods file, each
  with the notes of what could not be read (``Sheet1!F12：得分“约20”不是数字``); raises
  ``WorkbookError`` (one Chinese line) for a file that cannot be read at all.
- ``writer.workbook_bytes(forms)``: one .xlsx (a sheet per form) like the paper form, with live
  formulas for 执行率, 资金得分, the auto-summed total, 分值合计 and 总分 and the editor's
  figures as their cached values.

The package sits beside ``fileio`` (it imports the model, the figures and the spec, never
Qt or ReportLab). Its modules import python-calamine, xlrd and XlsxWriter inside the
functions that need them, so importing the package costs nothing.
"""

from __future__ import annotations

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
"""File name endings the reader accepts (lower case)."""


def is_workbook(path: str) -> bool:
    """True when ``path`` names a spreadsheet the reader handles (by its ending)."""
    return path.lower().endswith(WORKBOOK_SUFFIXES)
