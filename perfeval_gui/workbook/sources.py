"""Opening a workbook file safely: the right reader for its bytes, within bounds.

Readers, chosen by measurement (benchmarks/bench_workbook.py):

- .xlsx: python-calamine (0.2 ms for a form's workbook, 3× faster than parsing the XML
  here; openpyxl 47 ms; python-calamine-plus 0.2.0, whose streaming also gives styles and
  formulas, 0.43 ms), after a check of each sheet's XML for the cells' extent: calamine
  allocates the whole rectangle up to the last cell, so a 5 KB file with a value in
  XFD1048576 would abort the process asking for 512 GB. The check is one bytes search for
  a reference at row 1,000 or column AAA or beyond; only a sheet with one is scanned cell
  by cell. Number formats (is 0.4517 shown as 45.17 %?) and formula cells are found in
  the styles and the sheet XML by bytes search, only when asked. Members are inflated
  with zlib from the bytes in memory (ZipFile.open costs more than the inflating).
- .xls: xlrd (``ragged_rows``): calamine needs 4 s and 1 GB for a 6 KB .xls with a value
  in IV65536, xlrd 70 ms and 30 MB; xlrd also knows the number formats.
- .ods: parsed here (content.xml, streamed): calamine has neither merged ranges nor
  formats for .ods, and allocates the same rectangle.

Every refusal is a ``WorkbookError`` with one Chinese line: not a workbook, a password,
a corrupt file, a zip bomb (sizes in the zip directory, checked before anything is
unpacked), a file too large. A sheet too large to scan (rows, columns or cells over the
caps below) is skipped with a reason, so the other sheets are still read.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from html import unescape
from typing import IO, Final

from perfeval_gui import safe_read
from perfeval_gui.file_errors import not_regular, read_reason
from perfeval_gui.workbook.cells import (
    MAX_FILE_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    Book,
    Merge,
    Sheet,
    Value,
    WorkbookError,
    is_percent_format,
    too_large,
)

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK: Final = 1 << 20


class _TooLarge(Exception):
    """A sheet beyond the caps; the message names the cap."""


def read_book(path: str) -> Book:
    """Every sheet of the workbook at ``path``; raises WorkbookError (one line)."""
    return read_book_bytes(read_source(path, MAX_FILE_BYTES), str(path))


def read_source(path: str, cap: int, error: type[WorkbookError] = WorkbookError) -> bytes:
    """The bytes of a workbook or PDF at ``path``, at most ``cap``; raises ``error`` (one
    line). Never blocks: a FIFO or device named *.xlsx or *.pdf is refused unread."""
    source = str(path)
    try:
        return safe_read.read_regular_file(path, cap)
    except safe_read.NotRegularFileError as exc:
        raise error(source, not_regular(exc.mode)) from None
    except safe_read.TooLargeError:
        raise error(source, f"文件过大（超过 {cap // 1024 // 1024} MB）") from None
    except OSError as exc:
        raise error(source, read_reason(exc)) from None
    except (ValueError, TypeError):
        raise error(source, "不是有效的文件名") from None


def read_book_bytes(data: bytes, source: str = "<数据>") -> Book:
    """Every sheet of a workbook given as bytes; raises WorkbookError (one line)."""
    if not data:
        raise WorkbookError(source, "文件为空")
    try:
        if data.startswith(b"PK"):
            return _read_zip(data, source)
        if data.startswith(_OLE_MAGIC):
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise WorkbookError(source, "文件设有打开密码，请在 Excel/WPS 中取消密码后再导入")
            from perfeval_gui.workbook.xls import read_xls

            return read_xls(data, source)
    except WorkbookError:
        raise
    except MemoryError:
        raise WorkbookError(source, "文件过大，内存不足以读取") from None
    except Exception as exc:  # a reader's own exception: the file is damaged
        detail = f"{type(exc).__name__}: {exc}"[:120]
        raise WorkbookError(source, f"文件已损坏，无法读取（{detail}）") from None
    raise WorkbookError(source, "不是 Excel/WPS 表格文件（.xlsx、.xls 或 .ods）")


def _read_zip(data: bytes, source: str) -> Book:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookError(source, "文件已损坏（不是完整的 .xlsx/.ods 压缩包）") from None
    if len(infos) > MAX_MEMBERS:
        raise WorkbookError(source, f"压缩包内文件过多（超过 {MAX_MEMBERS:,} 个），"
                                    "不是正常的表格文件")
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > 16 * 1024 * 1024
        if (big and info.file_size > MAX_RATIO * max(info.compress_size, 1)) \
                or info.file_size > MAX_MEMBER_BYTES or total > MAX_UNZIPPED_BYTES:
            raise WorkbookError(source, "压缩包解压后异常巨大（疑似“压缩炸弹”），已拒绝读取")
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:
        return _read_xlsx(data, archive, source)
    if "content.xml" in names:
        manifest = _member(archive, "META-INF/manifest.xml", source) \
            if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise WorkbookError(source, "文件设有打开密码，请在 WPS/LibreOffice 中取消密码后再导入")
        from perfeval_gui.workbook.ods import read_ods

        return read_ods(archive, source)
    raise WorkbookError(source, "不是 Excel/WPS 表格文件（压缩包中没有工作簿）")


class _Inflate:
    """A deflated or stored member read with zlib straight from the archive's bytes:
    ``ZipFile.open`` costs ~8 µs a member in Python, and a form's workbook opens four.
    The same checks: never more than the declared size, the CRC at the end."""

    def __init__(self, raw: bytes, info: zipfile.ZipInfo) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(-15) \
            if info.compress_type == zipfile.ZIP_DEFLATED else None
        self._crc = 0
        self._expected = info.CRC
        self._left = info.file_size

    def __enter__(self) -> _Inflate:
        return self

    def __exit__(self, *_: object) -> None:
        self._raw = b""

    def read(self, size: int) -> bytes:
        if self._inflate is None:
            out, self._raw = self._raw[:size], self._raw[size:]
            done = not self._raw
        else:
            out = self._inflate.decompress(self._raw, size)
            self._raw = self._inflate.unconsumed_tail
            done = self._inflate.eof
            if not out and not done:
                raise zipfile.BadZipFile("truncated member")
        self._crc = zlib.crc32(out, self._crc)
        self._left -= len(out)
        if self._left < 0 or (done and (self._left or self._crc != self._expected)):
            raise zipfile.BadZipFile("member size or CRC differs from the zip directory")
        return out


def _open(archive: zipfile.ZipFile, name: str) -> _Inflate | IO[bytes]:
    """A member to read: with zlib when the archive is in memory (always, here) and the
    member plainly deflated or stored; else through zipfile."""
    info = archive.getinfo(name)
    held = archive.fp
    if isinstance(held, io.BytesIO) and not info.flag_bits & 1 \
            and info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        view = held.getbuffer()
        try:
            at = info.header_offset
            if bytes(view[at:at + 4]) == b"PK\x03\x04":
                name_length, extra_length = struct.unpack_from("<HH", view, at + 26)
                start = at + 30 + name_length + extra_length
                return _Inflate(bytes(view[start:start + info.compress_size]), info)
        finally:
            view.release()
    return archive.open(name)


def _member(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    """A member's bytes, read no further than its declared size (a lying size fails)."""
    if name not in archive.NameToInfo:
        raise WorkbookError(source, f"文件已损坏（缺少 {name}）")
    try:
        with _open(archive, name) as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        raise WorkbookError(source, f"文件已损坏（{name} 无法解压）") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise WorkbookError(source, "压缩包解压后异常巨大（疑似“压缩炸弹”），已拒绝读取")
    return data


