"""The lock taken beside an open form, as LibreOffice does, so a second opener is warned.

The lock is a ``QLockFile`` named ``.~lock.NAME#`` in the form's folder: the name
LibreOffice and WPS users already recognise, hidden on Linux, and not ending in
``.json``, so the open dialog's filter, the drop handler and the package data never
pick it up. ``QLockFile`` records the process id, the program and the host, and
tells a stale lock (its process died on this host) from a live one portably; its
age is ignored (``setStaleLockTime(0)``), since a form stays open for hours. It
cannot record the user, so a small sidecar ``.~lock.NAME#.owner`` (JSON: user,
host, since, pid) written next to it names who has the file. A lock that cannot
be created (read-only folder or medium) never stops the form from opening.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QLockFile, QSysInfo

OWNER_SUFFIX: Final = ".owner"
MAX_OWNER_BYTES: Final = 4096


class LockState(Enum):
    ACQUIRED = "acquired"
    HELD = "held"
    """Someone else (another process, another window of this one) has the file open."""
    UNAVAILABLE = "unavailable"
    """No lock could be created (read-only folder): the file opens unlocked."""


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as far as the lock files tell."""

    user: str
    host: str
    since: datetime | None
    pid: int
    this_process: bool
    """The holder is another window of this very program."""


def lock_path_for(path: Path) -> Path:
    """``/a/b/form.json`` → ``/a/b/.~lock.form.json#``."""
    return path.with_name(f".~lock.{path.name}#")


def current_user() -> str:
    """The login name ('' when the system cannot tell)."""
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (containers): not worth failing
        return ""


class FormLock:
    """The lock on one file, held from a successful :meth:`acquire` until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = lock_path_for(path)
        self.owner_path = self.lock_path.with_name(self.lock_path.name + OWNER_SUFFIX)
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # age says nothing: forms stay open all day
        self.held = False

    def acquire(self) -> LockState:
        """Take the lock (a stale one of a dead process on this host is taken over)."""
        try:
            locked = self._lock.tryLock(0)
        except Exception:  # pragma: no cover - Qt reports failures by error(), not raising
            return LockState.UNAVAILABLE
        if locked:
            self.held = True
            self._write_owner()
            _hide_on_windows(self.lock_path, self.owner_path)
            return LockState.ACQUIRED
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return LockState.HELD
        return LockState.UNAVAILABLE

    def owner(self) -> LockOwner:
        """Who holds the lock now (best effort: the sidecar may be missing or foreign)."""
        pid, host, _program = self._lock.getLockInfo()  # (0, "", "") when unreadable
        data = _read_owner(self.owner_path)
        user = data.get("user") if isinstance(data.get("user"), str) else ""
        since = _parse_time(data.get("since"))
        if data.get("pid") != pid:  # a sidecar left from an earlier holder says nothing
            user, since = "", None
        if since is None:
            with contextlib.suppress(OSError, ValueError, OverflowError):
                since = datetime.fromtimestamp(self.lock_path.stat().st_mtime)
        return LockOwner(
            user=str(user),
            host=host,
            since=since,
            pid=pid,
            this_process=pid == os.getpid() and host == QSysInfo.machineHostName(),
        )

    def release(self) -> None:
        """Give the file free (closing it, opening another, quitting)."""
        if not self.held:
            return
        self.held = False
        with contextlib.suppress(OSError):
            self.owner_path.unlink()
        self._lock.unlock()

    def _write_owner(self) -> None:
        data = {
            "user": current_user(),
            "host": QSysInfo.machineHostName(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
            "pid": os.getpid(),
        }
        with contextlib.suppress(OSError):
            self.owner_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read_owner(path: Path) -> dict[str, Any]:
    """The sidecar's fields; {} when it is missing, too big or not ours."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return {}
    try:
        raw = os.read(fd, MAX_OWNER_BYTES + 1)
    except OSError:
        return {}
    finally:
        os.close(fd)
    if len(raw) > MAX_OWNER_BYTES:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _hide_on_windows(*paths: Path) -> None:
    """Windows shows dot files: mark the lock files hidden, as LibreOffice does."""
    if os.name != "nt":
        return
    import ctypes

    hidden = 0x2  # FILE_ATTRIBUTE_HIDDEN
    for path in paths:
        with contextlib.suppress(Exception):  # pragma: no cover - Windows only
            ctypes.windll.kernel32.SetFileAttributesW(str(path), hidden)  # type: ignore[attr-defined]
