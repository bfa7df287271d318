"""What every ``perfeval`` command shares when it prints: exit codes and line formats.

These belong to the command line alone. The layers below it (rules, fileio, pdf/)
report problems as data (findings, exceptions, per-form outcomes) and never choose
an exit code or a line format, so a second front end can word them its own way.
Nothing heavy is imported here: every subcommand module imports this one.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Final, TextIO

if TYPE_CHECKING:
    from perfeval_gui.rules import Finding

EXIT_OK: Final = 0
EXIT_ERRORS: Final = 1
"""Some form has an error finding."""
EXIT_UNREADABLE: Final = 2
"""Some file could not be read or written (or the command line was wrong)."""
EXIT_INTERRUPTED: Final = 130
"""Ctrl+C (128 + SIGINT, as shells report it)."""

SEVERITY_LABELS: Final[dict[str, str]] = {"error": "错误", "warning": "警告", "info": "提示"}


def finding_line(finding: Finding) -> str:
    """``  [错误] code（location）：message``: ``check`` and ``pdf`` print findings alike."""
    where = f"（{finding.location}）" if finding.location else ""
    label = SEVERITY_LABELS.get(finding.severity, finding.severity)
    return f"  [{label}] {finding.code}{where}：{finding.message}"


def utf8_streams() -> None:
    """Print UTF-8 whatever the console's code page (GBK on Chinese Windows would crash).

    ``backslashreplace`` keeps undecodable file names (lone surrogates) printable.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(encoding="utf-8", errors="backslashreplace")


_LINE_BREAKS: Final = ("\x85", "\u2028", "\u2029")


def one_line(line: str) -> str:
    """Escape the characters that str.splitlines() and some readers treat as line breaks.

    json.dumps already escapes the C0 controls; NEL, LS and PS would otherwise pass
    through raw (from indicator names or file names) and split a JSON Lines record.
    """
    for char in _LINE_BREAKS:
        line = line.replace(char, f"\\u{ord(char):04x}")
    return line


# --- where a command writes: -o OUT or --out-dir DIR -------------------------------------


def destination_ok(
    command: str, inputs: int, output: str | None, out_dir: str | None, err: TextIO,
    what: str = "输入文件",
) -> bool:
    """-o and --out-dir exclude each other, and -o names one output for one input; the
    usage error is printed here, the same for every command that writes files."""
    if output and out_dir:
        print(f"perfeval {command}: -o 与 --out-dir 不能同时使用", file=err)
        return False
    if output and inputs != 1:
        print(f"perfeval {command}: -o 只能用于一个{what}（给出了 {inputs} 个）；"
              f"多个{'文件' if what == '输入文件' else what}请用 --out-dir", file=err)
        return False
    return True


def out_dir_ready(command: str, out_dir: str | None, err: TextIO) -> bool:
    """Create --out-dir up front (one message, before any input is read)."""
    if not out_dir:
        return True
    from pathlib import Path

    from perfeval_gui.file_errors import os_reason

    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"perfeval {command}: {out_dir}: 无法创建输出文件夹：{os_reason(exc)}", file=err)
        return False
    return True
