"""Old Excel/WPS .xls (BIFF) workbooks, read with xlrd.

xlrd rather than python-calamine here (measured): calamine allocates the rectangle up to
the last cell, 4 s and 1 GB for a 6 KB file with a value in IV65536; xlrd with
``ragged_rows`` holds only the cells there are (70 ms, 30 MB), gives the merged ranges
and the number formats (``formatting_info``), and refuses encrypted files by name.
"""

from __future__ import annotations

import io
from typing import Any

from perfeval_gui.workbook.cells import (
    Book,
    Merge,
    Sheet,
    Value,
    WorkbookError,
    is_percent_format,
    too_large,
)


def read_xls(data: bytes, source: str) -> Book:
    """Every worksheet of a .xls file's bytes."""
    import xlrd

    try:
        # logfile: xlrd prints its warnings on a damaged file ("file size … not 512 +
        # multiple of sector size") to stdout, where `perfeval import --json` writes JSON.
        book: Any = xlrd.open_workbook(file_contents=data, logfile=io.StringIO(),
                                       formatting_info=True,
                                       ragged_rows=True, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise WorkbookError(source, "文件设有打开密码，请在 Excel/WPS 中取消密码后再导入") \
                from None
        raise WorkbookError(source, f"文件已损坏，无法读取（{str(exc)[:80]}）") from None
    out = Book()
    percent_formats = {key for key, fmt in book.format_map.items()
                       if is_percent_format(fmt.format_str or "")}
    percent_xfs = {i for i, xf in enumerate(book.xf_list) if xf.format_key in percent_formats}
    try:
        for index in range(book.nsheets):
            sheet = book.get_sheet(index)
            cols = max((sheet.row_len(r) for r in range(sheet.nrows)), default=0)
            why = too_large(sheet.nrows, cols)
            if why:
                out.skipped.append(f"工作表“{sheet.name}”{why}")
                continue
            out.sheets.append(_sheet(book, sheet, percent_xfs))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return out


def _sheet(book: Any, sheet: Any, percent_xfs: set[int]) -> Sheet:
    import xlrd

    rows: list[list[Value]] = []
    percent: set[tuple[int, int]] = set()
    for r in range(sheet.nrows):
        values: list[Value] = []
        for c, cell in enumerate(sheet.row(r)):
            kind = cell.ctype
            value: Value
            if kind == xlrd.XL_CELL_TEXT:
                value = cell.value
            elif kind == xlrd.XL_CELL_NUMBER:
                number = cell.value
                value = int(number) if number.is_integer() and abs(number) < 2**53 else number
                if cell.xf_index in percent_xfs:
                    percent.add((r, c))
            elif kind == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    value = cell.value
            elif kind == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            elif kind == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(cell.value, "#ERR")
            else:
                value = ""
            values.append(value)
        rows.append(values)
    merges: list[Merge] = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
    cells = frozenset(percent)
    return Sheet(sheet.name, rows, merges, percent=lambda r, c: (r, c) in cells)
