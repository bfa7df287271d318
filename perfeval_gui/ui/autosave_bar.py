"""The bar above the form saying that autosave fails, until an autosave succeeds again.

A failed autosave (a full disk, a read-only recovery folder) used to flash in the status
bar for ten seconds; the clerk went on typing, unprotected, without knowing. The bar stays
while the failure lasts, gives the reason in Chinese and offers to try again now; it goes
by itself when a write succeeds (``Autosaver.recovered``). A tool bar, so it needs no
change to the window's central widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QWidget

from perfeval_gui.ui.cells import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from perfeval_gui.ui.autosave import Autosaver


class AutosaveWarningBar(QToolBar):
    """Shown while autosave fails: the reason, and 立即重试."""

    def __init__(self, autosaver: Autosaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autosaveWarningBar")
        self.setWindowTitle(self.tr("自动保存警告"))
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not a bar the clerk can hide and forget
        self._autosaver = autosaver
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the reason may quote a path
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setStyleSheet("QLabel { color: #8a0000; padding: 2px 6px; }")
        self.setStyleSheet("QToolBar#autosaveWarningBar { background: #fde2e2; }")
        self.addWidget(self.label)
        self.retry_action = QAction(self.tr("立即重试"), self)
        self.retry_action.setToolTip(self.tr("再试一次自动保存"))
        self.retry_action.triggered.connect(lambda _checked=False: self._autosaver.flush())
        self.addAction(self.retry_action)
        self.hide()
        autosaver.failed.connect(self.show_failure)
        autosaver.recovered.connect(self.hide)

    @classmethod
    def install(cls, window: QMainWindow, autosaver: Autosaver) -> AutosaveWarningBar:
        """Put a (hidden) bar in its own row above the form of ``window``."""
        bar = cls(autosaver, window)
        window.addToolBarBreak()
        window.addToolBar(bar)
        return bar

    def show_failure(self, message: str) -> None:
        folder = str(self._autosaver.store.folder)
        self.label.setText(
            self.tr("%1。正在编辑的内容没有备份，程序意外退出会丢失，请尽快保存。").replace(
                "%1", message
            )
        )
        tip = self.tr("恢复文件夹：%1").replace("%1", folder)
        self.label.setToolTip(plain_tooltip(tip) or "")
        self.show()

    def message(self) -> str:
        """What the bar says ('' while hidden)."""
        return self.label.text() if self.isVisible() else ""
