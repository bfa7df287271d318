"""Paste from Excel/WPS as the paper form means it (issue 10, item 1).

A block copied from a sheet whose 一级/二级 cells are merged arrives with blanks on the
merged rows: they are filled down. A longer block adds rows; a shorter one over a new
form's untouched rows offers to remove the rows it left unused. One paste, one undo step.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfeval_gui.model import Form, Indicator
from perfeval_gui.spec import LEVEL1_CATALOGUE
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.clipboard import fill_merged_down
from perfeval_gui.ui.indicator_rows import PASTE_TEMPLATE_ROWS, is_untouched

# Four indicators as Excel copies them from the paper layout (8 columns): 产出指标 is
# merged over three rows, 数量指标 over two.
SHEET = (
    "产出指标\t数量指标\t服务企业数\t≥90\t155\t20\t20\t\r\n"
    "\t\t培训场次\t≥10\t12\t10\t10\t\r\n"
    "\t质量指标\t企业满意率\t≥90%\t88%\t20\t18\t略低于目标\r\n"
    "效益指标\t\t就业岗位\t≥100\t120\t30\t30\t\r\n"
)


def skeleton() -> Form:
    """A new form's standard skeleton: one untouched row per catalogue 一级/二级."""
    rows = [(a, b) for a, twos in LEVEL1_CATALOGUE.items() for b in twos]
    return Form(indicators=[Indicator(level1=a, level2=b) for a, b in rows])


def paste_at(window, row: int, column: int, text: str) -> None:
    """Put ``text`` on the clipboard, click the cell, press Ctrl+V, as the clerk does."""
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    QApplication.clipboard().setText(text)
    table.setFocus()
    table.setCurrentIndex(model.index(row, column))
    QTest.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def levels(window) -> list[tuple[str, str]]:
    return [(i.level1, i.level2) for i in window.document.form.indicators]


def test_fill_down_follows_the_merge() -> None:
    block = [["产出指标", "数量指标", "a"], ["", "", "b"], ["", "", ""], ["", " ", "c"],
             ["效益指标", "", "d"], ["", "社会效益指标", "e"]]
    assert fill_merged_down(block, [0, 1], ["", ""]) == [
        ["产出指标", "数量指标", "a"],
        ["产出指标", "数量指标", "b"],
        ["", "", ""],  # a blank line is no indicator: left blank
        ["产出指标", "数量指标", "c"],  # ... and the merge goes on below it
        ["效益指标", "", "d"],  # a new 一级: its 二级 is not taken from the one above
        ["效益指标", "社会效益指标", "e"],
    ]
    # the first row takes the row above the block; short rows get the cell they lacked
    assert fill_merged_down([["x", ""], ["y"]], [1], ["满意度指标"]) == [
        ["x", "满意度指标"], ["y", "满意度指标"]]
    assert fill_merged_down([["", "x"]], [0], [""]) == [["", "x"]]  # nothing above: blank
    # pasted from 二级 on: the table's 一级 of each row (``outside``) bounds the merge
    assert fill_merged_down([["", "a"], ["", "b"], ["", ""]], [0], ["产出指标", "数量指标"],
                            ["产出指标", "效益指标", "效益指标"]) == [
        ["数量指标", "a"], ["", "b"], ["", ""]]


def test_blank_continuation_rows_take_the_merged_cell(make_window, seed1_path) -> None:
    window = make_window()
    window.load_path(seed1_path)
    before = window.document.form
    steps = window.document.undo_stack.count()
    paste_at(window, 0, im.COL_LEVEL1, SHEET)
    items = window.document.form.indicators
    assert levels(window)[:4] == [
        ("产出指标", "数量指标"),
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", ""),  # a new 一级 over a blank 二级: blank, flagged below
    ]
    assert [i.name for i in items[:4]] == ["服务企业数", "培训场次", "企业满意率", "就业岗位"]
    assert items[1].weight == Decimal(10) and items[2].deviation == "略低于目标"
    spans = window.form_view.indicator_model.spans()
    assert (0, im.COL_LEVEL1, 3) in spans and (0, im.COL_LEVEL2, 2) in spans
    assert window.form_view.indicator_table.rowSpan(0, im.COL_LEVEL1) == 3  # merged on screen
    window.document.refresh_findings()
    found = [(f.code, str(f.location)) for f in window.document.findings]
    assert ("level2-missing", "indicators[3].level2") in found
    assert not [code for code, _ in found if code == "level1-missing"]
    assert window.document.undo_stack.count() == steps + 1  # one paste, one step
    window.undo_action.trigger()
    assert window.document.form == before