# --- .xlsx -------------------------------------------------------------------------------

_SHEET_ENTRY: Final = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR: Final = re.compile(rb'([\w:]+)="([^"]*)"')
_REL: Final = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_CELL_REF: Final = re.compile(
    rb"<(?:\w+:)?(?:c|row)\s[^>]*?\br\s*=\s*[\"']([A-Z]{0,3})([0-9]{1,9})[\"'][^>]*?(/?)>")
_FAR_REF: Final = re.compile(rb"r\s*=\s*[\"'](?:[A-Z]{3}|[A-Z]{1,2}[0-9]{4})")
"""A reference at row 1,000 or beyond, or column AAA or beyond. A sheet without one fits
the caps whatever else it holds (999 rows × 702 columns), so only such a sheet is scanned
cell by cell (a form of a few hundred rows: one C-level search instead of ~150 µs)."""
_REF: Final = re.compile(rb"[A-Z]{1,3}[0-9]{1,9}")
_CELL_RS: Final = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})([0-9]{1,9})"[^>]*? s="([0-9]+)"')
_FORMULA_CELL: Final = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,9})"[^>/]*>\s*'
                                  rb"<(?:\w+:)?f\b")
_NUM_FMT: Final = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)/?>")
_XF: Final = re.compile(rb"<(?:\w+:)?xf\b([^>]*)/?>")
_NUM_FMT_ID: Final = re.compile(rb'\bnumFmtId="([0-9]+)"')
_PERCENT_BUILTIN: Final = frozenset({9, 10})


