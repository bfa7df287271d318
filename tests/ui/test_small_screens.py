"""Office screens (1366×768, 1024×600): the whole form fits the width, the findings make room.

Each check measures the real window offscreen: the page's horizontal scroll range, where
the grids end, every header and figure against its column, the findings dock's place and
height, and what a restarted window brings back from the settings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import assert_page_parts_apart_and_uncut
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.app import install_translations
from perfeval_gui.ui.columns import CELL_PADDING, share_width
from perfeval_gui.ui.grid import FormTable
from perfeval_gui.ui.main_window import DOCK_HEIGHT, DOCK_WIDTH

pytestmark = pytest.mark.usefixtures("fail_on_uncaught")

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
SIZES = [(1366, 768), (1024, 600), (1280, 900)]


def _open_at(make_window, qtbot, path: Path, width: int, height: int):
    """A first start on a screen of that size: sized before it is shown, then seed loaded."""
    window = make_window(show=False)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.load_path(path)
    _settle(qtbot)
    return window


def _settle(qtbot) -> None:
    """Columns and rows are re-fitted 30 ms after a change; let them and the layout settle."""
    qtbot.wait(120)
    QApplication.processEvents()


def _right_edge(view, widget) -> int:
    """Where ``widget`` ends, in the scroll area's viewport coordinates."""
    return widget.mapTo(view.viewport(), QPoint(widget.width(), 0)).x()


def _assert_fits_width(window) -> None:
    """No sideways scrolling is needed to see every column of both grids."""
    view = window.form_view
    assert view.horizontalScrollBar().maximum() == 0
    viewport = view.viewport().width()
    for table in (view.funding_table, view.indicator_table):
        assert 0 <= table.mapTo(view.viewport(), QPoint(0, 0)).x()
        assert _right_edge(view, table) <= viewport, table.objectName()
        model = table.model()
        used = sum(table.columnWidth(c) for c in range(model.columnCount()))
        assert used <= table.viewport().width()  # the last column is not cut off either


