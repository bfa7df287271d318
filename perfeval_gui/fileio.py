"""Reading, migrating and safely writing form files (format v2, see docs/file-format.md).

Reading never raises anything but FormFileError, whatever the path and whatever the
bytes, and never blocks: only regular files are opened (a FIFO, a device, a socket or
a folder is refused at once, before anything is read), at most MAX_FILE_BYTES. The
message is one bounded line: the file's name quoted, shortened and with control and
bidi characters escaped, then the problem in the clerk's words (a refused value is
named by its cell, ``第 2 行指标的分值不能为负数``; the field path stays in ``detail``
for ``perfeval check --json``). A file cut short is reported as cut short; a GBK file
is recognised (FormEncodingError) and can be read with ``encoding="gbk"``; a sound
file with bad values can be opened for repair (``load_form_for_repair``).

Writing is safe_write's: a temporary file replaces the target only once complete on
disk, keeping the file's mode; see that module. The error and its message format are
file_errors' (re-exported here).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from pydantic import ValidationError

from perfeval_gui import safe_read, safe_write
from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.file_errors import (
    MAX_NAME_CHARS,
    MAX_REASON_CHARS,
    FormEncodingError,
    FormFileError,
    not_regular,
    os_reason,
    quote_name,
    read_reason,
    shorten,
    visible,
    write_reason,
)
from perfeval_gui.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    PUBLISHED_FIGURES,
    Form,
    describe_validation_error,
    validation_error_words,
    validation_problems,
)
from perfeval_gui.safe_write import is_read_only
from perfeval_gui.spec import STANDARD

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NAME_CHARS",
    "MAX_REASON_CHARS",
    "FormEncodingError",
    "FormFileError",
    "Refused",
    "dumps_form",
    "is_read_only",
    "load_form",
    "load_form_for_repair",
    "loads_form",
    "loads_form_for_repair",
    "os_reason",
    "quote_name",
    "read_form_file",
    "save_form",
    "visible",
    "write_bytes_atomic",
]

MAX_FILE_BYTES: Final = 50 * 1024 * 1024
"""A form file is a few hundred KB at most; anything over 50 MB is refused unread."""


@dataclass(frozen=True, slots=True)
class Refused:
    """A value ``load_form_for_repair`` set aside: the window shows it red in its cell."""

    location: FieldPath
    text: str
    """The value as the file had it (a number's digits, a text with its bad characters)."""
    reason: str
    """Why, in Chinese, without the place: ``不能为负数``."""
    message: str
    """The whole sentence: ``第 2 行指标的分值不能为负数``."""


# --- bytes → JSON ------------------------------------------------------------------------

class _MigrationError(ValueError):
    """An old version's file holding what that version cannot hold (message in Chinese)."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v2 adds ``published`` (the figures a published PDF printed); v1 has none of them."""
    if "published" in data:
        raise _MigrationError(
            '文件中有未知的键 "published"（格式 v1 中没有此项，应写 "version": 2）'
        )
    return {**data, "version": 2}


# Migrations from older format versions: version → function returning the next version's data.
_MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {1: _v1_to_v2}

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
_CUT_SHORT: Final = "文件不完整：{where}（可能没有保存完，或复制、下载不完整）"
_PARTIAL_TOKEN: Final = re.compile(
    r"-?(?:n(?:ul?)?|t(?:ru?)?|f(?:a(?:ls?)?)?|N(?:a)?|I(?:n(?:f(?:i(?:n(?:i(?:ty?)?)?)?)?)?)?"
    r"|[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]*)?)"
)
"""What is left where json stopped when the text was cut inside a literal or number
(``nu``, ``tr``, ``1.``, ``2e``, ``-``)."""


def _json_message(msg: str) -> str:
    """The json module's English message, in Chinese (never the English itself)."""
    for english, chinese in _JSON_MESSAGES:
        if msg.startswith(english):
            return chinese
    return "格式不正确"


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


class _DuplicateKeyError(ValueError):
    """Carries the repeated key out of json.loads to the one-line message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


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


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"第 {line} 行第 {index - text.rfind(chr(10), 0, index)} 列"


def _cut_short(text: str, exc: json.JSONDecodeError) -> bool:
    """Whether json stopped because the text ends (a file cut short), not at a mistake."""
    end = len(text.rstrip())
    if exc.pos >= end or exc.msg.startswith("Unterminated string"):
        return True
    if exc.msg.startswith("Invalid \\uXXXX escape") and '"' not in text[exc.pos : end]:
        return True
    return _PARTIAL_TOKEN.fullmatch(text[exc.pos : end]) is not None


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or (
        "\uff00" <= char <= "\uffef"
    )


def _guess_encoding(data: bytes) -> str | None:
    """``"gbk"`` (or ``"gb18030"``) when ``data`` reads as Chinese text in it, else None."""
    for encoding in ("gbk", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
            return None  # binary, not text
        return encoding if any(_cjk(c) for c in text) else None
    return None


def _plain_text(data: bytes) -> bool:
    """UTF-8 text without control characters (line breaks and tabs aside)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)


