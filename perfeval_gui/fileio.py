"""Reading, migrating and atomically writing form files (format v1, see docs/file-format.md).

Reading never raises anything but FormFileError, whose message is one line
naming the file and the problem, whatever the bytes. Writing goes to a
temporary file in the same folder that replaces the target only once it is
complete on disk, so a crash or a full disk mid-save leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from perfeval_gui.model import FORMAT_NAME, FORMAT_VERSION, Form, describe_validation_error

MAX_FILE_BYTES: Final = 64 * 1024 * 1024


class FormFileError(Exception):
    """A form file could not be read or written; ``str()`` is one line for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


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
    )
    if (code := getattr(errno, name, None)) is not None  # EDQUOT is POSIX-only
}


def os_reason(exc: OSError) -> str:
    """The reason for an OS error in Chinese, for the command line and the window alike.

    The OS's own text (``strerror``) is English on most Linux desktops, so the
    common errno values are translated here, by number: translating the finished
    message by text would also rewrite a file name that happens to contain the
    English words. Other errors keep the OS's text.
    """
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return reason or exc.strerror or str(exc)


# Migrations from older format versions: version → function returning the next version's data.
_MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


_JSON_MESSAGES: Final = (
    ("Expecting value", "此处应为一个值"),
    ("Expecting property name enclosed in double quotes", "此处应为用双引号括起的键名"),
    ("Expecting ':' delimiter", "此处应为冒号 :"),
    ("Expecting ',' delimiter", "此处应为逗号 ,"),
    ("Unterminated string", "字符串没有结束引号"),
    ("Invalid control character", "字符串中有未转义的控制字符"),
    ("Invalid \\uXXXX escape", "无效的 \\uXXXX 转义"),
    ("Invalid \\escape", "无效的反斜杠转义"),
    ("Extra data", "JSON 数据结束后还有多余内容"),
    ("Illegal trailing comma", "多余的逗号"),
)


def _json_message(msg: str) -> str:
    """The json module's English message, in Chinese."""
    for english, chinese in _JSON_MESSAGES:
        if msg.startswith(english):
            return chinese
    return msg


def _parse_int(text: str) -> int | Decimal:
    """Integers of any length: long ones become Decimal so the model names the field.

    (int() refuses more than 4300 digits with an English ValueError and no position.)
    """
    return int(text) if len(text) <= 100 else Decimal(text)


class _NumberError(ValueError):
    """Carries an unreadable number's text out of json.loads to the one-line message."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _parse_float(text: str) -> Decimal:
    """JSON numbers with a fraction or exponent, exactly (never through a binary float)."""
    try:
        return Decimal(text)
    except ArithmeticError:  # an exponent beyond what Decimal can hold, e.g. 1e99999999999999999999
        raise _NumberError(text) from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Refuse an object with a repeated key: the later value would silently win."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return out


class _DuplicateKeyError(ValueError):
    """Carries the repeated key out of json.loads to the one-line message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _decode(data: bytes, source: str) -> Any:
    """The JSON value in ``data``, numbers as exact Decimals; every failure a FormFileError."""
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM, as Windows Notepad writes
        data = data[3:]
    if not data.strip():
        raise FormFileError(source, "文件为空")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormFileError(
            source, f"不是 UTF-8 编码的文本（第 {exc.start + 1} 字节：0x{data[exc.start]:02x}）"
        ) from None
    try:
        return json.loads(
            text,
            parse_float=_parse_float,
            parse_int=_parse_int,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise FormFileError(
            source,
            f"JSON 语法错误（第 {exc.lineno} 行第 {exc.colno} 列）：{_json_message(exc.msg)}",
        ) from None
    except _NumberError as exc:
        shown = exc.text if len(exc.text) <= 40 else exc.text[:40] + "…"
        raise FormFileError(source, f"JSON 中有超出范围的数值：{shown}") from None
    except _DuplicateKeyError as exc:
        key = json.dumps(exc.key, ensure_ascii=not exc.key.isprintable())[:60]
        raise FormFileError(source, f"JSON 对象中键 {key} 出现了两次") from None
    except RecursionError:
        raise FormFileError(source, "JSON 嵌套层数过深，不是有效的自评表文件") from None
    except (ValueError, ArithmeticError) as exc:  # pragma: no cover - last guard for odd numbers
        raise FormFileError(source, f"JSON 中有无法读取的数值：{str(exc)[:80]}") from None


def _check_header(decoded: Any, source: str) -> dict[str, Any]:
    """The top-level object of a form file, migrated to the current format version."""
    if not isinstance(decoded, dict):
        raise FormFileError(source, "不是自评表文件：最外层应为 JSON 对象")
    data: dict[str, Any] = decoded  # object_pairs_hook gives str keys
    if data.get("format") != FORMAT_NAME:
        raise FormFileError(source, f"不是自评表文件：format 应为 \"{FORMAT_NAME}\"")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormFileError(source, "version: 应为整数")
    if version > FORMAT_VERSION:
        raise FormFileError(
            source,
            f"由更新版本的程序写入（文件格式 v{version}，"
            f"本程序只能读取 v{FORMAT_VERSION}），请升级程序",
        )
    while version < FORMAT_VERSION:
        migrate = _MIGRATIONS.get(version)
        if migrate is None:
            raise FormFileError(source, f"version: 不支持的文件格式版本 v{version}")
        data = migrate(data)
        version = data["version"]
    return data


def loads_form(data: bytes, source: str = "<数据>") -> Form:
    """Parse the bytes of a form file; raises only FormFileError."""
    try:
        raw = _check_header(_decode(data, source), source)
        return Form.model_validate(raw)
    except FormFileError:
        raise
    except ValidationError as exc:
        raise FormFileError(source, describe_validation_error(exc)) from None
    except RecursionError:
        raise FormFileError(source, "数据嵌套层数过深") from None
    except Exception as exc:  # last line of defence: never a traceback for a bad file
        raise FormFileError(source, f"无法读取：{type(exc).__name__}: {exc}"[:200]) from None


def load_form(path: str | os.PathLike[str]) -> Form:
    """Read a form file; raises only FormFileError, naming the file."""
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise FormFileError(source, "文件不存在") from None
    except IsADirectoryError:
        raise FormFileError(source, "这是一个文件夹，不是文件") from None
    except PermissionError:
        raise FormFileError(source, "没有读取权限") from None
    except OSError as exc:
        raise FormFileError(source, f"无法读取：{os_reason(exc)}") from None
    if len(data) > MAX_FILE_BYTES:
        raise FormFileError(source, f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    return loads_form(data, source)


def dumps_form(form: Form) -> bytes:
    """The bytes written for ``form``: UTF-8, 2-space indent, Chinese unescaped, stable keys."""
    text = json.dumps(form.to_json_data(), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once; on any failure the old file is untouched."""
    import tempfile  # only needed for writing; keeps `perfeval check` start-up lean

    target = Path(path)
    source = str(path)
    if target.is_symlink():  # write through a link to the real file; keep the link
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FormFileError(source, f"无法写入：{os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
        os.replace(tmp_name, target)
        _fsync_folder(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise FormFileError(source, f"无法写入：{os_reason(exc)}") from None
        raise


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


def save_form(form: Form, path: str | os.PathLike[str]) -> None:
    """Write ``form`` to ``path`` atomically."""
    write_bytes_atomic(path, dumps_form(form))
