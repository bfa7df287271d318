"""Row operations of the 绩效指标 table: 添加/插入/删除/复制指标行, 上移/下移, dragging rows
by their numbers, selection, and how a block pasted from Excel/WPS lands (merged 一级/二级
filled down, a new form's unused rows offered for removal).

A mixin of ``form_view.FormView`` (it uses the page's document, grid and model). Every
row operation first commits what is being typed, then leaves the keyboard on the grid,
on the row it affected and in the column it was in: typing goes on there at once, and
Ctrl+Shift+↑/↓ (shortcuts of the grid) repeat. Strings keep the FormView context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QToolButton, QWidget

from perfeval_gui.model import MAX_INDICATORS, Indicator
from perfeval_gui.spec import LEVEL1_CATALOGUE
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.clipboard import fill_merged_down

if TYPE_CHECKING:
    from perfeval_gui.ui.document import FormDocument
    from perfeval_gui.ui.grid import FormTable


PASTE_TEMPLATE_ROWS: Final = "paste_template_rows"
"""Kind of the window's ask_choice question: remove a new form's rows a paste left unused?"""
ROW_NUMBER_SCALE: Final = 0.85
"""Row numbers' size against the page's text."""
ROW_NUMBER_WIDTH: Final = 12
"""The row numbers' least width (px): room to grab a number and drag it."""
REMOVE_ROWS: Final = "remove"
KEEP_ROWS: Final = "keep"


