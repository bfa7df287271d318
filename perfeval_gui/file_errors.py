"""FormFileError and its one-line messages: file names quoted and escaped, OS errors in Chinese.

Every message about a form file is one bounded line: the file's name quoted (“…”),
shortened to MAX_NAME_CHARS with … in the middle (its end names the file), with
control characters, line separators, bidi controls and undecodable bytes written as
visible escapes, so a name can neither split the line nor reorder it; then the reason
in Chinese, cut at MAX_REASON_CHARS. OS errors are translated by errno, never by text.
Used by fileio (reading, writing) and by the window for its own messages about files.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from typing import Final

from perfeval_gui import safe_write
from perfeval_gui.fieldpath import FieldPath

MAX_NAME_CHARS: Final = 80
"""A file name in a message is shortened to this many characters (… in the middle)."""
MAX_REASON_CHARS: Final = 300
"""The reason part of a message is cut at this many characters (… at the end)."""

# --- one bounded, visible line ----------------------------------------------------------

_BIDI: Final = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    if char in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line with nothing hidden: control characters, line and paragraph
    separators, bidi controls and undecodable bytes written as escapes (``\\n``,
    ``\\u202e``, ``\\xff``), so a name can neither split the line nor reorder it."""
    out: list[str] = []
    for char in text:
        if char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def shorten(text: str, limit: int, *, middle: bool = False) -> str:
    """``text`` cut to ``limit`` characters with … (in the middle for a path: its end
    names the file)."""
    if len(text) <= limit:
        return text
    if middle:
        head = limit // 4
        return text[:head] + "…" + text[len(text) - (limit - head - 1):]
    return text[: limit - 1] + "…"


def quote_name(source: str) -> str:
    """A file's name as messages show it: “…”, escaped, at most MAX_NAME_CHARS inside."""
    return f"“{shorten(visible(source), MAX_NAME_CHARS, middle=True)}”"


class FormFileError(Exception):
    """A form file could not be read or written; ``str()`` is one line for the user.

    ``source`` is the file as given; ``reason`` the problem in the clerk's words;
    ``location`` the refused field of a bad value (else None) and ``detail`` the reason
    with the field path (``indicators[3].weight: 不能为负数``), for ``--json`` and logs.
    """

    def __init__(
        self,
        source: str,
        reason: str,
        *,
        location: FieldPath | None = None,
        detail: str | None = None,
    ) -> None:
        self.source = source
        self.reason = shorten(visible(reason), MAX_REASON_CHARS)
        self.location = location
        self.detail = self.reason if detail is None else shorten(visible(detail), MAX_REASON_CHARS)
        super().__init__(str(self))

    @property
    def name(self) -> str:
        """The file's name as the message quotes it."""
        return quote_name(self.source)

    def __str__(self) -> str:
        return f"{self.name}：{self.reason}"

    def detailed(self) -> str:
        """The message with the field path instead of the cell's name (``--json``)."""
        return f"{self.name}：{self.detail}"


class FormEncodingError(FormFileError):
    """The file is text in another encoding (``encoding``: ``"gbk"``, ``"utf-16"`` …):
    ``load_form(path, encoding=…)`` reads it; it is saved back as UTF-8."""

    def __init__(self, source: str, reason: str, *, encoding: str) -> None:
        super().__init__(source, reason)
        self.encoding = encoding


# --- OS errors in Chinese ---------------------------------------------------------------

