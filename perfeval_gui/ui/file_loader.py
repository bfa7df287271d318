"""Reading a form (or a workbook to import) off the GUI thread, so a slow or hung file never
freezes the window.

A FIFO nobody writes to, a hung network share or a USB stick waking up can make
``open()``/``read()`` wait for ever. The read runs in a daemon thread (a stuck one
is abandoned on cancel, and never keeps the program from quitting); the window
keeps painting meanwhile. For the first half second user input waits (it is
delivered afterwards, into the loaded form: nothing typed is lost, nothing is typed
into the form about to be replaced); then a window-modal progress notice with
Cancel appears. Results are polled from the GUI thread, so no Qt object is ever
touched by the worker.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from perfeval_gui.fileio import (
    FormEncodingError,
    FormFileError,
    Refused,
    is_read_only,
    load_form,
    load_form_for_repair,
)
from perfeval_gui.filestate import FileIdentity, identify
from perfeval_gui.model import Form

if TYPE_CHECKING:
    from perfeval_gui.workbook.reader import ImportedForm

T = TypeVar("T")

NOTICE_MS: Final = 500
"""After this the clerk sees that the file is being read, and may cancel."""
POLL_MS: Final = 10
IDENTITY_TRIES: Final = 3


@dataclass(frozen=True)
class Loaded:
    """A form read from disk, with what the file was when it was read."""

    form: Form
    identity: FileIdentity | None
    read_only: bool
    refused: tuple[Refused, ...] = ()
    """Values set aside when read for repair: shown red in their cells, nothing lost."""


@dataclass(frozen=True)
class LoadOutcome:
    loaded: Loaded | None = None
    error: str | None = None
    """One line for the clerk (the file and the reason)."""
    encoding: str | None = None
    """With ``error``: the file is text in this encoding (GBK …) and can be read as such."""
    repairable: bool = False
    """With ``error``: a sound file with values the form cannot hold (a negative weight,
    a 10^16 amount); it can be read for repair (``read_form(…, repair=True)``)."""
    cancelled: bool = False


def read_form(path: Path, encoding: str = "utf-8", *, repair: bool = False) -> Loaded:
    """Read ``path`` with its identity (runs in the worker thread); raises FormFileError.

    The identity is taken before and after the read and must agree, so a file
    changing while it is read is read again: a save must never trust an identity
    newer than the content it replaces. ``repair``: values the form cannot hold are
    set aside (``Loaded.refused``) instead of refusing the file.
    """
    tries = IDENTITY_TRIES
    while True:
        before = _quiet_identify(path)
        refused: list[Refused] = []
        if repair:
            form, refused = load_form_for_repair(path, encoding=encoding)
        else:
            form = load_form(path, encoding=encoding)
        after = _quiet_identify(path)
        tries -= 1
        if before == after or tries == 0:
            return Loaded(form, before, is_read_only(path), tuple(refused))


def _quiet_identify(path: Path) -> FileIdentity | None:
    try:
        return identify(path)
    except (OSError, ValueError):
        return None


def _describe_failure(path: Path, exc: BaseException) -> str:
    if isinstance(exc, FormFileError):
        return str(exc)
    reason = QCoreApplication.translate("FileLoader", "无法读取（%1）").replace(
        "%1", type(exc).__name__
    )
    return f"{os.fspath(path)}: {reason}"


def load_in_background(
    parent: QWidget, path: Path, label: str, encoding: str = "utf-8", *, repair: bool = False
) -> LoadOutcome:
    """Read ``path`` in a worker thread while the window keeps running; see the module doc."""

    def work() -> LoadOutcome:
        try:
            return LoadOutcome(loaded=read_form(path, encoding, repair=repair))
        except FormEncodingError as exc:
            return LoadOutcome(error=str(exc), encoding=exc.encoding)
        except FormFileError as exc:  # a bad value has a place: the file can be repaired
            return LoadOutcome(error=str(exc), repairable=exc.location is not None)
        except Exception as exc:  # shown as one line, never a traceback
            return LoadOutcome(error=_describe_failure(path, exc))

    outcome = run_in_background(parent, label, work)
    return LoadOutcome(cancelled=True) if outcome is None else outcome


@dataclass(frozen=True)
class ImportOutcome:
    """The forms found in a workbook, or why none could be read (one line), or cancelled."""

    forms: tuple[ImportedForm, ...] = ()
    error: str | None = None
    cancelled: bool = False


def import_in_background(parent: QWidget, path: Path, label: str) -> ImportOutcome:
    """Read the forms of the workbook or PDF ``path`` off the GUI thread, like
    ``load_in_background``."""

    def work() -> ImportOutcome:
        from perfeval_gui.portfolio.sources import read_forms
        from perfeval_gui.workbook.cells import WorkbookError

        try:
            return ImportOutcome(forms=tuple(read_forms(os.fspath(path))))
        except WorkbookError as exc:
            return ImportOutcome(error=str(FormFileError(exc.source, exc.reason)))
        except Exception as exc:  # shown as one line, never a traceback
            return ImportOutcome(error=_describe_failure(path, exc))

    outcome = run_in_background(parent, label, work)
    return ImportOutcome(cancelled=True) if outcome is None else outcome


def run_in_background(parent: QWidget, label: str, work: Callable[[], T]) -> T | None:
    """``work()`` (which must not raise) in a worker thread; None when the clerk cancelled."""
    box: list[T] = []
    worker = threading.Thread(target=lambda: box.append(work()), name="perfeval-read", daemon=True)
    loop = QEventLoop()
    dialogs: list[QProgressDialog] = []

    def poll_once() -> None:  # the read ended, or Cancel (button, Esc, closing the notice)
        if box or (dialogs and dialogs[0].wasCanceled()):
            loop.quit()

    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(poll_once)
    notice_timer = QTimer()
    notice_timer.setSingleShot(True)
    notice_timer.timeout.connect(loop.quit)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        worker.start()
        worker.join(0.005)  # most reads are done in a few ms: no event loop at all
        if not box:
            poll.start()
            notice_timer.start(NOTICE_MS)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            notice_timer.stop()
        if not box:
            dialog = QProgressDialog(label, _cancel_text(), 0, 0, parent)
            dialog.setObjectName("fileReadProgress")
            dialog.setWindowTitle(QCoreApplication.translate("FileLoader", "正在打开"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialogs.append(dialog)
            dialog.canceled.connect(loop.quit)
            dialog.show()
            loop.exec()
            cancelled = dialog.wasCanceled()
            dialog.canceled.disconnect(loop.quit)
            dialog.close()
            dialog.deleteLater()
            if cancelled and not box:
                return None
    finally:
        poll.stop()
        QApplication.restoreOverrideCursor()
    return box[0]


def _cancel_text() -> str:
    return QCoreApplication.translate("FileLoader", "取消")
