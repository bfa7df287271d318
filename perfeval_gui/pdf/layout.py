"""The paper form as rows of cells, measured and cut into pages (no drawing here).

Every cell sits between two x positions of the A4 text block; the column grid
of the final table is the union of those positions, so the funding block and
the indicator block each get the column widths they need while still being one
ruled table. Texts and figures come in already formatted (``numbers``) from the
figures module; this module only measures, merges and paginates.

Pagination is done here rather than by platypus because the form needs three
things platypus tables do not do together: the indicator header row repeated
on every continuation page, vertically merged cells that continue across a
page break with their text repeated, and rows split by lines only when a row
alone is taller than a page. A split row's continuation names the row (its
三级指标 or label marked "（续）", the section label too) and leaves blank what
was already printed, so the stamped paper reads without the screen.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from perfeval_gui import display, numbers
from perfeval_gui.figures import Figures, form_grade
from perfeval_gui.model import Form, merged_groups
from perfeval_gui.pdf.fonts import GlyphResolver
from perfeval_gui.pdf.linebreak import break_lines
from perfeval_gui.spec import SELF_GRADE_LABELS, SELF_GRADE_NAME, STANDARD

FONT_SIZE: Final = 9.0
LEADING: Final = 12.0
PAD_X: Final = 3.0
PAD_Y: Final = 3.0
MIN_ROW_HEIGHT: Final = 2 * PAD_Y + LEADING
MIN_SPLIT_LINES: Final = 3
MIN_NUMBER_SIZE: Final = 6.0
"""Smallest font size a figure is shrunk to so that it stays on one line."""
CONTINUED: Final = "（续）"
"""Appended to a row's identifying cells where the row continues on a new page."""

Align = Literal["left", "center", "right"]

LAYOUT: Final = STANDARD
"""The form printed (a second region's layout would be passed in instead)."""


def _edges(start: float, widths: list[float]) -> tuple[float, ...]:
    """x positions of the rules between columns of these widths, from ``start``."""
    edges = [0.0, start]
    for width in widths:
        edges.append(edges[-1] + width)
    return tuple(edges)


# x positions (points from the left edge of the table), from the spec's printed widths.
_LABEL: Final = LAYOUT.label_print_width  # left labels: 项目资金, 年度总体目标, 绩效指标
# Indicator block: label | the printed columns (一级 … 偏差原因分析)
IND_X: Final = _edges(_LABEL, [c.print_width or 0.0 for c in LAYOUT.indicators.printed])
# Funding block: label | row label | the funding columns
FUND_X: Final = _edges(_LABEL, [LAYOUT.funding.row_label_print_width,
                                *(c.print_width for c in LAYOUT.funding.columns)])
TABLE_WIDTH: Final = IND_X[-1]
# Project rows: 项目名称 / 主管部门 | value | 实施单位 | value
# The unit's value gets the wider cell (unit names run to 16+ characters, departments
# rarely past 12); both inner rules line up with rules of the blocks below.
HEAD_X: Final = (0.0, IND_X[2], IND_X[4], FUND_X[4], TABLE_WIDTH)
GOALS_SPLIT: Final = 280.0


@dataclass(slots=True)
class Cell:
    """One cell of a row between ``x0`` and ``x1``; ``lines`` is filled by measuring."""

    x0: float
    x1: float
    text: str
    align: Align = "center"
    merge_key: Hashable | None = None
    """Consecutive rows whose cells at the same x range share this key are merged vertically."""
    number: bool = False
    """A figure: shrunk (down to MIN_NUMBER_SIZE) to stay on one line, never cut mid-digits."""
    size: float = FONT_SIZE
    """Font size the lines are set in (smaller than FONT_SIZE only for a shrunk figure)."""
    lines: list[str] = field(default_factory=list)
    cont: list[str] = field(default_factory=list)
    """Lines of the text marked CONTINUED, for an identifying cell (see ``Row.ident``)."""

    @property
    def height(self) -> float:
        return max(1, len(self.lines)) * LEADING + 2 * PAD_Y


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    section: str
    header: bool = False
    continued: bool = False
    """A fragment of a row split across pages (not the first part), or a repeated header."""
    ident: tuple[int, ...] = ()
    """Indexes of the cells that say what the row is (三级指标, section label): on a
    continuation they repeat their text marked CONTINUED, so a reader of the paper
    knows which row the text at the top of the page belongs to."""


