"""Autosave the unsaved form every minute into the session's recovery file.

A QObject timer over ``recovery.RecoveryStore``: it writes only when the bytes (or the
file they belong to) changed, removes the session's file once nothing is unsaved, and
reports a failed write (a full disk) as a signal rather than an exception. Usage::

    from perfeval_gui.ui.autosave import Autosaver

    self._autosaver = Autosaver(self._recovery, self._unsaved_bytes, parent=self,
                                get_original=lambda: self._path)
    self._autosaver.start()                               # every 60 s
    # _unsaved_bytes() returns dumps_form(form) when there are unsaved changes, else None.
    # before something risky (e.g. printing): self._autosaver.flush()
    # in closeEvent: self._autosaver.stop()
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from perfeval_gui.fileio import FormFileError, os_reason
from perfeval_gui.ui.recovery import RecoveryStore

logger = logging.getLogger(__name__)


class Autosaver(QObject):
    """Every ``interval_ms``, writes the unsaved form to the store when it has changed.

    ``get_bytes`` returns the form's bytes while there are unsaved changes and None
    otherwise (then the session's recovery file is removed). ``get_original`` gives
    the file being edited, recorded beside the data so a restore knows where it belongs.
    """

    saved = Signal(Path)
    """Emitted with the recovery file's path after each write."""
    failed = Signal(str)
    """Emitted with a one-line Chinese message when a write fails (e.g. a full disk)."""

    def __init__(
        self,
        store: RecoveryStore,
        get_bytes: Callable[[], bytes | None],
        interval_ms: int = 60_000,
        parent: QObject | None = None,
        *,
        get_original: Callable[[], Path | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._get_bytes = get_bytes
        self._get_original = get_original
        self._last: tuple[bytes, Path | None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, interval_ms))
        self._timer.timeout.connect(self.flush)

    @property
    def store(self) -> RecoveryStore:
        return self._store

    def start(self) -> None:
        """Start the periodic autosave (the first write comes after one interval)."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> bool:
        """Autosave now; True when a recovery file was written."""
        data = self._get_bytes()
        if data is None:
            if self._store.has_session_file():
                self._store.clear_session()
            self._last = None
            return False
        original = self._get_original() if self._get_original is not None else None
        key = (bytes(data), original)
        # Compare with what is on disk, not only with memory: the window may have cleared
        # the session file (after a save) and the user then typed the same text again.
        if key == self._last and self._store.has_session_file():
            return False
        try:
            self._store.save(key[0], original)
        except (FormFileError, OSError) as exc:
            logger.warning("autosave failed: %s", exc)
            reason = exc if isinstance(exc, FormFileError) else os_reason(exc)
            self.failed.emit(
                QCoreApplication.translate("recovery", "自动保存失败：{0}").format(reason)
            )
            return False
        self._last = key
        self.saved.emit(self._store.path_for_session())
        return True
