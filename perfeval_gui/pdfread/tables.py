"""A page's ruled tables rebuilt from its rules and characters; the rest as lines of text.

The rules are grouped into tables by their vertical extent (tables on a page are stacked,
never side by side in these forms); within a table the distinct x of the vertical rules
and the distinct y of the horizontal ones cut a lattice, and two neighbouring lattice
cells are one cell unless a rule separates them at their middle: merged cells (项目资金,
a 一级 spanning rows) come out as one rectangle spanning several lattice rows or columns.
Each character then goes to the cell under its centre; a character crossing its cell's
border marks the cell as possibly clipped, one without a Unicode mapping as unreadable.
Characters outside every table become free lines (titles, 单位：万元, prose).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from perfeval_gui.pdfread.page import UNREADABLE, Char, PageContent

SNAP: Final = 1.5
"""Rules whose positions differ by less than this (points) are the same line."""
CLIP_TOLERANCE: Final = 1.0
"""How far (points) a glyph may reach past its cell's border before it counts as clipped."""
WORD_GAP: Final = 0.3
"""A gap wider than this share of the font size between two glyphs is a space."""
PAD: Final = 3.0
"""The least padding (points) a printed cell leaves on each side of its text."""
BREAK_SLACK: Final = 1.0
"""A line shorter than its cell's width by more than the next word and this is ended by
a line break typed by hand."""
RUN_GAP: Final = 0.35
"""Glyphs of one string are set at most this share of the font size apart (a space)."""
RULE_GAP: Final = 0.08
"""A gap of at least this share of the font size between two glyphs with a rule in it
separates two cells (the glyphs of one string touch)."""
PIECE_GAP: Final = 2.5
"""A gap wider than this many font sizes splits a free line into separate texts."""


@dataclass(slots=True)
class Cell:
    """One (possibly merged) cell of a table: lattice rows ``r0..r1``, its box, its text."""

    r0: int
    r1: int
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list[Char] = field(default_factory=list)
    text: str = ""
    clipped: bool = False
    unreadable: bool = False


@dataclass(slots=True)
class Table:
    """One ruled table of a page: lattice edges and its cells (top-left order)."""

    xs: list[float]
    """Vertical rules' positions, left to right."""
    ys: list[float]
    """Horizontal rules' positions, top to bottom (descending)."""
    cells: list[Cell]
    grid: list[list[Cell]] = field(default_factory=list)
    """Lattice row → lattice column → the cell covering it."""
    down: list[float] = field(default_factory=list)
    """``ys`` negated (ascending), for bisecting a y position into its lattice row."""

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def rows(self) -> int:
        return len(self.ys) - 1


@dataclass(slots=True)
class Line:
    """A line of text outside every table, split at wide gaps into pieces (x, text)."""

    top: float
    pieces: list[tuple[float, str]]
    unreadable: bool = False
    ends: list[float] = field(default_factory=list)
    """Right edge of each piece."""

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.pieces)


Item = Table | Line


def cluster(values: Iterable[float], tolerance: float = SNAP) -> list[float]:
    """Sorted values with those closer than ``tolerance`` to their neighbour merged
    (their mean)."""
    out: list[float] = []
    group: list[float] = []
    for value in sorted(values):
        if group and value - group[-1] > tolerance:
            out.append(sum(group) / len(group))
            group = []
        group.append(value)
    if group:
        out.append(sum(group) / len(group))
    return out


def nearest(edges: list[float], value: float) -> int:
    """Index of the edge nearest to ``value`` (``edges`` ascending)."""
    at = bisect_left(edges, value)
    if at == 0:
        return 0
    if at == len(edges):
        return len(edges) - 1
    return at if edges[at] - value < value - edges[at - 1] else at - 1