def _c(x0: float, x1: float, text: str, align: Align = "center",
       merge_key: Hashable | None = None) -> Cell:
    return Cell(x0, x1, text, align, merge_key)


def _n(x0: float, x1: float, text: str) -> Cell:
    """A figure's cell."""
    return Cell(x0, x1, text, number=True)


def build_rows(form: Form, figures: Figures, *, grade: bool = False) -> list[Row]:
    """The form's rows, top to bottom, with every figure already formatted.

    ``grade``: add a 自评等级 row under 总分 (an export option: the paper form has none).
    """
    rows: list[Row] = []
    hx = HEAD_X
    name, department, unit = (LAYOUT.header_field(k).label for k in
                              ("project_name", "competent_department", "implementing_unit"))
    rows.append(Row([_c(hx[0], hx[1], name),
                     _c(hx[1], hx[4], form.project_name, "left")], "project", ident=(0,)))
    rows.append(Row([_c(hx[0], hx[1], department),
                     _c(hx[1], hx[2], form.competent_department, "left"),
                     _c(hx[2], hx[3], unit),
                     _c(hx[3], hx[4], form.implementing_unit, "left")], "project",
                    ident=(0, 2)))

    fx = FUND_X
    block = LAYOUT.funding
    label = block.print_label.replace("%1", form.funding.unit)

    head = Row([_c(fx[0], fx[1], label, merge_key="funding"), _c(fx[1], fx[2], "")]
               + [_c(fx[i + 2], fx[i + 3], column.label)
                  for i, column in enumerate(block.columns)],
               "funding", header=True, ident=(0,))
    rows.append(head)
    for row in block.rows:
        cells = [_c(fx[0], fx[1], label, merge_key="funding"), _c(fx[1], fx[2], row.label)]
        cells += [_n(fx[i + 2], fx[i + 3], display.funding_text(form, figures, row, column))
                  for i, column in enumerate(block.columns)]
        rows.append(Row(cells, "funding", ident=(1,)))

    goals = LAYOUT.goals
    edges = (_LABEL, GOALS_SPLIT, TABLE_WIDTH)
    rows.append(Row([_c(0.0, _LABEL, goals.print_label, merge_key="goals")]
                    + [_c(edges[i], edges[i + 1], cell.label)
                       for i, cell in enumerate(goals.cells)], "goals", header=True,
                    ident=(0,)))
    rows.append(Row([_c(0.0, _LABEL, goals.print_label, merge_key="goals")]
                    + [_c(edges[i], edges[i + 1], getattr(form.goals, cell.key), "left")
                       for i, cell in enumerate(goals.cells)], "goals"))

    ix = IND_X
    table = LAYOUT.indicators
    columns = table.printed
    ind_label = table.print_label
    rows.append(Row([_c(ix[0], ix[1], ind_label, merge_key="indicators")]
                    + [_c(ix[i + 1], ix[i + 2], column.header)
                       for i, column in enumerate(columns)],
                    "indicators", header=True, ident=(0,)))
    ident = 1 + next(i for i, c in enumerate(columns) if c.key == "name")
    for ind, groups in zip(form.indicators, merged_groups(form.indicators), strict=True):
        cells = [_c(ix[0], ix[1], ind_label, merge_key="indicators")]
        for i, column in enumerate(columns):
            x0, x1 = ix[i + 1], ix[i + 2]
            value = getattr(ind, column.key)
            if column.kind in ("weight", "score"):  # as typed: 20, 18, 7.5 (format_points)
                cells.append(_n(x0, x1, numbers.format_points(value, "entered")))
            elif column.kind in ("level1", "level2"):
                group = groups[0 if column.kind == "level1" else 1]
                key = None if group is None else (column.kind, group)
                cells.append(_c(x0, x1, value, merge_key=key))
            else:
                cells.append(_c(x0, x1, value, column.print_align or column.align))
        rows.append(Row(cells, "indicators", ident=(ident,)))

    weight = 1 + next(i for i, c in enumerate(columns) if c.kind == "weight")
    score = 1 + next(i for i, c in enumerate(columns) if c.kind == "score")
    rows.append(Row([_c(0.0, ix[weight], table.total_label),
                     _n(ix[weight], ix[weight + 1],
                        numbers.format_points(figures.weight_total, "entered")),
                     _n(ix[score], ix[score + 1],
                        numbers.format_points(figures.total_score, "computed")),
                     _c(ix[score + 1], ix[-1], "")], "total", ident=(0,)))
    if grade:
        self_grade = form_grade(form)
        rows.append(Row([_c(0.0, ix[weight], SELF_GRADE_NAME),
                         _c(ix[weight], ix[score + 1],
                            numbers.DASH if self_grade is None else SELF_GRADE_LABELS[self_grade]),
                         _c(ix[score + 1], ix[-1], "")], "total", ident=(0,)))
    return rows


