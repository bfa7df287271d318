"""The form replica: the paper form's sections top to bottom, every cell where the paper has it.

Title and year, 项目名称, 主管部门 / 实施单位, the 项目资金 grid, the two
年度总体目标 texts side by side, the 绩效指标 table with merged 一级/二级 cells
and the 总分 row. The tables are sized to their full content and the whole page
scrolls, as one sheet of paper would.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Final

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui import figures
from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.model import MAX_TEXT_LENGTH, YEAR_MAX, YEAR_MIN
from perfeval_gui.spec import STANDARD
from perfeval_gui.ui import funding_dialogs
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import one_line, plain_tooltip
from perfeval_gui.ui.columns import FUNDING_COLUMN_SPECS, INDICATOR_COLUMN_SPECS
from perfeval_gui.ui.document import Change, FormDocument, get_at
from perfeval_gui.ui.funding_dialogs import (
    CANCEL_UNIT,
    CONVERT_AMOUNTS,
    conversion_example,
    typed_total_details,
)
from perfeval_gui.ui.grid import FormTable
from perfeval_gui.ui.indicator_rows import IndicatorRowsMixin
from perfeval_gui.ui.labels import spec_text, unit_label, unit_labels
from perfeval_gui.ui.page_style import page_style_sheet
from perfeval_gui.ui.widgets import CommitPlainTextEdit, WheelGuard, YearSpinBox

MIN_ZOOM: Final = 0.6
MAX_ZOOM: Final = 2.5
SECTION_WIDTH: Final = 84
PAGE_MARGIN: Final = 16
"""Left/right margin of the page (px at zoom 100%): small, so a 1024 px screen fits the form."""


LAYOUT: Final = STANDARD
"""The layout of the form shown."""
_FIELD_LABELS: Final = {
    **{FieldPath.of(h.key): h.label for h in LAYOUT.header},
    **{FieldPath.of("goals", c.key): c.label for c in LAYOUT.goals.cells},
}
"""Label of each plain text field above and beside the grids (header and goals cells)."""
_YEAR: Final = FieldPath.of("year")
_UNIT: Final = FieldPath.of("funding", "unit")
_AUTO_TOTAL: Final = FieldPath.of("funding", "total")
_SYNCED_CONTROLS: Final = (_YEAR, _UNIT, _AUTO_TOTAL)
"""Fields shown by the year box, the unit chooser and the auto-sum box."""


class FormView(IndicatorRowsMixin, QScrollArea):
    """Scrollable page holding the whole form; edits go to the document, refreshes come back."""

    inputRejected = Signal(str)
    """A typed entry was refused; the Chinese reason, for the status bar."""
    notice = Signal(str)
    """Something the clerk should know (part of a paste not taken); for the status bar."""
    screenEdited = Signal()
    """Text on screen changed without reaching the document yet (typed in a field or a
    cell's editor, or refused): autosave listens, see on_screen."""

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
        self._make_row_actions(self)

        document.changed.connect(self._on_changed)
        self.funding_model.inputRejected.connect(self._on_cell_rejected)
        self.indicator_model.inputRejected.connect(self._on_cell_rejected)
        self.indicator_model.spansChanged.connect(self._apply_spans)
        for table in (self.funding_table, self.indicator_table):
            table.edited.connect(self.screenEdited)
        self.inputRejected.connect(lambda _reason: self.screenEdited.emit())
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

    def _line_edit(self, path: FieldPath) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(MAX_TEXT_LENGTH)  # Qt's default (32767) would cut long texts silently
        edit.setProperty("cell", "input")
        edit.editingFinished.connect(lambda e=edit, p=path: self._commit_line(e, p))
        edit.textEdited.connect(lambda _text: self.screenEdited.emit())
        self._field_widgets[path] = edit
        edit.setAccessibleName(self._name(path))
        return edit

    def _text_edit(self, path: FieldPath) -> CommitPlainTextEdit:
        edit = CommitPlainTextEdit()
        edit.setProperty("cell", "input")
        edit.setTabChangesFocus(True)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit.committed.connect(lambda e=edit, p=path: self._commit_text(e, p))
        edit.textChanged.connect(self.screenEdited)  # _sync_fields blocks it: typing only
        self._field_widgets[path] = edit
        edit.setAccessibleName(self._name(path))
        return edit

    def _build(self) -> None:
        self._field_widgets: dict[FieldPath, QLineEdit | CommitPlainTextEdit] = {}
        page = QWidget()
        page.setObjectName("page")
        self.page = page
        outer = QVBoxLayout(page)
        self.page_layout = outer
        outer.setContentsMargins(PAGE_MARGIN, 16, PAGE_MARGIN, 24)
        outer.setSpacing(0)

        self.title_label = self._label(spec_text(LAYOUT.title), "title")
        outer.addWidget(self.title_label)
        year_row = QHBoxLayout()
        year_row.addStretch(1)
        self.year_spin = YearSpinBox()
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setKeyboardTracking(False)
        self.year_spin.setAccessibleName(self.tr("年度"))
        self.year_spin.valueChanged.connect(self._commit_year)
        self.year_spin.inputRejected.connect(self.inputRejected)
        self.year_spin.lineEdit().textEdited.connect(lambda _text: self.screenEdited.emit())
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
        grid.addWidget(self._label(self._name(FieldPath.of("project_name")), "section"), 0, 0)
        self.project_name = self._line_edit(FieldPath.of("project_name"))
        grid.addWidget(self.project_name, 0, 1)

        # 主管部门 | 实施单位
        department = self._name(FieldPath.of("competent_department"))
        grid.addWidget(self._label(department, "section"), 1, 0)
        row = QHBoxLayout()
        row.setSpacing(0)
        self.competent_department = self._line_edit(FieldPath.of("competent_department"))
        self.implementing_unit = self._line_edit(FieldPath.of("implementing_unit"))
        row.addWidget(self.competent_department, 1)
        unit_label = self._label(self._name(FieldPath.of("implementing_unit")), "label")
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
            self.tr("勾选：%1 = 其中三项之和；不勾选：按表上数字手工填写").replace(
                "%1", spec_text(LAYOUT.funding.total_row.label)
            )
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
        self.funding_table.setAccessibleName(spec_text(LAYOUT.funding.name))
        self.funding_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.funding_table.column_specs = dict(FUNDING_COLUMN_SPECS)
        grid.addWidget(self.funding_table, 2, 1)

        # 年度总体目标
        grid.addWidget(self._label(spec_text(LAYOUT.goals.label), "section"), 3, 0)
        goals = QGridLayout()
        goals.setSpacing(0)
        for column, cell in enumerate(LAYOUT.goals.cells):
            goals.addWidget(self._label(spec_text(cell.label)), 0, column)
        self.goals_expected, self.goals_actual = (
            self._text_edit(FieldPath.of("goals", cell.key)) for cell in LAYOUT.goals.cells
        )
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
        indicator_label = self._label(spec_text(LAYOUT.indicators.label), "section")
        indicator_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        section_layout.addWidget(indicator_label)
        self.row_buttons = QHBoxLayout()
        grid.addWidget(section, 4, 0)
        table_box = QVBoxLayout()
        table_box.setSpacing(0)
        self.indicator_table = FormTable()
        self.indicator_table.setObjectName("indicatorTable")
        self.indicator_table.setModel(self.indicator_model)
        self.indicator_table.setAccessibleName(spec_text(LAYOUT.indicators.label))
        self.indicator_table.paste_columns = LAYOUT.indicators.paste_order
        self.indicator_table.grow_rows = self._grow_for_paste
        self.indicator_table.plan_paste = self._plan_paste
        self.indicator_table.pasteClipped.connect(self.notice)
        self.funding_table.pasteClipped.connect(self.notice)
        self.funding_table.cell_delegate.lockedEdit.connect(self._explain_locked)
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
        self._wheel_guard = WheelGuard(self)
        for widget in (self.year_spin, self.unit_combo):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(self._wheel_guard)

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
        self.page.setStyleSheet(page_style_sheet(size))  # the font size goes in the sheet
        self._style_row_numbers(size)
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
        if path in self._field_widgets or path in _SYNCED_CONTROLS:
            self._sync_fields(path)
        row = change.indicator_row
        if row is not None:
            self.indicator_table.fit_row(row)

    def _sync_fields(self, only: FieldPath | None = None) -> None:
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
            spec_text(LAYOUT.funding.label).replace("%1", unit_label(form.funding.unit))
        )

    # --- edits from the plain widgets -----------------------------------------------
    def _set_invalid(self, widget: QWidget, reason: str | None) -> None:
        invalid = reason is not None
        if bool(widget.property("invalid")) != invalid:
            widget.setProperty("invalid", invalid)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        widget.setToolTip(plain_tooltip(reason) or "")

    def _commit(self, widget: QWidget, path: FieldPath, value: object, label: str) -> None:
        try:
            self.document.set_value(path, value, label)
        except ValueError as exc:
            reason = one_line(str(exc))
            self._set_invalid(widget, reason)
            self.inputRejected.emit(label + self.tr("：") + reason)
            return
        self._set_invalid(widget, None)

    def _commit_line(self, edit: QLineEdit, path: FieldPath) -> None:
        self._commit(edit, path, edit.text(), self.tr("编辑%1").replace("%1", self._name(path)))

    def _commit_text(self, edit: QPlainTextEdit, path: FieldPath) -> None:
        self._commit(
            edit, path, edit.toPlainText(), self.tr("编辑%1").replace("%1", self._name(path))
        )

    def _name(self, path: FieldPath) -> str:
        """The label of a header or goals cell (the spec's), by its field path."""
        label = _FIELD_LABELS.get(path)
        return str(path) if label is None else spec_text(label)

    def _commit_year(self, year: int) -> None:
        self._commit(self.year_spin, _YEAR, year, self.tr("修改年度"))

    def _commit_unit(self, _index: int) -> None:
        """元/万元: with amounts filled in, ask whether to convert them or only relabel."""
        unit = str(self.unit_combo.currentData())
        form = self.document.form
        if unit == form.funding.unit:
            return
        if figures.has_funding_amounts(form):
            answer = self.ask_convert_amounts(
                form.funding.unit, unit, conversion_example(form, unit)
            )
            if answer == CANCEL_UNIT:
                self._sync_fields(_UNIT)
                return
            if answer == CONVERT_AMOUNTS:
                try:
                    self.document.convert_unit(unit)
                except ValueError as exc:
                    self._sync_fields(_UNIT)  # the chooser shows the unit in force
                    reason = str(exc)
                    self.inputRejected.emit(one_line(reason))
                    self.show_conversion_refused(reason)
                    return
                self._set_invalid(self.unit_combo, None)
                self.notice.emit(
                    self.tr("金额已换算为%1（可撤销）").replace("%1", unit_label(unit))
                )
                return
        self._commit(self.unit_combo, _UNIT, unit, self.tr("修改金额单位"))

    def ask_convert_amounts(self, old_unit: str, new_unit: str, example: str) -> str:
        """换算金额 / 只改单位 / 取消 (funding_dialogs); a method of the page: tests stub it."""
        return funding_dialogs.ask_convert_amounts(self, old_unit, new_unit, example)

    def show_conversion_refused(self, reason: str) -> None:
        """Why the amounts were not converted (funding_dialogs); tests stub it."""
        funding_dialogs.show_conversion_refused(self, reason)

    def ask_discard_typed_total(self, details: str) -> bool:
        """Replace a typed 年度资金总额 by its sums? (funding_dialogs); tests stub it."""
        return funding_dialogs.ask_discard_typed_total(self, details)

    def _commit_auto_total(self, checked: bool) -> None:
        """总额自动合计: never drops typed figures unasked; a refusal keeps the box in sync."""
        if checked and self.document.typed_total_differences():
            if not self.ask_discard_typed_total(typed_total_details(self.document)):
                self._sync_fields(_AUTO_TOTAL)
                return
        try:
            self.document.set_total_auto(checked)
        except ValueError as exc:
            self.inputRejected.emit(str(exc))
        self._sync_fields(_AUTO_TOTAL)

    def _report(self, reason: str) -> None:
        self.inputRejected.emit(reason)

    def _on_cell_rejected(self, index: QModelIndex, reason: str) -> None:
        self.inputRejected.emit(reason)

    def commit_pending(self) -> None:
        """Commit whatever is being typed (before save, print, close or a row operation).

        The keyboard stays where it was: a grid's editor closes onto its cell, a field
        keeps the focus (clearing the focus left it nowhere, and keys typed next were lost).
        """
        widget = QApplication.focusWidget()
        if widget is None or not self.isAncestorOf(widget):
            return
        for table in (self.funding_table, self.indicator_table):
            if widget is table:
                return  # no editor open: nothing is being typed
            if table.isAncestorOf(widget) and table.commit_editor():
                return
        for path, field in self._field_widgets.items():
            if widget is field:
                if isinstance(field, QLineEdit):
                    self._commit_line(field, path)
                else:
                    self._commit_text(field, path)
                return
        widget.clearFocus()  # the year box and choosers commit on leaving
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def field_widgets(self) -> dict[FieldPath, QLineEdit | CommitPlainTextEdit]:
        """The header and goals fields, by the path of the field each edits."""
        return dict(self._field_widgets)

    @property
    def grids(self) -> list[tuple[FormTable, fm.FundingModel | im.IndicatorModel]]:
        return [
            (self.funding_table, self.funding_model),
            (self.indicator_table, self.indicator_model),
        ]

    def mark_refused(self, path: FieldPath, text: str, reason: str) -> bool:
        """Show ``text`` at ``path`` as a refused entry (red, the reason as tooltip), as if
        just typed and refused (a restored pending entry); False when no cell has that path."""
        widget = self._field_widgets.get(path)
        if widget is not None:
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                widget.setText(text)
                widget.setCursorPosition(0)
            else:
                widget.setPlainText(text)
                widget.fit_height()
            widget.blockSignals(False)
            self._set_invalid(widget, one_line(reason))
            return True
        for model in (self.funding_model, self.indicator_model):
            index = model.index_for_path(path)
            if index.isValid() and model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                model.mark_refused(index, text, reason)
                return True
        return False

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

    def select_location(self, path: FieldPath) -> bool:
        """Select the cell a finding points at (a model field path); False when there is none."""
        if path in self._field_widgets:
            widget = self._field_widgets[path]
            widget.setFocus()
            self.ensureWidgetVisible(widget)
            return True
        if path == _YEAR:
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

    def _explain_locked(self, index: QModelIndex) -> None:
        """Typing into the grey auto-summed total (or 执行率, 得分): say why, at the cell
        and in the status bar, without a box that would take the next keys."""
        hint = self.funding_model.locked_hint(index.row(), index.column())
        if not hint:
            return
        table = self.funding_table
        viewport = table.viewport()
        below = viewport.mapToGlobal(table.visualRect(index).bottomLeft())
        # no rect: a mouse resting elsewhere must not hide a hint asked for by the keyboard
        QToolTip.showText(below, hint, viewport, QRect(), 8000)
        self.notice.emit(hint)


def _shorten(text: str, limit: int = 30) -> str:
    """One line of at most ``limit`` characters, control characters shown as '?'."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