class _Coverage:
    """Merged intervals of rules along one line, for "is there a rule at t?"."""

    def __init__(self, pieces: list[tuple[float, float]]) -> None:
        merged: list[list[float]] = []
        for a, b in sorted(pieces):
            if merged and a <= merged[-1][1] + SNAP:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def covers(self, t: float) -> bool:
        at = bisect_right(self.starts, t) - 1
        return at >= 0 and self.ends[at] >= t


def _bands(page: PageContent) -> list[tuple[float, float]]:
    """Vertical extents (bottom, top) of the groups of touching rules: one per table."""
    spans = [(y, y) for y, _, _ in page.horizontal] + [(a, b) for _, a, b in page.vertical]
    spans.sort()
    bands: list[list[float]] = []
    for a, b in spans:
        if bands and a <= bands[-1][1] + SNAP:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    return [(a, b) for a, b in bands if b - a > SNAP]


def _table(page: PageContent, bottom: float, top: float) -> Table | None:
    """The table whose rules lie within [bottom, top], or None (fewer than 2×2 rules)."""
    horizontal = [h for h in page.horizontal if bottom - SNAP <= h[0] <= top + SNAP]
    vertical = [v for v in page.vertical if v[1] >= bottom - SNAP and v[2] <= top + SNAP]
    xs = cluster(v[0] for v in vertical)
    ys = cluster(h[0] for h in horizontal)
    if len(xs) < 2 or len(ys) < 2:
        return None
    ys.reverse()  # top to bottom
    by_x: dict[int, list[tuple[float, float]]] = {}
    for x, a, b in vertical:
        by_x.setdefault(nearest(xs, x), []).append((a, b))
    ascending_ys = ys[::-1]
    by_y: dict[int, list[tuple[float, float]]] = {}
    for y, a, b in horizontal:
        by_y.setdefault(len(ys) - 1 - nearest(ascending_ys, y), []).append((a, b))
    v_cover = {i: _Coverage(p) for i, p in by_x.items()}
    h_cover = {i: _Coverage(p) for i, p in by_y.items()}
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(rows):
        mid_y = (ys[i] + ys[i + 1]) / 2
        for j in range(cols):
            here = i * cols + j
            if j + 1 < cols:
                cover = v_cover.get(j + 1)
                if cover is None or not cover.covers(mid_y):
                    parent[find(here + 1)] = find(here)
            if i + 1 < rows:
                cover = h_cover.get(i + 1)
                if cover is None or not cover.covers((xs[j] + xs[j + 1]) / 2):
                    parent[find(here + cols)] = find(here)
    boxes: dict[int, list[int]] = {}
    for i in range(rows):
        for j in range(cols):
            root = find(i * cols + j)
            box = boxes.get(root)
            if box is None:
                boxes[root] = [i, i, j, j]
            else:
                box[0], box[1] = min(box[0], i), max(box[1], i)
                box[2], box[3] = min(box[2], j), max(box[3], j)
    table = Table(xs, ys, [], down=[-y for y in ys])
    owner: dict[tuple[int, int], Cell] = {}
    for r0, r1, c0, c1 in sorted(boxes.values(), key=lambda b: (b[0], b[2])):
        cell = Cell(r0, r1, xs[c0], xs[c1 + 1], ys[r0], ys[r1 + 1])
        table.cells.append(cell)
        for i in range(r0, r1 + 1):
            for j in range(c0, c1 + 1):
                owner[(i, j)] = cell
    table.grid = [[owner[(i, j)] for j in range(cols)] for i in range(rows)]
    return table


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines (top to bottom), each left to right."""
    lines: list[list[Char]] = []
    centres: list[float] = []
    for char in sorted(chars, key=lambda c: -c.cy):
        height = max(char.y1 - char.y0, 1.0)
        if lines and abs(centres[-1] - char.cy) <= height * 0.5:
            lines[-1].append(char)
        else:
            lines.append([char])
            centres.append(char.cy)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def line_text(line: list[Char]) -> str:
    """One line's text: glyphs in order, a space where a gap is wider than a space's share."""
    out: list[str] = []
    previous: Char | None = None
    for char in line:
        if previous is not None and char.text != " " and previous.text != " ":
            size = max(char.y1 - char.y0, 1.0)
            if char.x0 - previous.x1 > WORD_GAP * size:
                out.append(" ")
        out.append(char.text)
        previous = char
    return "".join(out)


def join_lines(lines: list[str]) -> str:
    """A wrapped cell's lines as one text: Chinese joins without a space, two Latin words
    (or numbers) broken at a space with one."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text and text[-1].isascii() and text[-1].isalnum() \
                and line[0].isascii() and line[0].isalnum():
            text += " "
        text += line
    return text


