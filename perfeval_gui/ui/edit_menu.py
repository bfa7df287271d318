"""编辑 → 剪切 / 复制 / 粘贴: on the cells of the focused grid, or in the focused text field.

The grids already copy and paste blocks as tab-separated text (grid.FormTable, the
format Excel and WPS exchange); these actions reach that code from the menu and the
standard shortcuts. Cut is copy + clear, one undo step. In a text field (a cell's open
editor, 项目名称 …) they are the field's own cut/copy/paste.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from shiboken6 import isValid

from perfeval_gui.ui.form_view import FormView
from perfeval_gui.ui.grid import FormTable

TextField = QLineEdit | QPlainTextEdit


class EditActions(QObject):
    """The three clipboard actions of a window, enabled for what has the keyboard."""

    def __init__(self, window: QWidget, view: FormView) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        key = QKeySequence.StandardKey
        self.cut_action = self._action(
            self.tr("剪切(&T)"), key.Cut, self.cut,
            self.tr("剪切所选单元格（复制后清空，可撤销）"),
        )
        self.copy_action = self._action(
            self.tr("复制(&C)"), key.Copy, self.copy,
            self.tr("复制所选单元格，可粘贴到 Excel/WPS"),
        )
        self.paste_action = self._action(
            self.tr("粘贴(&P)"), key.Paste, self.paste,
            self.tr("从当前单元格起粘贴（可来自 Excel/WPS）"),
        )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.update_enabled)
            app.clipboard().dataChanged.connect(self.update_enabled)
        for table in (view.funding_table, view.indicator_table):
            selection = table.selectionModel()
            selection.selectionChanged.connect(self.update_enabled)
            selection.currentChanged.connect(self.update_enabled)
        self.update_enabled()

    @property
    def actions(self) -> list[QAction]:
        return [self.cut_action, self.copy_action, self.paste_action]

    def _action(
        self, text: str, shortcut: QKeySequence.StandardKey, slot: Callable[[], None], tip: str
    ) -> QAction:
        act = QAction(text, self._window)
        act.setShortcuts(shortcut)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    # --- what the actions act on ------------------------------------------------------
    def target(self) -> FormTable | TextField | None:
        """The grid (no editor open) or text field that has the keyboard, else None.

        The window's focus widget, not the application's: while the menu is open it
        keeps the field that had the keyboard before.
        """
        if not isValid(self._window):  # focus moves while the window is being destroyed
            return None
        widget = self._window.focusWidget()
        if isinstance(widget, FormTable) and self._view.isAncestorOf(widget):
            return widget
        if isinstance(widget, QComboBox):
            return widget.lineEdit()  # None for a fixed chooser (评价等级)
        if isinstance(widget, QAbstractSpinBox):
            return widget.findChild(QLineEdit)
        if isinstance(widget, TextField):
            return widget
        return None

    def update_enabled(self, *_args: object) -> None:
        """Copy where something can be copied, cut and paste where input is taken."""
        if not isValid(self._window):  # focus moves while the window is being destroyed
            return
        target = self.target()
        has_text = bool(QApplication.clipboard().text())
        can_copy = can_cut = can_paste = False
        if isinstance(target, FormTable):
            current = target.currentIndex()
            can_copy = current.isValid()
            can_cut = any(_editable(target, i) for i in target.selectionModel().selectedIndexes())
            can_paste = has_text and current.isValid()
        elif isinstance(target, QLineEdit):
            can_copy = target.hasSelectedText() and target.echoMode() == QLineEdit.EchoMode.Normal
            can_cut = can_copy and not target.isReadOnly()
            can_paste = has_text and not target.isReadOnly()
        elif isinstance(target, QPlainTextEdit):
            can_copy = target.textCursor().hasSelection()
            can_cut = can_copy and not target.isReadOnly()
            can_paste = has_text and not target.isReadOnly()
        self.copy_action.setEnabled(can_copy)
        self.cut_action.setEnabled(can_cut)
        self.paste_action.setEnabled(can_paste)

    # --- the actions ----------------------------------------------------------------------
    def copy(self) -> None:
        target = self.target()
        if isinstance(target, FormTable):
            target.copy_selection()
        elif target is not None:
            target.copy()

    def cut(self) -> None:
        """Copy, then empty the selected input cells: one undo step (剪切)."""
        target = self.target()
        if not isinstance(target, FormTable):
            if target is not None:
                target.cut()
            return
        target.copy_selection()
        if not any(_editable(target, i) for i in target.selectionModel().selectedIndexes()):
            self._view.notice.emit(self.tr("所选单元格是计算得出的，只复制、未清空"))
            return
        stack = self._view.document.undo_stack
        stack.beginMacro(self.tr("剪切"))
        try:
            target.clear_selected_cells()
        finally:
            stack.endMacro()

    def paste(self) -> None:
        target = self.target()
        if isinstance(target, FormTable):
            target.paste()
        elif target is not None:
            target.paste()


def _editable(table: FormTable, index: QModelIndex) -> bool:
    return index.isValid() and bool(table.model().flags(index) & Qt.ItemFlag.ItemIsEditable)