def measure_rows(rows: list[Row], resolver: GlyphResolver, size: float = FONT_SIZE) -> None:
    """Break every cell's text into lines for its width (fills ``lines``, ``cont``, ``size``)."""
    widths: dict[str, float] = {}

    def unit(char: str) -> float:
        """Width of ``char`` at 1 pt."""
        width = widths.get(char)
        if width is None:
            width = resolver.font_for(char).width(char) / 1000.0
            widths[char] = width
        return width

    def measure(char: str) -> float:
        return unit(char) * size

    for row in rows:
        for index, cell in enumerate(row.cells):
            text = resolver.clean(cell.text)
            inner = cell.x1 - cell.x0 - 2 * PAD_X
            cell.size = size
            if cell.number and text:
                cell.size, cell.lines = fit_number(text, inner, unit, size)
            else:
                cell.lines = break_lines(text, inner, measure) if text else []
            if index in row.ident:
                # An unnamed row still says that it continues.
                marked = text + ("\n" if "\n" in text else "") + resolver.clean(CONTINUED)
                cell.cont = break_lines(marked, inner, measure)


def _pack(groups: list[str], width: float, unit: Callable[[str], float],
          size: float) -> list[str]:
    """Groups of digits packed greedily into lines ``width`` wide at ``size``."""
    lines: list[str] = []
    for group in groups:
        if lines and sum(unit(c) for c in lines[-1] + group) * size <= width + 1e-6:
            lines[-1] += group
        else:
            lines.append(group)
    return lines


_PLAIN_NUMBER: Final = re.compile(r"(\d{4,})(\.\d+)?(%?)")


def fit_number(text: str, width: float, unit: Callable[[str], float],
               size: float = FONT_SIZE) -> tuple[float, list[str]]:
    """(font size, lines) of a figure in a cell ``width`` wide.

    A figure cut between two digits can be misread as two numbers, so it is set on one
    line at ``size`` or, when too wide, at the size that fits (not below MIN_NUMBER_SIZE).
    Only wider than that is it broken, after a thousands separator (the decimals stay
    with the last group), at the largest size that needs no more lines than the floor.
    A weight, score or rate (written without separators) gets them for that purpose;
    a group still too wide is cut before its decimal point, and only a figure that
    cannot be set even so is cut anywhere.
    """
    one = sum(unit(c) for c in text)
    if one * size <= width + 1e-6:
        return size, [text]
    fitted = math.floor(width / one * 10) / 10  # 0.1 pt steps: never a hair too wide
    if fitted >= MIN_NUMBER_SIZE:
        return fitted, [text]
    plain = _PLAIN_NUMBER.fullmatch(text)
    grouped = f"{int(plain[1]):,}{plain[2] or ''}{plain[3]}" if plain else text

    def fits(group: str) -> bool:
        return sum(unit(c) for c in group) * MIN_NUMBER_SIZE <= width + 1e-6

    for pattern in (r"(?<=,)", r"(?<=,)|(?=\.)"):
        groups = [g for g in re.split(pattern, grouped) if g]
        if all(fits(g) for g in groups):
            break
    else:
        # Not even one group fits (a very narrow cell): cut anywhere, inside the cell.
        return MIN_NUMBER_SIZE, break_lines(
            text, width, lambda c: unit(c) * MIN_NUMBER_SIZE)
    fewest = len(_pack(groups, width, unit, MIN_NUMBER_SIZE))
    best = MIN_NUMBER_SIZE
    step = MIN_NUMBER_SIZE
    while step + 0.1 <= size + 1e-9:
        step = round(step + 0.1, 1)
        if len(_pack(groups, width, unit, step)) > fewest:
            break
        best = step
    return best, _pack(groups, width, unit, best)


