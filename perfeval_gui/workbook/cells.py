"""What the reader knows of one worksheet, and how a cell's value becomes the form's value.

A ``Sheet`` is the grid of values (as python-calamine or xlrd give them: str, int, float,
bool, dates; '' or None for empty), the merged ranges, and a lazily answered question the
values alone cannot: is this number formatted as a percentage? The conversions here turn
those values into the form's: numbers to the decimal a person typed (``repr`` of the
float, never ``Decimal(float)``: 215457.6, not 215457.59999999998), text numbers with
thousands separators and full-width digits, percents, ``—`` as empty. A value the model
would refuse raises ``CellError`` with the reason in Chinese; the reader reports it with
the cell's address and leaves the field empty.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from perfeval_gui.model import check_amount
from perfeval_gui.numbers import NumberInputError, parse_number_input
from perfeval_gui.spec import NOTHING_WRITTEN

Value = str | int | float | bool | datetime.date | datetime.time | datetime.timedelta | None
"""A cell's value as the readers give it."""

EMPTY_MARKS: Final = NOTHING_WRITTEN | {"无"}
"""Texts that mean "nothing here" in a number cell."""
EXCEL_DIGITS: Final = 15
"""Significant digits a spreadsheet shows of a number: a cached formula result such as
0.30000000000000004 is the 0.3 the clerk saw."""


MAX_FILE_BYTES: Final = 64 * 1024 * 1024
MAX_ROWS: Final = 50_000
"""Rows scanned per sheet: a form of 10,000 indicators has about 10,020."""
MAX_COLS: Final = 1_000
MAX_CELLS: Final = 4_000_000
"""Rows × columns of a sheet's used rectangle (what a reader holds in memory)."""
MAX_MEMBER_BYTES: Final = 256 * 1024 * 1024
MAX_UNZIPPED_BYTES: Final = 512 * 1024 * 1024
MAX_RATIO: Final = 100
"""Compression ratio above which a large member is taken for a zip bomb (XML of a
real sheet compresses 5–20×)."""
MAX_MEMBERS: Final = 10_000


class WorkbookError(Exception):
    """The file cannot be read as a workbook; ``reason`` is one Chinese line."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class Book:
    """What was read of a workbook: its sheets in order, and the sheets skipped (why)."""

    sheets: list[Sheet] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def too_large(rows: int, cols: int) -> str | None:
    """Why a sheet of this extent is not scanned, or None."""
    if rows > MAX_ROWS:
        return f"超过 {MAX_ROWS:,} 行"
    if cols > MAX_COLS:
        return f"超过 {MAX_COLS:,} 列"
    if rows * cols > MAX_CELLS:
        return f"超过 {MAX_CELLS:,} 个单元格"
    return None


def is_percent_format(code: str) -> bool:
    """True when a number format code shows a percentage (a % outside quotes, brackets
    and escapes, in the positive section)."""
    from html import unescape

    section = unescape(code).split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)
    return "%" in section


class CellError(ValueError):
    """A cell's value cannot become the form's value; ``str()`` says why, in Chinese."""


def col_name(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def address(sheet: str, row: int, col: int) -> str:
    """``Sheet1!F12`` for the 0-based cell (row 11, col 5)."""
    return f"{sheet}!{col_name(col)}{row + 1}"


def normalize(text: str) -> str:
    """A label as compared: full-width forms folded (NFKC), every space and line break
    removed, so ``项目资金\\n（元）`` and ``项目资金(元)`` compare equal. Short texts are
    remembered: the same labels come back in every form and workbook of a batch."""
    found = _NORMALIZED.get(text)
    if found is None:
        found = "".join(unicodedata.normalize("NFKC", text).split())
        if len(text) <= _MEMO_CHARS and len(_NORMALIZED) < _MEMO_ENTRIES:
            _NORMALIZED[text] = found
    return found


_NORMALIZED: dict[str, str] = {}
_MEMO_CHARS: Final = 80
_MEMO_ENTRIES: Final = 20_000


Merge = tuple[int, int, int, int]
"""First row, first column, last row, last column (0-based, inclusive)."""


@dataclass
class Sheet:
    """One worksheet's values, merges and number formats."""

    name: str
    rows: list[list[Value]]
    merges: list[Merge] = field(default_factory=list)
    percent: Callable[[int, int], bool] | None = None
    """Is the number at (row, col) formatted as a percentage? Asked only of numbers, and
    answered lazily (None: the format says nothing, as for .xlsx written without styles)."""
    formula: Callable[[int, int], bool] | None = None
    """Does (row, col) hold a formula? (None: unknown for this file type)."""
    _merge_index: dict[tuple[int, int], Merge] | None = None

    def value(self, row: int, col: int) -> Value:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return None

    def text(self, row: int, col: int) -> str:
        """The cell as text ('' for empty), for label matching."""
        value = self.value(row, col)
        return value if isinstance(value, str) else ("" if value is None else str(value))

    def width(self, row: int) -> int:
        return len(self.rows[row]) if 0 <= row < len(self.rows) else 0

    def merge_at(self, row: int, col: int) -> Merge | None:
        """The merged range whose top-left cell is (row, col), if any."""
        if self._merge_index is None:
            self._merge_index = {(m[0], m[1]): m for m in self.merges}
        return self._merge_index.get((row, col))

    def merge_end(self, row: int, col: int) -> int:
        """The last column of the cell at (row, col): itself, or its merged range's."""
        merge = self.merge_at(row, col)
        return col if merge is None else merge[3]

    def is_percent(self, row: int, col: int) -> bool:
        return self.percent is not None and self.percent(row, col)

    def is_formula(self, row: int, col: int) -> bool | None:
        """True/False when the file says; None when this file type does not tell."""
        return None if self.formula is None else self.formula(row, col)

    def filled_down(self, col: int) -> Callable[[int], tuple[int, Value]]:
        """A lookup row → (row of the value, value) for column ``col``: a cell covered by
        a vertical merge gives the value of the merge's top cell (merged 一级/二级)."""
        starts: list[int] = []
        ends: list[int] = []
        for r0, c0, r1, c1 in sorted(self.merges):
            if c0 <= col <= c1 and r1 > r0:
                starts.append(r0)
                ends.append(r1)

        def lookup(row: int) -> tuple[int, Value]:
            at = bisect_right(starts, row) - 1
            if at >= 0 and starts[at] <= row <= ends[at]:
                return starts[at], self.value(starts[at], col)
            return row, self.value(row, col)

        return lookup


