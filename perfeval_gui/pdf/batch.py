"""``perfeval pdf FILE... [-o OUT.pdf] [--out-dir DIR] [--strict] [--font PATH[:INDEX]]``.

Exit codes as for ``perfeval check``: 0 all printed without error findings,
1 some form has error findings (printed anyway unless ``--strict``: people
print drafts), 2 some file could not be read or written, or the command line
is wrong. Each PDF is rendered to memory first and then written atomically, so
a failure never leaves a partial PDF behind.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from perfeval_gui.cli import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, finding_line


def output_path(source: str, output: str | None, out_dir: str | None) -> Path:
    """Where the PDF of ``source`` goes: -o, else DIR/NAME.pdf, else beside the input."""
    if output:
        return Path(output)
    name = Path(source).with_suffix(".pdf").name
    if out_dir:
        return Path(out_dir) / name
    return Path(source).with_suffix(".pdf")


def _chars(chars: Sequence[str]) -> str:
    shown = "".join(chars[:20])
    codes = "，".join(f"U+{ord(c):04X}" for c in chars[:5])
    more = f" 等 {len(chars)} 个" if len(chars) > 5 else ""
    return f"{shown}（{codes}{more}）"


def pdf_command(files: list[str], output: str | None, out_dir: str | None, strict: bool,
                font: str | None, *, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    """Render each form in ``files`` to PDF; returns the exit code (never raises)."""
    out = out or sys.stdout
    err = err or sys.stderr
    if output and out_dir:
        print("perfeval pdf: -o 与 --out-dir 不能同时使用", file=err)
        return EXIT_UNREADABLE
    if output and len(files) != 1:
        print(f"perfeval pdf: -o 只能用于一个输入文件（给出了 {len(files)} 个）；"
              "多个文件请用 --out-dir", file=err)
        return EXIT_UNREADABLE

    from perfeval_gui.fileio import FormFileError, load_form, os_reason, write_bytes_atomic
    from perfeval_gui.pdf.fonts import FontError, FontSpec, parse_font_spec, resolver_for
    from perfeval_gui.pdf.render import render_bytes
    from perfeval_gui.rules import check

    spec: FontSpec | None = None
    try:
        if font is not None:
            spec = parse_font_spec(font)
        resolver_for(spec)  # a bad font is one message up front, not one per file
    except FontError as exc:
        print(f"perfeval pdf: 字体设置无效：{exc}", file=err)
        return EXIT_UNREADABLE

    if out_dir:
        try:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"perfeval pdf: {out_dir}: 无法创建输出文件夹：{os_reason(exc)}", file=err)
            return EXIT_UNREADABLE

    worst = EXIT_OK
    written: set[Path] = set()
    total = len(files)
    for number, source in enumerate(files, start=1):
        prefix = f"[{number}/{total}] " if total > 1 else ""
        try:
            form = load_form(source)
        except FormFileError as exc:
            print(f"{prefix}perfeval pdf: 无法读取 {exc}", file=err, flush=True)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        errors = [f for f in check(form) if f.severity == "error"]
        if errors:
            worst = max(worst, EXIT_ERRORS)
            print(f"{prefix}{source}: {len(errors)} 个错误", file=err)
            for finding in errors:
                print(finding_line(finding), file=err)
            if strict:
                print(f"{prefix}{source}: 有错误，按 --strict 未导出 PDF", file=err, flush=True)
                continue
        target = output_path(source, output, out_dir)
        key = target.resolve()
        if key == Path(source).resolve():
            print(f"{prefix}perfeval pdf: {source}: 输出文件就是输入文件本身，"
                  "未导出（以免覆盖表格）", file=err, flush=True)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        if key in written:
            print(f"{prefix}perfeval pdf: {source}: 输出文件 {target} 与前面的表重名，未导出",
                  file=err, flush=True)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        try:
            data, report = render_bytes(form, font=spec)
            write_bytes_atomic(target, data)
        except FormFileError as exc:
            print(f"{prefix}perfeval pdf: 无法写入 {exc}", file=err, flush=True)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        except Exception as exc:  # a renderer bug must not stop the batch or show a traceback
            print(f"{prefix}perfeval pdf: {source}: 无法生成 PDF：{type(exc).__name__}: {exc}",
                  file=err, flush=True)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        written.add(key)
        if report.missing_chars:
            print(f"{prefix}{source}: 字体缺少 {len(report.missing_chars)} 个字符，已印为 〓："
                  f"{_chars(report.missing_chars)}", file=err)
        if report.fallback_chars:
            print(f"{prefix}{source}: 所选字体缺少的 {len(report.fallback_chars)} 个字符"
                  f"改用内置字体印出：{_chars(report.fallback_chars)}", file=err)
        draft = "（含错误，草稿）" if errors else ""
        print(f"{prefix}{source} → {target}（{report.pages} 页）{draft}", file=out, flush=True)
    return worst


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m perfeval_gui.pdf``: ``perfeval pdf`` itself (same options, help, exit codes)."""
    from perfeval_gui.cli import main as cli_main

    return cli_main(["pdf", *(sys.argv[1:] if argv is None else argv)])
