"""Writing a file so that no failure leaves it half-written and no save leaves litter.

The new bytes go to a temporary file beside the target, ``.NAME.PID-HOSTRANDOM.tmp``,
are flushed to the disk, and then replace the target in one rename: a crash, a kill
or a full disk at any moment leaves the old file or the new one, never a mixture.
The temporary file is created like any new file (so a new form honours the umask and
the folder's default ACL); over an existing file it takes that file's mode (and owner,
where allowed). It is removed on every failure path, KeyboardInterrupt included; one
left by a killed save (its writer's process is gone, or it is over an hour old) is
swept when a later save writes into the same folder.

Where the folder forbids creating files but the file itself is writable (a shared
folder set up that way, a sticky folder owned by someone else), the file is rewritten
in place instead of refusing: a copy of the old bytes is kept in the temporary folder
until the new bytes are written, flushed and read back intact, and is written back
if anything fails.

A file marked read-only (no write permission, or no write bit at all, as Windows'
read-only attribute shows it) is never overwritten unless the caller says so.

Raises OSError only (its subclasses below name the cases the caller words specially);
``fileio`` turns them into messages. Nothing from the package is imported: this is a
leaf, also used for the font cache and the recovery copies.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import socket
import stat
import tempfile
import time
import zlib
from pathlib import Path
from typing import Final

STALE_AFTER_SECONDS: Final = 3600.0
"""A temporary file of ours this old is a leftover whatever its writer's process id says
(the writer may be on another computer sharing the folder)."""

_NAME_MAX: Final = 255
_O_BINARY: Final = getattr(os, "O_BINARY", 0)
_O_NOINHERIT: Final = getattr(os, "O_NOINHERIT", 0)
_O_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_PRIVATE: Final = _O_BINARY | _O_NOINHERIT | _O_CLOEXEC


def _host_tag() -> str:
    """Four hex digits naming this computer, stable across processes (crc32, not hash())."""
    try:
        host = socket.gethostname()
    except OSError:  # pragma: no cover - no host name at all
        host = ""
    return f"{zlib.crc32(host.encode('utf-8', 'replace')) & 0xFFFF:04x}"


HOST_TAG: Final = _host_tag()

_OURS: Final = re.compile(
    r"\.(?P<stem>.+)\.(?P<pid>[0-9]{1,10})-(?P<host>[0-9a-f]{4})[0-9a-f]{6}\.tmp", re.S
)
"""Our temporary files: ``.NAME.PID-HOSTRANDOM.tmp``."""
_LEGACY: Final = re.compile(r"\.(?P<stem>.+)\.[a-z0-9_]{8}\.tmp", re.S)
"""Those of versions before 0.2 (tempfile.mkstemp's ``.NAME.XXXXXXXX.tmp``)."""


class ReadOnlyFileError(PermissionError):
    """The target is marked read-only; it was left as it is."""


class NotAFileError(OSError):
    """The target exists but is not a regular file (a folder, a FIFO, a device)."""


class RestoreFailedError(OSError):
    """Rewriting in place failed and the old bytes could not be put back either.

    ``backup`` is the copy of the old bytes, kept for the user.
    """

    def __init__(self, target: Path, backup: Path) -> None:
        super().__init__(errno.EIO, "in-place write and restore failed", str(target))
        self.backup = backup


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (True when that cannot be told)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    process_query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        error = ctypes.GetLastError()  # type: ignore[attr-defined,unused-ignore]
        return bool(error == 5)  # access denied: the process exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active  # an ended process's handle may linger
    finally:
        kernel32.CloseHandle(handle)


def _marked_read_only(path: str | os.PathLike[str], st: os.stat_result) -> bool:
    """No write bit at all (as chmod 444 or Windows' read-only attribute leave it), or no
    write permission for us. The first holds for root too: someone marked it read-only."""
    return st.st_mode & 0o222 == 0 or not os.access(path, os.W_OK)


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing regular file we must not (or cannot) write to."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode) and _marked_read_only(path, st)


def temp_name(name: str, prefix: str = ".", suffix: str = ".tmp") -> str:
    """``.NAME.PID-HOSTRANDOM.tmp``, the name shortened to fit the file-name limit."""
    token = f"{os.getpid()}-{HOST_TAG}{secrets.token_hex(3)}"
    stem = name
    while stem and len(f"{prefix}{stem}.{token}{suffix}".encode("utf-8", "surrogatepass")) > (
        _NAME_MAX
    ):
        stem = stem[:-1]
    return f"{prefix}{stem}.{token}{suffix}"


def _create(folder: Path, name: str, mode: int, prefix: str = ".",
            suffix: str = ".tmp") -> tuple[Path, int]:
    """A new file in ``folder`` (never an existing one), named by ``temp_name``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _PRIVATE
    for _ in range(100):
        path = folder / temp_name(name, prefix, suffix)
        try:
            return path, os.open(path, flags, mode)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - a regular file raises ENOSPC instead
            raise OSError(errno.ENOSPC, "nothing written")
        view = view[written:]


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _keep_mode_and_owner(fd: int, old: os.stat_result) -> None:
    """Give the new file the old one's permission bits (and owner and group, where we may)."""
    if os.name == "nt":  # only the read-only attribute exists, and read-only files are refused
        return
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)  # root saving someone's form
        except OSError:
            with contextlib.suppress(OSError):
                os.fchown(fd, -1, old.st_gid)  # a group we belong to
    with contextlib.suppress(OSError):  # file systems without modes (FAT) refuse; no harm
        os.fchmod(fd, old.st_mode & 0o777)