_OS_REASONS: Final[dict[int, str]] = {
    code: reason
    for name, reason in (
        ("ENOENT", "文件或文件夹不存在"),
        ("EACCES", "没有权限（文件夹只读，或文件正被其他程序占用）"),
        ("EPERM", "操作不被允许"),
        ("ENOSPC", "磁盘空间已满"),
        ("EDQUOT", "超出磁盘配额"),
        ("EROFS", "磁盘或文件夹是只读的"),
        ("EISDIR", "这是一个文件夹，不是文件"),
        ("ENOTDIR", "路径中有一项不是文件夹"),
        ("ENAMETOOLONG", "文件名过长"),
        ("EIO", "读写磁盘出错"),
        ("ELOOP", "符号链接形成了循环（或链接层数过多），找不到真正的文件"),
        ("EBUSY", "文件或设备正忙"),
        ("ETXTBSY", "文件正被其他程序使用"),
        ("EAGAIN", "暂时无法访问，请稍后重试"),
        ("EINTR", "操作被中断"),
        ("EFBIG", "文件过大"),
        ("EMFILE", "打开的文件过多"),
        ("ENFILE", "系统打开的文件过多"),
        ("ENOMEM", "内存不足"),
        ("EINVAL", "文件名或参数无效"),
        ("EEXIST", "文件已存在"),
        ("EXDEV", "不能跨磁盘移动文件"),
        ("ENXIO", "设备或地址不存在"),
        ("ENODEV", "设备不存在"),
        ("ETIMEDOUT", "操作超时（网络共享可能无响应）"),
        ("ESTALE", "网络文件已失效，请重新打开"),
        ("EHOSTDOWN", "网络共享所在的计算机无法访问"),
        ("EHOSTUNREACH", "网络共享所在的计算机无法访问"),
        ("ENETDOWN", "网络不可用"),
        ("ENETUNREACH", "网络不可用"),
        ("ECONNRESET", "网络连接中断"),
        ("ENOLCK", "无法锁定文件"),
        ("EOPNOTSUPP", "该磁盘或文件系统不支持此操作"),
        ("ENOTSUP", "该磁盘或文件系统不支持此操作"),
        ("ENOTEMPTY", "文件夹不为空"),
        ("EBADF", "文件句柄无效"),
    )
    if (code := getattr(errno, name, None)) is not None  # EDQUOT, ETXTBSY … are POSIX-only
}
_WINDOWS_LOOP: Final = 1921  # ERROR_CANT_RESOLVE_FILENAME: a reparse-point loop


def os_reason(exc: OSError) -> str:
    """The reason for an OS error in Chinese, for the command line and the window alike.

    By errno, never by the OS's text (``strerror`` is English on most Linux desktops,
    and translating the finished message by text would also rewrite a file name that
    happens to contain the English words). An errno not in the table is named by its
    code on POSIX; on Windows the OS's own text is in the system's language.
    """
    if getattr(exc, "winerror", None) == _WINDOWS_LOOP:
        return _OS_REASONS[errno.ELOOP]
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason:
        return reason
    if os.name == "nt" and exc.strerror:  # pragma: no cover - Windows only
        return exc.strerror
    if exc.errno is not None:
        return f"系统错误（{errno.errorcode.get(exc.errno, '')} {exc.errno}）".replace("（ ", "（")
    return "系统错误"


def read_reason(exc: OSError) -> str:
    """Why a file could not be opened for reading."""
    if exc.errno == errno.ENOENT:
        return "文件不存在"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取权限"
    if exc.errno in (errno.EISDIR, errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP) or (
        getattr(exc, "winerror", None) == _WINDOWS_LOOP
    ):
        return os_reason(exc)
    return f"无法读取：{os_reason(exc)}"


def not_regular(mode: int) -> str:
    """Why a path that is not a regular file is refused unread."""
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是一个命名管道（FIFO），不是普通文件，未读取"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备，不是普通文件，未读取"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件，未读取"
    return "不是普通文件，未读取"


def write_reason(exc: OSError) -> str:
    """Why a save failed (safe_write's errors, in the clerk's words)."""
    if isinstance(exc, safe_write.ReadOnlyFileError):
        return "文件是只读的，未覆盖（请另存为其他文件，或先取消文件的只读属性）"
    if isinstance(exc, safe_write.NotAFileError):
        return "无法写入：目标不是普通文件（是文件夹或设备），未覆盖"
    if isinstance(exc, safe_write.RestoreFailedError):
        # The whole path, not shortened: the clerk has to find it.
        return f"写入失败，原文件可能已损坏；原内容的备份在 “{visible(str(exc.backup))}”"
    return f"无法写入：{os_reason(exc)}"
