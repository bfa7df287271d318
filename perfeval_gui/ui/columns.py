"""Column widths of the two grids: how each column shares the page's width.

The widths per column are the spec's (``ScreenWidth`` of each funding and indicator
column); this module turns them into what the grid widget applies, and shares the width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from perfeval_gui.spec import STANDARD, ScreenWidth
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

    @staticmethod
    def of(width: ScreenWidth, numeric: bool) -> ColumnSpec:
        return ColumnSpec(width.preferred, width.floor, width.stretch, numeric)


FUNDING_COLUMN_SPECS: Final = {
    fm.COL_LABEL: ColumnSpec.of(STANDARD.funding.row_label_screen, numeric=False),
    **{
        column: ColumnSpec.of(spec.screen, numeric=True)
        for column, spec in enumerate(fm.COLUMNS)
        if spec is not None
    },
}
INDICATOR_COLUMN_SPECS: Final = {
    column: ColumnSpec.of(spec.screen, numeric=spec.number)
    for column, spec in enumerate(im.COLUMNS)
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