def read_items(page: PageContent) -> list[Item]:
    """The page's tables and free lines, top to bottom."""
    tables = [t for band in _bands(page) if (t := _table(page, *band)) is not None]
    tables.sort(key=lambda t: -t.top)
    free: list[Char] = []
    previous: Char | None = None
    cell: Cell | None = None
    for char in page.chars:
        if cell is not None and previous is not None and _continues(previous, char) \
                and not _rule_between(page, previous, char):
            _add(cell, char)  # a string running on past its cell's border stays its own
        else:
            cx, cy = char.cx, char.cy
            cell = None
            for table in tables:
                if table.xs[0] <= cx <= table.xs[-1] and table.ys[-1] <= cy <= table.ys[0]:
                    cell = _cell_at(table, char)
                    _add(cell, char)
                    break
            else:
                free.append(char)
        previous = char
    for table in tables:
        for cell in table.cells:
            _finish(cell)
    items: list[Item] = list(tables)
    for chars in _lines(free):
        size = max(max(c.y1 - c.y0 for c in chars), 1.0)
        pieces: list[tuple[float, list[Char]]] = []
        for char in chars:
            if pieces and char.x0 - pieces[-1][1][-1].x1 <= PIECE_GAP * size:
                pieces[-1][1].append(char)
            else:
                pieces.append((char.x0, [char]))
        kept = [(x, line_text(p).strip(), p[-1].x1) for x, p in pieces]
        kept = [piece for piece in kept if piece[1]]
        line = Line(max(c.y1 for c in chars), [(x, t) for x, t, _ in kept],
                    any(c.text in UNREADABLE for c in chars), [end for _, _, end in kept])
        if line.pieces:
            items.append(line)
    items.sort(key=lambda item: -item.top)
    return items


def _continues(previous: Char, char: Char) -> bool:
    """True when ``char`` is set right after ``previous`` on the same line (one string):
    cells are padded, so two cells' texts never touch."""
    height = max(previous.y1 - previous.y0, 1.0)
    return abs(char.cy - previous.cy) <= 0.2 * height \
        and -0.5 <= char.x0 - previous.x1 <= RUN_GAP * height


def _rule_between(page: PageContent, previous: Char, char: Char) -> bool:
    """True when a cell border runs through a gap between two glyphs: two cells' texts
    that touch (LibreOffice pads a cell by half a point: a number set flush right, then
    ``—`` flush left in the next cell). Text running past its border crosses the rule
    with a glyph, or with glyphs that touch, not with a gap around the rule."""
    left, right = previous.x1, char.x0
    if right - left < RULE_GAP * max(previous.y1 - previous.y0, 1.0):
        return False
    cy = (previous.cy + char.cy) / 2
    return any(left < x < right and y0 <= cy <= y1 for x, y0, y1 in page.vertical)


def _cell_at(table: Table, char: Char) -> Cell:
    """The cell under ``char``'s centre."""
    j = min(max(bisect_right(table.xs, char.cx) - 1, 0), len(table.xs) - 2)
    i = min(max(bisect_right(table.down, -char.cy) - 1, 0), table.rows - 1)
    return table.grid[i][j]


def _add(cell: Cell, char: Char) -> None:
    """Put ``char`` into ``cell``; mark the cell when the glyph crosses its border."""
    cell.chars.append(char)
    if char.text != " " and (char.cut or char.x1 > cell.x1 + CLIP_TOLERANCE
                             or char.x0 < cell.x0 - CLIP_TOLERANCE):
        cell.clipped = True


