"""Autosave what is on screen into the session's recovery file, seconds after each change.

A QObject over ``recovery.RecoveryStore``. It writes a few seconds after the last change
(``touch``: an edit of the document or a key typed in a field or cell editor), at the
latest ``max_delay_ms`` after the first change not yet written (typing without a pause
does not postpone it forever), and every ``interval_ms`` as a safety net; so a crash loses
at most a few seconds of typing. It writes only when the bytes (or the file they belong
to) changed, removes the session's file once nothing is unsaved, and reports a failed
write (a full disk) as a signal rather than an exception, retrying until a write
succeeds (``recovered``). Usage::

    from perfeval_gui.ui.autosave import Autosaver

    self._autosaver = Autosaver(self._recovery, self._unsaved_bytes, parent=self,
                                get_original=lambda: self._path,
                                get_pending=lambda: on_screen.pending_entries(view))
    self._autosaver.start()                               # the safety-net timer
    document.changed.connect(self._autosaver.touch)       # and every edit, every keystroke
    # _unsaved_bytes() returns the bytes of the form with what is typed on screen applied
    # when something is unsaved, else None; get_pending the typed texts it cannot hold.
    # before something risky (e.g. printing): self._autosaver.flush()
    # in closeEvent: self._autosaver.stop()
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from perfeval_gui.fileio import FormFileError, os_reason
from perfeval_gui.ui.recovery import PendingEntry, RecoveryStore

logger = logging.getLogger(__name__)

DEBOUNCE_MS: Final = 3_000
"""Write this long after the last change (a pause in typing)."""
MAX_DELAY_MS: Final = 5_000
"""…and at the latest this long after the first change not yet written."""
RETRY_MS: Final = 10_000
"""After a failed write, try again this often until one succeeds."""


class Autosaver(QObject):
    """Writes the unsaved form to the store soon after each change, and on a timer.

    ``get_bytes`` returns the form's bytes while something is unsaved and None otherwise
    (then the session's recovery file is removed). ``get_original`` gives the file being
    edited, recorded beside the data so a restore knows where it belongs; ``get_pending``
    the typed texts the bytes cannot hold (kept in the sidecar).
    """

    saved = Signal(Path)
    """Emitted with the recovery file's path after each write."""
    failed = Signal(str)
    """Emitted with a one-line Chinese message when a write fails (e.g. a full disk)."""
    recovered = Signal()
    """A write succeeded again after a failure (or nothing is left to write)."""

    def __init__(
        self,
        store: RecoveryStore,
        get_bytes: Callable[[], bytes | None],
        interval_ms: int = 60_000,
        parent: QObject | None = None,
        *,
        get_original: Callable[[], Path | None] | None = None,
        get_pending: Callable[[], Sequence[PendingEntry]] | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        max_delay_ms: int = MAX_DELAY_MS,
        retry_ms: int = RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._get_bytes = get_bytes
        self._get_original = get_original
        self._get_pending = get_pending
        self._last: tuple[bytes, Path | None, tuple[PendingEntry, ...]] | None = None
        self._error: str | None = None
        self._enabled = True
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, interval_ms))
        self._timer.timeout.connect(self.flush)
        self._debounce = self._single_shot(debounce_ms)
        self._deadline = self._single_shot(max_delay_ms)
        self._retry = self._single_shot(retry_ms)

    def _single_shot(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(max(1, ms))
        timer.timeout.connect(self.flush)
        return timer

    @property
    def store(self) -> RecoveryStore:
        return self._store

    @property
    def error(self) -> str | None:
        """The message of the last failed write, None once a write succeeded again."""
        return self._error

    def start(self) -> None:
        """Start the periodic safety net; changes are written sooner through ``touch``."""
        self._enabled = True
        self._timer.start()

    def stop(self) -> None:
        """No more writes (the window closes): the timers stop and ``touch`` is ignored."""
        self._enabled = False
        for timer in (self._timer, self._debounce, self._deadline, self._retry):
            timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def is_scheduled(self) -> bool:
        """Whether a change is waiting to be written (the debounce is running)."""
        return self._debounce.isActive()

    def touch(self, *_args: object) -> None:
        """Something on screen changed: write it soon (see DEBOUNCE_MS, MAX_DELAY_MS).

        Cheap, so it can follow every keystroke: it only restarts a timer.
        """
        if not self._enabled:
            return
        self._debounce.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> bool:
        """Autosave now; True when a recovery file was written."""
        self._debounce.stop()
        self._deadline.stop()
        self._retry.stop()
        try:
            return self._write()
        except (FormFileError, OSError) as exc:
            reason = exc.reason if isinstance(exc, FormFileError) else os_reason(exc)
            message = QCoreApplication.translate("recovery", "自动保存失败：{0}").format(reason)
            if message != self._error:  # retries of the same failure are not logged again
                logger.warning("autosave failed: %s", exc)
            self._error = message
            if self._enabled:  # a freed disk or a fixed folder is noticed without an edit
                self._retry.start()
            self.failed.emit(message)
            return False

    def _write(self) -> bool:
        data = self._get_bytes()
        if data is None:
            if self._store.has_session_file():
                self._store.clear_session()
            self._last = None
            self._succeeded()
            return False
        original = self._get_original() if self._get_original is not None else None
        pending = tuple(self._get_pending()) if self._get_pending is not None else ()
        key = (bytes(data), original, pending)
        # Compare with what is on disk, not only with memory: the window may have cleared
        # the session file (after a save) and the user then typed the same text again.
        if key == self._last and self._store.has_session_file():
            self._succeeded()
            return False
        self._store.save(key[0], original, key[2])
        self._last = key
        self._succeeded()
        self.saved.emit(self._store.path_for_session())
        return True

    def _succeeded(self) -> None:
        if self._error is not None:
            self._error = None
            self.recovered.emit()
