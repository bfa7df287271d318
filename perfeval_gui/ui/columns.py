"""Column widths of the two grids: how each column shares the page's width.

The facts per column (preferred width, floor, stretch, numeric) sit in two small tables
here, apart from the grid widget that applies them, so that they can move into the
declarative form spec without touching the widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im

CELL_PADDING: Final = 10
"""Room around a cell's or header's text (margins, grid line, header padding)."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """How one grid column shares the width (px at zoom 100%).

    ``preferred``: its width when there is room; ``floor``: the narrowest a text column
    gets (its text then wraps onto more lines); ``stretch``: share of any extra room;
    ``numeric``: never narrower than its widest number, so no figure is ever cut or
    wrapped. No column is ever narrower than its header's longest line.
    """

    preferred: int
    floor: int
    stretch: int = 0
    numeric: bool = False


FUNDING_COLUMN_SPECS: Final = {
    fm.COL_LABEL: ColumnSpec(140, 84),
    fm.COL_INITIAL: ColumnSpec(150, 0, 1, numeric=True),
    fm.COL_ANNUAL: ColumnSpec(150, 0, 1, numeric=True),
    fm.COL_EXECUTED: ColumnSpec(150, 0, 1, numeric=True),
    fm.COL_WEIGHT: ColumnSpec(56, 0, numeric=True),
    fm.COL_RATE: ColumnSpec(76, 0, numeric=True),
    fm.COL_SCORE: ColumnSpec(56, 0, numeric=True),
}
INDICATOR_COLUMN_SPECS: Final = {
    im.COL_LEVEL1: ColumnSpec(80, 48),
    im.COL_LEVEL2: ColumnSpec(100, 56),
    im.COL_NAME: ColumnSpec(150, 72, 1),
    im.COL_TARGET: ColumnSpec(84, 56),
    im.COL_ACTUAL: ColumnSpec(84, 56),
    im.COL_WEIGHT: ColumnSpec(46, 0, numeric=True),
    im.COL_SCORE: ColumnSpec(46, 0, numeric=True),
    im.COL_SUGGESTED: ColumnSpec(66, 0, numeric=True),
    im.COL_GRADE: ColumnSpec(104, 56),
    im.COL_DEVIATION: ColumnSpec(150, 72, 1),
}


def share_width(
    width: int, minimums: Sequence[int], preferred: Sequence[int], stretch: Sequence[int]
) -> list[int]:
    """Column widths filling ``width`` exactly when it is at least the sum of the minimums.

    Room beyond the preferred widths goes to the stretching columns; below them every
    column gives up the same fraction of its slack (preferred − minimum), so text columns
    shrink together and number columns, whose minimum is their widest figure, never cut.
    """
    preferred = [max(p, m) for p, m in zip(preferred, minimums, strict=True)]
    total_min, total_pref = sum(minimums), sum(preferred)
    if width <= total_min:
        return list(minimums)
    if width >= total_pref:
        weights = list(stretch) if any(stretch) else [0] * (len(preferred) - 1) + [1]
        extra, shares = width - total_pref, sum(weights)
        widths = [p + extra * w // shares for p, w in zip(preferred, weights, strict=True)]
    else:
        fraction = (width - total_min) / (total_pref - total_min)
        widths = [int(m + (p - m) * fraction) for m, p in zip(minimums, preferred, strict=True)]
    # rounding: the last column that may grow takes the remainder, so the grid fills exactly
    growable = [i for i, w in enumerate(stretch) if w] or [len(widths) - 1]
    widths[growable[-1]] += width - sum(widths)
    return widths
