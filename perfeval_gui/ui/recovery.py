"""Keep recovery files on disk: typed data survives a crash or a power cut (no widgets here).

The store writes one editing session's unsaved form and finds the orphans of crashed
sessions; ``autosave.Autosaver`` decides when to write, ``restore_dialog`` asks the
user what to do with orphans. Usage (for the window)::

    from perfeval_gui.ui.recovery import RecoveryStore

    # at start-up, after QApplication has its organisation/application names:
    self._recovery = RecoveryStore()                      # or RecoveryStore(tmp_path) in tests
    items = self._recovery.find_orphans()                 # newest first, bytes pre-checked
    item = offer_restore(self, self._recovery, items) if items else None   # restore_dialog
    if item is not None:
        form = loads_form(item.data, str(item.path))      # always loads: items are pre-checked
        ...show form as unsaved, with item.original (Path | None) as its file...
        self._recovery.adopt(item)                        # now this session's file; orphan gone

    # after a successful Save / Save As: self._recovery.clear_session()
    # in closeEvent once the user has saved or chosen not to: self._recovery.close()

Typed text the form file cannot hold (``12..5`` typed in a number cell, not yet
accepted) goes into the sidecar as ``pending`` entries (``PendingEntry``: field path,
text, reason); ``RecoveryItem.pending`` brings them back and the window shows them as
refused (red) entries, so nothing typed is lost even when it is not a valid value.
``adopt`` tells its ``on_adopt`` listeners, which is where the window puts them on screen.

Layout in the folder (default: QStandardPaths AppDataLocation / "recovery"), per session
``recovery-<pid>-<YYYYmmddTHHMMSS>-<random>``:
``.json`` — the unsaved form's bytes exactly (a valid form file that can also be opened by hand);
``.meta.json`` — original path, pid, times, size and SHA-256 of the data, pending entries;
``.lock`` — a QLockFile held while the session runs. A session is orphaned when its lock
is stale (QLockFile checks the pid, the process name and the boot, so a reused pid is not
mistaken for a live editor); without a lock file the pid is checked, and files untouched
for STALE_AFTER are treated as orphaned whatever the pid. find_orphans also sweeps what
dead sessions leave beside their data (temporary files of a cut-short write, sidecars
without data); data files are only ever deleted by clear_session, discard or adopt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QLockFile, QStandardPaths

from perfeval_gui.fileio import (
    MAX_FILE_BYTES,
    FormFileError,
    loads_form,
    os_reason,
    write_bytes_atomic,
)
from perfeval_gui.safe_write import pid_alive
from perfeval_gui.ui.settings import APPLICATION, ORGANIZATION

logger = logging.getLogger(__name__)

STALE_AFTER: Final = timedelta(days=2)
"""A recovery file without a lock file, untouched this long, is orphaned even if its pid runs."""

META_FORMAT: Final = "perfeval-gui-recovery"
META_VERSION: Final = 1

_STEM_RE: Final = re.compile(r"recovery-(?P<pid>\d{1,10})-(?P<stamp>\d{8}T\d{6})-[0-9a-f]{6,32}")
_LEFTOVER_RE: Final = re.compile(
    r"(?P<tmp>\.)?(?P<stem>recovery-(?P<pid>\d{1,10})-\d{8}T\d{6}-[0-9a-f]{6,32})"
    r"(?P<rest>\.json\..+\.tmp|\.meta\.json\..+\.tmp|\.meta\.json|\.lock)"
)
"""Sidecars, locks and write_bytes_atomic's temporary files (".<name>.<random>.tmp")."""
MAX_PENDING: Final = 10_000
"""Pending entries read back from a sidecar at most (a damaged sidecar stays harmless)."""
_META_LIMIT: Final = 64 * 1024 * 1024
"""Largest sidecar read: pending entries are typed texts of up to 100 000 characters."""
_DATA_SUFFIX: Final = ".json"
_META_SUFFIX: Final = ".meta.json"
_LOCK_SUFFIX: Final = ".lock"


def default_folder() -> Path:
    """AppDataLocation/recovery; the same place before the application names are set."""
    app = QCoreApplication.instance()
    if app is not None and QCoreApplication.organizationName() and app.applicationName():
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        if base:
            return Path(base) / "recovery"
    generic = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    root = Path(generic) if generic else Path.home() / ".local" / "share"
    return root / ORGANIZATION / APPLICATION / "recovery"


def is_form_bytes(data: bytes) -> bool:
    """Default check on recovered bytes: only files that load as a form are offered."""
    try:
        loads_form(data, "<恢复文件>")
    except FormFileError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class PendingEntry:
    """Text on screen that the form file cannot hold: shown again as a refused entry."""

    path: str  # the field's path, 'indicators[2].score'
    text: str  # exactly as typed
    reason: str  # why it was refused (Chinese, one line)


