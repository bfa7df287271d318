"""Indicator rows are reordered by dragging their row numbers (issue 10, item 7)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHeaderView

from perfeval_gui.ui import indicator_model as im


def drag_row_number(header: QHeaderView, source: int, target: int) -> None:
    """Press on row ``source``'s number, move in steps past the middle of row ``target``'s
    (where Qt's drop line passes it), release."""
    viewport = header.viewport()
    x = header.width() // 2

    def at(row: int, share: float) -> QPoint:
        top = header.sectionViewportPosition(row)
        return QPoint(x, top + int(header.sectionSize(row) * share))

    start, end = at(source, 0.5), at(target, 0.8 if target > source else 0.2)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    steps = 6
    for step in range(1, steps + 1):
        y = start.y() + (end.y() - start.y()) * step // steps
        QTest.mouseMove(viewport, QPoint(x, y))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    QApplication.processEvents()


def names(window) -> list[str]:
    return [i.name for i in window.document.form.indicators]


def test_dragging_a_row_number_moves_the_row(make_window, seed1_path) -> None:
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    header = table.verticalHeader()
    assert header.isVisible() and header.sectionsMovable()
    assert [model.headerData(r, Qt.Orientation.Vertical, 0) for r in range(3)] == ["1", "2", "3"]
    tip = Qt.ItemDataRole.ToolTipRole
    assert "拖动行号" in model.headerData(0, Qt.Orientation.Vertical, tip)
    assert model.headerData(model.footer_row, Qt.Orientation.Vertical, tip) is None
    before = names(window)
    steps = window.document.undo_stack.count()

    drag_row_number(header, 0, 3)  # the first row dropped on the fourth
    assert names(window) == [*before[1:4], before[0], *before[4:]]
    assert [header.logicalIndex(v) for v in range(header.count())] == list(range(header.count()))
    assert table.currentIndex().row() == 3  # the keyboard is on the moved row
    assert window.document.undo_stack.count() == steps + 1
    assert view.indicator_model.spans()  # merged cells follow the new order

    drag_row_number(header, 5, 1)  # and upwards
    assert names(window)[1] == before[5]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert names(window) == before

    footer = model.footer_row  # the 总分 row stays last; a row dropped on it goes last
    drag_row_number(header, footer, 0)
    assert names(window) == before
    drag_row_number(header, 2, footer)
    assert names(window) == [*before[:2], *before[3:], before[2]]
    assert model.index(footer, im.COL_LEVEL1).data() == "总分"


def test_buttons_still_move_rows(make_window, seed1_path) -> None:
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    before = names(window)
    view.indicator_table.setCurrentIndex(view.indicator_model.index(1, im.COL_NAME))
    view.move_down_action.trigger()
    assert names(window)[2] == before[1]
    view.move_up_action.trigger()
    assert names(window) == before


def test_a_click_on_a_row_number_selects_the_row(make_window, seed1_path) -> None:
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    table, header = view.indicator_table, view.indicator_table.verticalHeader()
    before = names(window)
    point = QPoint(header.width() // 2, header.sectionViewportPosition(2) + 5)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert table.selectionModel().isRowSelected(2)
    assert view.selected_indicator_rows() == [2]
    view.delete_rows_action.trigger()
    assert names(window) == [*before[:2], *before[3:]]


def test_row_numbers_zoom_with_the_page_and_stay_narrow(make_window, seed1_path) -> None:
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    header = view.indicator_table.verticalHeader()
    width = header.width()
    view.set_zoom(2.0)
    QApplication.processEvents()
    assert header.width() > width  # larger numbers, a wider gutter
    assert header.fontMetrics().horizontalAdvance("6") + 4 <= header.width()
    view.set_zoom(1.0)
    window.document.append_indicators(10)  # row 16: two digits
    QApplication.processEvents()
    assert header.fontMetrics().horizontalAdvance("16") + 4 <= header.width() < 2 * width


def test_two_digit_row_numbers_still_fit_1024_with_the_findings_beside(
    make_window, qtbot, seed1_path
) -> None:
    """The gutter is as narrow as its numbers: the smallest office screen keeps every
    column in view with 12 rows (see test_small_screens for the seed's 6)."""
    window = make_window(show=False)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    window.load_path(seed1_path)
    window.use_default_layout(narrow=False)
    window.document.append_indicators(6)
    qtbot.wait(120)
    QApplication.processEvents()
    view = window.form_view
    table = view.indicator_table
    assert table.verticalHeader().width() <= 16
    assert view.horizontalScrollBar().maximum() == 0
    used = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert used <= table.viewport().width()