def is_untouched(indicator: Indicator) -> bool:
    """A row as a new form lays it out and nobody has filled in: at most a standard
    一级/二级 of the catalogue (spec.LEVEL1_CATALOGUE), nothing else."""
    level1, level2 = indicator.level1.strip(), indicator.level2.strip()
    return (
        not any(getattr(indicator, f).strip() for f in ("name", "target", "actual", "deviation"))
        and indicator.weight is None
        and indicator.score is None
        and indicator.grade is None
        and (not level1 or level1 in LEVEL1_CATALOGUE)
        and (not level2 or level2 in LEVEL1_CATALOGUE.get(level1, ()))
    )


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
        self._make_row_dragging()

    def _make_row_dragging(self) -> None:
        """Rows are dragged by their numbers at the left, as in WPS and Google Sheets.

        The row numbers are the header's sections, made movable: Qt draws the drag; a drop
        is turned into the document's move (one undo step, like 上移/下移) and the header's
        own order is put back at once, so section order always equals row order. Dragging
        a cell itself stays a range selection, as in Excel. The numbers also match the
        findings' “第 3 行”.
        """
        header = self.indicator_table.verticalHeader()
        header.setVisible(True)
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.sectionMoved.connect(self._row_dragged)
        model = self.indicator_model
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(lambda *_: self._fit_row_numbers())

    def _style_row_numbers(self, point_size: float) -> None:
        """Row numbers a size smaller than the page's text (the zoom's ``point_size``)."""
        size = round(point_size * ROW_NUMBER_SCALE, 1)
        header = self.indicator_table.verticalHeader()
        header.setStyleSheet(
            f"QHeaderView {{ font-size: {size}pt; }} QHeaderView::section {{ padding: 0px; }}"
        )
        header.ensurePolished()
        self._fit_row_numbers()

    def _fit_row_numbers(self) -> None:
        """The gutter just as wide as the largest row number (QTableView keeps its header
        within its minimum and maximum width; Qt's own width adds 8 px of margins), so a
        1024 px screen with the findings beside still fits the whole form."""
        table = self.indicator_table
        header = table.verticalHeader()
        digits = str(max(self.indicator_model.indicator_count, 1))
        width = max(header.fontMetrics().horizontalAdvance(digits) + 4, ROW_NUMBER_WIDTH)
        if header.maximumWidth() != width or header.minimumWidth() != width:
            header.setFixedWidth(width)
            table.fit_row_numbers()

    def _row_dragged(self, row: int, old_visual: int, new_visual: int) -> None:
        """A row number dropped elsewhere: move that indicator row there (not the 总分 row)."""
        header = self.indicator_table.verticalHeader()
        header.blockSignals(True)
        header.moveSection(new_visual, old_visual)  # the header's order stays the rows' order
        header.blockSignals(False)
        last = self.indicator_model.indicator_count - 1
        target = min(new_visual, last)
        if row > last or target == row:
            return
        self._row_operation(lambda: self.document.move_indicator(row, target - row))

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
        """A pasted block longer than the table: add the rows it needs (same undo step), up
        to the form's limit: the rows that fit are pasted, the rest reported as clipped."""
        room = MAX_INDICATORS - len(self.document.form.indicators)
        self._guard(lambda: self.document.append_indicators(min(count, room)))

    # --- paste from a sheet ----------------------------------------------------------
    def _plan_paste(
        self, start: int, columns: list[int], lines: list[list[str]]
    ) -> tuple[list[list[str]], Callable[[], object] | None]:
        """A block from Excel/WPS as the sheet means it (FormTable.plan_paste).

        Merged 一级/二级 cells arrive blank on their later rows: filled down from the row
        above (in the block, or the table's row just above it). Whole indicators (the block
        reaches 三级指标; more than one cell) pasted over a table that still holds only a new
        form's untouched rows, and fewer of them than there are rows: asks whether to remove
        the rows the paste left unused, in the same undo step.
        """
        width = max((len(line) for line in lines), default=0)
        positions = [
            at
            for at, column in enumerate(columns[:width])
            if column in (im.COL_LEVEL1, im.COL_LEVEL2)
        ]
        items = self.document.form.indicators
        if positions:
            above = items[start - 1] if 0 < start <= len(items) else None
            texts = [
                str(getattr(above, im.FIELDS[columns[at]])) if above is not None else ""
                for at in positions
            ]
            outside = None
            if columns[positions[0]] == im.COL_LEVEL2:
                # 一级 is not in the block: the table's own 一级 keeps 二级 within it
                rows = range(start, start + len(lines))
                outside = [items[r].level1 if r < len(items) else "" for r in rows]
                texts.insert(0, above.level1 if above is not None else "")
            lines = fill_merged_down(lines, positions, texts, outside)
        pasted = range(start, start + len(lines))
        unused = [r for r in range(len(items)) if r not in pasted]
        if (
            not unused
            or (len(lines) == 1 and width == 1)  # one cell (a name) is no block of indicators
            or im.COL_NAME not in columns[:width]
            or not all(is_untouched(ind) for ind in items)
            or not self.ask_remove_template_rows(len(lines), len(unused))
        ):
            return lines, None
        column = self.indicator_table.currentIndex().column()

        def remove_unused() -> None:
            self._guard(lambda: self.document.delete_indicators(unused))
            first = start - sum(1 for r in unused if r < start)
            self.indicator_table.setCurrentIndex(self.indicator_model.index(first, column))

        return lines, remove_unused

    def ask_remove_template_rows(self, pasted: int, unused: int) -> bool:
        """Remove the new form's rows a paste left unused? Asked through the window's
        ask_choice (kind PASTE_TEMPLATE_ROWS; tests answer there); closing the box keeps them."""
        title = QCoreApplication.translate("FormView", "粘贴")
        text = (
            (
                QCoreApplication.translate(
                    "FormView", "粘贴了 %1 行指标，表中还有 %2 行新建时自带的行尚未填写。"
                )
                .replace("%1", str(pasted))
                .replace("%2", str(unused))
            )
            + "\n"
            + QCoreApplication.translate("FormView", "是否删除这些未用的行？")
        )
        choices = [
            (REMOVE_ROWS, QCoreApplication.translate("FormView", "删除未用的行")),
            (KEEP_ROWS, QCoreApplication.translate("FormView", "保留")),
        ]
        ask = getattr(self.indicator_table.window(), "ask_choice", None)
        if ask is not None:
            return bool(ask(PASTE_TEMPLATE_ROWS, title, text, choices) == REMOVE_ROWS)
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, parent=self.indicator_table.window()
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        remove = box.addButton(choices[0][1], QMessageBox.ButtonRole.AcceptRole)
        box.addButton(choices[1][1], QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is remove

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