def _existing(target: Path) -> os.stat_result | None:
    """The target's status, None if it does not exist yet; refuses a folder, FIFO, device."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        code = errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL
        raise NotAFileError(code, "not a regular file", str(target))
    return st


def _final_target(path: Path) -> Path:
    """The file a link points at (the link itself stays a link); the path otherwise."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def write_atomically(
    path: str | os.PathLike[str], data: bytes, *, overwrite_read_only: bool = False
) -> Path:
    """Replace ``path``'s content with ``data`` all at once; returns the file written
    (a link's target). On any failure the old file is intact and no temporary file stays.
    """
    target = _final_target(Path(path))
    old = _existing(target)
    if old is not None and not overwrite_read_only and _marked_read_only(target, old):
        raise ReadOnlyFileError(errno.EACCES, "the file is read-only", str(target))
    folder = target.parent
    try:
        tmp, fd = _create(folder, target.name, 0o666)  # the umask applies, as to any new file
    except PermissionError:
        if old is None or not os.access(target, os.W_OK):
            raise
        write_in_place(target, data)  # the folder is closed, the file is open to us
        return target
    try:
        try:
            if old is not None:
                _keep_mode_and_owner(fd, old)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.replace(tmp, target)
        except PermissionError:
            # A sticky folder (like /tmp) lets us create files but not replace another
            # user's file, which may still be writable to us.
            if old is None or not os.access(target, os.W_OK):
                raise
            _unlink_quietly(tmp)
            write_in_place(target, data)
            return target
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_folder(folder)
    sweep_stale_temps(folder)
    return target


def _read_all(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _overwrite(target: Path, data: bytes) -> None:
    """Rewrite ``target``'s bytes in place (same file, same mode), then read them back."""
    fd = os.open(target, os.O_WRONLY | _PRIVATE)
    try:
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)
    if _read_all(target) != data:
        raise OSError(errno.EIO, "the file does not read back as written", str(target))


def _keep_backup(name: str, data: bytes) -> Path:
    """A private copy of ``data`` in the temporary folder (``perfeval-backup.NAME.….bak``)."""
    folder = Path(tempfile.gettempdir())
    backup, fd = _create(folder, name, 0o600, prefix="perfeval-backup.", suffix=".bak")
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _unlink_quietly(backup)
        raise
    return backup


def write_in_place(target: Path, data: bytes) -> None:
    """Rewrite an existing file in place, safely: for folders that forbid new files.

    The old bytes are kept (in memory and as a file in the temporary folder) until the
    new ones are written, flushed and read back; on any failure they are written back.
    Only if that fails too is the backup left, named by RestoreFailedError.
    """
    old = _read_all(target)
    backup = _keep_backup(target.name, old)
    try:
        _overwrite(target, data)
    except BaseException:
        try:
            _overwrite(target, old)
        except BaseException as again:
            raise RestoreFailedError(target, backup) from again
        _unlink_quietly(backup)
        raise
    _unlink_quietly(backup)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_stale_temps(folder: str | os.PathLike[str], *, now: float | None = None) -> list[str]:
    """Remove the temporary files of ours that a killed save left in ``folder``.

    Ours and stale: ``.NAME.PID-HOSTRANDOM.tmp`` whose writer (same computer) is gone,
    or that is over STALE_AFTER_SECONDS old; the older ``.NAME.XXXXXXXX.tmp`` only when
    that old and NAME is a file beside it. Never follows links, never raises; returns
    the names removed.
    """
    removed: list[str] = []
    moment = time.time() if now is None else now
    try:
        with os.scandir(folder) as entries:
            candidates = [e for e in entries if e.name.startswith(".") and e.name.endswith(".tmp")]
    except OSError:
        return removed
    for entry in candidates:
        ours = _OURS.fullmatch(entry.name)
        legacy = None if ours else _LEGACY.fullmatch(entry.name)
        if ours is None and legacy is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        old = moment - st.st_mtime > STALE_AFTER_SECONDS
        if ours is not None:
            stale = old or (ours["host"] == HOST_TAG and not pid_alive(int(ours["pid"])))
        else:
            assert legacy is not None
            stale = old and os.path.isfile(os.path.join(folder, legacy["stem"]))
        if stale:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(entry.name)
    return removed
