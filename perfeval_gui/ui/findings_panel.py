"""The 检查结果 dock: errors, warnings and infos of the rule checks, each leading to its cell.

A new form nobody has edited yet is *unfilled* (``FormDocument.unfilled``): the list stays
empty and the summary says, in the normal colour, that the check waits for the first entry,
with a 立即检查 button (the window's 检查 action, F7).

On a small screen it collapses to its one-line summary (错误 · 警告 · 提示 counts and an
展开 button), so the form keeps the room; the window remembers the choice.

A small list model over ``document.findings`` (rather than QListWidget items): refreshing
is one model reset, whatever the number of findings on a long form.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.fieldpath import ROOT, FieldPath
from perfeval_gui.rules import Severity
from perfeval_gui.ui.cells import plain_tooltip
from perfeval_gui.ui.document import FormDocument, finding_cell

QWIDGETSIZE_MAX: Final = 16_777_215
CHECK_SHORTCUT: Final = "F7"
"""The 检查 action's key (编辑 → 检查): shows the findings of a new form at once."""
LOCATION_ROLE: Final = Qt.ItemDataRole.UserRole + 1
CODE_ROLE: Final = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE: Final = Qt.ItemDataRole.UserRole + 3

_COLOURS: Final = {"error": "#b00020", "warning": "#8a5a00", "info": "#205080"}
_ICONS: Final = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class FindingsModel(QAbstractListModel):
    """One row per finding, in the order rules.check gives them (errors first)."""

    def __init__(
        self, document: FormDocument, icons: dict[str, QIcon], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._icons = icons
        self._brushes = {k: QBrush(QColor(v)) for k, v in _COLOURS.items()}
        self._shown: list[tuple[Severity, str, str, FieldPath]] = []
        self._findings = list(document.findings)
        self.item_size = QSize(200, 48)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def refresh(self) -> bool:
        """Take the document's findings; only changed rows are repainted when the count holds.

        A long form has hundreds of findings, and a word-wrapped list lays every item
        out again on a reset; an edit usually changes one finding's text.
        """
        findings = list(self.document.findings)
        shown = [(f.severity, f.code, f.message, f.location) for f in findings]
        if shown == self._shown:
            return False
        if len(shown) != len(self._shown):
            self.beginResetModel()
            self._findings, self._shown = findings, shown
            self.endResetModel()
            return True
        changed = [i for i, (a, b) in enumerate(zip(shown, self._shown, strict=True)) if a != b]
        self._findings, self._shown = findings, shown
        self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
        return True

    def location(self, row: int) -> FieldPath:
        return finding_cell(self._findings[row]) if 0 <= row < len(self._findings) else ROOT

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(finding.severity)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._brushes.get(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = str(finding.location) or self.tr("整张表")
            return plain_tooltip(
                f"{finding.message}\n{finding.code} · {where}\n"
                + self.tr("右键 → 说明：含义和改法（或选中后按 F1）")
            )
        if role == Qt.ItemDataRole.SizeHintRole:
            return self.item_size
        if role == LOCATION_ROLE:
            return str(finding.location)
        if role == CODE_ROLE:
            return finding.code
        if role == SEVERITY_ROLE:
            return finding.severity
        return None


class FindingsPanel(QDockWidget):
    """Lists ``document.findings``; activating one emits ``locationActivated(path)``."""

    locationActivated = Signal(object)
    """The FieldPath of the finding's cell."""
    explainRequested = Signal(str)
    """说明 on a finding: its code, the anchor of its section in the user guide."""
    collapsedChanged = Signal(bool)
    """The list was hidden (True: only the summary line shows) or shown again."""
    checkRequested = Signal()
    """立即检查 was clicked (the window commits what is being typed, then checks)."""

    def __init__(self, document: FormDocument, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("检查结果"), parent)
        self.setObjectName("findingsDock")
        self.document = document
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.collapse_button = QToolButton()
        self.collapse_button.setAutoRaise(True)
        self._collapsed = False
        self.collapse_button.clicked.connect(lambda: self.set_collapsed(not self._collapsed))
        self._body = body
        self._body_layout = layout
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.check_button = QToolButton()
        self.check_button.setText(self.tr("立即检查"))
        self.check_button.setToolTip(
            self.tr("现在就检查整张表并列出问题（%1）").replace("%1", CHECK_SHORTCUT)
        )
        self.check_button.clicked.connect(self.checkRequested.emit)
        top.addWidget(self.summary, 1)
        top.addWidget(self.collapse_button)
        icons = {k: self.style().standardIcon(v) for k, v in _ICONS.items()}
        self.model = FindingsModel(document, icons, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Same-height items (three lines, full text in the tooltip): the list then measures
        # only what it shows, so hundreds of findings cost nothing per edit.
        self.list.setUniformItemSizes(True)
        line = self.list.fontMetrics().lineSpacing()
        self.model.item_size = QSize(200, 3 * line + 8)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.clicked.connect(self._activate)
        self.list.activated.connect(self._activate)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addLayout(top)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)  # unfilled only
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        document.findingsChanged.connect(self.refresh)
        self._show_collapsed()
        self.refresh()

    # --- collapsing to the summary line ------------------------------------------------
    @property
    def collapsed(self) -> bool:
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        """Hide the list (only the summary line stays, the dock as low as it can be) or show it."""
        if collapsed == self._collapsed:
            return
        self._collapsed = collapsed
        self._show_collapsed()
        self.collapsedChanged.emit(collapsed)

    def _show_collapsed(self) -> None:
        collapsed = self._collapsed
        self.list.setVisible(not collapsed)
        self._show_check_button()
        self.collapse_button.setText(self.tr("展开") if collapsed else self.tr("收起"))
        self.collapse_button.setArrowType(
            Qt.ArrowType.UpArrow if collapsed else Qt.ArrowType.DownArrow
        )
        self.collapse_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if collapsed:
            self.collapse_button.setToolTip(self.tr("显示检查结果列表"))
        else:
            self.collapse_button.setToolTip(self.tr("只显示一行摘要，给表格让出位置"))
        self.collapse_button.setAccessibleName(self.collapse_button.text())
        # collapsed: the dock cannot be taller than the summary line (nor grow empty)
        layout = self._body_layout
        layout.activate()
        self._body.setMaximumHeight(layout.minimumSize().height() if collapsed else QWIDGETSIZE_MAX)
        dock_layout = self.layout()
        if dock_layout is not None:  # the dock's own limits follow now, not at the next paint
            dock_layout.invalidate()
            dock_layout.activate()

    def _show_check_button(self) -> None:
        """立即检查 under the summary while the form is unfilled, unless collapsed to one line
        (编辑 → 检查 still works then)."""
        shown = self.document.unfilled and not self._collapsed
        if shown != self.check_button.isVisibleTo(self):
            self.check_button.setVisible(shown)

    def refresh(self) -> None:
        findings = self.document.findings
        self._show_check_button()
        if self.document.unfilled:  # a new form: no red before the clerk has typed anything
            self.summary.setText(self.tr("尚未填写：输入内容后显示检查结果。"))
        elif not findings:
            self.summary.setText(self.tr("未发现问题。"))
        else:
            counts = {s: sum(1 for f in findings if f.severity == s) for s in _COLOURS}
            self.summary.setText(
                self.tr("错误 %1 · 警告 %2 · 提示 %3")
                .replace("%1", str(counts["error"]))
                .replace("%2", str(counts["warning"]))
                .replace("%3", str(counts["info"]))
            )
        self.model.refresh()

    def activate_row(self, row: int) -> None:
        """What a click on a finding does: select its cell."""
        location = self.model.location(row)
        if location:
            self.locationActivated.emit(location)

    def _activate(self, index: QModelIndex) -> None:
        self.activate_row(index.row())

    # --- 说明: the guide's section on a finding ---------------------------------------------
    def current_code(self) -> str | None:
        """The code of the selected finding (None when none is selected)."""
        index = self.list.currentIndex()
        return str(index.data(CODE_ROLE)) if index.isValid() else None

    def explain_row(self, row: int) -> None:
        """What 说明 does: ask for the user guide at the section on the finding's code."""
        index = self.model.index(row)
        if index.isValid():
            self.explainRequested.emit(str(index.data(CODE_ROLE)))

    def finding_menu(self, row: int) -> QMenu:
        """The context menu of one finding: 转到单元格, 说明."""
        menu = QMenu(self.list)
        go = menu.addAction(self.tr("转到单元格"))
        go.setEnabled(bool(self.model.location(row)))
        go.triggered.connect(lambda: self.activate_row(row))
        explain = menu.addAction(self.tr("说明：含义和改法…"))
        explain.setObjectName("explainFinding")
        explain.setStatusTip(self.tr("在填表说明中打开这条检查结果的含义和改法（选中后也可按 F1）"))
        explain.triggered.connect(lambda: self.explain_row(row))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if index.isValid():
            self.list.setCurrentIndex(index)
            menu = self.finding_menu(index.row())
            menu.exec(self.list.viewport().mapToGlobal(pos))
            menu.deleteLater()
