"""``perfeval export FORM.json... [-o OUT.xlsx | --out-dir DIR] [--force]``.

Writes each form as an .xlsx that looks like the paper form, with live formulas
(workbook/writer.py): ``<stem>.xlsx`` beside the form unless ``-o``/``--out-dir``. An
existing file is not overwritten without ``--force``: the workbook a form was imported
from usually sits beside it under the same name. Exit 0 when all were written, 1 when a
text had to be cut at Excel's cell limit, 2 when a form could not be read or written.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TextIO

from perfeval_gui._collector import collector_paused
from perfeval_gui.cli.output import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    destination_ok,
    out_dir_ready,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export`` to the command line."""
    parser = commands.add_parser(
        "export",
        help="把自评表导出为与纸质表一致、公式可重算的 Excel 工作簿（.xlsx）",
        description="把一个或多个自评表导出为 .xlsx（默认写在输入文件旁，同名 .xlsx）："
        "合并单元格、边框、列宽与纸质表一致，A4 纵向按页宽打印；执行率、资金得分、合计、"
        "分值合计和总分为公式。退出码：0 全部导出，1 有文字超出 Excel 单元格上限被截断，"
        "2 有文件无法读取或写入。",
    )
    parser.add_argument("files", nargs="+", metavar="FORM", help="自评表文件（.json）")
    parser.add_argument("-o", "--output", metavar="OUT.xlsx", help="输出文件（仅限一个输入文件）")
    parser.add_argument("--out-dir", metavar="DIR", help="把每个表的 .xlsx 写入此文件夹")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The handler of ``export``."""
    return export_command(list(args.files), args.output, args.out_dir, args.force, out, err)


def export_command(files: Sequence[str], output: str | None, out_dir: str | None,
                   force: bool, out: TextIO, err: TextIO) -> int:
    """Export every form; returns the exit code."""
    from pathlib import Path

    if not destination_ok("export", len(files), output, out_dir, err):
        return EXIT_UNREADABLE
    with collector_paused(then_freeze=True):  # pydantic's models are built here (_collector)
        from perfeval_gui.fileio import FormFileError, load_form, write_bytes_atomic
        from perfeval_gui.workbook.writer import workbook_bytes
    if not out_dir_ready("export", out_dir, err):
        return EXIT_UNREADABLE

    worst = EXIT_OK
    written: set[Path] = set()
    for source in files:
        src = Path(source)
        if output:
            target = Path(output)
        else:
            target = (Path(out_dir) if out_dir else src.parent) / f"{src.stem}.xlsx"
        try:
            form = load_form(source)
        except FormFileError as exc:
            print(f"perfeval export: 无法读取 {exc}", file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        resolved = target.resolve()
        if resolved == src.resolve() or resolved in written:
            print(f"perfeval export: {source}: 输出文件 {target} 与输入或前面的表重名，未导出",
                  file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        if target.exists() and not force:
            print(f"perfeval export: {source}: {target} 已存在，未覆盖（确认覆盖请加 --force）",
                  file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        data, problems = workbook_bytes([form])
        try:
            write_bytes_atomic(target, data)
        except FormFileError as exc:
            print(f"perfeval export: 无法写入 {exc}", file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        written.add(resolved)
        print(f"{source} → {target}", file=out, flush=True)
        for problem in problems:
            print(f"perfeval export: {source}: {problem}", file=err, flush=True)
        if problems:
            worst = max(worst, EXIT_ERRORS)
    return worst