def _assert_nothing_cut(table: FormTable) -> None:
    """Every header line and every figure fits its column: nothing elided, nothing wrapped."""
    model = table.model()
    header_metrics = table.horizontalHeader().fontMetrics()
    metrics = table.fontMetrics()
    for column in range(model.columnCount()):
        width = table.columnWidth(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for line in title.split("\n"):
            assert header_metrics.horizontalAdvance(line) + CELL_PADDING <= width, line
        if not table.column_specs[column].numeric:
            continue
        for row in range(model.rowCount()):
            if table.columnSpan(row, column) > 1:
                continue
            text = str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
            assert metrics.horizontalAdvance(text) + CELL_PADDING <= width, (row, column, text)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_whole_form_fits_the_width_at_office_screen_sizes(
    make_window, qtbot, seed1_path, width, height
):
    window = _open_at(make_window, qtbot, seed1_path, width, height)
    view = window.form_view
    assert view.zoom == 1.0
    _assert_fits_width(window)
    assert_page_parts_apart_and_uncut(window)
    for table in (view.funding_table, view.indicator_table):
        _assert_nothing_cut(table)
    # 全年执行数 / 执行率 / 得分 are on screen, with their figures
    funding = view.funding_table
    assert _right_edge(view, funding) > funding.columnViewportPosition(fm.COL_SCORE)
    assert funding.model().index(0, fm.COL_RATE).data() == "65.79%"
    # the findings: beside the form when there is room, one summary line below it when not
    panel = window.findings_panel
    if width >= 1280:
        assert window.dockWidgetArea(panel) == RIGHT and not panel.collapsed
        assert abs(panel.width() - DOCK_WIDTH) <= 10
        assert panel.list.isVisible()
    else:
        assert window.dockWidgetArea(panel) == BOTTOM and panel.collapsed
        assert not panel.list.isVisible()
        assert panel.height() <= 4 * panel.fontMetrics().lineSpacing() + 20
        assert "警告 1" in panel.summary.text()  # seed 1's counts stay visible
    # the figures stay on the status bar
    assert "65.79%" in window._figures_label.text()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_english_headers_fit_too(make_window, qtbot, qapp, seed1_path, width, height):
    """English headers are longer than Chinese ones: the form must still fit, nothing cut."""
    install_translations(qapp, "en")
    try:
        window = _open_at(make_window, qtbot, seed1_path, width, height)
        view = window.form_view
        assert (
            view.funding_model.headerData(
                fm.COL_RATE, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
            )
            == "Execution\nrate"
        )  # the English catalogue is really in use
        _assert_fits_width(window)
        assert_page_parts_apart_and_uncut(window)
        for table in (view.funding_table, view.indicator_table):
            _assert_nothing_cut(table)
    finally:
        install_translations(qapp, "zh")


def test_1024x600_also_fits_with_the_findings_beside_the_form(make_window, qtbot, seed1_path):
    """A clerk who drags the findings back to the right keeps every column in view."""
    window = _open_at(make_window, qtbot, seed1_path, 1024, 600)
    window.use_default_layout(narrow=False)
    _settle(qtbot)
    assert window.dockWidgetArea(window.findings_panel) == RIGHT
    assert window.form_view.viewport().width() < 800  # the page really is narrow here
    _assert_fits_width(window)
    for table in (window.form_view.funding_table, window.form_view.indicator_table):
        _assert_nothing_cut(table)
    # narrow columns wrap their text onto more lines instead of cutting it
    assert_page_parts_apart_and_uncut(window)
    table = window.form_view.indicator_table
    assert max(table.rowHeight(r) for r in range(table.model().rowCount())) > 2 * (
        table.fontMetrics().lineSpacing()
    )


def test_zoom_keeps_working_on_a_small_screen(make_window, qtbot, seed1_path):
    window = _open_at(make_window, qtbot, seed1_path, 1024, 600)
    view = window.form_view
    header = view.indicator_table.horizontalHeader()
    widths = {}
    for zoom in (0.6, 1.1, 1.0, 2.5, 1.0):
        view.set_zoom(zoom)
        _settle(qtbot)
        widths[zoom] = header.sectionSize(im.COL_WEIGHT)
        for table in (view.funding_table, view.indicator_table):
            _assert_nothing_cut(table)  # numbers and headers grow with the font
        assert_page_parts_apart_and_uncut(window)
        if zoom <= 1.1:
            _assert_fits_width(window)
        else:  # 250 %: the page is wider than the screen and scrolls, nothing squeezed
            assert view.horizontalScrollBar().maximum() > 0
            bar = view.horizontalScrollBar()
            bar.setValue(bar.maximum())
            QApplication.processEvents()
            assert _right_edge(view, view.indicator_table) <= view.viewport().width()
            bar.setValue(0)
    assert widths[2.5] > widths[1.0] > widths[0.6]


def test_a_huge_figure_widens_its_column_instead_of_being_cut(make_window, qtbot, seed1_path):
    window = _open_at(make_window, qtbot, seed1_path, 1024, 600)
    window.use_default_layout(narrow=False)  # the narrowest page: columns at their least
    _settle(qtbot)
    view = window.form_view
    before = view.funding_table.columnWidth(fm.COL_EXECUTED)
    model = view.funding_model
    for column in (fm.COL_INITIAL, fm.COL_ANNUAL, fm.COL_EXECUTED):  # what the editor does
        assert model.setData(model.index(1, column), "999999999999999.99", Qt.ItemDataRole.EditRole)
    assert window.document.form.funding.current_year_appropriation.executed == Decimal(
        "999999999999999.99"
    )
    _settle(qtbot)
    shown = view.funding_table.model().index(1, fm.COL_EXECUTED).data()
    assert shown == "999,999,999,999,999.99"
    assert view.funding_table.columnWidth(fm.COL_EXECUTED) > before
    _assert_nothing_cut(view.funding_table)
    # the page now scrolls sideways if it must, but the figure is whole
    viewport_needed = view.page.minimumSizeHint().width()
    assert view.horizontalScrollBar().maximum() == max(0, viewport_needed - view.viewport().width())
    # one edited indicator row (measured alone) and the 总分 it changes widen theirs too
    indicators = view.indicator_model
    narrow = view.indicator_table.columnWidth(im.COL_WEIGHT)
    assert indicators.setData(
        indicators.index(3, im.COL_WEIGHT), "123456789012.5", Qt.ItemDataRole.EditRole
    )
    _settle(qtbot)
    assert window.document.form.indicators[3].weight == Decimal("123456789012.5")
    assert "123" in indicators.index(3, im.COL_WEIGHT).data()
    assert "123" in indicators.index(indicators.footer_row, im.COL_WEIGHT).data()
    assert view.indicator_table.columnWidth(im.COL_WEIGHT) > narrow
    _assert_nothing_cut(view.indicator_table)


def test_share_width_fills_exactly_and_respects_minimums():
    minimums, preferred, stretch = [40, 60, 30], [80, 100, 30], [0, 1, 0]
    for width in range(130, 400, 7):
        widths = share_width(width, minimums, preferred, stretch)
        assert sum(widths) == width
        assert all(w >= m for w, m in zip(widths, minimums, strict=True))
    assert share_width(210, minimums, preferred, stretch) == [80, 100, 30]
    assert share_width(310, minimums, preferred, stretch) == [80, 200, 30]  # extra → stretch
    assert share_width(100, minimums, preferred, stretch) == minimums  # too narrow: scroll
    assert share_width(170, minimums, preferred, stretch) == [60, 80, 30]  # shrink evenly


def test_collapsed_findings_open_again_below_the_form(make_window, qtbot, seed1_path):
    window = _open_at(make_window, qtbot, seed1_path, 1024, 600)
    panel = window.findings_panel
    collapsed_height = panel.height()
    form_height = window.form_view.height()
    panel.collapse_button.click()
    _settle(qtbot)
    assert not panel.collapsed and panel.list.isVisible()
    assert panel.collapse_button.text() == "收起"
    assert panel.height() >= DOCK_HEIGHT - 10
    assert window.form_view.height() < form_height
    assert window.settings.findings_collapsed() is False
    panel.collapse_button.click()
    _settle(qtbot)
    assert panel.collapsed and not panel.list.isVisible()
    assert panel.collapse_button.text() == "展开"
    assert panel.height() == collapsed_height
    assert window.form_view.height() == form_height
    assert window.settings.findings_collapsed() is True
    # the View menu says the same and does the same (for the keyboard)
    action = window.collapse_findings_action
    assert action.isChecked()
    action.trigger()
    assert not panel.collapsed and panel.list.isVisible() and not action.isChecked()
    action.trigger()
    assert panel.collapsed and action.isChecked()


def test_dock_layout_is_restored_after_a_restart(make_window, qtbot, seed1_path):
    first = _open_at(make_window, qtbot, seed1_path, 1280, 900)
    assert window_area(first) == RIGHT
    # the clerk puts the findings below the form, collapsed, and closes the editor
    first.addDockWidget(BOTTOM, first.findings_panel)
    first.findings_panel.set_collapsed(True)
    first.form_view.set_zoom(1.1)
    _settle(qtbot)
    assert first.close()
    second = _open_at(make_window, qtbot, seed1_path, 1280, 900)
    assert window_area(second) == BOTTOM  # not the default for a 1280 px window
    assert second.findings_panel.collapsed
    assert not second.findings_panel.list.isVisible()
    assert second.form_view.zoom == 1.1
    # and back to the right, wider than the default: the width comes back too
    second.addDockWidget(RIGHT, second.findings_panel)
    second.findings_panel.set_collapsed(False)
    second.resizeDocks([second.findings_panel], [320], Qt.Orientation.Horizontal)
    _settle(qtbot)
    width = second.findings_panel.width()
    assert abs(width - 320) <= 10
    assert second.close()
    third = _open_at(make_window, qtbot, seed1_path, 1024, 600)
    assert window_area(third) == RIGHT  # the user's choice wins over the small-screen default
    assert not third.findings_panel.collapsed
    assert third.findings_panel.width() == width


def window_area(window) -> Qt.DockWidgetArea:
    return window.dockWidgetArea(window.findings_panel)


def test_smoke_test_screenshots_at_a_small_size(seed1_path, tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    png = tmp_path / "small.png"
    app = [sys.executable, "-m", "perfeval_gui.ui.app"]
    run = subprocess.run(
        [*app, "--smoke-test", str(seed1_path), "--size", "1024x600", "--screenshot", str(png)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert "size=1024x600" in run.stdout and "hscroll=0" in run.stdout
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1024, 600)
    bad = subprocess.run(
        [*app, "--smoke-test", "--size", "big"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert bad.returncode == 2 and "1024x600" in bad.stderr
