"""The ``perfeval`` command: ``check``, ``schema``, ``pdf`` and ``--version``.

Imports stay lean on purpose: ``perfeval check`` should start in well under
0.3 s, so only argparse is imported at module level; the model, the rules and
(for ``pdf``) ReportLab are imported inside the subcommand that needs them.
Nothing here computes a figure: figures.py and rules.py do, this only prints.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

from perfeval_gui import __version__
from perfeval_gui._collector import collector_paused, frozen_objects_released

if TYPE_CHECKING:
    from perfeval_gui.model import Form
    from perfeval_gui.rules import Finding

EXIT_OK: Final = 0
EXIT_ERRORS: Final = 1
"""Some form has an error finding."""
EXIT_UNREADABLE: Final = 2
"""Some file could not be read (or the command line was wrong)."""

SEVERITY_LABELS: Final[dict[str, str]] = {"error": "错误", "warning": "警告", "info": "提示"}


def finding_line(finding: Finding) -> str:
    """``  [错误] code（location）：message``: ``check`` and ``pdf`` print findings alike."""
    where = f"（{finding.location}）" if finding.location else ""
    label = SEVERITY_LABELS.get(finding.severity, finding.severity)
    return f"  [{label}] {finding.code}{where}：{finding.message}"


def _utf8_streams() -> None:
    """Print UTF-8 whatever the console's code page (GBK on Chinese Windows would crash).

    ``backslashreplace`` keeps undecodable file names (lone surrogates) printable.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(encoding="utf-8", errors="backslashreplace")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (separate so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(
        prog="perfeval",
        description="项目支出绩效自评表：检查、导出 PDF、文件格式说明。",
    )
    parser.add_argument("--version", action="version", version=f"perfeval {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="计算各表的执行率、资金得分、总分并列出检查发现的问题",
        description="逐个文件打印计算结果和检查发现的问题。退出码：0 无错误，"
        "1 有表存在“错误”级问题，2 有文件无法读取。",
    )
    check.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
    check.add_argument("files", nargs="+", metavar="FILE", help="自评表文件（.json）")

    commands.add_parser(
        "schema",
        help="打印文件格式 v1 的 JSON Schema",
        description="打印文件格式 v1 的 JSON Schema（draft 2020-12）。",
    )

    pdf = commands.add_parser(
        "pdf",
        help="把自评表导出为与纸质表格式一致的 PDF",
        description="把一个或多个自评表导出为与纸质表格式一致的 PDF（默认写在输入文件旁，"
        "同名 .pdf）。退出码：0 全部导出且无错误，1 有表存在“错误”级问题（仍导出草稿，"
        "除非 --strict），2 有文件无法读取或写入。",
    )
    pdf.add_argument("files", nargs="+", metavar="FILE", help="自评表文件（.json）")
    pdf.add_argument("-o", "--output", metavar="OUT.pdf", help="输出文件（仅限一个输入文件）")
    pdf.add_argument("--out-dir", metavar="DIR", help="把每个表的 PDF 写入此文件夹")
    pdf.add_argument("--strict", action="store_true", help="有“错误”级问题的表不导出")
    pdf.add_argument(
        "--font", metavar="PATH[:INDEX]", help="改用其他中文字体（.ttf/.ttc，INDEX 为子字体序号）"
    )
    return parser


# --- check ----------------------------------------------------------------------------------


def _figures_json(path: str, form: Form, findings: Sequence[Finding]) -> dict[str, Any]:
    """The ``--json`` object of one file (figures as decimal strings, exactly as shown)."""
    from perfeval_gui.figures import compute
    from perfeval_gui.numbers import format_plain, format_score

    figures = compute(form)
    rate = figures.execution_rate
    return {
        "file": path,
        "execution_rate": None if rate is None else f"{rate:.2f}",
        "funding_score": format_score(figures.funding_score),
        "total_score": format_score(figures.total_score),
        "weight_total": format_plain(figures.weight_total),
        "findings": [
            {
                "severity": f.severity,
                "code": f.code,
                "message": f.message,
                "location": f.location,
            }
            for f in findings
        ],
    }


def _figures_text(path: str, form: Form, findings: Sequence[Finding]) -> str:
    """The human-readable report of one file: figures first, then findings."""
    from perfeval_gui.figures import compute
    from perfeval_gui.numbers import (
        amount_places,
        format_amount,
        format_plain,
        format_rate,
        format_score,
    )

    figures = compute(form)
    places = amount_places(form)
    row = figures.total_row
    name = form.project_name.strip() or "（未填写项目名称）"
    how = "由其中三行自动合计" if figures.total_is_auto else "按填写"
    budget = format_amount(row.annual_budget, places) or "空"
    executed = format_amount(row.executed, places) or "空"
    lines = [
        f"== {path}",
        f"项目名称：{' '.join(name.split())}（{form.year} 年度）",
        f"年度资金总额（{form.funding.unit}，{how}）：全年预算数 {budget}，全年执行数 {executed}",
        f"执行率 {format_rate(figures.execution_rate)}　"
        f"资金得分 {format_score(figures.funding_score)}　"
        f"分值合计 {format_plain(figures.weight_total)}　"
        f"总分 {format_score(figures.total_score)}",
    ]
    if not findings:
        lines.append("检查：未发现问题。")
    else:
        counts = "，".join(
            f"{SEVERITY_LABELS[s]} {n} 个"
            for s in ("error", "warning", "info")
            if (n := sum(1 for f in findings if f.severity == s))
        )
        lines.append(f"检查：{counts}")
        lines.extend(finding_line(f) for f in findings)
    return "\n".join(lines)


def _one_line(line: str) -> str:
    """Escape the characters that str.splitlines() and some readers treat as line breaks.

    json.dumps already escapes the C0 controls; NEL, LS and PS would otherwise pass
    through raw (from indicator names or file names) and split a JSON Lines record.
    """
    for char in ("\x85", "\u2028", "\u2029"):
        line = line.replace(char, f"\\u{ord(char):04x}")
    return line


def _check(files: Sequence[str], as_json: bool, out: TextIO, err: TextIO) -> int:
    """Check each file in turn; an unreadable file is reported and the others still checked."""
    import json

    with collector_paused(then_freeze=True):  # pydantic's models are built here (_collector)
        from perfeval_gui.fileio import FormFileError, load_form
        from perfeval_gui.rules import check

    unreadable = False
    has_errors = False
    for index, path in enumerate(files):
        try:
            form = load_form(path)
        except FormFileError as exc:
            unreadable = True
            print(f"perfeval: 无法读取 {exc}", file=err, flush=True)
            continue
        findings = check(form)
        has_errors = has_errors or any(f.severity == "error" for f in findings)
        if as_json:
            line = json.dumps(_figures_json(path, form, findings), ensure_ascii=False)
            print(_one_line(line), file=out)
        else:
            if index:
                print(file=out)
            print(_figures_text(path, form, findings), file=out)
        out.flush()
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if has_errors else EXIT_OK


# --- schema, pdf ----------------------------------------------------------------------------


def _schema(out: TextIO) -> int:
    import json

    from perfeval_gui.model import form_json_schema

    print(json.dumps(form_json_schema(), ensure_ascii=False, indent=2), file=out)
    return EXIT_OK


def _pdf(args: argparse.Namespace, err: TextIO) -> int:
    try:
        with collector_paused(then_freeze=True):  # pydantic, ReportLab, fonts (_collector)
            from perfeval_gui.pdf.batch import pdf_command
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
    )


# --- entry point ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (never raises, never prints a traceback)."""
    _utf8_streams()
    # Pydantic would scan every installed package's entry points for plugins on the
    # first model build (~10 ms); the command line never uses pydantic plugins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (argparse printed it)
        if exc.code is None:
            return EXIT_OK
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    # The command's modules are frozen once imported (see _collector); handed back here.
    with frozen_objects_released():
        try:
            if args.command == "check":
                return _check(args.files, args.json, out, err)
            if args.command == "schema":
                return _schema(out)
            if args.command == "pdf":
                return _pdf(args, err)
            parser.print_help(out)
            return EXIT_UNREADABLE
        except KeyboardInterrupt:
            print("perfeval: 已中断", file=err)
            return 130
        except BrokenPipeError:
            # The reader went away (e.g. `perfeval check … | head`): stop quietly.
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return EXIT_UNREADABLE
        except Exception as exc:  # last line of defence: a message, never a traceback
            print(f"perfeval: 内部错误：{type(exc).__name__}: {exc}", file=err)
            return EXIT_UNREADABLE
