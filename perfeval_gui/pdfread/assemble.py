"""The pages of a PDF as one worksheet, so that the workbook reader finds the forms in it.

Every table row becomes a sheet row, its cells placed in columns by their x position
(one column grid for the whole document: the rules of every table, merged), merged cells
become merged ranges; a line of text outside the tables becomes a row of its own. The
workbook reader (``workbook.reader.forms_in_sheet``) then locates the forms by their
labels exactly as in a spreadsheet: the same synonyms, titles, 万元, split deviation
columns, weights in the 一级 label, 一级/二级 filled down over merged cells.

What a printout adds is undone here, page by page: page numbers and the title repeated
on a continuation page are dropped; a header row repeated at the top of a continuation
page (our replica, Excel's 打印标题行) is dropped; a row split across the page break (its
三级指标 repeated with （续）, or the rest of the goals' text) is joined to its first part;
a 一级/二级 cell left empty at the top of a continuation page continues the cell above.
Each cell keeps where it was printed (page, x, y), so a note names the place on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from perfeval_gui.pdfread.tables import Line, Table, cluster, join_lines, nearest
from perfeval_gui.workbook.cells import Merge, Value, normalize
from perfeval_gui.workbook.labels import Labels, labels

CONTINUED: Final = normalize("（续）")
"""The mark our replica (and many templates) put on what continues from the last page."""
_PAGE_MARK: Final = re.compile(
    r"^(第\d+页(共\d+页)?|共\d+页第\d+页|-?\d+-?|\d+/\d+|page\d+(of\d+)?)$", re.IGNORECASE)
"""A page number printed above or below the table (normalized: no spaces)."""
CLIPPED: Final = "文字超出单元格边框，可能被截断，请核对原件"
UNREADABLE: Final = "文字无法识别（PDF 中的字体没有文字编码），未读取"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a cell was printed: page (1-based) and its top-left corner in points from the
    page's top-left corner."""

    page: int
    x: float
    y: float

    def __str__(self) -> str:
        return f"第{self.page}页 (x={self.x:.0f}, y={self.y:.0f})"


@dataclass(slots=True)
class PageItems:
    """One page as the assembler takes it."""

    number: int
    height: float
    items: list[Table | Line]
    chars: int
    """Characters with a text layer on the page (0 for a scan)."""