def test_first_pasted_row_continues_the_row_above(make_window, seed1_path) -> None:
    window = make_window()
    window.load_path(seed1_path)
    paste_at(window, 3, im.COL_LEVEL1, "\t\t新指标\t≥1\t1\t5\t5\t\r\n")
    assert levels(window)[3] == ("产出指标", "时效指标")  # from row 3 (the paste's row above)
    # a block starting in 二级 fills 二级 within the table's own 一级 only
    paste_at(window, 4, im.COL_LEVEL2, "\t另一指标\r\n\t再一指标\r\n")
    assert levels(window)[4:6] == [("效益指标", ""), ("满意度指标", "")]  # 一级 differ
    paste_at(window, 2, im.COL_LEVEL2, "\t第三行\r\n")
    assert levels(window)[2] == ("产出指标", "质量指标")  # rows 1 and 2 share 产出指标


def test_a_longer_block_adds_rows(make_window, seed1_path) -> None:
    window = make_window()
    window.load_path(seed1_path)
    paste_at(window, 4, im.COL_LEVEL1, SHEET)  # rows 4-7 of a 6-row table
    assert len(window.document.form.indicators) == 8
    assert levels(window)[4:] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
        ("效益指标", "")]
    window.undo_action.trigger()
    assert len(window.document.form.indicators) == 6


def test_a_shorter_block_over_a_new_form_offers_to_remove_the_unused_rows(
    make_window, dialogs
) -> None:
    window = make_window()
    window.document.load(skeleton(), None)
    assert all(is_untouched(i) for i in window.document.form.indicators)
    steps = window.document.undo_stack.count()
    dialogs.choice_answers[PASTE_TEMPLATE_ROWS] = ["remove"]
    paste_at(window, 0, im.COL_LEVEL1, SHEET)
    (kind, text), = dialogs.questions
    assert kind == PASTE_TEMPLATE_ROWS and "4 行" in text and "5 行" in text
    items = window.document.form.indicators
    assert [i.name for i in items] == ["服务企业数", "培训场次", "企业满意率", "就业岗位"]
    table = window.form_view.indicator_table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, im.COL_LEVEL1)
    assert window.document.undo_stack.count() == steps + 1
    window.undo_action.trigger()  # rows and cells come back in one step
    assert window.document.form == skeleton()


def test_keeping_the_rows_and_when_nothing_is_asked(make_window, dialogs, seed1_path) -> None:
    window = make_window()
    window.document.load(skeleton(), None)
    dialogs.choice_answers[PASTE_TEMPLATE_ROWS] = ["keep"]
    paste_at(window, 0, im.COL_LEVEL1, SHEET)
    assert len(window.document.form.indicators) == 9
    assert window.document.form.indicators[4] == skeleton().indicators[4]
    # now filled in: the next paste asks nothing (an unexpected question fails the test)
    paste_at(window, 5, im.COL_LEVEL1, SHEET)
    assert len(dialogs.questions) == 1
    # a block without 三级指标 (scores only) over a new form asks nothing either
    window.document.load(skeleton(), None)
    paste_at(window, 0, im.COL_SCORE, "1\n2\n")
    # nor does a filled-in form
    window.load_path(seed1_path)
    paste_at(window, 0, im.COL_LEVEL1, SHEET)
    assert len(dialogs.questions) == 1 and len(window.document.form.indicators) == 6