# --- pagination ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A vertically merged cell: ``cell`` (from row ``first``) drawn over rows first..last."""

    first: int
    last: int
    cell: Cell


def spans(rows: list[Row]) -> list[Span]:
    """Runs of cells with the same merge key at the same x range in consecutive rows."""
    found: list[Span] = []
    active: dict[tuple[float, float], tuple[Hashable, int, Cell]] = {}
    for index, row in enumerate(rows):
        current: dict[tuple[float, float], Hashable] = {
            (c.x0, c.x1): c.merge_key for c in row.cells if c.merge_key is not None
        }
        for pos in list(active):
            key, first, cell = active[pos]
            if current.get(pos) != key:
                found.append(Span(first, index - 1, cell))
                del active[pos]
        for cell in row.cells:
            if cell.merge_key is not None and (cell.x0, cell.x1) not in active:
                active[(cell.x0, cell.x1)] = (cell.merge_key, index, cell)
    for key, first, cell in active.values():
        del key
        found.append(Span(first, len(rows) - 1, cell))
    return found


def row_heights(rows: list[Row]) -> list[float]:
    """Final row heights of one page's rows: own cells first, then merged cells' needs."""
    heights = [
        max([MIN_ROW_HEIGHT, *(c.height for c in row.cells if c.merge_key is None)])
        for row in rows
    ]
    for span in sorted(spans(rows), key=lambda s: s.last - s.first):
        have = sum(heights[span.first : span.last + 1])
        if span.cell.height > have:
            heights[span.last] += span.cell.height - have
    return heights


def _split(row: Row, lines: int) -> tuple[Row, Row]:
    """Cut a row after ``lines`` lines into a head (this page) and a tail (the next).

    A cell whose text runs on continues in the tail. A cell whose text is complete in
    the head is blank in the tail: repeating a score there would count it twice when
    the 得分 column is added up by hand, and "（续上页）" would not fit the narrow figure
    columns. The identifying cells instead repeat their text marked "（续）", so the top
    of the next page says whose text continues there. Merged cells short enough to fit
    are repeated whole (they are the 一级/二级 labels of the new page).
    """
    head: list[Cell] = []
    tail: list[Cell] = []
    for index, cell in enumerate(row.cells):
        if len(cell.lines) <= lines and cell.merge_key is not None:
            head.append(replace(cell, lines=list(cell.lines)))
            tail.append(replace(cell, lines=list(cell.lines)))
        elif len(cell.lines) <= lines and index in row.ident and cell.cont:
            head.append(replace(cell, lines=list(cell.lines)))
            tail.append(replace(cell, lines=list(cell.cont)))
        else:
            head.append(replace(cell, lines=cell.lines[:lines]))
            tail.append(replace(cell, lines=cell.lines[lines:]))
    return (replace(row, cells=head),
            replace(row, cells=tail, continued=True))


def _repeated(header: Row) -> Row:
    """A section's header row again at the top of a continuation page, its label marked."""
    cells = [replace(cell, lines=list(cell.cont)) if i in header.ident and cell.cont
             else replace(cell) for i, cell in enumerate(header.cells)]
    return replace(header, cells=cells, continued=True)


@dataclass(slots=True)
class Page:
    rows: list[Row]
    heights: list[float]