@dataclass(frozen=True, slots=True)
class RecoveryItem:
    """A recovery file left behind by an editor that is no longer running."""

    path: Path  # the recovered form's bytes (a form file)
    data: bytes  # those bytes, read and checked when the item was found
    original: Path | None  # the file the user was editing, None for a never-saved form
    saved_at: datetime  # when it was autosaved (timezone-aware)
    pid: int | None  # the process that wrote it
    pending: tuple[PendingEntry, ...] = ()  # typed texts the data cannot hold

    def display_name(self) -> str:
        """The original file's name, or 未命名 for a form never saved."""
        return (
            self.original.name
            if self.original is not None
            else QCoreApplication.translate("recovery", "未命名")
        )


class RecoveryStore:
    """The recovery files of one editing session, and the orphans of crashed ones."""

    def __init__(
        self,
        folder: str | os.PathLike[str] | None = None,
        validate: Callable[[bytes], bool] | None = is_form_bytes,
    ) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self._validate = validate
        self._pid = os.getpid()
        self._started_at = datetime.now(UTC)
        stamp = self._started_at.astimezone().strftime("%Y%m%dT%H%M%S")
        self._stem = f"recovery-{self._pid}-{stamp}-{secrets.token_hex(4)}"
        self._lock: QLockFile | None = None
        self.on_adopt: list[Callable[[RecoveryItem], object]] = []
        """Called with each adopted item, after its form is on screen (see adopt)."""

    # --- this session -------------------------------------------------------------------
    def path_for_session(self) -> Path:
        """Where this session's unsaved form goes (unique per store, hence per process)."""
        return self.folder / (self._stem + _DATA_SUFFIX)

    def has_session_file(self) -> bool:
        """Whether this session's recovery file currently exists on disk."""
        return self.path_for_session().is_file()

    def save(
        self,
        data: bytes,
        original: Path | None = None,
        pending: Sequence[PendingEntry] = (),
    ) -> None:
        """Write this session's recovery file atomically (raises FormFileError on failure).

        ``pending``: typed texts the data cannot hold, kept in the sidecar with the data's
        hash (they belong to exactly these bytes).
        """
        self._ensure_folder()
        self._ensure_lock()
        data = bytes(data)
        write_bytes_atomic(self.path_for_session(), data)
        meta: dict[str, Any] = {
            "format": META_FORMAT,
            "version": META_VERSION,
            "pid": self._pid,
            "original": str(original) if original is not None else None,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "started_at": self._started_at.isoformat(timespec="seconds"),
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        if pending:
            meta["pending"] = [
                {"path": entry.path, "text": entry.text, "reason": entry.reason}
                for entry in pending
            ]
        encoded = json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        write_bytes_atomic(self._sibling(self._stem, _META_SUFFIX), encoded)

    def clear_session(self) -> None:
        """Delete this session's recovery file (after a successful save or on a clean exit)."""
        for path in (self.path_for_session(), self._sibling(self._stem, _META_SUFFIX)):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                logger.warning("cannot remove recovery file %s: %s", path, exc)

    def close(self) -> None:
        """Clean exit: remove this session's files and release its lock."""
        self.clear_session()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def adopt(self, item: RecoveryItem) -> None:
        """Take a restored orphan over: its bytes become this session's, then it is discarded.

        In this order, so a crash in between leaves the data in at least one place. The
        caller has put the item's form on screen; ``on_adopt`` listeners then show its
        pending entries there.
        """
        self.save(item.data, item.original, item.pending)
        self.discard(item)
        for listener in self.on_adopt:
            listener(item)

    # --- other sessions -----------------------------------------------------------------
    def find_orphans(self) -> list[RecoveryItem]:
        """Recovery files of editors no longer running, newest first.

        Unreadable, empty, oversized or (with the default ``validate``) non-form files
        are skipped with a log line, never raised; they are left on disk untouched.
        """
        try:
            names = sorted(entry.name for entry in os.scandir(self.folder) if entry.is_file())
        except OSError:
            return []
        items: list[RecoveryItem] = []
        self._sweep_leftovers(names)
        for name in names:
            if not name.endswith(_DATA_SUFFIX) or name.endswith(_META_SUFFIX):
                continue
            stem = name[: -len(_DATA_SUFFIX)]
            match = _STEM_RE.fullmatch(stem)
            if match is None or stem == self._stem:
                continue
            path = self.folder / name
            pid = int(match["pid"])
            if self._owner_alive(stem, pid, path):
                continue
            item = self._load_item(path, stem, pid)
            if item is not None:
                items.append(item)
        items.sort(key=lambda item: item.saved_at, reverse=True)
        return items

    def discard(self, item: RecoveryItem) -> None:
        """Delete an orphan's files (data, sidecar and any stale lock)."""
        stem = item.path.name.removesuffix(_DATA_SUFFIX)
        if item.path.parent == self.folder and stem == self._stem:
            self.clear_session()
            return
        for path in (
            item.path,
            item.path.with_name(stem + _META_SUFFIX),
            item.path.with_name(stem + _LOCK_SUFFIX),
        ):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                logger.warning("cannot remove recovery file %s: %s", path, exc)

    # --- internals ----------------------------------------------------------------------
    def _sweep_leftovers(self, names: list[str]) -> None:
        """Remove what dead sessions leave beside their data: half-written temporary files
        and sidecars or locks whose data file is gone. Data files themselves are never swept."""
        present = set(names)
        for name in names:
            match = _LEFTOVER_RE.fullmatch(name)
            if match is None or match["stem"] == self._stem:
                continue
            if bool(match["tmp"]) != match["rest"].endswith(".tmp"):
                continue
            stem = match["stem"]
            if not match["tmp"] and stem + _DATA_SUFFIX in present:
                continue  # a sidecar or lock of a data file: handled with that file
            if self._owner_alive(stem, int(match["pid"]), self.folder / name):
                continue
            try:
                (self.folder / name).unlink(missing_ok=True)
            except OSError as exc:
                logger.warning("cannot remove leftover recovery file %s: %s", name, exc)

    def _sibling(self, stem: str, suffix: str) -> Path:
        return self.folder / (stem + suffix)

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise FormFileError(
                str(self.folder),
                QCoreApplication.translate("recovery", "无法创建恢复文件夹：%1").replace(
                    "%1", os_reason(exc)
                ),
            ) from None

    def _ensure_lock(self) -> None:
        if self._lock is not None:
            return
        lock = QLockFile(str(self._sibling(self._stem, _LOCK_SUFFIX)))
        lock.setStaleLockTime(0)  # never stale by age: the editor may run for days
        if lock.tryLock(0):
            self._lock = lock
        else:  # other sessions then fall back to the pid check
            logger.warning("cannot lock recovery session %s: %s", self._stem, lock.error())

    def _owner_alive(self, stem: str, pid: int, data_path: Path) -> bool:
        lock_path = self._sibling(stem, _LOCK_SUFFIX)
        if lock_path.exists():
            lock = QLockFile(str(lock_path))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):  # the owner is gone: Qt removed its stale lock
                lock.unlock()
                return False
            if lock.error() == QLockFile.LockError.LockFailedError:
                return True
            # Unreadable lock: decide by pid and age below.
        if pid != self._pid and not pid_alive(pid):
            return False
        # The pid runs (perhaps another store of this very process, perhaps a reused pid):
        # alive unless the file has not been touched for a long time.
        try:
            age = datetime.now(UTC) - datetime.fromtimestamp(data_path.stat().st_mtime, UTC)
        except OSError:
            return False
        return age < STALE_AFTER

    def _load_item(self, path: Path, stem: str, pid: int) -> RecoveryItem | None:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                logger.warning("recovery file %s skipped: %d bytes", path, size)
                return None
            data = path.read_bytes()
            mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError as exc:
            logger.warning("recovery file %s skipped: %s", path, exc)
            return None
        if not data.strip():
            logger.warning("recovery file %s skipped: empty", path)
            return None
        if self._validate is not None:
            try:
                valid = self._validate(data)
            except Exception as exc:  # a caller's validator must not break start-up
                logger.warning("recovery file %s skipped: %s", path, exc)
                return None
            if not valid:
                logger.warning("recovery file %s skipped: not a readable form", path)
                return None
        meta = self._read_meta(self._sibling(stem, _META_SUFFIX))
        original_text = meta.get("original")
        original = Path(original_text) if isinstance(original_text, str) and original_text else None
        saved_at = mtime
        pending: tuple[PendingEntry, ...] = ()
        if meta.get("sha256") == hashlib.sha256(data).hexdigest():
            saved_at = _parse_time(meta.get("saved_at")) or mtime
            pending = _pending_entries(meta.get("pending"))
        meta_pid = meta.get("pid")
        if isinstance(meta_pid, int) and not isinstance(meta_pid, bool):
            pid = meta_pid
        return RecoveryItem(
            path=path, data=data, original=original, saved_at=saved_at, pid=pid, pending=pending
        )

    @staticmethod
    def _read_meta(path: Path) -> dict[str, Any]:
        try:
            if path.stat().st_size > _META_LIMIT:
                return {}
            raw = path.read_bytes()
            meta = json.loads(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return {}
        if not isinstance(meta, dict) or meta.get("format") != META_FORMAT:
            return {}
        return meta


def _pending_entries(value: object) -> tuple[PendingEntry, ...]:
    """The sidecar's pending entries; anything malformed is left out, never raised."""
    if not isinstance(value, list):
        return ()
    entries: list[PendingEntry] = []
    for raw in value[:MAX_PENDING]:
        if not isinstance(raw, dict):
            continue
        path, text, reason = raw.get("path"), raw.get("text"), raw.get("reason")
        if isinstance(path, str) and isinstance(text, str):
            entries.append(PendingEntry(path, text, reason if isinstance(reason, str) else ""))
    return tuple(entries)


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


__all__ = [
    "STALE_AFTER",
    "PendingEntry",
    "RecoveryItem",
    "RecoveryStore",
    "default_folder",
    "is_form_bytes",
    "pid_alive",
]
