"""The form replica: the paper form's sections top to bottom, every cell where the paper has it.

Title and year, 项目名称, 主管部门 / 实施单位, the 项目资金 grid, the two
年度总体目标 texts side by side, the 绩效指标 table with merged 一级/二级 cells
and the 总分 row. The tables are sized to their full content and the whole page
scrolls, as one sheet of paper would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui import figures
from perfeval_gui.model import (
    FUNDING_COLUMNS,
    FUNDING_SOURCES,
    MAX_TEXT_LENGTH,
    YEAR_MAX,
    YEAR_MIN,
)
from perfeval_gui.numbers import (
    NumberInputError,
    amount_places,
    format_amount,
    parse_number_input,
)
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import one_line
from perfeval_gui.ui.delegates import CellDelegate
from perfeval_gui.ui.document import Change, FormDocument, get_at
from perfeval_gui.ui.labels import unit_label, unit_labels

CONVERT_AMOUNTS: Final = "convert"
"""Answers to ask_convert_amounts: convert the amounts with the unit, relabel only, or cancel."""
RELABEL_UNIT: Final = "relabel"
CANCEL_UNIT: Final = "cancel"

MIN_ZOOM: Final = 0.6
MAX_ZOOM: Final = 2.5
SECTION_WIDTH: Final = 84
PAGE_MARGIN: Final = 16
"""Left/right margin of the page (px at zoom 100%): small, so a 1024 px screen fits the form."""
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


FUNDING_COLUMN_SPECS: Final = {
    fm.COL_LABEL: ColumnSpec(140, 84),
    fm.COL_INITIAL: ColumnSpec(150, 0, 1, numeric=True),
    fm.COL_ANNUAL: ColumnSpec(150, 0, 1, numeric=True),
    fm.COL_EXECUTED: ColumnSpec(150, 0, 1, numeric=True),
    fm.COL_WEIGHT: ColumnSpec(56, 0, numeric=True),
    fm.COL_RATE: ColumnSpec(76, 0, numeric=True),
    fm.COL_SCORE: ColumnSpec(56, 0, numeric=True),
}
INDICATOR_COLUMN_SPECS: Final = {
    im.COL_LEVEL1: ColumnSpec(80, 48),
    im.COL_LEVEL2: ColumnSpec(100, 56),
    im.COL_NAME: ColumnSpec(150, 72, 1),
    im.COL_TARGET: ColumnSpec(84, 56),
    im.COL_ACTUAL: ColumnSpec(84, 56),
    im.COL_WEIGHT: ColumnSpec(46, 0, numeric=True),
    im.COL_SCORE: ColumnSpec(46, 0, numeric=True),
    im.COL_SUGGESTED: ColumnSpec(66, 0, numeric=True),
    im.COL_GRADE: ColumnSpec(104, 56),
    im.COL_DEVIATION: ColumnSpec(150, 72, 1),
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


_STYLE: Final = """
#page { background: white; }
QLabel[cell="section"], QLabel[cell="label"] {
    background: #f3f1ea; border: 1px solid #8c8c8c; padding: 2px 4px;
}
QLabel[cell="title"] { padding: 6px; }
QLineEdit[cell="input"], QPlainTextEdit[cell="input"] {
    border: 1px solid #8c8c8c; background: white; padding: 2px 4px;
}
QLineEdit[cell="input"][invalid="true"], QPlainTextEdit[cell="input"][invalid="true"] {
    border: 2px solid #d01010; background: #ffecec;
}
QFrame[cell="box"] { border: 1px solid #8c8c8c; background: #f3f1ea; }
QTableView { gridline-color: #8c8c8c; border: 1px solid #8c8c8c; background: white; }
QHeaderView::section {
    background: #f3f1ea; border: none; border-right: 1px solid #8c8c8c;
    border-bottom: 1px solid #8c8c8c; padding: 3px;
}
"""


class CommitPlainTextEdit(QPlainTextEdit):
    """Multi-line input that commits when it loses focus (one undo step per visit).

    It grows with its text (between ``min_lines`` and ``max_lines``), as the paper
    cell grows with what is written in it; beyond that it scrolls.
    """

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_lines = 4
        self.max_lines = 14
        self.partner: CommitPlainTextEdit | None = None
        self.textChanged.connect(self.fit_height)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_height()

    def wanted_height(self) -> int:
        """Height showing all the text (within min_lines..max_lines)."""
        metrics = self.fontMetrics()
        margin = int(self.document().documentMargin())
        width = max(50, self.viewport().width() - 2 * margin)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere)
        rect = metrics.boundingRect(0, 0, width, 10**6, flags, self.toPlainText() or " ")
        line = metrics.lineSpacing()
        lines = max(self.min_lines, min(self.max_lines, rect.height() // line + 1))
        return lines * line + 2 * margin + 2 * self.frameWidth()

    def fit_height(self) -> None:
        """Grow or shrink with the text; side-by-side partners keep one height, as on paper."""
        editors = [self, *([self.partner] if self.partner is not None else [])]
        height = max(e.wanted_height() for e in editors)
        for editor in editors:
            if editor.height() != height:
                editor.setFixedHeight(height)


class FormTable(QTableView):
    """A grid sized to all its rows, so the page scrolls instead of the table."""

    pasteClipped = Signal(str)
    """Part of a pasted block fell outside the table (Chinese message)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setItemDelegate(CellDelegate(self))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionsClickable(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.min_row_height = 28
        self.paste_columns: tuple[int, ...] | None = None
        """Columns pasted text fills, in order (None: all); the paper's columns."""
        self.grow_rows: Callable[[int], object] | None = None
        """Adds rows when a pasted block is longer than the table (indicator table)."""
        self.column_specs: dict[int, ColumnSpec] = {}
        self.zoom = 1.0
        self._minimums: list[int] = []
        self._content: list[int] = []
        """Widest figure of each column at the last measure (px; 0 for text columns)."""
        self._content_next: list[int] = []

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
                texts = {
                    model.index(row, column).data(Qt.ItemDataRole.DisplayRole) for row in measured
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
        self.setMinimumWidth(sum(minimums) + 2 * self.frameWidth())
        self.fit_columns()
        return True

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete / Backspace empties the selected input cells (one undo step), as in Excel;
        Ctrl+C / Ctrl+V copy and paste cells as tab-separated text (from and to Excel/WPS)."""
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
        silently. Each pasted cell is set on its own (no merged-cell renames).
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


class YearSpinBox(QSpinBox):
    """The 年度 box; an unfinished entry (e.g. '24') is not dropped without a word."""

    inputRejected = Signal(str)

    def fixup(self, text: str) -> str:
        """Qt calls this for an entry it cannot take, then restores the old year."""
        if text.strip():
            self.inputRejected.emit(
                self.tr("年度应为 %1–%2 之间的四位数，“%3”未采用，仍为 %4 年")
                .replace("%1", str(self.minimum()))
                .replace("%2", str(self.maximum()))
                .replace("%3", one_line(text.strip())[:20])
                .replace("%4", str(self.value()))
            )
        return super().fixup(text)


class _WheelGuard(QObject):
    """The mouse wheel scrolls the page, never the year or the unit under the pointer.

    Without this, scrolling the form over the 年度 box or the 元/万元 chooser changed
    them silently; they still take the wheel once clicked (focused).
    """

    def __init__(self, view: QScrollArea) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            QApplication.sendEvent(self._view.verticalScrollBar(), event)
            return True
        return super().eventFilter(watched, event)


class FormView(QScrollArea):
    """Scrollable page holding the whole form; edits go to the document, refreshes come back."""

    inputRejected = Signal(str)
    """A typed entry was refused; the Chinese reason, for the status bar."""
    notice = Signal(str)
    """Something the clerk should know (part of a paste not taken); for the status bar."""

    def __init__(self, document: FormDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._zoom = 1.0
        self._base_point_size = QApplication.font().pointSizeF() or 10.0
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(30)
        self._rows_timer.timeout.connect(self._fit_all_rows)
        self._columns_timer = QTimer(self)
        self._columns_timer.setSingleShot(True)
        self._columns_timer.setInterval(30)
        self._columns_timer.timeout.connect(self._fit_columns)
        self._changed_rows: set[int] | None = None
        """Indicator rows edited since the last column measure (None: measure all)."""

        self.funding_model = fm.FundingModel(document, self)
        self.indicator_model = im.IndicatorModel(document, self)
        self._build()
        self._make_row_actions()

        document.changed.connect(self._on_changed)
        self.funding_model.inputRejected.connect(self._on_cell_rejected)
        self.indicator_model.inputRejected.connect(self._on_cell_rejected)
        self.indicator_model.spansChanged.connect(self._apply_spans)
        self._sync_fields()
        self._apply_spans()
        self._apply_zoom()

    # --- construction --------------------------------------------------------------
    def _label(self, text: str, kind: str = "label") -> QLabel:
        label = QLabel(text)
        label.setProperty("cell", kind)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _line_edit(self, path: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(MAX_TEXT_LENGTH)  # Qt's default (32767) would cut long texts silently
        edit.setProperty("cell", "input")
        edit.setProperty("path", path)
        edit.editingFinished.connect(lambda e=edit: self._commit_line(e))
        self._field_widgets[path] = edit
        edit.setAccessibleName(self._name(path))
        return edit

    def _text_edit(self, path: str) -> CommitPlainTextEdit:
        edit = CommitPlainTextEdit()
        edit.setProperty("cell", "input")
        edit.setProperty("path", path)
        edit.setTabChangesFocus(True)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit.committed.connect(lambda e=edit: self._commit_text(e))
        self._field_widgets[path] = edit
        edit.setAccessibleName(self._name(path))
        return edit

    def _build(self) -> None:
        self._field_widgets: dict[str, QLineEdit | CommitPlainTextEdit] = {}
        page = QWidget()
        page.setObjectName("page")
        self.page = page
        outer = QVBoxLayout(page)
        self.page_layout = outer
        outer.setContentsMargins(PAGE_MARGIN, 16, PAGE_MARGIN, 24)
        outer.setSpacing(0)

        self.title_label = self._label(self.tr("财政项目支出绩效自评表"), "title")
        outer.addWidget(self.title_label)
        year_row = QHBoxLayout()
        year_row.addStretch(1)
        self.year_spin = YearSpinBox()
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setKeyboardTracking(False)
        self.year_spin.setAccessibleName(self.tr("年度"))
        self.year_spin.valueChanged.connect(self._commit_year)
        self.year_spin.inputRejected.connect(self.inputRejected)
        year_row.addWidget(QLabel(self.tr("（")))
        year_row.addWidget(self.year_spin)
        year_row.addWidget(QLabel(self.tr("年度）")))
        year_row.addStretch(1)
        outer.addLayout(year_row)
        outer.addSpacing(10)

        grid = QGridLayout()
        grid.setSpacing(0)
        grid.setColumnMinimumWidth(0, SECTION_WIDTH)
        grid.setColumnStretch(1, 1)
        self.grid = grid
        outer.addLayout(grid)

        # 项目名称
        grid.addWidget(self._label(self.tr("项目名称"), "section"), 0, 0)
        self.project_name = self._line_edit("project_name")
        grid.addWidget(self.project_name, 0, 1)

        # 主管部门 | 实施单位
        grid.addWidget(self._label(self.tr("主管部门"), "section"), 1, 0)
        row = QHBoxLayout()
        row.setSpacing(0)
        self.competent_department = self._line_edit("competent_department")
        self.implementing_unit = self._line_edit("implementing_unit")
        row.addWidget(self.competent_department, 1)
        unit_label = self._label(self.tr("实施单位"), "label")
        unit_label.setFixedWidth(SECTION_WIDTH)
        row.addWidget(unit_label)
        row.addWidget(self.implementing_unit, 1)
        grid.addLayout(row, 1, 1)

        # 项目资金
        box = QFrame()
        box.setProperty("cell", "box")
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(4, 4, 4, 4)
        self.funding_label = QLabel()
        self.funding_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.funding_label.setWordWrap(True)
        self.unit_combo = QComboBox()
        for code, label in unit_labels().items():
            self.unit_combo.addItem(label, code)  # the label is translated, the code stays
        self.unit_combo.setToolTip(
            self.tr("金额单位。已填金额时会询问：换算金额（元 ↔ 万元，可撤销）或只改单位")
        )
        self.unit_combo.currentIndexChanged.connect(self._commit_unit)
        self.auto_total = QCheckBox(self.tr("总额自动合计"))
        self.auto_total.setToolTip(
            self.tr("勾选：年度资金总额 = 其中三项之和；不勾选：按表上数字手工填写")
        )
        self.auto_total.toggled.connect(self._commit_auto_total)
        box_layout.addStretch(1)
        box_layout.addWidget(self.funding_label)
        box_layout.addWidget(self.unit_combo)
        box_layout.addWidget(self.auto_total)
        box_layout.addStretch(1)
        grid.addWidget(box, 2, 0)
        self.funding_table = FormTable()
        self.funding_table.setObjectName("fundingTable")
        self.funding_table.setModel(self.funding_model)
        self.funding_table.setAccessibleName(self.tr("项目资金"))
        self.funding_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.funding_table.column_specs = dict(FUNDING_COLUMN_SPECS)
        grid.addWidget(self.funding_table, 2, 1)

        # 年度总体目标
        grid.addWidget(self._label(self.tr("年度总体目标"), "section"), 3, 0)
        goals = QGridLayout()
        goals.setSpacing(0)
        goals.addWidget(self._label(self.tr("预期目标")), 0, 0)
        goals.addWidget(self._label(self.tr("实际完成情况")), 0, 1)
        self.goals_expected = self._text_edit("goals.expected")
        self.goals_actual = self._text_edit("goals.actual")
        self.goals_expected.partner = self.goals_actual
        self.goals_actual.partner = self.goals_expected
        goals.addWidget(self.goals_expected, 1, 0)
        goals.addWidget(self.goals_actual, 1, 1)
        goals.setColumnStretch(0, 1)
        goals.setColumnStretch(1, 1)
        grid.addLayout(goals, 3, 1)

        # 绩效指标 (+ 总分 row)
        section = QWidget()
        section_layout = QVBoxLayout(section)
        section_layout.setContentsMargins(0, 0, 0, 0)
        section_layout.setSpacing(0)
        indicator_label = self._label(self.tr("绩效指标"), "section")
        indicator_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        section_layout.addWidget(indicator_label)
        self.row_buttons = QHBoxLayout()
        grid.addWidget(section, 4, 0)
        table_box = QVBoxLayout()
        table_box.setSpacing(0)
        self.indicator_table = FormTable()
        self.indicator_table.setObjectName("indicatorTable")
        self.indicator_table.setModel(self.indicator_model)
        self.indicator_table.setAccessibleName(self.tr("绩效指标"))
        self.indicator_table.paste_columns = tuple(
            c for c in range(im.COLUMN_COUNT) if c not in (im.COL_SUGGESTED, im.COL_GRADE)
        )
        self.indicator_table.grow_rows = self._grow_for_paste
        self.indicator_table.pasteClipped.connect(self.notice)
        self.funding_table.pasteClipped.connect(self.notice)
        self.indicator_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.indicator_table.customContextMenuRequested.connect(self._context_menu)
        header = self.indicator_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.indicator_table.column_specs = dict(INDICATOR_COLUMN_SPECS)
        header.sectionResized.connect(lambda *_: self._rows_timer.start())
        self.funding_table.horizontalHeader().sectionResized.connect(
            lambda *_: self._rows_timer.start()
        )
        table_box.addWidget(self.indicator_table)
        table_box.addLayout(self.row_buttons)
        grid.addLayout(table_box, 4, 1)
        outer.addStretch(1)
        self.setWidget(page)

        self.indicator_model.modelReset.connect(self._rows_timer.start)
        self.indicator_model.rowsInserted.connect(self._fit_inserted)
        self.indicator_model.rowsRemoved.connect(lambda *_: self.indicator_table.fit_height())
        self.funding_model.modelReset.connect(self._rows_timer.start)

        # Tab order follows the paper, top to bottom, left to right.
        chain: list[QWidget] = [
            self.year_spin,
            self.project_name,
            self.competent_department,
            self.implementing_unit,
            self.unit_combo,
            self.auto_total,
            self.funding_table,
            self.goals_expected,
            self.goals_actual,
            self.indicator_table,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._wheel_guard = _WheelGuard(self)
        for widget in (self.year_spin, self.unit_combo):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(self._wheel_guard)

    def _make_row_actions(self) -> None:
        """Row operations of the indicator table (also put in the Edit menu by the window)."""

        def action(text: str, shortcut: str, slot: Callable[[], None], tip: str) -> QAction:
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(tip)
            act.triggered.connect(slot)
            return act

        self.add_row_action = action(
            self.tr("添加指标行"), "", self.add_row, self.tr("在表末添加一行")
        )
        self.insert_row_action = action(
            self.tr("插入指标行"), "Ctrl+Shift+I", self.insert_row, self.tr("在当前行之前插入一行")
        )
        self.delete_rows_action = action(
            self.tr("删除指标行"), "Ctrl+Shift+D", self.delete_rows, self.tr("删除选中的行")
        )
        self.duplicate_row_action = action(
            self.tr("复制指标行"), "Ctrl+Shift+C", self.duplicate_row, self.tr("复制当前行")
        )
        self.move_up_action = action(
            self.tr("上移"), "Ctrl+Shift+Up", lambda: self.move_row(-1), self.tr("当前行上移")
        )
        self.move_down_action = action(
            self.tr("下移"), "Ctrl+Shift+Down", lambda: self.move_row(1), self.tr("当前行下移")
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

    # --- zoom ----------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, round(zoom, 2)))
        if zoom != self._zoom:
            self._zoom = zoom
            self._apply_zoom()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl + wheel zooms, as in office programs."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in()
            elif delta < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.1)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def _apply_zoom(self) -> None:
        z = self._zoom
        size = round(self._base_point_size * z, 1)
        font = QFont(self.page.font())
        font.setPointSizeF(size)
        self.page.setFont(font)
        # Style-sheeted widgets do not take their parent's font: the size goes in the sheet.
        self.page.setStyleSheet(
            _STYLE
            + f"#page, #page QWidget {{ font-size: {size}pt; }}\n"
            + f'#page QLabel[cell="title"] {{ font-size: {round(size * 1.7, 1)}pt; '
            + "font-weight: bold; }\n"
        )
        for table in (self.funding_table, self.indicator_table):
            table.setFont(font)
            table.min_row_height = int(28 * z)
        self.grid.setColumnMinimumWidth(0, int(SECTION_WIDTH * z))
        margin = int(PAGE_MARGIN * z)
        self.page_layout.setContentsMargins(margin, int(16 * z), margin, int(24 * z))
        for table in (self.funding_table, self.indicator_table):
            table.zoom = z
        # the style sheet's font reaches the headers only once polished: measure after that
        self.page.ensurePolished()
        for table in (self.funding_table, self.indicator_table):
            table.horizontalHeader().ensurePolished()
        self._changed_rows = None  # another font: every figure is measured again
        self._fit_columns()
        for edit in (self.goals_expected, self.goals_actual):
            edit.fit_height()
        self._fit_all_rows()

    def _fit_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        table = self.indicator_table
        for row in range(first, last + 1):
            table.setRowHeight(row, table.wanted_row_height(row))
        table.fit_height()

    def _fit_columns(self) -> None:
        """Columns follow their content (a longer figure widens its column 30 ms later)."""
        self._columns_timer.stop()
        rows, self._changed_rows = self._changed_rows, None
        self.funding_table.update_minimums()  # four rows: always measured in full
        self.indicator_table.update_minimums(None if rows is None else sorted(rows))
        for table in (self.funding_table, self.indicator_table):
            table.fit_columns()

    def _columns_changed(self, change: Change) -> None:
        """Note which indicator rows an edit touched, so only they are measured again."""
        row = change.indicator_row
        structural = change.kind != "value" or (
            row is None and change.path.startswith("indicators")
        )
        if not self._columns_timer.isActive():
            self._changed_rows = set()
        if structural:
            self._changed_rows = None  # measure every row
        elif self._changed_rows is not None:
            self._changed_rows.add(self.indicator_model.footer_row)  # 总分 follows every edit
            if row is not None:
                self._changed_rows.add(row)
        self._columns_timer.start()

    def _fit_all_rows(self) -> None:
        self._rows_timer.stop()
        self.funding_table.fit_rows()
        self.indicator_table.fit_rows()

    # --- refresh from the document ---------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        self._columns_changed(change)  # a figure may have grown wider than its column
        if change.kind == "all":
            self._sync_fields()
            self._rows_timer.start()
            return
        if change.kind == "rows":
            if change.select:
                self.select_indicator_rows(list(change.select))
            return
        if change.kind == "cells":  # grid cells only: the header fields (maybe red) stay
            self._rows_timer.start()
            return
        path = change.path
        if path in self._field_widgets or path in ("year", "funding.unit", "funding.total"):
            self._sync_fields(path)
        row = change.indicator_row
        if row is not None:
            self.indicator_table.fit_row(row)

    def _sync_fields(self, only: str | None = None) -> None:
        """Put the document's values into the plain widgets (signals blocked: no edit loops)."""
        form = self.document.form
        for path, widget in self._field_widgets.items():
            if only is not None and only != path:
                continue
            value = str(get_at(form, path) or "")
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                if widget.text() != value:
                    widget.setText(value)
                    widget.setCursorPosition(0)
            elif widget.toPlainText() != value:
                widget.setPlainText(value)
                widget.fit_height()  # textChanged is blocked here
            widget.blockSignals(False)
            self._set_invalid(widget, None)
        for box in (self.year_spin, self.unit_combo, self.auto_total):
            box.blockSignals(True)
        self.year_spin.setValue(form.year)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(form.funding.unit)))
        self.auto_total.setChecked(form.funding.total is None)
        for box in (self.year_spin, self.unit_combo, self.auto_total):
            box.blockSignals(False)
        self.funding_label.setText(
            self.tr("项目资金\n（%1）").replace("%1", unit_label(form.funding.unit))
        )

    # --- edits from the plain widgets -----------------------------------------------
    def _set_invalid(self, widget: QWidget, reason: str | None) -> None:
        invalid = reason is not None
        if bool(widget.property("invalid")) != invalid:
            widget.setProperty("invalid", invalid)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        widget.setToolTip(reason or "")

    def _commit(self, widget: QWidget, path: str, value: object, label: str) -> None:
        try:
            self.document.set_value(path, value, label)
        except ValueError as exc:
            reason = one_line(str(exc))
            self._set_invalid(widget, reason)
            self.inputRejected.emit(label + self.tr("：") + reason)
            return
        self._set_invalid(widget, None)

    def _commit_line(self, edit: QLineEdit) -> None:
        path = str(edit.property("path"))
        self._commit(edit, path, edit.text(), self.tr("编辑%1").replace("%1", self._name(path)))

    def _commit_text(self, edit: QPlainTextEdit) -> None:
        path = str(edit.property("path"))
        self._commit(
            edit, path, edit.toPlainText(), self.tr("编辑%1").replace("%1", self._name(path))
        )

    def _name(self, path: str) -> str:
        return {
            "project_name": self.tr("项目名称"),
            "competent_department": self.tr("主管部门"),
            "implementing_unit": self.tr("实施单位"),
            "goals.expected": self.tr("预期目标"),
            "goals.actual": self.tr("实际完成情况"),
        }.get(path, path)

    def _commit_year(self, year: int) -> None:
        self._commit(self.year_spin, "year", year, self.tr("修改年度"))

    def _commit_unit(self, _index: int) -> None:
        """元/万元: with amounts filled in, ask whether to convert them or only relabel."""
        unit = str(self.unit_combo.currentData())
        form = self.document.form
        if unit == form.funding.unit:
            return
        if figures.has_funding_amounts(form):
            answer = self.ask_convert_amounts(
                form.funding.unit, unit, self._conversion_example(unit)
            )
            if answer == CANCEL_UNIT:
                self._sync_fields("funding.unit")
                return
            if answer == CONVERT_AMOUNTS:
                try:
                    self.document.convert_unit(unit)
                except ValueError as exc:
                    self._sync_fields("funding.unit")  # the chooser shows the unit in force
                    reason = str(exc)
                    self.inputRejected.emit(one_line(reason))
                    self.show_conversion_refused(reason)
                    return
                self._set_invalid(self.unit_combo, None)
                self.notice.emit(
                    self.tr("金额已换算为%1（可撤销）").replace("%1", unit_label(unit))
                )
                return
        self._commit(self.unit_combo, "funding.unit", unit, self.tr("修改金额单位"))

    def _conversion_example(self, unit: str) -> str:
        """'全年预算数 380,000.00 元 → 38.00 万元' for the first non-zero amount ('' if none).

        Taken from the converted form itself (figures.convert_amounts), shown as the grid
        would show it; '' as well when the conversion would be refused.
        """
        form = self.document.form
        try:
            preview = figures.convert_amounts(form, "万元" if unit == "万元" else "元")
        except ValueError:
            return ""
        names = {
            "initial_budget": self.tr("年初预算数"),
            "annual_budget": self.tr("全年预算数"),
            "executed": self.tr("全年执行数"),
        }
        for key in ("total", *FUNDING_SOURCES):
            before, after = getattr(form.funding, key), getattr(preview.funding, key)
            for column in FUNDING_COLUMNS if before is not None else ():
                value = getattr(before, column)
                if value is None or value.is_zero():
                    continue
                old = format_amount(value, amount_places(form))
                new = format_amount(getattr(after, column), amount_places(preview))
                return (
                    f"{names[column]} {old} {unit_label(form.funding.unit)}"
                    f" → {new} {unit_label(unit)}"
                )
        return ""

    def ask_convert_amounts(self, old_unit: str, new_unit: str, example: str) -> str:
        """换算金额 / 只改单位 / 取消 when the unit changes on a filled form (tests stub it)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("修改金额单位"))
        box.setText(
            self.tr("金额单位由“%1”改为“%2”。已填的金额要换算吗？")
            .replace("%1", unit_label(old_unit))
            .replace("%2", unit_label(new_unit))
        )
        factor = self.tr("除以 10 000") if new_unit == "万元" else self.tr("乘以 10 000")
        lines = [
            self.tr("换算金额：所有金额%1，执行率和得分不变。").replace("%1", factor),
            self.tr("只改单位：数字不变，只改单位。"),
        ]
        if example:
            lines.append(self.tr("例如：%1").replace("%1", example))
        lines.append(self.tr("两者都可撤销。"))
        box.setInformativeText("\n".join(lines))
        convert = box.addButton(self.tr("换算金额"), QMessageBox.ButtonRole.AcceptRole)
        relabel = box.addButton(self.tr("只改单位"), QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(convert)  # Enter converts: what a clerk switching units expects
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is convert:
            return CONVERT_AMOUNTS
        if clicked is relabel:
            return RELABEL_UNIT
        return CANCEL_UNIT

    def show_conversion_refused(self, reason: str) -> None:
        """Tell why the amounts could not be converted (tests stub it); nothing was changed."""
        QMessageBox.warning(
            self, self.tr("无法换算金额"), reason + "\n\n" + self.tr("表格未作任何修改。")
        )

    def ask_discard_typed_total(self, details: str) -> bool:
        """Confirm replacing a typed 年度资金总额 that differs from its sums (tests stub it)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("改为自动合计"))
        box.setText(self.tr("年度资金总额是手工填写的，与其中三项之和不一致。"))
        box.setInformativeText(
            details + "\n\n" + self.tr("改为自动合计将以三项之和代替手工填写的数字（可撤销）。")
        )
        replace = box.addButton(self.tr("改为自动合计"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("保留手工填写"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter or Esc keeps what was typed
        box.exec()
        return box.clickedButton() is replace

    def _total_details(self) -> str:
        names = {
            "initial_budget": self.tr("年初预算数"),
            "annual_budget": self.tr("全年预算数"),
            "executed": self.tr("全年执行数"),
        }
        places = amount_places(self.document.form)
        lines = []
        for column, typed, summed in self.document.typed_total_differences():
            lines.append(
                self.tr("%1：手工填写 %2，三项之和 %3")
                .replace("%1", names[column])
                .replace("%2", format_amount(typed, places) or self.tr("（空）"))
                .replace("%3", format_amount(summed, places) or self.tr("（空）"))
            )
        return "\n".join(lines)

    def _commit_auto_total(self, checked: bool) -> None:
        """总额自动合计: never drops typed figures unasked; a refusal keeps the box in sync."""
        if checked and self.document.typed_total_differences():
            if not self.ask_discard_typed_total(self._total_details()):
                self._sync_fields("funding.total")
                return
        try:
            self.document.set_total_auto(checked)
        except ValueError as exc:
            self.inputRejected.emit(str(exc))
        self._sync_fields("funding.total")

    def _on_cell_rejected(self, index: QModelIndex, reason: str) -> None:
        self.inputRejected.emit(reason)

    def commit_pending(self) -> None:
        """Commit whatever is being typed (before save, print or close)."""
        widget = QApplication.focusWidget()
        if widget is not None and self.isAncestorOf(widget):
            widget.clearFocus()
            if isinstance(widget, QLineEdit) and widget in self._field_widgets.values():
                widget.setFocus()

    def pending_rejections(self) -> list[str]:
        """Refused entries still on screen (red), as 'cell：typed text' lines.

        They are not in the form: saving or closing would drop them, so the window asks.
        """
        lines: list[str] = []
        for path, widget in self._field_widgets.items():
            if widget.property("invalid"):
                text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
                lines.append(self._name(path) + self.tr("：") + _shorten(text))
        for model in (self.funding_model, self.indicator_model):
            for index, text in model.rejected_cells():
                lines.append(
                    model.cell_name(index.row(), index.column()) + self.tr("：") + _shorten(text)
                )
        return lines

    def show_first_rejection(self) -> None:
        """Put the cursor on the first refused entry, so it can be corrected."""
        for widget in self._field_widgets.values():
            if widget.property("invalid"):
                widget.setFocus()
                self.ensureWidgetVisible(widget)
                return
        for table, model in (
            (self.funding_table, self.funding_model),
            (self.indicator_table, self.indicator_model),
        ):
            cells = model.rejected_cells()
            if cells:
                table.setFocus()
                table.setCurrentIndex(cells[0][0])
                self._ensure_visible(table, cells[0][0])
                return

    # --- spans and selection -------------------------------------------------------
    def _apply_spans(self) -> None:
        table = self.indicator_table
        table.clearSpans()
        for row, column, count in self.indicator_model.spans():
            table.setSpan(row, column, count, 1)
        footer = self.indicator_model.footer_row
        table.setSpan(footer, im.COL_LEVEL1, 1, im.COL_WEIGHT)
        table.setSpan(footer, im.COL_SUGGESTED, 1, im.COLUMN_COUNT - im.COL_SUGGESTED)

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
        count = self.indicator_model.indicator_count
        rows = [r for r in rows if 0 <= r < count]
        if not rows:
            return
        index = self.indicator_model.index(rows[0], im.COL_NAME)
        self.indicator_table.setCurrentIndex(index)
        self._ensure_visible(self.indicator_table, index)

    def _ensure_visible(self, table: FormTable, index: QModelIndex) -> None:
        # Let pending re-layouts (a table that just grew) reach the page first, so the
        # scroll range covers the cell.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        rect = table.visualRect(index)
        origin = table.viewport().mapTo(self.page, rect.topLeft())
        self.ensureVisible(
            origin.x() + rect.width() // 2,
            origin.y() + rect.height() // 2,
            rect.width() // 2 + 20,
            rect.height() // 2 + 20,
        )

    def select_location(self, path: str) -> bool:
        """Select the cell a finding points at (a model field path); False when there is none."""
        if path in self._field_widgets:
            widget = self._field_widgets[path]
            widget.setFocus()
            self.ensureWidgetVisible(widget)
            return True
        if path == "year":
            self.year_spin.setFocus()
            self.ensureWidgetVisible(self.year_spin)
            return True
        for table, model in (
            (self.funding_table, self.funding_model),
            (self.indicator_table, self.indicator_model),
        ):
            index = model.index_for_path(path)
            if index.isValid():
                table.setFocus()
                table.setCurrentIndex(index)
                self._ensure_visible(table, index)
                return True
        return False

    # --- row operations ------------------------------------------------------------
    def _guard(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except ValueError as exc:
            self.inputRejected.emit(str(exc))

    def add_row(self) -> None:
        self.commit_pending()
        self._guard(lambda: self.document.insert_indicator(len(self.document.form.indicators)))

    def insert_row(self) -> None:
        self.commit_pending()
        row = self.current_indicator_row()
        self._guard(
            lambda: self.document.insert_indicator(
                row if row is not None else len(self.document.form.indicators)
            )
        )

    def _grow_for_paste(self, count: int) -> None:
        """A pasted block longer than the table: add the rows it needs (same undo step)."""
        self._guard(lambda: self.document.append_indicators(count))

    def delete_rows(self) -> None:
        self.commit_pending()
        self.document.delete_indicators(self.selected_indicator_rows())

    def duplicate_row(self) -> None:
        self.commit_pending()
        row = self.current_indicator_row()
        if row is not None:
            self._guard(lambda: self.document.duplicate_indicator(row))

    def move_row(self, delta: int) -> None:
        self.commit_pending()
        row = self.current_indicator_row()
        if row is not None:
            self.document.move_indicator(row, delta)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for act in self.row_actions:
            menu.addAction(act)
        menu.exec(self.indicator_table.viewport().mapToGlobal(pos))


def _shorten(text: str, limit: int = 30) -> str:
    """One line of at most ``limit`` characters, control characters shown as '?'."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def parse_tsv(text: str) -> list[list[str]]:
    """Cells copied from Excel/WPS: tab-separated rows; a cell holding a line break, tab or
    quote comes quoted ("…", inner quotes doubled), as Excel writes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if '"' not in text:
        return [line.split("\t") for line in text.split("\n")]
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, quoted, at_start = 0, False, True
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif char == '"' and text[i + 1 : i + 2] in ("", "\t", "\n"):
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and at_start and '"' in text[i + 1 :]:
            quoted = True
        elif char == "\t":
            row.append("".join(cell))
            cell = []
            at_start = True
            i += 1
            continue
        elif char == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_start = True
            i += 1
            continue
        else:
            cell.append(char)
        at_start = False
        i += 1
    row.append("".join(cell))
    rows.append(row)
    return rows


def format_tsv(rows: list[list[str]]) -> str:
    """The inverse of parse_tsv: what Excel/WPS paste as the same cells."""

    def cell(text: str) -> str:
        if any(c in text for c in '\t\n\r"'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "\n".join("\t".join(cell(c) for c in row) for row in rows)
