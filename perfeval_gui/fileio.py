"""Reading, migrating and atomically writing form files (format v1, see docs/file-format.md).

Reading never raises anything but FormFileError, whose message is one line
naming the file and the problem, whatever the bytes. Writing goes to a
temporary file in the same folder that replaces the target only once it is
complete on disk, so a crash or a full disk mid-save leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
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


# Migrations from older format versions: version → function returning the next version's data.
_MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


def _decode(data: bytes, source: str) -> Any:
    if not data.strip():
        raise FormFileError(source, "文件为空")
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM, as Windows Notepad writes
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormFileError(
            source, f"不是 UTF-8 编码的文本（第 {exc.start + 1} 字节：0x{data[exc.start]:02x}）"
        ) from None
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise FormFileError(
            source, f"JSON 语法错误（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}"
        ) from None
    except RecursionError:
        raise FormFileError(source, "JSON 嵌套层数过深，不是有效的自评表文件") from None
    except ValueError as exc:  # e.g. an integer literal with more than 4300 digits
        raise FormFileError(source, f"JSON 中有无法读取的数值：{str(exc)[:80]}") from None


def _check_header(data: Any, source: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise FormFileError(source, "不是自评表文件：最外层应为 JSON 对象")
    if data.get("format") != FORMAT_NAME:
        raise FormFileError(source, f"不是自评表文件：format 应为 \"{FORMAT_NAME}\"")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormFileError(source, "version: 应为整数")
    if version > FORMAT_VERSION:
        raise FormFileError(
            source,
            f"由更新版本的程序写入（文件格式 v{version}，本程序只能读取 v{FORMAT_VERSION}），请升级程序",
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
        raise FormFileError(source, f"无法读取：{exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise FormFileError(source, f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    return loads_form(data, source)


def dumps_form(form: Form) -> bytes:
    """The bytes written for ``form``: UTF-8, 2-space indent, Chinese unescaped, stable key order."""
    text = json.dumps(form.to_json_data(), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once; on any failure the old file is untouched."""
    target = Path(path)
    source = str(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FormFileError(source, f"无法写入：{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise FormFileError(source, f"无法写入：{exc.strerror or exc}") from None
        raise


def save_form(form: Form, path: str | os.PathLike[str]) -> None:
    """Write ``form`` to ``path`` atomically."""
    write_bytes_atomic(path, dumps_form(form))
