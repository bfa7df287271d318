"""Forms found in a workbook by their labels, not by cell addresses.

A form is anchored on its 项目名称 label (else on its funding or indicator header): it may
start anywhere on a sheet, several may be stacked on one sheet or spread over sheets, rows
may be added above or inside it (填报单位, 单位：万元, 自评等级 …), and its labels may be any
wording the spec lists, with spaces and line breaks. Each block is then located by its
labels within the form's rows: the header cells, the funding header and rows, the goals,
the indicator header, the indicator rows down to 总分.

Values are read as templates hold them (cells.py); a merged 一级/二级 cell fills the rows
it covers; a weight written into the 一级 label (``产出指标(50分)``) is dropped; separate
偏差原因分析 and 改进措施 columns are joined. A total row of formulas equal to the sum of its
rows is the auto-summed total; a typed total is kept as typed. Nothing is guessed
silently: what cannot be read is a ``Note`` (``Sheet1!F12：得分“约20”不是数字``) and the
field stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from perfeval_gui.fieldpath import ROOT, FieldPath, Part
from perfeval_gui.model import (
    FUNDING_COLUMNS,
    MAX_TEXT_LENGTH,
    Form,
    Funding,
    FundingRow,
    Goals,
    Indicator,
)
from perfeval_gui.spec import DEVIATION_PARTS, NOTHING_WRITTEN, STANDARD, cell_name, one_line
from perfeval_gui.workbook.cells import (
    Book,
    CellError,
    Sheet,
    Value,
    WorkbookError,
    address,
    cell_number,
    cell_text,
    find_year,
    float_decimal,
    is_empty,
    normalize,
    strip_weight,
)
from perfeval_gui.workbook.labels import Labels, labels

if TYPE_CHECKING:
    from perfeval_gui.rules import Finding

_EXPECTED: Final = "".join(f"“{label}”" for label in (
    STANDARD.header[0].label, STANDARD.funding.amount_columns[0].label,
    STANDARD.indicators.column("name").name))
"""What a workbook without a form lacks, as the refusal names it."""
LABEL_CHARS: Final = 80
"""Longer texts are never labels (not normalized, saving time on long cells)."""
FUNDING_ROWS_AFTER_HEADER: Final = 12
_CONTROLS: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""What the file format refuses in a text (control characters other than tab, LF, CR;
lone surrogates)."""


_INDICATOR_COLUMNS: Final = {c.key: c for c in STANDARD.indicators.columns}
"""The spec's indicator columns by key (looked up for every cell read)."""


