"""Cells as clipboard text: the tab-separated form Excel, WPS and LibreOffice copy and paste.

Rows end with a line break (CRLF, LF or CR), cells are separated by tabs, and a cell
holding a line break or a tab comes quoted ("…", inner quotes doubled). Excel quotes
nothing else: a cell such as ``"5`` or ``ab"c`` comes as it is.

Why a hand-written parser and not ``csv.reader(..., dialect="excel-tab")``: fed the same
clipboard texts (tests/ui/test_clipboard.py), the csv module

- reads everything after a cell opening with a lone quote (Excel's unquoted ``"5``) as
  one cell, to the end of the clipboard, so a whole pasted block lands in one cell;
- keeps the CRLF inside a quoted cell (LibreOffice on Windows) and gives an empty line
  (an empty cell of a one-column block) as no cell at all, so it would need the same
  pre- and post-processing this parser does anyway.

On every other case tried the two agree. Neither can tell Excel's unquoted ``"甲"乙``
from a quoted cell (nor can Excel when it pastes its own text back).

A merged cell comes as its text on its first row and blanks below; ``fill_merged_down``
gives those rows back the text the merge meant (the indicator table's 一级/二级).
"""

from __future__ import annotations


def parse_tsv(text: str) -> list[list[str]]:
    """The cells of copied text; see the module docstring.

    A quote opens a quoted cell only at the start of a cell and when another quote
    follows somewhere; otherwise it is part of the text (Excel's unquoted ``"5``).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if '"' not in text:
        return [line.split("\t") for line in text.split("\n")]
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, quoted, at_start = 0, False, True
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif char == '"' and text[i + 1 : i + 2] in ("", "\t", "\n"):
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and at_start and '"' in text[i + 1 :]:
            quoted = True
        elif char == "\t":
            row.append("".join(cell))
            cell = []
            at_start = True
            i += 1
            continue
        elif char == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_start = True
            i += 1
            continue
        else:
            cell.append(char)
        at_start = False
        i += 1
    row.append("".join(cell))
    rows.append(row)
    return rows


def format_tsv(rows: list[list[str]]) -> str:
    """The inverse of parse_tsv: what Excel/WPS paste as the same cells.

    Unlike Excel it also quotes a cell holding a quote, so that ``"5`` comes back whole.
    """

    def cell(text: str) -> str:
        if any(c in text for c in '\t\n\r"'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "\n".join("\t".join(cell(c) for c in row) for row in rows)


def fill_merged_down(
    rows: list[list[str]],
    positions: list[int],
    above: list[str],
    outside: list[str] | None = None,
) -> list[list[str]]:
    """``rows`` with the blanks of vertically merged columns filled down, as the sheet meant.

    Excel and WPS copy a merged cell as its text on its first row and blanks on the rows
    below (the paper form merges 一级 and 二级 so). ``positions``: the merged columns in the
    block, outermost first (一级, 二级); ``above``: their texts on the row just above the
    block ("" when none). ``outside``: when the block lacks the outermost merged column
    (pasted from 二级 on), that column's texts on the block's rows, its text above the
    block first in ``above``. A blank cell takes the text above it when its row has
    something else in it (a blank line is no indicator) and its outer columns hold what
    the row above holds (a 二级 cell never reaches across two 一级 cells). Blank lines are
    kept and passed over, as a merged cell spans them too.
    """
    skip = 0 if outside is None else 1
    previous = list(above)
    out: list[list[str]] = []
    for index, row in enumerate(rows):
        cells = list(row)
        if any(cell.strip() for cell in cells):
            current = [] if outside is None else [outside[index]]
            current += [_cell(cells, at) for at in positions]
            for level in range(skip, len(current)):
                same_outer = all(current[k].strip() == previous[k].strip() for k in range(level))
                if not current[level].strip() and previous[level].strip() and same_outer:
                    at = positions[level - skip]
                    cells.extend([""] * (at + 1 - len(cells)))
                    cells[at] = current[level] = previous[level]
            previous = current
        out.append(cells)
    return out


def _cell(cells: list[str], at: int) -> str:
    return cells[at] if at < len(cells) else ""
