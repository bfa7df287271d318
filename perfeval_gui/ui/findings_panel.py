"""The 检查结果 dock: errors, warnings and infos of the rule checks, each leading to its cell."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.ui.document import FormDocument

LOCATION_ROLE: Final = Qt.ItemDataRole.UserRole + 1
CODE_ROLE: Final = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE: Final = Qt.ItemDataRole.UserRole + 3

_COLOURS: Final = {"error": "#b00020", "warning": "#8a5a00", "info": "#205080"}
_ICONS: Final = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class FindingsPanel(QDockWidget):
    """Lists ``document.findings``; activating one emits ``locationActivated(path)``."""

    locationActivated = Signal(str)

    def __init__(self, document: FormDocument, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("检查结果"), parent)
        self.setObjectName("findingsDock")
        self.document = document
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        self._icons = {k: self.style().standardIcon(v) for k, v in _ICONS.items()}
        self._shown: list[tuple[str, str, str, str]] = []
        document.findingsChanged.connect(self.refresh)
        self.refresh()

    def _icon(self, severity: str) -> QIcon:
        return self._icons.get(severity, QIcon())

    def refresh(self) -> None:
        """Rebuild the list (only when the findings actually differ from what is shown)."""
        findings = self.document.findings
        shown = [(f.severity, f.code, f.message, f.location) for f in findings]
        counts = {s: sum(1 for f in findings if f.severity == s) for s in _COLOURS}
        if not findings:
            self.summary.setText(self.tr("未发现问题。"))
        else:
            self.summary.setText(
                self.tr("错误 %1 · 警告 %2 · 提示 %3")
                .replace("%1", str(counts["error"]))
                .replace("%2", str(counts["warning"]))
                .replace("%3", str(counts["info"]))
            )
        if shown == self._shown:
            return
        self._shown = shown
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        for finding in findings:
            item = QListWidgetItem(self._icon(finding.severity), finding.message)
            item.setForeground(QBrush(QColor(_COLOURS.get(finding.severity, "#000000"))))
            item.setData(LOCATION_ROLE, finding.location)
            item.setData(CODE_ROLE, finding.code)
            item.setData(SEVERITY_ROLE, finding.severity)
            item.setToolTip(f"{finding.code} · {finding.location or self.tr('整张表')}")
            self.list.addItem(item)
        self.list.setUpdatesEnabled(True)

    def _activate(self, item: QListWidgetItem) -> None:
        location = item.data(LOCATION_ROLE)
        if location:
            self.locationActivated.emit(str(location))
