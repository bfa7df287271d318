"""Noticing that the open form changed or vanished on disk; telling the clerk without a modal box.

``QFileSystemWatcher`` drops a file from its list when the file is replaced by a
rename, which is how our own atomic save and most editors write: the watcher
therefore also watches the folder and re-adds the file after every event. Events
caused by our own saves are ignored by comparing the file with the identity the
window recorded right after writing it (size and time first, the hash only when
those differ).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QWidget

from perfeval_gui.filestate import FileIdentity, identify, stat_key

SETTLE_MS: Final = 150
"""Editors write in several steps; look once they are done."""


class FileWatcher(QObject):
    """Watches one file; ``changed(FileIdentity)`` / ``removed()`` when someone else touches it."""

    changed = Signal(object)
    removed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule)
        self._watcher.directoryChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.check)
        self._path: Path | None = None
        self._known: FileIdentity | None = None
        self._reported: FileIdentity | None = None
        self._gone = False

    @property
    def path(self) -> Path | None:
        return self._path

    def watch(self, path: Path | None, identity: FileIdentity | None) -> None:
        """Watch ``path`` (None: stop), which is now as ``identity`` describes."""
        self._clear()
        self._path = path
        self._known = identity
        self._reported = None
        self._gone = False
        if path is not None:
            self._add_paths()

    def set_known(self, identity: FileIdentity | None) -> None:
        """The file is now what we wrote (after our own save): its events are ours."""
        self._known = identity
        self._reported = None
        self._gone = False
        self._add_paths()

    def is_watching(self) -> bool:
        return bool(self._watcher.files())

    def _clear(self) -> None:
        self._timer.stop()
        for watched in (self._watcher.files(), self._watcher.directories()):
            if watched:
                self._watcher.removePaths(watched)

    def _add_paths(self) -> None:
        if self._path is None:
            return
        folder = str(self._path.parent)
        if folder not in self._watcher.directories() and os.path.isdir(folder):
            self._watcher.addPath(folder)
        if str(self._path) not in self._watcher.files() and os.path.exists(self._path):
            self._watcher.addPath(str(self._path))

    def _schedule(self, _changed: str = "") -> None:
        self._timer.start()

    def check(self) -> None:
        """Compare the file with what we know; emit at most once per new state."""
        path = self._path
        if path is None:
            return
        self._add_paths()  # a replace-by-rename dropped the file from the watch list
        try:
            key = stat_key(path)
        except (OSError, ValueError):
            return
        if key is None:
            if not self._gone:
                self._gone = True
                self.removed.emit()
            return
        self._gone = False
        known = self._known
        if known is not None and known.same_stat(*key):
            return
        if self._reported is not None and self._reported.same_stat(*key):
            return
        try:
            now = identify(path)
        except (OSError, ValueError):
            return
        if now is None:
            return
        if known is not None and now.same_content(known):
            self._known = now  # touched, or rewritten with the same bytes: nothing to say
            return
        if self._reported is not None and now.same_content(self._reported):
            return
        self._reported = now
        self.changed.emit(now)


class NoticeBar(QToolBar):
    """A line above the form with a message and a few buttons; never modal, never in the way.

    A tool bar so it needs no change to the central widget; it is hidden until
    :meth:`show_notice` and after any of its buttons is pressed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileNoticeBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setStyleSheet("QLabel { color: #7a4b00; padding: 2px 6px; }")
        self.setStyleSheet("QToolBar#fileNoticeBar { background: #fff4ce; }")
        self.addWidget(self.label)
        self.hide()

    def show_notice(self, text: str, buttons: list[tuple[str, Callable[[], object]]]) -> None:
        """Show ``text`` with buttons (label, callable); each button also closes the bar."""
        for action in self.actions()[1:]:
            self.removeAction(action)
            action.deleteLater()
        self.label.setText(text)
        for label, slot in buttons:
            action = self.addAction(label)
            action.triggered.connect(lambda _checked=False, slot=slot: self._run(slot))
        self.show()

    def _run(self, slot: Callable[[], object]) -> None:
        self.hide()
        slot()

    def dismiss(self) -> None:
        self.hide()

    def notice_text(self) -> str:
        """What the bar says ('' while hidden)."""
        return self.label.text() if self.isVisible() else ""

    def button_texts(self) -> list[str]:
        return [a.text() for a in self.actions()[1:]]

    def press(self, label: str) -> None:
        """Trigger the button named ``label`` (tests; keyboard users reach it by Tab)."""
        for action in self.actions()[1:]:
            if action.text() == label:
                action.trigger()
                return
        raise KeyError(label)
