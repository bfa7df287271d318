"""The PDF merges 一级/二级 cells only over equal non-empty values, as the window does.

A block pasted from a sheet with merged cells, before (or without) filling down, leaves
blank 一级/二级 cells under a filled one: on paper they stay cells of their own, never
swallowed by the cell above (which would print a value the form does not hold).
"""

from __future__ import annotations

from perfeval_gui.figures import compute
from perfeval_gui.model import Form, Indicator, merged_groups
from perfeval_gui.pdf import layout
from perfeval_gui.pdf.fonts import resolver_for
from perfeval_gui.pdf.render import FRAME_HEIGHT, TITLE_BLOCK_HEIGHT

LEVELS = [
    ("产出指标", "数量指标"),
    ("", ""),  # as pasted from a merged sheet, not filled down
    ("", "数量指标"),
    ("", "数量指标"),  # equal 二级 but no 一级: not merged
    ("效益指标", ""),
    ("效益指标", ""),  # equal 一级 merges; the blank 二级 cells do not
    ("效益指标", "社会效益指标"),
]


def _spans(form: Form) -> set[tuple[str, int, int]]:
    """(text, first row, last row) of every merged indicator-level cell, rows counted
    from the first indicator."""
    rows = layout.build_rows(form, compute(form))
    layout.measure_rows(rows, resolver_for(None))
    (page,) = layout.paginate(rows, FRAME_HEIGHT - TITLE_BLOCK_HEIGHT, FRAME_HEIGHT)
    first = next(i for i, row in enumerate(page.rows) if row.section == "indicators"
                 and not row.header)
    level_x = {c.x0 for c in page.rows[first].cells[1:3]}
    return {(s.cell.text, s.first - first, s.last - first)
            for s in layout.spans(page.rows) if s.cell.x0 in level_x}


def test_blank_cells_are_never_merged_on_paper() -> None:
    form = Form(indicators=[Indicator(level1=a, level2=b, name=f"指标{i}")
                            for i, (a, b) in enumerate(LEVELS)])
    spans = _spans(form)
    assert ("效益指标", 4, 6) in spans  # equal non-empty 一级 cells merge
    assert not [s for s in spans if s[0] == "" and s[1] != s[2]]  # no blank cell spans rows
    assert [s for s in spans if s[0] == "产出指标"] == [("产出指标", 0, 0)]
    assert {s for s in spans if s[0] == "数量指标"} == {
        ("数量指标", 0, 0), ("数量指标", 2, 2), ("数量指标", 3, 3)}
    # the window draws from the same groups: blanks have none
    groups = merged_groups(form.indicators)
    assert [g[0] is None for g in groups] == [False, True, True, True, False, False, False]
    assert groups[2][1] != groups[3][1]
