"""Small input widgets of the page that know one trick each, beyond what Qt gives.

A multi-line text that grows with its text and commits on leaving, a year box that says
why it refused an entry, and a filter keeping the wheel for scrolling the page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QScrollArea, QSpinBox, QWidget

from perfeval_gui.ui.cells import one_line


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


class WheelGuard(QObject):
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
