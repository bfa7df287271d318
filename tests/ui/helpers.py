"""Drive the grids like a user: open the cell's editor, type, press Enter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest.keyClicks only knows ASCII)."""
    for char in text:
        if char.isascii() and char.isprintable():
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def open_editor(table: QTableView, index: QModelIndex) -> QWidget:
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    QApplication.processEvents()
    editor = table.indexWidget(index)
    if editor is None:
        editors = [
            w
            for w in table.viewport().findChildren(QWidget)
            if isinstance(w, QLineEdit | QPlainTextEdit | QComboBox) and w.isVisible()
        ]
        assert editors, "no editor opened"
        editor = editors[0]
    return editor


def type_into_cell(table: QTableView, index: QModelIndex, text: str) -> None:
    """Select the cell, open its editor, replace its text by typing, commit with Enter/Tab."""
    editor = open_editor(table, index)
    if isinstance(editor, QComboBox) and editor.isEditable():
        target: QWidget = editor.lineEdit()
        editor.lineEdit().selectAll()
    elif isinstance(editor, QPlainTextEdit):
        editor.selectAll()
        target = editor
    else:
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        target = editor
    if text:
        type_text(target, text)
    else:
        QTest.keyClick(target, Qt.Key.Key_Delete)
    QTest.keyClick(target, Qt.Key.Key_Return)
    QApplication.processEvents()


def shown(table: QTableView, row: int, column: int) -> str:
    """What the grid displays in a cell."""
    return str(table.model().index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")


def assert_page_parts_apart_and_uncut(window) -> None:
    """Parts of the page do not overlap; every grid row is tall enough for its wrapped text."""
    from PySide6.QtCore import QPoint

    view = window.form_view
    parts = [
        view.project_name,
        view.competent_department,
        view.implementing_unit,
        view.funding_table,
        view.goals_expected,
        view.goals_actual,
        view.indicator_table,
    ]
    rects = [
        p.geometry().translated(p.parentWidget().mapTo(view.page, QPoint(0, 0))) for p in parts
    ]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1))
    for table in (view.funding_table, view.indicator_table):
        rows = range(table.model().rowCount())
        for row in rows:
            assert table.rowHeight(row) >= table.sizeHintForRow(row), (table.objectName(), row)
        needed = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in rows)
        assert table.height() == needed + 2 * table.frameWidth()  # all rows shown, none cut


# --- the real start-up path, in a child process ---------------------------------------

_RUN_MAIN = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    import perfeval_gui.ui.app as appmod

    boxes = []
    def warning(parent, title, text, *args, **kwargs):
        boxes.append(text)
        return QMessageBox.StandardButton.Ok
    QMessageBox.warning = staticmethod(warning)
    def exec_box(box):  # boxes built with plain-text format (main_window._plain_box)
        boxes.append(box.text())
        return QMessageBox.StandardButton.Ok
    QMessageBox.exec = exec_box

    def report():
        app = QApplication.instance()
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        form = window.document.form
        print("TITLE", window.windowTitle())
        print("ROWS", len(form.indicators), "NAME", repr(form.project_name))
        print("BOXES", boxes)
        print("MENUS", [a.text() for a in window.menuBar().actions()])
        print("DOCK", window.findings_panel.windowTitle())
        app.quit()

    create = appmod.create_application
    def create_and_schedule(argv=None):
        app = create(argv)
        QTimer.singleShot(500, report)
        return app
    appmod.create_application = create_and_schedule
    sys.exit(appmod.main(sys.argv[1:]))
    """
)


def run_main(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``perfeval-gui ARGS`` through main() in a child process; it prints what it shows."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_DATA_HOME": str(tmp / "data"),
    }
    return subprocess.run(
        [sys.executable, "-c", _RUN_MAIN, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
