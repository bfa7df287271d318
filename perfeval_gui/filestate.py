"""What a form file on disk was when it was loaded or saved, to notice when it changes.

Two writers must never silently destroy each other's save: the window keeps the
``FileIdentity`` (size, modification time, SHA-256 of the bytes) of the file as it
read or wrote it, and compares it with the file on disk before every save. The
content hash decides: a file rewritten with the same bytes (a ``touch``, another
window saving the same form) loses nothing when overwritten, while a same-size edit
within the clock resolution of FAT (2 s) is still noticed. No Qt here: the command
line may use it too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final

HASH_CHUNK: Final = 1024 * 1024
MAX_HASHED_BYTES: Final = 256 * 1024 * 1024
"""Beyond this the file is certainly not a form; its identity is size and time only."""


@dataclass(frozen=True)
class FileIdentity:
    """A file's size, modification time (ns) and the SHA-256 of its content (hex)."""

    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: FileIdentity) -> bool:
        """True when overwriting ``other`` with what ``self`` describes would lose nothing."""
        return self.size == other.size and self.sha256 == other.sha256

    def same_stat(self, size: int, mtime_ns: int) -> bool:
        """Cheap pre-check: the size and time are unchanged (no need to hash again)."""
        return self.size == size and self.mtime_ns == mtime_ns


def identity_of_bytes(data: bytes, mtime_ns: int) -> FileIdentity:
    """The identity of a file holding exactly ``data`` (what a save just wrote)."""
    return FileIdentity(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def identify(path: str | os.PathLike[str]) -> FileIdentity | None:
    """The identity of the regular file at ``path``; None when there is no file there.

    Never blocks on a FIFO or device (opened non-blocking, refused unless a regular
    file); other failures raise OSError.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file", str(path))
        digest = hashlib.sha256()
        if info.st_size <= MAX_HASHED_BYTES:
            while chunk := os.read(fd, HASH_CHUNK):
                digest.update(chunk)
        return FileIdentity(info.st_size, info.st_mtime_ns, digest.hexdigest())
    finally:
        os.close(fd)


def stat_key(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(size, mtime_ns) of ``path``, following links; None when nothing is there."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return info.st_size, info.st_mtime_ns


def absolute(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute with links resolved where possible; never raises.

    ``Path.resolve()`` raises RuntimeError on a symlink loop (Python 3.11) and may
    raise OSError: error paths must not trip over the very file they report.
    """
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))