def _attrs(raw: bytes) -> dict[str, str]:
    out = {}
    for key, value in _ATTR.findall(raw):
        text = value.decode("utf-8")
        out[key.decode().split(":")[-1] if key != b"r:id" else "r:id"] = \
            unescape(text) if "&" in text else text
    return out


def _col_index(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number - 1


def _xlsx_sheet_paths(archive: zipfile.ZipFile, source: str) -> dict[str, str]:
    """Sheet name → path of its XML in the archive (workbook.xml and its relationships)."""
    book = _member(archive, "xl/workbook.xml", source)
    try:
        rels = _member(archive, "xl/_rels/workbook.xml.rels", source)
    except WorkbookError:
        rels = b""
    targets = {}
    for raw in _REL.findall(rels):
        attrs = _attrs(raw)
        target = attrs.get("Target", "")
        target = target[1:] if target.startswith("/") else "xl/" + target
        targets[attrs.get("Id", "")] = target
    paths = {}
    for raw in _SHEET_ENTRY.findall(book):
        attrs = _attrs(raw)
        if "name" in attrs:
            paths[attrs["name"]] = targets.get(attrs.get("r:id", attrs.get("id", "")), "")
    return paths


def _scan_extent(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    """The sheet's XML, read in chunks and stopped as soon as a cell lies beyond the caps
    (raises _TooLarge): calamine is only handed sheets whose rectangle fits."""
    rows = cols = 0
    parts: list[bytes] = []
    tail = b""
    scan = False
    try:
        with _open(archive, name) as handle:
            while chunk := handle.read(_CHUNK):
                parts.append(chunk)
                window = tail + chunk
                cut = window.rfind(b"<")
                if not scan and _FAR_REF.search(window, 0, cut) is not None:
                    scan = True  # from here on every cell, and once what came before
                    window = b"".join(parts)
                    cut = window.rfind(b"<")
                tail = window[cut:]
                if not scan:
                    continue
                # Distinct row numbers and column letters (a few dozen), not every cell:
                # a styled empty cell or row (closed, "/>") is skipped, as calamine does.
                found = _CELL_REF.findall(window[:cut])
                numbers = {number for _, number, closed in found if not closed}
                letters = {letters for letters, _, closed in found if letters and not closed}
                if numbers:
                    rows = max(rows, *map(int, numbers))
                if letters:
                    cols = max(cols, *(_col_index(x) + 1 for x in letters))
                why = too_large(rows, cols)
                if why:
                    raise _TooLarge(f"{why}（第 {rows:,} 行处停止读取）"
                                    if rows > MAX_ROWS else why)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        raise WorkbookError(source, f"文件已损坏（{name} 无法解压）") from None
    return b"".join(parts)


def _percent_styles(archive: zipfile.ZipFile, source: str) -> frozenset[int]:
    """Indexes of the cell styles (cellXfs) whose number format is a percentage."""
    try:
        styles = _member(archive, "xl/styles.xml", source)
    except WorkbookError:
        return frozenset()
    percent_ids = set(_PERCENT_BUILTIN)
    for raw in _NUM_FMT.findall(styles):
        if b"%" in raw:  # a custom format that may show a percentage
            attrs = _attrs(raw)
            if attrs.get("numFmtId", "").isdigit() \
                    and is_percent_format(attrs.get("formatCode", "")):
                percent_ids.add(int(attrs["numFmtId"]))
    start = styles.find(b"cellXfs")  # <cellXfs …> … </cellXfs>, with or without a prefix
    end = styles.find(b"cellXfs", start + 7)
    if start < 0 or end < 0:
        return frozenset()
    found = set()
    for index, raw in enumerate(_XF.findall(styles, start, end)):
        fmt = _NUM_FMT_ID.search(raw)
        if fmt is not None and int(fmt[1]) in percent_ids:
            found.add(index)
    return frozenset(found)


def _read_xlsx(data: bytes, archive: zipfile.ZipFile, source: str) -> Book:
    import python_calamine as calamine

    paths = _xlsx_sheet_paths(archive, source)
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise WorkbookError(source, "文件设有打开密码，请在 Excel/WPS 中取消密码后再导入") from None
    book = Book()
    percent_styles: list[frozenset[int]] = []

    def styles() -> frozenset[int]:
        if not percent_styles:
            percent_styles.append(_percent_styles(archive, source))
        return percent_styles[0]

    for meta in workbook.sheets_metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        name = meta.name
        path = paths.get(name, "")
        if path not in archive.NameToInfo:
            continue
        try:
            xml = _scan_extent(archive, path, source)
        except _TooLarge as exc:
            book.skipped.append(f"工作表“{name}”{exc}")
            continue
        sheet = workbook.get_sheet_by_name(name)
        rows: list[list[Value]] = sheet.to_python(skip_empty_area=False)  # type: ignore[assignment]
        merges: list[Merge] = [(r0, c0, r1, c1) for (r0, c0), (r1, c1)
                               in sheet.merged_cell_ranges or ()]
        cells = _XlsxCells(xml, styles)
        book.sheets.append(Sheet(name, rows, merges, percent=cells.percent,
                                 formula=cells.formula))
    return book


class _XlsxCells:
    """What calamine does not tell of a sheet's cells, from its XML on the first question:
    the cells whose number is formatted as a percentage, and those holding a formula."""

    def __init__(self, xml: bytes, styles: Callable[[], frozenset[int]]) -> None:
        self.xml = xml
        self.styles = styles
        self._percent: frozenset[tuple[int, int]] | None = None
        self._formulas: frozenset[tuple[int, int]] | None = None

    def percent(self, row: int, col: int) -> bool:
        if self._percent is None:
            self._percent = self._find_percent()
        return bool(self._percent) and (row, col) in self._percent

    def formula(self, row: int, col: int) -> bool:
        if self._formulas is None:
            self._formulas = self._find_formulas()
        return (row, col) in self._formulas

    def _find_percent(self) -> frozenset[tuple[int, int]]:
        percent = self.styles()
        if not percent:
            return frozenset()
        if b'<c r="' not in self.xml:  # cells not written address first: slower, any order
            return frozenset((int(number) - 1, _col_index(letters))
                             for letters, number, style in _CELL_RS.findall(self.xml)
                             if int(style) in percent)
        found = set()
        for style in percent:  # a few percent styles, each a fast bytes search
            needle = b' s="%d"' % style
            at = self.xml.find(needle)
            while at >= 0:
                cell = _cell_at(self.xml, at)
                if cell is not None and not cell[1]:
                    found.add(cell[0])
                at = self.xml.find(needle, at + len(needle))
        return frozenset(found)

    def _find_formulas(self) -> frozenset[tuple[int, int]]:
        xml = self.xml
        if b'<c r="' not in xml:
            return frozenset((int(number) - 1, _col_index(letters))
                             for letters, number in _FORMULA_CELL.findall(xml))
        found = set()
        at = xml.find(b"<f")
        while at >= 0:
            if xml[at + 2:at + 3] in (b">", b" ", b"/", b"\t", b"\n", b"\r"):  # <f>, <f t=…>
                tag_end = xml.rfind(b">", 0, at)
                cell = _cell_at(xml, tag_end) if not xml[tag_end + 1:at].strip() else None
                if cell is not None and not cell[1]:
                    found.add(cell[0])
            at = xml.find(b"<f", at + 2)
        return frozenset(found)


def _cell_at(xml: bytes, at: int) -> tuple[tuple[int, int], bool] | None:
    """The cell whose start tag holds offset ``at`` (0-based row, column) and whether the
    tag is closed; None when ``at`` lies in another tag."""
    start = xml.rfind(b"<", 0, at + 1)
    if not xml.startswith(b'<c r="', start):
        return None
    end = xml.find(b">", start)
    if end < at:
        return None
    ref = xml[start + 6:xml.find(b'"', start + 6)]
    if _REF.fullmatch(ref) is None:
        return None
    return _position(ref), xml[end - 1:end] == b"/"


def _position(ref: bytes) -> tuple[int, int]:
    """b"F12" → (11, 5)."""
    split = len(ref.rstrip(b"0123456789"))
    return int(ref[split:]) - 1, _col_index(ref[:split])
