"""Row operations of the 绩效指标 table: 添加/插入/删除/复制指标行, 上移/下移, and selection.

A mixin of ``form_view.FormView`` (it uses the page's document, grid and model). Every
row operation first commits what is being typed, then leaves the keyboard on the grid,
on the row it affected and in the column it was in: typing goes on there at once, and
Ctrl+Shift+↑/↓ (shortcuts of the grid) repeat. Strings keep the FormView context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from perfeval_gui.ui import indicator_model as im

if TYPE_CHECKING:
    from perfeval_gui.ui.document import FormDocument
    from perfeval_gui.ui.grid import FormTable


class IndicatorRowsMixin:
    """The row actions (``row_actions``, also in the Edit menu) and what they do."""

    document: FormDocument
    indicator_table: FormTable
    indicator_model: im.IndicatorModel
    row_buttons: QHBoxLayout
    _row_column: int | None = None
    """During a row operation: the column the keyboard was in (it stays there)."""

    # provided by FormView
    def commit_pending(self) -> None:
        raise NotImplementedError

    def _ensure_visible(self, table: FormTable, index: QModelIndex) -> None:
        raise NotImplementedError

    def _report(self, reason: str) -> None:
        """Tell the clerk why an operation was refused (FormView: the status bar)."""
        raise NotImplementedError

    def _make_row_actions(self, owner: QWidget) -> None:
        """Row operations of the indicator table (also put in the Edit menu by the window)."""

        def action(text: str, shortcut: str, slot: Callable[[], None], tip: str) -> QAction:
            act = QAction(text, owner)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(tip)
            act.triggered.connect(slot)
            return act

        self.add_row_action = action(
            QCoreApplication.translate("FormView", "添加指标行"),
            "",
            self.add_row,
            QCoreApplication.translate("FormView", "在表末添加一行"),
        )
        self.insert_row_action = action(
            QCoreApplication.translate("FormView", "插入指标行"),
            "Ctrl+Shift+I",
            self.insert_row,
            QCoreApplication.translate("FormView", "在当前行之前插入一行"),
        )
        self.delete_rows_action = action(
            QCoreApplication.translate("FormView", "删除指标行"),
            "Ctrl+Shift+D",
            self.delete_rows,
            QCoreApplication.translate("FormView", "删除选中的行"),
        )
        self.duplicate_row_action = action(
            QCoreApplication.translate("FormView", "复制指标行"),
            "Ctrl+Shift+C",
            self.duplicate_row,
            QCoreApplication.translate("FormView", "复制当前行"),
        )
        self.move_up_action = action(
            QCoreApplication.translate("FormView", "上移"),
            "Ctrl+Shift+Up",
            lambda: self.move_row(-1),
            QCoreApplication.translate("FormView", "当前行上移"),
        )
        self.move_down_action = action(
            QCoreApplication.translate("FormView", "下移"),
            "Ctrl+Shift+Down",
            lambda: self.move_row(1),
            QCoreApplication.translate("FormView", "当前行下移"),
        )
        self.row_actions = [
            self.add_row_action,
            self.insert_row_action,
            self.delete_rows_action,
            self.duplicate_row_action,
            self.move_up_action,
            self.move_down_action,
        ]
        for act in self.row_actions:
            self.indicator_table.addAction(act)
            button = QToolButton()
            button.setDefaultAction(act)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.row_buttons.addWidget(button)
        self.row_buttons.addStretch(1)
        self.indicator_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.indicator_table.customContextMenuRequested.connect(
            lambda pos: self._context_menu(owner, pos)
        )

    # --- selection -----------------------------------------------------------------
    def selected_indicator_rows(self) -> list[int]:
        count = self.indicator_model.indicator_count
        rows = {i.row() for i in self.indicator_table.selectionModel().selectedIndexes()}
        current = self.indicator_table.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        return sorted(r for r in rows if r < count)

    def current_indicator_row(self) -> int | None:
        current = self.indicator_table.currentIndex()
        if current.isValid() and current.row() < self.indicator_model.indicator_count:
            return current.row()
        rows = self.selected_indicator_rows()
        return rows[0] if rows else None

    def select_indicator_rows(self, rows: list[int]) -> None:
        """Make the first of ``rows`` current (in the column of a row operation under way)."""
        count = self.indicator_model.indicator_count
        rows = [r for r in rows if 0 <= r < count]
        if not rows:
            return
        column = self._row_column if self._row_column is not None else im.COL_NAME
        index = self.indicator_model.index(rows[0], column)
        self.indicator_table.setCurrentIndex(index)
        self._ensure_visible(self.indicator_table, index)

    # --- row operations ------------------------------------------------------------
    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ValueError as exc:
            self._report(str(exc))

    def _row_operation(self, action: Callable[[], object]) -> None:
        """Commit what is typed, run ``action``, and leave the keyboard on the grid at the
        row it affected (the document's Change selects it), so typing goes on there.

        commit_pending used to clear the focus: the new row looked current, but what was
        typed next went nowhere, and Ctrl+Shift+↑ (a shortcut of the grid) worked once.
        """
        self.commit_pending()
        column = self.indicator_table.currentIndex().column()
        self._row_column = column if column >= 0 else im.COL_NAME
        try:
            self._guard(action)
        finally:
            self._row_column = None
        self.indicator_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_row(self) -> None:
        self._row_operation(
            lambda: self.document.insert_indicator(len(self.document.form.indicators))
        )

    def insert_row(self) -> None:
        def insert() -> None:
            row = self.current_indicator_row()
            self.document.insert_indicator(
                row if row is not None else len(self.document.form.indicators)
            )

        self._row_operation(insert)

    def _grow_for_paste(self, count: int) -> None:
        """A pasted block longer than the table: add the rows it needs (same undo step)."""
        self._guard(lambda: self.document.append_indicators(count))

    def delete_rows(self) -> None:
        self._row_operation(lambda: self.document.delete_indicators(self.selected_indicator_rows()))

    def duplicate_row(self) -> None:
        def duplicate() -> None:
            row = self.current_indicator_row()
            if row is not None:
                self.document.duplicate_indicator(row)

        self._row_operation(duplicate)

    def move_row(self, delta: int) -> None:
        def move() -> None:
            row = self.current_indicator_row()
            if row is not None:
                self.document.move_indicator(row, delta)

        self._row_operation(move)

    def _context_menu(self, owner: QWidget, pos: QPoint) -> None:
        menu = QMenu(owner)
        for act in self.row_actions:
            menu.addAction(act)
        menu.exec(self.indicator_table.viewport().mapToGlobal(pos))