@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader could not read: where in the workbook, why, and the field it
    would have filled (the window jumps there)."""

    cell: str
    message: str
    path: FieldPath = ROOT

    def __str__(self) -> str:
        return f"{self.cell}：{self.message}"

    def finding(self) -> Finding:
        """The note as a finding at its cell (``perfeval check``, the window, the list)."""
        from perfeval_gui.rules import UNREAD_CODE, Finding  # not for a plain import

        return Finding("warning", UNREAD_CODE, str(self), self.path)


@dataclass(frozen=True, slots=True)
class ImportedForm:
    """One form found in a workbook."""

    form: Form
    sheet: str
    index: int
    """Which form of its sheet (1 for the first)."""
    notes: tuple[Note, ...]
    page: int | None = None
    """The PDF page the form starts on (pdfread); None for a workbook."""

    @property
    def place(self) -> str:
        """Where it was found: ``Sheet1``, or ``Sheet1 第 2 个表`` when stacked."""
        return self.sheet if self.index == 1 else f"{self.sheet} 第 {self.index} 个表"


def read_workbook(path: str) -> list[ImportedForm]:
    """Every form in the workbook at ``path``, in sheet order; raises WorkbookError (one
    Chinese line) when the file cannot be read or holds no form."""
    from perfeval_gui.workbook.sources import read_book

    return forms_in_book(read_book(path), str(path))


def forms_in_book(book: Book, source: str) -> list[ImportedForm]:
    """The forms of a book already read; WorkbookError when there is none."""
    found: list[ImportedForm] = []
    skipped = [Note(source, why) for why in book.skipped]
    for sheet in book.sheets:
        for index, (form, notes) in enumerate(forms_in_sheet(sheet), start=1):
            found.append(ImportedForm(form, sheet.name, index, tuple(notes)))
    if not found:
        if book.skipped:
            raise WorkbookError(source, f"未找到自评表：{book.skipped[0]}")
        raise WorkbookError(source, f"未找到自评表（没有{_EXPECTED}等表头）")
    if skipped:  # a sheet too large to scan is told with the first form
        first = found[0]
        found[0] = ImportedForm(first.form, first.sheet, first.index, (*skipped, *first.notes))
    return found


# --- locating -----------------------------------------------------------------------------


class _Grid:
    """A sheet with its short texts normalized once, for label lookups."""

    def __init__(self, sheet: Sheet, known: Labels) -> None:
        self.sheet = sheet
        self.labels = known
        self.norm: dict[int, list[tuple[int, str]]] = {}  # in row order (lookups rely on it)
        for r, row in enumerate(sheet.rows):
            found = []
            for c, v in enumerate(row):
                if v.__class__ is str and v and len(v) <= LABEL_CHARS:
                    n = normalize(v)
                    if n:
                        found.append((c, n))
            if found:
                self.norm[r] = found

    def texts(self, row: int) -> list[tuple[int, str]]:
        return self.norm.get(row, [])

    def rows_with(self, table: dict[str, str], at_least: int, start: int = 0,
                  stop: int | None = None, must: str | None = None,
                  first: bool = False) -> list[int]:
        """Rows in [start, stop) holding ≥ ``at_least`` distinct keys of ``table`` (only
        the first such row when ``first``)."""
        end = len(self.sheet.rows) if stop is None else stop
        out = []
        for r in self.norm:  # filled in row order
            if r < start:
                continue
            if r >= end:
                break
            keys = {table[n] for _, n in self.norm[r] if n in table}
            if len(keys) >= at_least and (must is None or must in keys):
                out.append(r)
                if first:
                    break
        return out

    def right_of(self, row: int, col: int) -> tuple[int, Value] | None:
        """The value right of a label: the cell next to it, whatever it holds; when that
        is empty, the next non-empty cell unless it is another label (a spacer column)."""
        c = self.sheet.merge_end(row, col) + 1
        width = self.sheet.width(row)
        first = True
        while c < width:
            value = self.sheet.value(row, c)
            if value is not None and value != "":  # spaces alone are a value too
                if not first and isinstance(value, str) \
                        and normalize(value) in self.labels.every:
                    return None
                return c, value
            first = False
            c = self.sheet.merge_end(row, c) + 1
        return None

    def is_value(self, row: int, col: int) -> bool:
        """True when the nearest filled cell left of (row, col) is a header label: the
        cell is that label's value (a unit named 项目名称 is no second form)."""
        for c in range(col - 1, -1, -1):
            value = self.sheet.value(row, c)
            if value is not None and value != "":
                return isinstance(value, str) and normalize(value) in self.labels.header
        return False


def _span_value(grid: _Grid, header_row: int, col: int, row: int) -> tuple[int, Value]:
    """The value of ``row`` under a header cell at (header_row, col): the first non-empty
    cell within the header's merged width (the value's own merge starts there in most
    templates; some start it one column over)."""
    rows = grid.sheet.rows
    return _first_filled(rows[row] if 0 <= row < len(rows) else [], col,
                         grid.sheet.merge_end(header_row, col))


@dataclass(frozen=True, slots=True)
class _Spans:
    """Where each indicator column's value lies in a row, worked out once from the
    header: (key, first column, last column of the header's merge, kind)."""

    plan: list[tuple[str, int, int, str]]
    improvement: tuple[int, int] | None


def _first_filled(cells: list[Value], first: int, last: int) -> tuple[int, Value]:
    """The first non-empty cell of a row's ``cells`` in columns [first, last] (a header's
    merged width), else (first, its value)."""
    for c in range(first, min(last + 1, len(cells))):
        value = cells[c]
        if not is_empty(value):
            return c, value
    return first, cells[first] if 0 <= first < len(cells) else None


def _field_label(where: tuple[Part, ...]) -> str:
    """What a note calls a number cell: its column in the indicator table (the address
    gives the row), else the spec's name for the cell (``spec.cell_name``)."""
    if where[0] == "indicators":
        return _INDICATOR_COLUMNS[str(where[-1])].name
    return one_line(cell_name(where) or "")


def _anchors(grid: _Grid) -> list[int]:
    """The first row of each form on the sheet."""
    known = grid.labels
    name_key = STANDARD.header[0].key
    prefixes = tuple(p for p, k in known.header_prefixes if k == name_key)
    names = [r for r, texts in grid.norm.items()
             if any((known.header.get(n) == name_key or n.startswith(prefixes))
                    and not grid.is_value(r, c)
                    for c, n in texts)]
    if names:
        return names
    amount_keys = {k: k for k in FUNDING_COLUMNS}
    funding = grid.rows_with({n: k for n, k in known.funding_columns.items()
                              if k in amount_keys}, 2)
    if funding:
        return funding
    name_col = STANDARD.indicators.column("name").key
    return grid.rows_with(known.indicators, 3, must=name_col)