_ENCODING_LABELS: Final = {"gbk": "GBK", "gb18030": "GB18030", "utf-16": "UTF-16"}


def _text(data: bytes, source: str, encoding: str) -> str:
    """The text of a form file; every failure a FormFileError saying what the bytes are."""
    while encoding == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM (or two), as Windows Notepad and WPS write: accepted
    if not data.strip():
        raise FormFileError(source, "文件为空")
    if encoding != "utf-8":
        label = _ENCODING_LABELS.get(encoding.lower(), encoding)
        try:
            return data.decode(encoding)
        except LookupError:
            raise FormFileError(source, f"不支持的文本编码 {label}") from None
        except UnicodeDecodeError as exc:
            where = f"第 {exc.start + 1} 字节：0x{data[exc.start]:02x}"
            raise FormFileError(source, f"不是 {label} 编码的文本（{where}）") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormEncodingError(
            source, "文件是 UTF-16 编码的，不是 UTF-8：可按 UTF-16 打开，保存时改存为 UTF-8",
            encoding="utf-16",
        )
    body = data.rstrip(b"\0")
    if len(body) < len(data) and _plain_text(body):  # text, then zeros: a lost write
        if not body.strip():
            raise FormFileError(source, "文件已损坏：内容全是空字节（可能是保存时断电或磁盘出错）")
        raise FormFileError(
            source,
            f"文件已损坏：末尾有 {len(data) - len(body)} 个空字节（可能是保存时断电或磁盘出错）",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end >= len(data):
            raise FormFileError(source, _CUT_SHORT.format(where="在一个字符的中间结束")) from None
        guess = _guess_encoding(data)
        if guess is not None:
            label = _ENCODING_LABELS[guess]
            raise FormEncodingError(
                source,
                f"文件是 {label} 编码的，不是 UTF-8：可按 {label} 打开，保存时改存为 UTF-8",
                encoding=guess,
            ) from None
        raise FormFileError(
            source, f"不是 UTF-8 编码的文本（第 {exc.start + 1} 字节：0x{data[exc.start]:02x}）"
        ) from None


def _decode(data: bytes, source: str, encoding: str = "utf-8") -> Any:
    """The JSON value in ``data``, numbers as exact Decimals; every failure a FormFileError."""
    text = _text(data, source, encoding).lstrip("\ufeff")
    try:
        return json.loads(
            text,
            parse_float=_parse_float,
            parse_int=_parse_int,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        if _cut_short(text, exc):
            where = f"内容在{_position(text, len(text.rstrip()))}处中断"
            raise FormFileError(source, _CUT_SHORT.format(where=where)) from None
        raise FormFileError(
            source,
            f"JSON 语法错误（第 {exc.lineno} 行第 {exc.colno} 列）：{_json_message(exc.msg)}",
        ) from None
    except _NumberError as exc:
        raise FormFileError(source, f"JSON 中有超出范围的数值：{shorten(exc.text, 40)}") from None
    except _DuplicateKeyError as exc:
        key = json.dumps(exc.key, ensure_ascii=not exc.key.isprintable())[:60]
        raise FormFileError(source, f"JSON 对象中键 {key} 出现了两次") from None
    except RecursionError:
        raise FormFileError(source, "JSON 嵌套层数过深，不是有效的自评表文件") from None
    except (ValueError, ArithmeticError):  # pragma: no cover - last guard for odd numbers
        raise FormFileError(source, "JSON 中有无法读取的数值") from None


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
        try:
            data = migrate(data)
        except _MigrationError as exc:
            raise FormFileError(source, str(exc)) from None
        version = data["version"]
    return data


def _invalid(exc: ValidationError, source: str) -> FormFileError:
    """A refused value: the clerk's words, the field path kept in ``detail``."""
    problems = validation_problems(exc)
    return FormFileError(
        source,
        validation_error_words(exc),
        location=problems[0].location if problems else None,
        detail=describe_validation_error(exc),
    )


def _guarded(source: str, parse: Callable[[], Any]) -> Any:
    """``parse()``, with every failure turned into a FormFileError."""
    try:
        return parse()
    except FormFileError:
        raise
    except ValidationError as exc:
        raise _invalid(exc, source) from None
    except RecursionError:
        raise FormFileError(source, "数据嵌套层数过深") from None
    except Exception as exc:  # last line of defence: never a traceback for a bad file
        raise FormFileError(source, f"无法读取（内部错误 {type(exc).__name__}）") from None


def loads_form(data: bytes, source: str = "<数据>", *, encoding: str = "utf-8") -> Form:
    """Parse the bytes of a form file; raises only FormFileError."""
    form: Form = _guarded(
        source, lambda: Form.model_validate(_check_header(_decode(data, source, encoding), source))
    )
    return form


# --- opening a file with bad values for repair --------------------------------------------

_DEFAULT: Final = object()
"""Set aside by removing the key: the field takes its default (year, unit)."""
_HEADER_KEYS: Final = frozenset(h.key for h in STANDARD.header)
_FUNDING_ROWS: Final = frozenset(r.key for r in STANDARD.funding.rows)
_AMOUNT_KEYS: Final = frozenset(c.key for c in STANDARD.funding.amount_columns)
_GOAL_KEYS: Final = frozenset(c.key for c in STANDARD.goals.cells)
_NUMBER_FIELDS: Final = frozenset({"weight", "score", "grade"})
_TEXT_FIELDS: Final = frozenset(
    c.key for c in STANDARD.indicators.columns if c.field is not None
) - _NUMBER_FIELDS


def _blank(parts: tuple[str | int, ...]) -> object:
    """What a refused value at ``parts`` is replaced by: None (empty cell), "" (empty text),
    _DEFAULT; ``parts`` itself when no value cell lies there (the file is not sound)."""
    match parts:
        case (str(key),) if key in _HEADER_KEYS:
            return ""
        case ("year",) | ("funding", "unit"):
            return _DEFAULT
        case ("funding", "weight"):
            return None
        case ("funding", str(row), str(column)) if row in _FUNDING_ROWS and column in _AMOUNT_KEYS:
            return None
        case ("goals", str(key)) if key in _GOAL_KEYS:
            return ""
        case ("indicators", int(), str(key)) if key in _NUMBER_FIELDS:
            return None
        case ("indicators", int(), str(key)) if key in _TEXT_FIELDS:
            return ""
        case ("published", str(key)) if key in PUBLISHED_FIGURES:
            return None
    return parts


def _raw_text(value: Any) -> str:
    """A refused value as the file had it, as text for its cell."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | Decimal):
        return str(value)
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):  # pragma: no cover - decoded JSON dumps
        return str(value)


def _set_aside(raw: dict[str, Any], parts: tuple[str | int, ...], blank: object) -> None:
    """Replace (or, for _DEFAULT, remove) the value at ``parts`` in the decoded JSON."""
    node: Any = raw
    for part in parts[:-1]:
        node = node[part]
    if blank is _DEFAULT:
        del node[parts[-1]]
    else:
        node[parts[-1]] = blank


def loads_form_for_repair(
    data: bytes, source: str = "<数据>", *, encoding: str = "utf-8"
) -> tuple[Form, list[Refused]]:
    """Parse a form file whose values may be out of bounds, setting those values aside.

    A structurally sound file (valid JSON, the header, known keys, objects and lists
    where they belong) opens even with a negative weight, a 10^16 amount or a control
    character in a text: each such value becomes an empty cell (the year and the unit
    their defaults) and a Refused naming it, with the text it had, so the window can
    show it red for the clerk to fix. Anything else raises FormFileError as loads_form.
    """

    def parse() -> tuple[Form, list[Refused]]:
        raw = _check_header(_decode(data, source, encoding), source)
        refused: list[Refused] = []
        for _ in range(3):  # one pass sets aside all; the others only guard
            try:
                return Form.model_validate(raw), refused
            except ValidationError as exc:
                problems = validation_problems(exc)
                blanks = [_blank(p.location.parts) for p in problems]
                for problem, blank in zip(problems, blanks, strict=True):
                    if blank is problem.location.parts:
                        raise FormFileError(
                            source, problem.words, location=problem.location, detail=problem.detail
                        ) from None
                for problem, blank in zip(problems, blanks, strict=True):
                    _set_aside(raw, problem.location.parts, blank)
                    refused.append(
                        Refused(problem.location, _raw_text(problem.value), problem.reason,
                                problem.words)
                    )
        raise FormFileError(source, "无法修复文件中的取值")  # pragma: no cover - guard

    result: tuple[Form, list[Refused]] = _guarded(source, parse)
    return result


# --- reading a file -----------------------------------------------------------------------

def _source_text(path: Any) -> str:
    """The path as text for messages, whatever was passed (never raises)."""
    try:
        text = os.fspath(path)
    except TypeError:
        return repr(path)
    return text if isinstance(text, str) else text.decode("utf-8", "surrogateescape")


def _too_big() -> str:
    return f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不是自评表文件"


def read_form_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a form file, read without ever blocking; raises only FormFileError.

    Only a regular file is opened: the path is checked before opening (so a FIFO, a
    device or a socket is not even opened) and the opened descriptor again (in case
    the path was swapped meanwhile; the open itself is non-blocking). At most
    MAX_FILE_BYTES, checked on the descriptor's size and while reading.
    """
    source = _source_text(path)
    if not isinstance(path, str | os.PathLike):  # an int would be taken for a descriptor
        raise FormFileError(source, "不是有效的文件名")
    if "\0" in source:
        raise FormFileError(source, "文件名中有空字符（\\0），不是有效的文件名")
    try:
        return safe_read.read_regular_file(path, MAX_FILE_BYTES)
    except safe_read.NotRegularFileError as exc:
        raise FormFileError(source, not_regular(exc.mode)) from None
    except safe_read.TooLargeError:
        raise FormFileError(source, _too_big()) from None
    except OSError as exc:
        raise FormFileError(source, read_reason(exc)) from None
    except (ValueError, TypeError):  # a name the system cannot take (a lone surrogate …)
        raise FormFileError(source, "不是有效的文件名") from None


def load_form(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Form:
    """Read a form file; raises only FormFileError (FormEncodingError for GBK text)."""
    return loads_form(read_form_file(path), _source_text(path), encoding=encoding)


def load_form_for_repair(
    path: str | os.PathLike[str], *, encoding: str = "utf-8"
) -> tuple[Form, list[Refused]]:
    """Read a form file, setting aside the values it cannot hold (loads_form_for_repair)."""
    return loads_form_for_repair(read_form_file(path), _source_text(path), encoding=encoding)


# --- writing --------------------------------------------------------------------------------


def dumps_form(form: Form) -> bytes:
    """The bytes written for ``form``: UTF-8, 2-space indent, Chinese unescaped, stable keys."""
    text = json.dumps(form.to_json_data(), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_bytes_atomic(
    path: str | os.PathLike[str], data: bytes, *, overwrite_read_only: bool = False
) -> None:
    """Replace ``path`` with ``data`` all at once; on any failure the old file is untouched
    and no temporary file is left (safe_write.write_atomically, in Chinese)."""
    source = _source_text(path)
    try:
        safe_write.write_atomically(path, data, overwrite_read_only=overwrite_read_only)
    except OSError as exc:
        raise FormFileError(source, write_reason(exc)) from None
    except (ValueError, TypeError):  # a NUL or a lone surrogate in the name
        raise FormFileError(source, "无法写入：不是有效的文件名") from None


def save_form(
    form: Form, path: str | os.PathLike[str], *, overwrite_read_only: bool = False
) -> None:
    """Write ``form`` to ``path`` safely; a read-only file is refused unless asked."""
    write_bytes_atomic(path, dumps_form(form), overwrite_read_only=overwrite_read_only)