def paginate(rows: list[Row], first_height: float, page_height: float) -> list[Page]:
    """Cut measured rows into pages: first page ``first_height`` tall, the others ``page_height``.

    A row moves to the next page whole unless it alone is taller than a page, in
    which case it is split between lines. A continuation page of a section that
    has a header row (年度总体目标, 绩效指标) starts with that header again. A header
    row is never left alone at the bottom of a page.
    """
    pages: list[Page] = []
    headers: dict[str, Row] = {}
    queue = deque(rows)
    chunk: list[Row] = []
    repeated = 0  # how many rows at the top of ``chunk`` are repeated headers
    avail = first_height
    # An upper bound of the chunk's height. A row adds at most its tallest cell to a
    # page (merged cells only share height), so most rows are placed without
    # re-settling the whole page; the exact sum is computed only near the bottom.
    bound = 0.0

    def upper(row: Row) -> float:
        return max([MIN_ROW_HEIGHT, *(c.height for c in row.cells)])

    def fits_after(more: list[Row]) -> bool:
        """Whether ``chunk`` + ``more`` fits the page (and tightens ``bound`` when it can)."""
        nonlocal bound
        if bound + sum(upper(r) for r in more) <= avail + 1e-6:
            return True
        exact_before = sum(row_heights(chunk))
        bound = exact_before
        return sum(row_heights([*chunk, *more])) <= avail + 1e-6

    def accept(row: Row) -> None:
        nonlocal bound
        chunk.append(row)
        bound += upper(row)

    def new_page(section: str | None) -> None:
        nonlocal chunk, repeated, avail, bound
        if chunk:
            pages.append(Page(chunk, row_heights(chunk)))
        header = headers.get(section) if section else None
        chunk = [_repeated(header)] if header is not None else []
        repeated = len(chunk)
        avail = page_height
        bound = sum(upper(r) for r in chunk)

    guard = 0
    while queue:
        guard += 1
        if guard > 100_000:  # pragma: no cover - a bug, never a hang
            raise RuntimeError("pagination did not converge")
        row = queue.popleft()
        if row.header:
            headers[row.section] = row
        has_content = len(chunk) > repeated
        if row.header and queue and not queue[0].header:
            # Keep a header with (the start of) the row below it.
            follower = queue[0]
            probe = _split(follower, MIN_SPLIT_LINES)[0] if max(
                (len(c.lines) for c in follower.cells), default=0
            ) > MIN_SPLIT_LINES else follower
            if has_content and not fits_after([row, probe]):
                new_page(None)
                queue.appendleft(row)
                continue
        if fits_after([row]):
            accept(row)
            continue
        section = None if row.header else row.section
        if has_content:
            fresh = [*([_repeated(headers[section])] if section in headers else []), row]
            if sum(row_heights(fresh)) <= page_height + 1e-6:
                new_page(section)
                queue.appendleft(row)
                continue
        # The row is taller than a whole page: fill this page with its first lines.
        room = avail - sum(row_heights(chunk))
        lines = int((room - 2 * PAD_Y + 1e-6) // LEADING)
        most = max((len(c.lines) for c in row.cells), default=0)
        if lines >= min(MIN_SPLIT_LINES, most) and lines >= 1:
            # ``room`` is a lower bound: a merged label alone on a page (a repeated
            # header) is taller than it is once the row shares its height. Take more
            # lines while they fit.
            while lines + 1 < most and sum(
                row_heights([*chunk, _split(row, lines + 1)[0]])
            ) <= avail + 1e-6:
                lines += 1
            head, tail = _split(row, lines)
            if sum(row_heights([*chunk, head])) <= avail + 1e-6:
                accept(head)
                queue.appendleft(tail)
                new_page(section)
                continue
        if has_content:
            new_page(section)
            queue.appendleft(row)
            continue
        # Nothing else on this page and still no room: place it anyway (a line taller
        # than a page cannot happen with a 9 pt font, but never loop forever).
        accept(row)
        new_page(section)
    if chunk and len(chunk) > repeated:
        pages.append(Page(chunk, row_heights(chunk)))
    elif not pages:
        pages.append(Page(chunk, row_heights(chunk)))
    return pages
