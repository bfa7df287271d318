"""Reading a file the clerk named without ever blocking: regular files only, size-capped.

A FIFO nobody writes to, a device, a socket or a folder would hang or fail an ordinary
``open().read()``; a huge file would fill memory. The path is checked before opening (so
a FIFO or device is not even opened) and the opened descriptor again (in case the path
was swapped meanwhile; the open itself is non-blocking). Shared by the form reader
(fileio) and the workbook reader, which word the errors for the clerk.
"""

from __future__ import annotations

import os
import stat
from typing import Final

_O_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY: Final = getattr(os, "O_NOCTTY", 0)
_O_BINARY: Final = getattr(os, "O_BINARY", 0)
_O_NOINHERIT: Final = getattr(os, "O_NOINHERIT", 0)
_CHUNK: Final = 1 << 20


class NotRegularFileError(OSError):
    """The path is a folder, FIFO, device or socket: refused unread (``mode`` says which)."""

    def __init__(self, mode: int) -> None:
        super().__init__("not a regular file")
        self.mode = mode


class TooLargeError(OSError):
    """The file is larger than the cap (checked on its size and while reading)."""


def _opener(path: str, flags: int) -> int:
    """For open(): a FIFO swapped in after the check still cannot block the open, a
    terminal never becomes ours, the descriptor is not inherited."""
    return os.open(path, flags | _O_NONBLOCK | _O_NOCTTY | _O_BINARY | _O_NOINHERIT)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises NotRegularFileError, TooLargeError, or the OSError of the system (ValueError
    or TypeError for a name the system cannot take: a NUL, a lone surrogate).
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(mode)
    with open(path, "rb", buffering=0, opener=_opener) as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(st.st_mode)
        if st.st_size > limit:
            raise TooLargeError("file too large")
        chunks: list[bytes] = []
        total = 0
        while chunk := handle.read(min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise TooLargeError("file too large")
    return b"".join(chunks)
