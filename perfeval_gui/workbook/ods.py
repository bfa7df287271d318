"""OpenDocument spreadsheets (.ods: WPS, LibreOffice), read from content.xml as it streams.

Parsed here rather than by python-calamine (measured): calamine gives neither the merged
ranges nor the number formats of an .ods, and allocates the whole rectangle up to the last
cell (3 s, 1 GB for one value in IV65536). Here only the cells there are are kept; the
empty rows LibreOffice repeats to the sheet's end cost nothing; a sheet beyond the caps
stops the reading (bounded time) and is reported.
"""

from __future__ import annotations

import datetime
import zipfile
from typing import Final
from xml.etree.ElementTree import Element, ParseError, iterparse

from perfeval_gui.workbook.cells import (
    MAX_CELLS,
    MAX_COLS,
    MAX_ROWS,
    Book,
    Merge,
    Sheet,
    Value,
    WorkbookError,
)

_TABLE: Final = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE: Final = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT: Final = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELLS: Final = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _text(node: Element) -> str:
    """The text of a paragraph as shown: text:s spaces, tabs and line breaks kept."""
    parts = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _value(cell: Element) -> tuple[Value, bool]:
    """The cell's value and whether it is a percentage."""
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in ("float", "currency", "percentage"):
        raw = cell.get(f"{_OFFICE}value", "")
        try:
            number = float(raw)
        except ValueError:
            return raw, False
        value: Value = int(number) if number.is_integer() and abs(number) < 2**53 else number
        return value, kind == "percentage"
    if kind == "boolean":
        return cell.get(f"{_OFFICE}boolean-value") == "true", False
    if kind == "date":
        raw = cell.get(f"{_OFFICE}date-value", "")
        try:
            return datetime.datetime.fromisoformat(raw), False
        except ValueError:
            pass
    paragraphs = [_text(p) for p in cell if p.tag == f"{_TEXT}p"]
    return "\n".join(paragraphs), False


class _SheetBuilder:
    """The cells of one table:table as its rows arrive."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.row = 0
        self.rows: list[list[Value]] = []
        self.merges: list[Merge] = []
        self.percent: set[tuple[int, int]] = set()
        self.formulas: set[tuple[int, int]] = set()
        self.cells = 0
        self.too_large: str | None = None

    def add_row(self, element: Element) -> None:
        repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1") or 1)
        found: list[tuple[int, Value, bool, bool, int]] = []
        col = 0
        for cell in element:
            if cell.tag not in _CELLS:
                continue
            count = int(cell.get(f"{_TABLE}number-columns-repeated", "1") or 1)
            value, percent = _value(cell)
            formula = cell.get(f"{_TABLE}formula") is not None
            if value != "" or formula:
                found.append((col, value, percent, formula, count))
            rows_spanned = int(cell.get(f"{_TABLE}number-rows-spanned", "1") or 1)
            cols_spanned = int(cell.get(f"{_TABLE}number-columns-spanned", "1") or 1)
            if rows_spanned > 1 or cols_spanned > 1:
                for k in range(min(count, MAX_COLS)):
                    self.merges.append((self.row, col + k, self.row + rows_spanned - 1,
                                        col + k + cols_spanned - 1))
            col += count
        if not found:
            self.row += repeat
            return
        last_col = max(c + n for c, _, _, _, n in found)
        last_row = self.row + repeat
        self.cells += repeat * sum(n for _, _, _, _, n in found)
        if last_row > MAX_ROWS:
            self.too_large = f"超过 {MAX_ROWS:,} 行（第 {MAX_ROWS:,} 行处停止读取）"
        elif last_col > MAX_COLS:
            self.too_large = f"超过 {MAX_COLS:,} 列"
        elif self.cells > MAX_CELLS:
            self.too_large = f"超过 {MAX_CELLS:,} 个单元格"
        if self.too_large:
            return
        while len(self.rows) < self.row:
            self.rows.append([])
        for _ in range(repeat):
            values: list[Value] = [""] * last_col
            for c, value, percent, formula, count in found:
                for k in range(count):
                    values[c + k] = value
                    if percent:
                        self.percent.add((len(self.rows), c + k))
                    if formula:
                        self.formulas.add((len(self.rows), c + k))
            self.rows.append(values)
        self.row = last_row

    def sheet(self) -> Sheet:
        percent, formulas = frozenset(self.percent), frozenset(self.formulas)
        width = max((len(r) for r in self.rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in self.rows]
        return Sheet(self.name, rows, self.merges, percent=lambda r, c: (r, c) in percent,
                     formula=lambda r, c: (r, c) in formulas)


def read_ods(archive: zipfile.ZipFile, source: str) -> Book:
    """Every table of an .ods archive (its size already checked against the caps)."""
    book = Book()
    builder: _SheetBuilder | None = None
    try:
        with archive.open("content.xml") as handle:
            for event, element in iterparse(handle, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == f"{_TABLE}table":
                        builder = _SheetBuilder(element.get(f"{_TABLE}name", ""))
                    continue
                if tag == f"{_TABLE}table-row" and builder is not None:
                    builder.add_row(element)
                    element.clear()
                    if builder.too_large:
                        book.skipped.append(f"工作表“{builder.name}”{builder.too_large}"
                                            "，其后的工作表未读取")
                        return book
                elif tag == f"{_TABLE}table" and builder is not None:
                    book.sheets.append(builder.sheet())
                    builder = None
                    element.clear()
    except ParseError:
        raise WorkbookError(source, "文件已损坏（content.xml 不是有效的 XML）") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise WorkbookError(source, "文件已损坏（content.xml 无法解压）") from None
    return book
