"""``perfeval pdf FILE... [-o OUT.pdf] [--out-dir DIR] [--strict] [--font PATH[:INDEX]] [--grade]``.

Exit codes as for ``perfeval check``: 0 all printed without error findings,
1 some form has error findings (printed anyway unless ``--strict``: people
print drafts), 2 some file could not be read or written, or the command line
is wrong. The printing itself is pdf/batch.py (outcomes as data); this module
checks the options and words each outcome for the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from perfeval_gui._collector import collector_paused
from perfeval_gui.cli.output import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    destination_ok,
    finding_line,
    out_dir_ready,
)

if TYPE_CHECKING:
    from perfeval_gui.pdf.batch import FormOutcome


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``pdf`` to the command line."""
    parser = commands.add_parser(
        "pdf",
        help="把自评表导出为与纸质表格式一致的 PDF",
        description="把一个或多个自评表导出为与纸质表格式一致的 PDF（默认写在输入文件旁，"
        "同名 .pdf）。退出码：0 全部导出且无错误，1 有表存在“错误”级问题（仍导出草稿，"
        "除非 --strict），2 有文件无法读取或写入。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="自评表文件（.json）")
    parser.add_argument("-o", "--output", metavar="OUT.pdf", help="输出文件（仅限一个输入文件）")
    parser.add_argument("--out-dir", metavar="DIR", help="把每个表的 PDF 写入此文件夹")
    parser.add_argument("--strict", action="store_true", help="有“错误”级问题的表不导出")
    parser.add_argument(
        "--font", metavar="PATH[:INDEX]", help="改用其他中文字体（.ttf/.ttc，INDEX 为子字体序号）"
    )
    parser.add_argument(
        "--grade", action="store_true",
        help="在总分下加印一行自评等级（优 ≥ 90，良 80–<90，中 60–<80，差 < 60；纸质表默认不印）",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The handler of ``pdf``: imports and loads the font while the collector is paused."""
    try:
        with collector_paused(then_freeze=True):  # pydantic, ReportLab, fonts (_collector)
            importlib.import_module("perfeval_gui.pdf.batch")
            from perfeval_gui.pdf.fonts import FontError, load_font

            with contextlib.suppress(FontError):  # reported by pdf_command, in context
                load_font()  # the shipped font: printed with, or the fallback of --font
    except ImportError as exc:
        print(f"perfeval: 无法导出 PDF（缺少模块：{exc.name or exc}）", file=err)
        return EXIT_UNREADABLE
    return pdf_command(
        files=list(args.files),
        output=args.output,
        out_dir=args.out_dir,
        strict=args.strict,
        font=args.font,
        grade=args.grade,
    )


def quoted_chars(chars: Sequence[str]) -> str:
    """``😀（U+1F600）``: the characters themselves, then their code points (five at most)."""
    shown = "".join(chars[:20])
    codes = "，".join(f"U+{ord(c):04X}" for c in chars[:5])
    more = f" 等 {len(chars)} 个" if len(chars) > 5 else ""
    return f"{shown}（{codes}{more}）"


def pdf_command(files: list[str], output: str | None, out_dir: str | None, strict: bool,
                font: str | None, *, grade: bool = False, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    """Render each form in ``files`` to PDF; returns the exit code.

    Bad options (``-o`` with several files, an unusable font, an output folder that
    cannot be made) are one message up front, before any form is read.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if not destination_ok("pdf", len(files), output, out_dir, err):
        return EXIT_UNREADABLE


    from perfeval_gui.pdf.batch import output_path, render_forms
    from perfeval_gui.pdf.fonts import FontError, FontSpec, parse_font_spec, resolver_for

    spec: FontSpec | None = None
    try:
        if font is not None:
            spec = parse_font_spec(font)
        resolver_for(spec)  # a bad font is one message up front, not one per file
    except FontError as exc:
        print(f"perfeval pdf: 字体设置无效：{exc}", file=err)
        return EXIT_UNREADABLE

    if not out_dir_ready("pdf", out_dir, err):
        return EXIT_UNREADABLE

    worst = EXIT_OK
    total = len(files)
    outcomes = render_forms(
        files, lambda source: output_path(source, output, out_dir), strict=strict, font=spec,
        grade=grade,
    )
    for number, outcome in enumerate(outcomes, start=1):
        prefix = f"[{number}/{total}] " if total > 1 else ""
        worst = max(worst, print_outcome(outcome, prefix, out, err))
    return worst


def print_outcome(outcome: FormOutcome, prefix: str, out: TextIO, err: TextIO) -> int:
    """Tell what became of one form (progress on ``out``, problems on ``err``); its exit code.

    A form's error findings are listed whatever became of it, in ``check``'s format.
    File names are shown with control and bidi characters escaped (one line each).
    """
    from perfeval_gui.fileio import visible

    source = visible(outcome.source)
    target = visible(str(outcome.target))
    if outcome.status == "unreadable":
        print(f"{prefix}perfeval pdf: 无法读取 {outcome.problem}", file=err, flush=True)
        return EXIT_UNREADABLE
    code = EXIT_OK
    if outcome.errors:
        code = EXIT_ERRORS
        print(f"{prefix}{source}: {len(outcome.errors)} 个错误", file=err)
        for finding in outcome.errors:
            print(finding_line(finding), file=err)
    match outcome.status:
        case "held_back":
            print(f"{prefix}{source}: 有错误，按 --strict 未导出 PDF", file=err, flush=True)
            return code
        case "overwrites_source":
            print(f"{prefix}perfeval pdf: {source}: 输出文件就是输入文件本身，"
                  "未导出（以免覆盖表格）", file=err, flush=True)
            return EXIT_UNREADABLE
        case "duplicate_target":
            print(f"{prefix}perfeval pdf: {source}: 输出文件 {target} 与前面的表重名，"
                  "未导出", file=err, flush=True)
            return EXIT_UNREADABLE
        case "unwritable":
            print(f"{prefix}perfeval pdf: 无法写入 {outcome.problem}", file=err, flush=True)
            return EXIT_UNREADABLE
        case "render_failed":
            print(f"{prefix}perfeval pdf: {source}: 无法生成 PDF：{outcome.problem}",
                  file=err, flush=True)
            return EXIT_UNREADABLE
    # written: the renderer's warnings, then the progress line
    missing = outcome.report.missing_chars if outcome.report else ()
    fallback = outcome.report.fallback_chars if outcome.report else ()
    pages = outcome.report.pages if outcome.report else 0
    if missing:
        print(f"{prefix}{source}: 字体缺少 {len(missing)} 个字符，已印为 〓："
              f"{quoted_chars(missing)}", file=err)
    if fallback:
        print(f"{prefix}{source}: 所选字体缺少的 {len(fallback)} 个字符"
              f"改用内置字体印出：{quoted_chars(fallback)}", file=err)
    draft = "（含错误，草稿）" if outcome.errors else ""
    print(f"{prefix}{source} → {target}（{pages} 页）{draft}", file=out, flush=True)
    return code
