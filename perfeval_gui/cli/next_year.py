"""``perfeval next-year FORM.json... [-o OUT.json | --out-dir DIR] [--force]``.

Writes next year's form of each form (portfolio/next_year.py): the year + 1, the project's
plan carried, the year's amounts and results cleared; then says what was carried and what
was cleared. The copy is named after the original with its year moved on
(``自评表2024.json`` → ``自评表2025.json``, else ``名称-2025.json``), beside it unless
``-o``/``--out-dir``. An existing file is never overwritten without ``--force``, the
original never. Exit 0 when all were written, 2 when a form could not be read or written.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TextIO

from perfeval_gui._collector import collector_paused
from perfeval_gui.cli.output import EXIT_OK, EXIT_UNREADABLE, destination_ok, out_dir_ready


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``next-year`` to the command line."""
    parser = commands.add_parser(
        "next-year",
        help="由本年度的自评表新建下一年度的自评表（沿用项目和指标，清空金额和完成情况）",
        description="为每个自评表写出下一年度的副本：年度加一；沿用项目信息、金额单位、"
        "分值、年度目标和各项指标及其指标值；清空全部金额和本年度的完成情况、得分、评价等级"
        "及偏差分析（写出后逐项列出）。默认写在原文件旁（文件名中的年份加一，或加上 -年份）。"
        "退出码：0 全部写出，2 有文件无法读取或写入。",
    )
    parser.add_argument("files", nargs="+", metavar="FORM", help="自评表文件（.json）")
    parser.add_argument("-o", "--output", metavar="OUT.json", help="输出文件（仅限一个输入文件）")
    parser.add_argument("--out-dir", metavar="DIR", help="把下一年度的表写入此文件夹")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The handler of ``next-year``."""
    return next_year_command(list(args.files), args.output, args.out_dir, args.force, out, err)


def next_year_command(files: Sequence[str], output: str | None, out_dir: str | None,
                      force: bool, out: TextIO, err: TextIO) -> int:
    """Write next year's copy of every form; returns the exit code."""
    from pathlib import Path

    if not destination_ok("next-year", len(files), output, out_dir, err):
        return EXIT_UNREADABLE
    with collector_paused(then_freeze=True):  # pydantic's models are built here (_collector)
        from perfeval_gui.fileio import FormFileError, load_form, save_form
        from perfeval_gui.portfolio.next_year import CARRIED, CLEARED, next_year, next_year_name
        from perfeval_gui.workbook import is_workbook
    if not out_dir_ready("next-year", out_dir, err):
        return EXIT_UNREADABLE

    worst = EXIT_OK
    written: set[Path] = set()
    for source in files:
        if is_workbook(source):
            print(f"perfeval next-year: {source}: 这是工作簿，请先用 perfeval import 导入为 .json",
                  file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        try:
            form = load_form(source)
            new, _, _ = next_year(form)
        except FormFileError as exc:
            print(f"perfeval next-year: 无法读取 {exc}", file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        except ValueError as exc:
            print(f"perfeval next-year: {source}: {exc}", file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        src = Path(source)
        name = next_year_name(src.name, form.year, new.year)
        target = Path(output) if output else (Path(out_dir) if out_dir else src.parent) / name
        resolved = target.resolve()
        if resolved == src.resolve() or resolved in written:
            print(f"perfeval next-year: {source}: 输出文件 {target} 与输入或前面的表重名，未写入",
                  file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        if target.exists() and not force:
            print(f"perfeval next-year: {source}: {target} 已存在，未覆盖（确认覆盖请加 --force）",
                  file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        try:
            save_form(new, target)
        except FormFileError as exc:
            print(f"perfeval next-year: 无法写入 {exc}", file=err, flush=True)
            worst = EXIT_UNREADABLE
            continue
        written.add(resolved)
        print(f"{source} → {target}（{form.year} → {new.year} 年度）", file=out, flush=True)
    if written:
        print(f"沿用：{'、'.join(CARRIED)}", file=out)
        print(f"已清空：{'、'.join(CLEARED)}", file=out)
    return worst