def is_empty(value: Value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def float_decimal(value: float) -> Decimal:
    """The decimal a person typed for a float the file stores: its shortest round-trip
    text (``repr``); past 15 significant digits (a formula's binary residue) the 15
    digits a spreadsheet shows."""
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError("不是有效的数字")
    if value.is_integer() and abs(value) < 2**53:
        return Decimal(int(value))  # 650000, not 650000.0
    number = Decimal(repr(value))
    if len(number.as_tuple().digits) > EXCEL_DIGITS:
        number = Decimal(format(value, f".{EXCEL_DIGITS}g"))
    return number


def plain(number: Decimal) -> str:
    """A decimal as written by hand: no exponent, no trailing zeros (0.30 → 0.3)."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def cell_number(value: Value, percent: bool = False) -> Decimal | None:
    """A number cell (amount, weight, score) as the form's Decimal; None when empty.

    Numbers stay as typed; text numbers may carry thousands separators, full-width
    digits, spaces and a trailing % or 元; ``—`` and the like mean empty. A number
    formatted as a percentage (0.2 shown as 20%) is the 20 the clerk sees. Raises
    CellError for anything else, or for what the model refuses (negative, more than 6
    decimals, above 10^15).
    """
    if isinstance(value, int | float) and not isinstance(value, bool):  # the common case
        number = Decimal(value) if isinstance(value, int) else float_decimal(value)
        if percent:
            number = number.scaleb(2)
        try:
            return check_amount(number)
        except ValueError as exc:
            raise CellError(f"{plain(number)}：{exc}") from None
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"“{'TRUE' if value else 'FALSE'}”不是数字")
    if isinstance(value, str):
        text = value.strip()
        if text in EMPTY_MARKS:
            return None
        try:
            return parse_number_input(text)
        except NumberInputError as exc:
            shown = text if len(text) <= 30 else text[:30] + "…"
            reason = str(exc)
            if reason.endswith("不是有效的数字"):
                raise CellError(f"“{shown}”不是数字") from None
            raise CellError(f"“{shown}”：{reason}") from None
    raise CellError(f"“{value}”不是数字")


def cell_text(value: Value, percent: bool = False) -> str:
    """A text cell (names, targets, actuals, deviations) as the form's text.

    Text stays exactly as typed; a number becomes the text a person typed (155, 0.3),
    with % when it is formatted as a percentage (0.4517 → 45.17%); dates as 2022-12-31.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        number = Decimal(value) if isinstance(value, int) else float_decimal(value)
        if percent:
            return plain(number.scaleb(2)) + "%"
        return plain(number)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


_YEAR: Final = re.compile(r"((?:19|20|21|22)[0-9]{2})\s*年")


def find_year(text: str) -> int | None:
    """The year of a title or year line (``（2022年度）``, ``2022 年度``), else None."""
    match = _YEAR.search(unicodedata.normalize("NFKC", text))
    return int(match[1]) if match else None


_WEIGHT_IN_LABEL: Final = re.compile(r"^(.*?)\s*[（(]\s*[0-9]+(?:\.[0-9]+)?\s*分\s*[)）]\s*$",
                                     re.DOTALL)


def strip_weight(label: str) -> str:
    """``产出指标(50分)`` → ``产出指标``: some templates write the 一级 weight into its label."""
    match = _WEIGHT_IN_LABEL.match(label)
    return match[1] if match and match[1].strip() else label
