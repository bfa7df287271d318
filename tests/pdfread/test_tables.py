"""Tables rebuilt from rules and characters, on pages built by hand (no PDF needed)."""

from __future__ import annotations

from perfeval_gui.pdfread.assemble import CLIPPED, UNREADABLE, PageItems, assemble
from perfeval_gui.pdfread.page import Char, PageContent
from perfeval_gui.pdfread.tables import Line, Table, join_lines, read_items

SIZE = 10.0


def text(page: PageContent, x: float, y: float, string: str) -> None:
    """``string`` set from (x, y) (baseline-ish bottom), 10 pt glyphs, CJK full width."""
    for char in string:
        width = SIZE if ord(char) > 0x2000 else SIZE / 2
        page.chars.append(Char(char, x, y, x + width, y + SIZE))
        x += width


def grid_page(xs: list[float], ys: list[float], *, gaps: dict[tuple[int, int], str]
              ) -> PageContent:
    """A ruled grid; ``gaps``: ('v', i, j) leaves out the vertical rule j in row band i …"""
    page = PageContent(1, 600, 800)
    for i, y in enumerate(ys):
        for j in range(len(xs) - 1):
            if gaps.get((i, j)) != "h":
                page.horizontal.append((y, xs[j], xs[j + 1]))
    for j, x in enumerate(xs):
        for i in range(len(ys) - 1):
            if gaps.get((i, j)) != "v":
                page.vertical.append((x, ys[i + 1], ys[i]))
    return page


def test_merged_cells_come_out_as_one_cell() -> None:
    xs, ys = [50.0, 100.0, 150.0, 200.0], [700.0, 680.0, 660.0, 640.0]
    # Row band 0: no rule between columns 1 and 2 (a cell spanning two columns);
    # column 0: no rule under rows 0 and 1 (a cell spanning three rows).
    page = grid_page(xs, ys, gaps={(0, 2): "v", (1, 0): "h", (2, 0): "h"})
    text(page, 55, 665, "产出")
    text(page, 105, 685, "跨两列的标题")
    text(page, 105, 665, "甲")
    text(page, 300, 760, "单位：万元")
    (line, table) = read_items(page)
    assert isinstance(line, Line) and line.text == "单位：万元"
    assert isinstance(table, Table)
    cells = {(c.r0, c.r1, c.x0, c.x1): c.text for c in table.cells}
    assert cells[(0, 2, 50.0, 100.0)] == "产出"
    assert cells[(0, 0, 100.0, 200.0)] == "跨两列的标题"
    assert cells[(1, 1, 100.0, 150.0)] == "甲"


def test_wrapped_lines_join_as_written() -> None:
    assert join_lines(["偏差原因分析", "及改进措施"]) == "偏差原因分析及改进措施"
    assert join_lines(["Service", "rate 95%"]) == "Service rate 95%"
    assert join_lines(["", " 甲 ", ""]) == "甲"


def test_unreadable_and_clipped_cells_are_flagged_with_their_place() -> None:
    xs, ys = [50.0, 100.0, 150.0], [700.0, 680.0]
    page = grid_page(xs, ys, gaps={})
    text(page, 55, 685, "很长的文字超")  # runs 10 pt past the rule at x=100
    text(page, 105, 685, "\ufffd\ufffd")
    items = read_items(page)
    sheet = assemble([PageItems(1, 800, items, len(page.chars))])
    assert sheet.rows == [["很长的文字超", None]]
    flags = {why: (col, str(place)) for _, col, place, why in sheet.flags}
    assert flags == {CLIPPED: (0, "第1页 (x=50, y=100)"), UNREADABLE: (1, "第1页 (x=100, y=100)")}


def test_lines_without_a_table_are_rows_of_their_own() -> None:
    page = PageContent(1, 600, 800)
    text(page, 50, 700, "财政项目支出绩效自评表")
    text(page, 50, 600, "第 1 页")  # a page number: dropped
    text(page, 50, 500, "填报单位：某局")
    text(page, 400, 500, "单位：元")
    sheet = assemble([PageItems(1, 800, read_items(page), len(page.chars))])
    assert sheet.rows == [["财政项目支出绩效自评表"], ["填报单位：某局", "单位：元"]]
    assert sheet.table_rows == [False, False]