def _finish(cell: Cell) -> None:
    if not cell.chars:
        return
    if any(c.text in UNREADABLE for c in cell.chars):
        cell.unreadable = True
        return
    cell.text = cell_text(_lines(cell.chars), cell.x1 - cell.x0 - 2 * PAD)
    cell.chars = []


def cell_text(lines: list[list[Char]], inner: float) -> str:
    """A cell's lines as the text typed: lines wrapped at the cell's width join (as
    ``join_lines``); a line ending clearly short of the width, where the next line's first
    word would have fitted, ended with a line break typed by hand; a taller gap between
    lines is an empty line."""
    if not lines:
        return ""
    centres = [sum(c.cy for c in line) / len(line) for line in lines]
    pitches = [a - b for a, b in pairwise(centres)]
    height = max(max(c.y1 - c.y0 for c in lines[0]), 1.0)
    normal = min([*pitches, 1.5 * height])
    text = line_text(lines[0]).strip()
    for k in range(1, len(lines)):
        line = line_text(lines[k]).strip()
        before, after = lines[k - 1], lines[k]
        if _hard_break(before, after, inner):
            blank = round(pitches[k - 1] / normal) - 1 if pitches[k - 1] > 1.5 * normal else 0
            text += "\n" * (1 + blank) + line
        elif before[-1].text == " " and line:
            text += " " + line  # the space the line was broken at is printed (LibreOffice)
        elif _narrow(before[-1].text) and _narrow(after[0].text) \
                and not _cut_word(before, after, inner):
            text += " " + line  # two words broken at the space between them
        else:
            text += line
    return text


def _narrow(char: str) -> bool:
    """A character of a Latin word or figure: line breaking keeps runs of them whole."""
    return bool(char.strip()) and unicodedata.east_asian_width(char) not in ("W", "F")


_FIGURE: Final = frozenset("0123456789,.%")


def _cut_word(before: list[Char], after: list[Char], inner: float) -> bool:
    """True when a word wider than the cell was cut between the lines (no space):
    ``before`` is that word alone and full to the cell's width, or a figure broken after
    a thousands separator."""
    if all(c.text in _FIGURE for c in (*before, *after)) \
            and (before[-1].text == "," or after[0].text == "."):
        return True  # a figure is broken after a separator or before its decimals
    if not all(_narrow(c.text) for c in before):
        return False
    used = before[-1].x1 - before[0].x0
    return used + _atom(after, whole_word=False) > inner - BREAK_SLACK


def _hard_break(before: list[Char], after: list[Char], inner: float) -> bool:
    """True when ``before`` ended short: ``after``'s first word would have fitted on it."""
    used = before[-1].x1 - before[0].x0
    if _narrow(before[-1].text) and _narrow(after[0].text):
        used += 0.5 * max(after[0].y1 - after[0].y0, 1.0)  # two words: a space between
    return used + _atom(after, whole_word=True) < inner - BREAK_SLACK


def _atom(line: list[Char], whole_word: bool) -> float:
    """Width of what line breaking moves as one piece at the start of ``line``: a glyph or
    (``whole_word``) a run of Latin letters, figures and signs, with an opening mark
    before it and any closing mark after it together with its own run (a mark may not
    start or end a line)."""

    def end_of(i: int) -> int:
        if whole_word and _narrow(line[i].text):
            while i + 1 < len(line) and _narrow(line[i + 1].text):
                i += 1
        return i

    end = end_of(0)
    if end == 0 and len(line) > 1 and unicodedata.category(line[0].text) in ("Ps", "Pi"):
        end = end_of(1)
    while end + 1 < len(line) and unicodedata.category(line[end + 1].text) in (
            "Pe", "Pf", "Po"):
        end = end_of(end + 1)
    return line[end].x1 - line[0].x0