@dataclass(slots=True)
class Assembled:
    """The document as one sheet's rows, with where every row and cell came from."""

    rows: list[list[Value]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    """Row → page it was printed on."""
    table_rows: list[bool] = field(default_factory=list)
    """Row → True for a table's row, False for a free line."""
    places: dict[tuple[int, int], Place] = field(default_factory=dict)
    flags: list[tuple[int, int, Place, str]] = field(default_factory=list)
    """(row, column, place, why) of cells the reader doubts (clipped, unreadable)."""


def _texts(row: list[Value]) -> list[str]:
    return [n for v in row if isinstance(v, str) and (n := normalize(v))]


def _strip_continued(text: str) -> str:
    return text[: -len(CONTINUED)] if text.endswith(CONTINUED) else text


def _section_of_header(texts: list[str], known: Labels) -> str | None:
    """'indicators' / 'goals' when the row is that section's header row, else None."""
    plain = [_strip_continued(t) for t in texts]
    name_key = "name"
    keys = {known.indicators[t] for t in plain if t in known.indicators}
    if len(keys) >= 3 and name_key in keys:
        return "indicators"
    if len({known.goals[t] for t in plain if t in known.goals}) >= 2:
        return "goals"
    return None


class _Assembler:
    def __init__(self, edges: list[float]) -> None:
        self.edges = edges
        self.width = max(len(edges) - 1, 1)
        self.out = Assembled()
        self.known = labels()
        self.open: str | None = None
        """The section a page break would continue: 'goals', 'indicators' or None."""
        self.level_columns: tuple[int, ...] = ()
        """Columns of the 一级/二级 cells of the open indicator table."""
        self.name_column: int | None = None
        """Column of the 三级指标 of the open indicator table."""
        self.last_table_row: int | None = None
        self.bottom: list[tuple[float, float, int, int]] = []
        """The last table's bottom cells: (x0, x1, row, column)."""
        self.attached: set[tuple[int, int]] = set()
        """Cells given text found under their table (see ``_attach``)."""
        self.marked = False
        """The page says it continues (（续）): its printer repeats merged cells there, so
        an empty 一级/二级 cell at its top is empty, not the cell above continued."""

    # --- rows ---------------------------------------------------------------------

    def _new_row(self, page: int, table: bool, width: int) -> int:
        out = self.out
        out.rows.append([None] * width)
        out.pages.append(page)
        out.table_rows.append(table)
        return len(out.rows) - 1

    def _track(self, row: int) -> None:
        """Update what a page break would continue after ``row``."""
        texts = _texts(self.out.rows[row])
        if not texts:
            return
        section = _section_of_header(texts, self.known)
        if section is not None:
            self.open = section
            if section == "indicators":
                keys = {c: self.known.indicators.get(_strip_continued(normalize(v)))
                        for c, v in enumerate(self.out.rows[row]) if isinstance(v, str)}
                self.level_columns = tuple(c for c, k in keys.items()
                                           if k in ("level1", "level2"))
                self.name_column = next((c for c, k in keys.items() if k == "name"), None)
            return
        first = texts[0]
        if first in self.known.totals or first in self.known.header or first.startswith(
                tuple(p for p, _ in self.known.header_prefixes)):
            self.open = None

    # --- free lines ---------------------------------------------------------------

    def is_title(self, text: str) -> bool:
        return any(t in text for t in self.known.titles)

    def add_line(self, line: Line, page: PageItems, before_first_table: bool) -> None:
        text = normalize(line.text)
        if _PAGE_MARK.match(text):
            return
        if self.is_title(text) and CONTINUED in text:
            self.marked = True
            return  # 财政项目支出绩效自评表（续）
        if self.open is not None and before_first_table:
            if not (self.is_title(text) or text.startswith(tuple(self.known.header))):
                return  # a running head between the two parts of a form
            self.open = None
        if self.open is not None and not before_first_table:
            self._attach(line, page)  # under a table the page break cut: its cells' text
            return
        row = self._new_row(page.number, False, len(line.pieces))
        for col, (x, piece) in enumerate(line.pieces):
            self.out.rows[row][col] = piece
            self.out.places[(row, col)] = Place(page.number, x, page.height - line.top)
        if line.unreadable:
            self.out.flags.append((row, 0, Place(page.number, line.pieces[0][0],
                                                 page.height - line.top), UNREADABLE))
        self._track(row)

    def _attach(self, line: Line, page: PageItems) -> None:
        """Text below a table whose form goes on over the page: a merged cell cut by the
        page break has its text centred on the whole cell, below the page's last rule
        (LibreOffice). Each piece goes to the empty bottom cell above it; one that would
        run into a filled cell is flagged there; text beside the table is dropped."""
        for (x0, piece), x1 in zip(line.pieces, line.ends, strict=True):
            centre = (x0 + x1) / 2
            target = next((b for b in self.bottom if b[0] <= centre <= b[1]), None)
            if target is None:
                continue
            row, col = target[2], target[3]
            before = self.out.rows[row][col]
            if before in (None, "") or (row, col) in self.attached:
                self.out.rows[row][col] = join_lines([before, piece]) \
                    if isinstance(before, str) else piece
                self.attached.add((row, col))
            else:
                self.out.flags.append((row, col, Place(page.number, x0, page.height - line.top),
                                       CLIPPED))

    # --- tables -------------------------------------------------------------------

    def col(self, x: float) -> int:
        return nearest(self.edges, x)

    def add_table(self, table: Table, page: PageItems, continuation: bool) -> None:
        known = self.known
        starts: dict[int, list[str]] = {}
        for cell in table.cells:
            if cell.text:
                starts.setdefault(cell.r0, []).append(normalize(cell.text))
        skip: set[int] = set()
        tail: int | None = None
        opening = starts.get(0, [])
        if continuation and any(self.is_title(t) or t in known.header for t in opening):
            continuation = False  # a new form's table (its title or 项目名称 row on top)
            self.open = None
        if continuation:
            first = starts.get(0, [])
            if self.open is not None and _section_of_header(first, known) == self.open:
                skip.add(0)
                self.marked = self.marked or any(t.endswith(CONTINUED) for t in first)
            candidate = len(skip)
            texts = starts.get(candidate, [])
            if candidate < table.rows and self.last_table_row is not None and (
                    any(t.endswith(CONTINUED) for t in texts)
                    or (self.open == "goals" and skip)):
                tail = candidate
        dropped = skip | ({tail} if tail is not None else set())
        rows: dict[int, int] = {}
        for i in range(table.rows):
            if i not in dropped:
                rows[i] = self._new_row(page.number, True, self.width)
        first_new = min(rows.values(), default=None)
        self.bottom = []
        for cell in table.cells:
            c0 = self.col(cell.x0)
            c1 = max(c0, self.col(cell.x1) - 1)
            place = Place(page.number, cell.x0, page.height - cell.top)
            if tail is not None and cell.r0 == tail and cell.r1 == tail:
                self._join(cell.text, c0)
                continue
            kept = [rows[i] for i in range(cell.r0, cell.r1 + 1) if i in rows]
            if not kept:
                continue
            top, bottom = kept[0], kept[-1]
            if cell.r1 == table.rows - 1:
                self.bottom.append((cell.x0, cell.x1, top, c0))
            text = "" if cell.r0 in skip else cell.text
            if cell.r0 == tail:
                text = _strip_continued_raw(text)
            if text:
                self.out.rows[top][c0] = text
            self.out.places[(top, c0)] = place
            if bottom > top or c1 > c0:
                self.out.merges.append((top, c0, bottom, c1))
            if cell.clipped:
                self.out.flags.append((top, c0, place, CLIPPED))
            if cell.unreadable:
                self.out.flags.append((top, c0, place, UNREADABLE))
        if continuation and first_new is not None and self.open == "indicators" \
                and not self.marked:
            self._continue_levels(first_new, max(rows.values()))
        for row in sorted(rows.values()):
            self._track(row)
        if rows:
            self.last_table_row = max(rows.values())

    def _join(self, text: str, col: int) -> None:
        """The rest of a row split by the page break, added to its first part."""
        norm = normalize(text)
        row = self.last_table_row
        if not norm or norm.endswith(CONTINUED) or row is None:
            return  # the identifying cell, repeated with （续）
        cells = self.out.rows[row]
        before = cells[col]
        if isinstance(before, str) and before:
            if normalize(before) == norm:
                return  # a merged 一级/二级 repeated whole
            cells[col] = join_lines([before, text])
        else:
            cells[col] = text

    def _continue_levels(self, first: int, last: int) -> None:
        """一级/二级 cells left empty at the top of a continuation page continue the cell
        above the page break (a template that does not repeat merged cells)."""
        above = self.last_table_row
        name = self.name_column
        if above is None or above >= first or name is None \
                or self.out.rows[first][name] in (None, ""):
            return  # not an indicator row at the top of the page
        for col in self.level_columns:
            if self.out.rows[first][col] not in (None, ""):
                continue
            end = first
            while end + 1 <= last and self.out.rows[end + 1][col] in (None, "") \
                    and not any(m[0] == end + 1 and m[1] == col for m in self.out.merges):
                end += 1
            own = next((m for m in self.out.merges if m[0] == first and m[1] == col), None)
            if own is not None:
                end = max(end, own[2])
                self.out.merges.remove(own)
            start = above
            merge = next((m for m in self.out.merges
                          if m[1] <= col <= m[3] and m[0] <= above <= m[2]), None)
            if merge is not None:
                self.out.merges.remove(merge)
                start = merge[0]
            self.out.merges.append((start, col, end, col))


def _strip_continued_raw(text: str) -> str:
    """``产出指标（续）`` → ``产出指标`` (the mark in its printed form, full- or half-width)."""
    return re.sub(r"\s*[（(]\s*续\s*[)）]\s*$", "", text)


def assemble(pages: list[PageItems]) -> Assembled:
    """The pages as one sheet (see the module's docstring)."""
    edges = cluster(x for page in pages for item in page.items
                    if isinstance(item, Table) for x in item.xs)
    assembler = _Assembler(edges)
    for page in pages:
        before_first_table = True
        assembler.marked = False
        for item in page.items:
            if isinstance(item, Line):
                assembler.add_line(item, page, before_first_table)
            else:
                assembler.add_table(item, page, before_first_table and
                                    assembler.open is not None)
                before_first_table = False
    return assembler.out
