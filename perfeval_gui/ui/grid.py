"""The grid widget of the form: a table sized to its content, edited like a spreadsheet.

Both grids (项目资金, 绩效指标) are a FormTable: columns share the page's width (see
columns.py), Tab walks the input cells row by row and then leaves the grid, and cells
are copied, pasted and cleared as blocks, each block one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)

from perfeval_gui.numbers import NumberInputError, parse_number_input
from perfeval_gui.ui.clipboard import format_tsv, parse_tsv
from perfeval_gui.ui.columns import CELL_PADDING, ColumnSpec, share_width
from perfeval_gui.ui.delegates import CellDelegate

PastePlanner = Callable[
    [int, list[int], list[list[str]]], tuple[list[list[str]], Callable[[], object] | None]
]
"""(first row, grid columns the block's columns land in, the block) → (the block to paste,
what to do after it or None); see ``FormTable.plan_paste``."""


class FormTable(QTableView):
    """A grid sized to all its rows, so the page scrolls instead of the table."""

    pasteClipped = Signal(str)
    """Part of a pasted block fell outside the table (Chinese message)."""
    edited = Signal()
    """The text in the cell's open editor changed (typed, not yet committed): autosave."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Not SelectedClicked: Qt then waits a double-click interval before it opens the
        # editor and drops every key typed meanwhile (see _edit_after_click).
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.cell_delegate = CellDelegate(self)
        self.cell_delegate.editorEdited.connect(self.edited)
        self.setItemDelegate(self.cell_delegate)
        self._click_edit = QTimer(self)
        self._click_edit.setSingleShot(True)
        self._click_edit.timeout.connect(self._edit_after_click)
        self._click_index: QPersistentModelIndex | None = None
        self._pressed_current = False
        self.verticalHeader().setVisible(False)
        self.verticalHeader().geometriesChanged.connect(self._row_numbers_resized)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionsClickable(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.min_row_height = 28
        self.paste_columns: tuple[int, ...] | None = None
        """Columns pasted text fills, in order (None: all); the paper's columns."""
        self.grow_rows: Callable[[int], object] | None = None
        """Adds rows when a pasted block is longer than the table (indicator table)."""
        self.plan_paste: PastePlanner | None = None
        """Prepares a pasted block before it lands (indicator table: merged 一级/二级 filled
        down) and returns what to do after it, in the same undo step (or None)."""
        self.column_specs: dict[int, ColumnSpec] = {}
        self.zoom = 1.0
        self._minimums: list[int] = []
        self._content: list[int] = []
        """Widest figure of each column at the last measure (px; 0 for text columns)."""
        self._content_next: list[int] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # --- column widths: fill the page's width, never below what the content needs ------------
    def column_minimums(self, rows: Sequence[int] | None = None) -> list[int]:
        """Narrowest width of each column: header's longest line, widest number, floor.

        ``rows``: only these rows changed since the last measure (an edit): the widest
        figures are then kept from before and can only grow, which keeps an edit on a
        long form cheap; None measures every row (open, paste, zoom, row operations).
        """
        model = self.model()
        if model is None:
            return []  # type: ignore[unreachable]  # stub: model() is never None; runtime: None before setModel
        header_metrics = self.horizontalHeader().fontMetrics()
        metrics = self.fontMetrics()
        count = model.rowCount()
        partial = rows is not None and len(self._content) == model.columnCount()
        measured = [r for r in (rows or ()) if 0 <= r < count] if partial else range(count)
        minimums = []
        for column in range(model.columnCount()):
            spec = self.column_specs.get(column, ColumnSpec(80, 40))
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(header_metrics.horizontalAdvance(line) for line in title.split("\n"))
            if spec.numeric:
                # A cell merged across columns (the 总分 row's 自评等级) has their widths.
                texts = {
                    model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                    for row in measured
                    if self.columnSpan(row, column) == 1
                }
                content = max((metrics.horizontalAdvance(str(t)) for t in texts if t), default=0)
                if partial:
                    content = max(content, self._content[column])
                self._content_next[column] = content
                widest = max(widest, content)
            minimums.append(max(int(spec.floor * self.zoom), widest + CELL_PADDING))
        return minimums

    def update_minimums(self, rows: Sequence[int] | None = None) -> bool:
        """Re-measure the columns (content or zoom changed); True when the widths moved."""
        model = self.model()
        self._content_next = [0] * (model.columnCount() if model is not None else 0)  # type: ignore[redundant-expr]  # stub: model() is never None; runtime: None before setModel
        minimums = self.column_minimums(rows)
        self._content = self._content_next
        if minimums == self._minimums:
            return False
        self._minimums = minimums
        self._fit_minimum_width()
        self.fit_columns()
        return True

    def _fit_minimum_width(self) -> None:
        """Room for every column at its minimum, and for the row numbers when shown."""
        header = self.verticalHeader()
        numbers = 0
        if not header.isHidden():  # as QTableView sizes it
            wanted = max(header.minimumWidth(), header.sizeHint().width())
            numbers = min(wanted, header.maximumWidth())
        self.setMinimumWidth(sum(self._minimums) + 2 * self.frameWidth() + numbers)

    def fit_row_numbers(self) -> None:
        """The row numbers' width was limited anew (setMaximumWidth): lay them out again."""
        self.updateGeometries()
        self._row_numbers_resized()

    def _row_numbers_resized(self) -> None:
        """The row numbers grew (row 10, 100) or appeared: the columns share what is left."""
        if self._minimums:
            self._fit_minimum_width()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the table's width among its columns (see share_width)."""
        if not self._minimums:
            return
        count = len(self._minimums)
        specs = [self.column_specs.get(c, ColumnSpec(80, 40)) for c in range(count)]
        widths = share_width(
            self.viewport().width(),
            self._minimums,
            [int(s.preferred * self.zoom) for s in specs],
            [s.stretch for s in specs],
        )
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_columns()

    # --- Tab goes from input cell to input cell, row by row, then leaves the table ----------
    def _is_tab_stop(self, row: int, column: int) -> bool:
        """An editable cell that is the top of its merged block (a merged 一级 cell is one stop)."""
        model = self.model()
        index = model.index(row, column)
        if not index.isValid() or not model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        if self.isColumnHidden(column) or self.isRowHidden(row):
            return False
        return row == 0 or self.visualRect(model.index(row - 1, column)) != self.visualRect(index)

    def next_input(self, index: QModelIndex, forward: bool) -> QModelIndex:
        """The next (or previous) input cell after ``index``, row by row; invalid at the end."""
        model = self.model()
        rows, columns = model.rowCount(), model.columnCount()
        if rows == 0 or columns == 0:
            return QModelIndex()
        if index.isValid():
            position = index.row() * columns + index.column()
        else:
            position = -1 if forward else rows * columns
        step = 1 if forward else -1
        position += step
        while 0 <= position < rows * columns:
            row, column = divmod(position, columns)
            if self._is_tab_stop(row, column):
                return model.index(row, column)
            position += step
        return QModelIndex()

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Tab / Shift+Tab (also while editing) skip labels and computed cells, as in a form."""
        action = QAbstractItemView.CursorAction
        if cursorAction in (action.MoveNext, action.MovePrevious):
            return self.next_input(self.currentIndex(), cursorAction == action.MoveNext)
        return super().moveCursor(cursorAction, modifiers)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab past the last input cell (Shift+Tab before the first) leaves the table.

        Without this Tab wraps around inside the grid and the keyboard never reaches the
        rest of the form.
        """
        if self.state() != QAbstractItemView.State.EditingState and self.isVisible():
            target = self.next_input(self.currentIndex(), next)
            if target.isValid():
                self.setCurrentIndex(target)
                return True
        return QWidget.focusNextPrevChild(self, next)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab in the last input cell commits it and moves on to the next field of the form."""
        hints = QAbstractItemDelegate.EndEditHint
        if hint in (hints.EditNextItem, hints.EditPreviousItem):
            forward = hint == hints.EditNextItem
            if not self.next_input(self.currentIndex(), forward).isValid():
                super().closeEditor(editor, hints.NoHint)
                QWidget.focusNextPrevChild(self, forward)
                return
        super().closeEditor(editor, hint)

    def commit_editor(self) -> bool:
        """Commit and close the open editor as Enter would; the keyboard stays on the cell.

        True when an editor was open. (Clearing the focus did the same but left the
        keyboard nowhere: what was typed next went nowhere.)
        """
        for editor, _index in self.cell_delegate.open_editors():
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return False

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tabbing into the grid lands on its first input cell (Shift+Tab: its last)."""
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            forward = reason == Qt.FocusReason.TabFocusReason
            target = self.next_input(QModelIndex(), forward)
            if target.isValid():
                self.setCurrentIndex(target)

    def fit_height(self) -> None:
        """Height = header + every row, so nothing scrolls inside the table."""
        height = self.horizontalHeader().height() if self.horizontalHeader().isVisible() else 0
        header = self.verticalHeader()
        height += header.length() + 2 * self.frameWidth()
        if self.height() != height:
            self.setFixedHeight(height)

    # --- a click on the current cell edits it, without eating the keys typed at once ------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._click_edit.stop()
        index = self.indexAt(event.position().toPoint())
        self._pressed_current = (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and index.isValid()
            and index == self.currentIndex()
            and self.state() != QAbstractItemView.State.EditingState
        )
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on the cell that was already current opens its editor (as Qt's
        SelectedClicked does) once a double click can no longer come."""
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if (
            self._pressed_current
            and index.isValid()
            and index == self.currentIndex()
            and self.state() != QAbstractItemView.State.EditingState
            and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable
        ):
            self._click_index = QPersistentModelIndex(index)
            self._click_edit.start(QApplication.doubleClickInterval())
        self._pressed_current = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._click_edit.stop()
        super().mouseDoubleClickEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._click_edit.stop()
        super().focusOutEvent(event)

    def _owns(self, widget: QWidget | None) -> bool:
        """The grid itself or a widget inside it (an open cell editor)."""
        return widget is not None and (widget is self or self.isAncestorOf(widget))

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Only the grid being worked in shows a current cell: when the keyboard moves on to
        another field of the window (the other grid, 项目名称 …), this grid's highlighted
        cells are cleared, so two cells never both look current. The cursor stays (Tab back
        and arrows go on from it). Focus leaving for a menu, a popup, a dialog or another
        program keeps the selection: the clerk comes back to it, and 编辑 → 复制 acts on it.
        """
        if not self._owns(old) or self._owns(new) or new is None:
            return
        if QApplication.activePopupWidget() is not None or new.window() is not self.window():
            return
        selection = self.selectionModel()
        if selection is not None and selection.hasSelection():  # type: ignore[redundant-expr]  # stub: never None; runtime: None before setModel
            selection.clearSelection()

    def _edit_after_click(self) -> None:
        """Qt's SelectedClicked waits the same way, but while it waits every key typed is
        refused (edit() returns False) and even used for keyboard search: "recovery-row"
        was stored as "ecovery-row". Here a key stops the wait and opens the editor itself."""
        index = self._click_index
        self._click_index = None
        if (
            index is not None
            and index.isValid()
            and self.hasFocus()
            and self.state() != QAbstractItemView.State.EditingState
            and (index.row(), index.column())
            == (self.currentIndex().row(), self.currentIndex().column())
        ):
            self.edit(self.currentIndex())

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Chinese from an input method on a cell not yet being edited opens its editor with
        the text, as a typed key does (keyPressEvent).

        Qt opens the editor for a finished word (a commit without composition) but never
        hands it the word: "不低于95%" chosen in the IME vanished. A composition still
        under way is left to Qt, which keeps it in the view until the word is chosen.
        """
        self._click_edit.stop()
        current = self.currentIndex()
        if (
            event.commitString()
            and not event.preeditString()
            and self.state() != QAbstractItemView.State.EditingState
            and current.isValid()
            and self.model().flags(current) & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(current)
            for editor, _index in self.cell_delegate.open_editors():
                QApplication.sendEvent(editor.focusProxy() or editor, event)
                event.accept()
                return
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete / Backspace empties the selected input cells (one undo step), as in Excel;
        Ctrl+C / Ctrl+V copy and paste cells as tab-separated text (from and to Excel/WPS).

        A key typed right after a click on the current cell opens its editor with that key
        (the click's pending edit is dropped), so no key is lost whatever the delay."""
        self._click_edit.stop()
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                event.accept()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                event.accept()
                return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.clear_selected_cells()
            event.accept()
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> str:
        """The selected block as tab-separated text, also put on the clipboard.

        Only the paper's columns are copied (not 建议得分 / 评价等级), so that what is
        copied pastes back, here or in Excel, into the same columns.
        """
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return ""
        rows = range(min(i.row() for i in indexes), max(i.row() for i in indexes) + 1)
        columns = [
            c
            for c in range(min(i.column() for i in indexes), max(i.column() for i in indexes) + 1)
            if self.paste_columns is None or c in self.paste_columns
        ]
        chosen = {(i.row(), i.column()) for i in indexes}
        model = self.model()
        lines: list[list[str]] = []
        for row in rows:
            cells: list[str] = []
            for column in columns:
                text = ""
                if (row, column) in chosen:
                    text = str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
                cells.append(text)
            lines.append(cells)
        text = format_tsv(lines)
        QApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> None:
        """Paste tab-separated text (from Excel/WPS) from the current cell on.

        Columns follow the paper (``paste_columns``: 建议得分 and 评价等级 are not on it);
        read-only cells are skipped; a block longer than the indicator table adds rows
        (``grow_rows``); whatever still falls outside the table is reported, never dropped
        silently. Each pasted cell is set on its own (no merged-cell renames). ``plan_paste``
        (indicator table) prepares the block first and may add a last step (same undo step).
        """
        if text is None:
            text = QApplication.clipboard().text()
        start = self.currentIndex()
        if not text or not start.isValid():
            return
        model = self.model()
        columns = list(self.paste_columns or range(model.columnCount()))
        first = next((i for i, c in enumerate(columns) if c >= start.column()), len(columns))
        lines = parse_tsv(text)
        finish: Callable[[], object] | None = None
        if self.plan_paste is not None:
            lines, finish = self.plan_paste(start.row(), columns[first:], lines)
        undo = self._undo_stack()
        if undo is not None:
            undo.beginMacro(self.tr("粘贴"))
        try:
            missing = start.row() + len(lines) - self.input_row_count()
            if missing > 0 and self.grow_rows is not None:
                self.grow_rows(missing)
            targets: list[tuple[int, int, str]] = []
            clipped_rows = clipped_cells = 0
            for dr, cells in enumerate(lines):
                row = start.row() + dr
                if row >= self.input_row_count():
                    clipped_rows += 1
                    continue
                for dc, cell in enumerate(cells):
                    if first + dc >= len(columns):
                        clipped_cells += sum(1 for c in cells[dc:] if c.strip())
                        break
                    targets.append((row, columns[first + dc], cell))
            self._set_cells(targets, self.tr("粘贴"), single=True)
            # judged after the paste: the sums then include what was just pasted
            skipped = sum(
                1 for row, column, cell in targets if self._differs_read_only(row, column, cell)
            )
            if finish is not None:
                finish()
        finally:
            if undo is not None:
                undo.endMacro()
        notes = []
        if clipped_rows or clipped_cells:
            notes.append(
                self.tr("粘贴内容超出表格：%1 行、%2 个单元格未粘贴")
                .replace("%1", str(clipped_rows))
                .replace("%2", str(clipped_cells))
            )
        if skipped:
            notes.append(
                self.tr("%1 个单元格是计算得出的（灰色），粘贴的不同数字未采用").replace(
                    "%1", str(skipped)
                )
            )
        if notes:
            self.pasteClipped.emit(self.tr("；").join(notes))

    def _differs_read_only(self, row: int, column: int, text: str) -> bool:
        """A pasted text landing on a label or computed cell and saying something else."""
        model = self.model()
        index = model.index(row, column)
        if not text.strip() or not index.isValid():
            return False
        if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        shown = str(index.data(Qt.ItemDataRole.DisplayRole) or "").strip()
        if shown == text.strip():
            return False
        try:
            return parse_number_input(shown) != parse_number_input(text)
        except NumberInputError:
            return True

    def input_row_count(self) -> int:
        """Rows that hold input cells (the indicator table's 总分 row does not)."""
        model = self.model()
        count = getattr(model, "indicator_count", None)
        return int(count) if count is not None else model.rowCount()

    def _undo_stack(self) -> QUndoStack | None:
        document = getattr(self.model(), "document", None)
        return document.undo_stack if document is not None else None

    def _set_cells(
        self, cells: list[tuple[int, int, str]], label: str, *, single: bool = False
    ) -> None:
        """Set cells by position, as one batch (one undo step, one refresh: a 500-row paste
        must not recompute the form 4 000 times); read-only cells are skipped."""
        model = self.model()
        document = getattr(model, "document", None)
        batch = document.batch(label) if document is not None else nullcontext()
        previous = getattr(model, "group_edits", None)
        if single and previous is not None:
            model.group_edits = False  # type: ignore[attr-defined]
        try:
            with batch:
                for row, column, value in cells:
                    index = model.index(row, column)
                    if index.isValid() and model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                        model.setData(index, value, Qt.ItemDataRole.EditRole)
        finally:
            if single and previous is not None:
                model.group_edits = previous  # type: ignore[attr-defined]

    def _edit_many(self, targets: list[tuple[QModelIndex, str]], label: str) -> None:
        if not targets:
            return
        undo = self._undo_stack()
        if undo is not None:
            undo.beginMacro(label)
        try:
            # By position: an edit may re-merge rows, but never adds or removes any.
            self._set_cells([(i.row(), i.column(), value) for i, value in targets], label)
        finally:
            if undo is not None:
                undo.endMacro()

    def clear_selected_cells(self) -> None:
        model = self.model()
        indexes = [
            i
            for i in self.selectionModel().selectedIndexes()
            if model.flags(i) & Qt.ItemFlag.ItemIsEditable
        ]
        if not indexes:
            return
        self._edit_many([(i, "") for i in indexes], self.tr("清除单元格"))

    def wanted_row_height(self, row: int) -> int:
        return max(self.sizeHintForRow(row) + 4, self.min_row_height)

    def fit_row(self, row: int) -> None:
        """Re-fit one row after an edit; nothing moves (or repaints) when its height holds."""
        height = self.wanted_row_height(row)
        if self.rowHeight(row) != height:
            self.setRowHeight(row, height)
            self.fit_height()

    def fit_rows(self) -> None:
        model = self.model()
        for row in range(model.rowCount() if model is not None else 0):  # type: ignore[redundant-expr]  # stub: model() is never None; runtime: None before setModel
            height = self.wanted_row_height(row)
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)
        self.fit_height()