def forms_in_sheet(sheet: Sheet) -> list[tuple[Form, list[Note]]]:
    """Every form on ``sheet`` with its notes (empty list when there is none)."""
    known = labels()
    grid = _Grid(sheet, known)
    anchors = _anchors(grid)
    out = []
    preamble_start = 0
    for i, anchor in enumerate(anchors):
        stop = anchors[i + 1] if i + 1 < len(anchors) else len(sheet.rows)
        reader = _FormReader(grid, preamble_start, anchor, stop)
        form, end = reader.read()
        if form is not None:
            out.append((form, reader.notes))
        preamble_start = min(end, stop)
    return out


class _FormReader:
    """Reads one form from rows [start, stop) of a grid; ``anchor`` is its first row."""

    def __init__(self, grid: _Grid, start: int, anchor: int, stop: int) -> None:
        self.grid = grid
        self.sheet = grid.sheet
        self.known = grid.labels
        self.start, self.anchor, self.stop = start, anchor, stop
        self.notes: list[Note] = []

    def note(self, row: int, col: int, message: str, where: tuple[Part, ...] = ()) -> None:
        """Tell what could not be read at (row, col); ``where``: the field's path parts
        (a FieldPath is made only for a note, not for every cell read)."""
        self.notes.append(Note(address(self.sheet.name, row, col), message, FieldPath(where)))

    def text(self, row: int, col: int, value: Value, where: tuple[Part, ...]) -> str:
        if value.__class__ is str:
            text: str = value
        else:
            kind = value.__class__
            percent = (kind is int or kind is float) and self.sheet.is_percent(row, col)
            text = cell_text(value, percent)
        if _CONTROLS.search(text):
            text = _CONTROLS.sub("", text)
            self.note(row, col, "含有不可见的控制字符，已删除", where)
        if len(text) > MAX_TEXT_LENGTH:
            self.note(row, col, f"文字超过 {MAX_TEXT_LENGTH} 字，已截断", where)
            text = text[:MAX_TEXT_LENGTH]
        return text

    def number(self, row: int, col: int, value: Value, where: tuple[Part, ...]) -> Decimal | None:
        kind = value.__class__
        percent = (kind is int or kind is float) and self.sheet.is_percent(row, col)
        try:
            return cell_number(value, percent)
        except CellError as exc:
            self.note(row, col, f"{_field_label(where)}{exc}", where)
            return None

    # --- the blocks ------------------------------------------------------------------

    def read(self) -> tuple[Form | None, int]:
        """The form, and the row after its last (its 总分 row, or the region's end)."""
        header = self.read_header()
        funding, after_funding = self.read_funding()
        goals, after_goals = self.read_goals(after_funding)
        indicators, end = self.read_indicators(after_goals)
        if funding is None and indicators is None:
            return None, self.stop
        data: dict[str, Any] = dict(header)
        data["year"] = self.read_year()
        data["funding"] = funding or Funding(total=None)
        data["goals"] = goals
        data["indicators"] = indicators or []
        return Form(**data), end

    def read_year(self) -> int:
        rows = range(self.start, self.anchor + 1)
        for r in rows:
            for _, text in self.grid.texts(r):
                year = find_year(text)
                if year is not None and (any(t in text for t in self.known.titles)
                                         or "年度" in text):
                    return year
        default = int(Form.model_fields["year"].default)
        self.notes.append(Note(self.sheet.name, f"未找到年度（如“{default}年度”），"
                                                f"已按 {default} 年度读取", FieldPath.of("year")))
        return default

    def read_header(self) -> dict[str, str]:
        """The header fields, from the rows above the indicator table (a form of 10,000
        indicators is not scanned to its end for a header field it lacks)."""
        found: dict[str, str] = {}
        name_key = STANDARD.indicators.column("name").key
        table = self.grid.rows_with(self.known.indicators, 3, self.anchor, self.stop,
                                    must=name_key, first=True)
        for r in range(self.start, table[0] if table else self.stop):
            for c, text in self.grid.texts(r):
                key = self.known.header.get(text)
                if key is not None and key not in found:
                    right = self.grid.right_of(r, c)
                    found[key] = "" if right is None else \
                        self.text(r, right[0], right[1], (key,))
                    continue
                if not text.startswith(self.known.header_starts):
                    continue
                for prefix, key in self.known.header_prefixes:
                    if text.startswith(prefix) and key not in found:
                        raw = self.sheet.text(r, c)
                        cut = max(raw.find(":"), raw.find("："))
                        found[key] = raw[cut + 1:].strip()
            if len(found) == len(self.known.header):
                break
        return found

    def read_unit(self, label_row: int) -> str:
        funding_rows = range(self.start, label_row + FUNDING_ROWS_AFTER_HEADER)
        for notes_only in (False, True):
            for r in funding_rows:
                for _, text in self.grid.texts(r):
                    if not notes_only and text.startswith(self.known.funding_name):
                        rest = text[len(self.known.funding_name):]
                    elif notes_only and text.startswith(self.known.unit_notes):
                        rest = text
                    else:
                        continue
                    unit = next((u for u in self.known.units if u in rest), None)
                    if unit is not None:
                        return unit
        return STANDARD.units[0]

    def read_funding(self) -> tuple[Funding | None, int]:
        amount_labels = {n: k for n, k in self.known.funding_columns.items()
                         if k in FUNDING_COLUMNS}
        heads = self.grid.rows_with(amount_labels, 2, self.anchor, self.stop)
        if not heads:
            return None, self.anchor
        head = heads[0]
        columns: dict[str, int] = {}
        for c, text in self.grid.texts(head):
            key = self.known.funding_columns.get(text)
            if key is not None and key not in columns:
                columns[key] = c
        first_amount = min(columns[k] for k in columns if k in FUNDING_COLUMNS)
        cells: dict[str, dict[str, tuple[int, int, Value]]] = {}
        weight: Decimal | None = None
        weight_col = next((columns[k] for k in columns
                           if STANDARD.funding.column(k).kind == "weight"), None)
        total_key = STANDARD.funding.total_row.key
        last = head
        for r in range(head + 1, min(head + 1 + FUNDING_ROWS_AFTER_HEADER, self.stop)):
            key = next((self.known.funding_rows[n] for c, n in self.grid.texts(r)
                        if c < first_amount and n in self.known.funding_rows), None)
            if key is None or key in cells:
                continue
            last = r
            cells[key] = {column: (r, *_span_value(self.grid, head, columns[column], r))
                          for column in FUNDING_COLUMNS if column in columns}
            if key == total_key and weight_col is not None:
                c, value = _span_value(self.grid, head, weight_col, r)
                weight = self.number(r, c, value, ("funding", "weight"))
        rows = {key: self.funding_row(key, row) for key, row in cells.items()
                if key != total_key}
        funding = Funding(unit=self.read_unit(head), weight=weight,  # type: ignore[arg-type]
                          total=None, **rows)
        total = cells.get(total_key)
        if total is not None and not self.is_auto_total(total, funding):
            typed = self.funding_row(total_key, total)
            if not typed.is_empty():  # a blank total row: the sum, as the editor shows it
                funding = funding.model_copy(update={"total": typed})
        return funding, last + 1

    def funding_row(self, key: str, cells: dict[str, tuple[int, int, Value]]) -> FundingRow:
        values = {}
        for column, (r, c, value) in cells.items():
            values[column] = self.number(r, c, value, ("funding", key, column))
        return FundingRow(**values)

    def is_auto_total(self, cells: dict[str, tuple[int, int, Value]], funding: Funding) -> bool:
        """True when the total row's amounts are formulas whose values are the sums of the
        rows (to the 15 digits a spreadsheet holds): the editor's auto-summed total."""
        if not cells or not all(self.sheet.is_formula(r, c) for r, c, _ in cells.values()):
            return False
        from perfeval_gui.figures import summed_total_row  # rules, targets… only when asked

        summed = summed_total_row(Form(funding=funding))
        for column, (_, _, value) in cells.items():
            expected = getattr(summed, column)
            if expected is None:
                if not is_empty(value):
                    return False
            elif not isinstance(value, int | float) or isinstance(value, bool) \
                    or float_decimal(float(value)) != float_decimal(float(expected)):
                return False
        return True

    def read_goals(self, start: int) -> tuple[Goals, int]:
        heads = self.grid.rows_with(self.known.goals, 1, start, self.stop)
        if not heads:
            return Goals(), start
        head = heads[0]
        values: dict[str, str] = {}
        for c, text in self.grid.texts(head):
            key = self.known.goals.get(text)
            if key is None or key in values:
                continue
            col, value = _span_value(self.grid, head, c, head + 1)
            values[key] = self.text(head + 1, col, value, ("goals", key))
        return Goals(**values), head + 2

    def read_indicators(self, start: int) -> tuple[list[dict[str, Any]] | None, int]:
        """The rows as field dicts, validated with the whole form (one model validation)."""
        name_key = STANDARD.indicators.column("name").key
        heads = self.grid.rows_with(self.known.indicators, 3, start, self.stop, must=name_key,
                                    first=True)
        if not heads:
            return None, self.stop
        head = heads[0]
        columns: dict[str, int] = {}
        improvement: int | None = None
        for c, text in self.grid.texts(head):
            key = self.known.indicators.get(text)
            if text == self.known.improvement:
                improvement = c
            elif key is not None and key not in columns:
                columns[key] = c
        fills: dict[str, Callable[[int], tuple[int, Value]]] = {
            key: self.sheet.filled_down(columns[key])
                 for key in ("level1", "level2") if key in columns}
        plan: list[tuple[str, int, int, str]] = [
            (key, col, self.sheet.merge_end(head, col), _INDICATOR_COLUMNS[key].kind)
            for key, col in columns.items() if key not in fills]
        spans = _Spans(plan, None if improvement is None
                       else (improvement, self.sheet.merge_end(head, improvement)))
        out: list[dict[str, Any]] = []
        name_col = columns.get(name_key, 0)
        leftmost = name_col == min(columns.values())  # no 一级/二级 columns
        for r in range(head + 1, self.stop):
            if self.is_end_row(r, name_col, leftmost):
                return out, r + 1  # empty rows inside the table are kept, as published
            out.append(self.read_indicator(r, len(out), columns, spans, fills))
        while out and Indicator(**out[-1]).is_empty():  # no 总分 row: blank rows below
            out.pop()
        return out, self.stop

    def is_end_row(self, row: int, name_col: int, leftmost: bool) -> bool:
        """The 总分 row (its label the row's first filled cell, left of the 三级 column
        at ``name_col`` unless that is the table's first, ``leftmost``), or
        a row some templates add after the table (联系人：…, with no 三级指标)."""
        first = next(((c, v) for c, v in enumerate(self.sheet.rows[row])
                      if v is not None and v != ""), None)
        if first is None or not isinstance(first[1], str) \
                or first[0] > name_col or (first[0] == name_col and not leftmost):
            return False
        text = normalize(first[1])
        return text in self.known.totals or (
            text.startswith((*self.known.extra, *self.known.unit_notes))
            and is_empty(self.sheet.value(row, name_col)))

    def read_indicator(self, row: int, index: int, columns: dict[str, int], spans: _Spans,
                       fills: dict[str, Callable[[int], tuple[int, Value]]]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, fill in fills.items():
            top, value = fill(row)
            text = self.text(top, columns[key], value, ("indicators", index, key))
            values[key] = strip_weight(text) if key == "level1" else text
        cells = self.sheet.rows[row] if row < len(self.sheet.rows) else []
        for key, first, last, kind in spans.plan:
            c, value = _first_filled(cells, first, last)
            where = ("indicators", index, key)
            if kind == "weight" or kind == "score":
                values[key] = self.number(row, c, value, where)
            elif kind == "grade":
                values[key] = self.grade(row, c, value, where)
            else:
                values[key] = self.text(row, c, value, where)
        if values.get("deviation", "").strip() in NOTHING_WRITTEN:  # — : nothing to explain
            values["deviation"] = ""
        if spans.improvement is not None:
            c, value = _first_filled(cells, *spans.improvement)
            measure = self.text(row, c, value, ("indicators", index, "deviation"))
            measure = "" if measure.strip() in NOTHING_WRITTEN else measure
            reason = values.get("deviation", "")
            if measure.strip():
                joined = f"{DEVIATION_PARTS[1]}：{measure}"
                values["deviation"] = f"{reason}；{joined}" if reason.strip() else joined
        return values

    def grade(self, row: int, col: int, value: Value, where: tuple[Part, ...]) -> str | None:
        if is_empty(value):
            return None
        text = normalize(cell_text(value))
        code = self.known.grades.get(text)
        if code is None:
            shown = cell_text(value)[:30]
            self.note(row, col, f"{STANDARD.indicators.column('grade').name}“{shown}”"
                                "不是可选的等级", where)
        return code
