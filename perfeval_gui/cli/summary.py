"""``perfeval summary PATH... [-o OUT.xlsx|OUT.csv|OUT.pdf] [--unit 元|万元] [--json] [--force]``.

Every form under the paths (files, or folders searched recursively: .json forms and
workbooks), one line each, then the totals: money summed exactly in one unit, the overall
执行率, average and median 总分, forms per 自评等级 and per finding code. ``-o`` writes the
roll-up (.xlsx, .csv or PDF by its ending) and prints only the totals; ``--json`` prints
one object per form (``check --json``'s keys and more) and a last ``{"totals": …}``.
A file that cannot be read is listed with its reason (stderr, and in the roll-up).
Exit codes as ``check``: 0 no error, 1 a form with an error finding, 2 a file unreadable
or the output not written. An existing output is not overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TextIO

from perfeval_gui._collector import collector_paused
from perfeval_gui.cli.output import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, one_line

if TYPE_CHECKING:
    from perfeval_gui.portfolio.rows import FormRow, Unreadable
    from perfeval_gui.portfolio.totals import Totals

OUTPUT_SUFFIXES: Final = (".xlsx", ".csv", ".pdf")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``summary`` to the command line."""
    parser = commands.add_parser(
        "summary",
        help="汇总多个自评表（文件或文件夹）：金额合计、总执行率、平均总分、自评等级",
        description="逐个列出文件夹（含子文件夹）中的自评表（.json 和 Excel/WPS 工作簿），"
        "再给出合计：预算与执行金额（统一换算为一个金额单位，精确相加）、总执行率、"
        "平均总分与中位数、各自评等级（优 ≥90，良 80–90，中 60–80，差 <60）的表数、"
        "各类问题的表数。无法读取的文件逐一列出原因。退出码：0 无错误，1 有表存在"
        "“错误”级问题，2 有文件无法读取或输出无法写入。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="自评表文件（.json）、工作簿（.xlsx/.xls/.ods）、公开的 PDF（.pdf，"
                        "其中每张表一行；文件夹中的 PDF 不读取）或文件夹")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="写出汇总表：OUT.xlsx、OUT.csv（UTF-8，带 BOM）或 OUT.pdf")
    parser.add_argument("--unit", choices=("元", "万元"),
                        help="合计的金额单位（默认：各表的单位相同时用该单位，否则用元）")
    parser.add_argument("--json", action="store_true",
                        help="每个表输出一行 JSON，最后一行为合计 {\"totals\": …}")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The handler of ``summary``."""
    return summary_command(list(args.paths), args.output, args.unit, args.json, args.force,
                           out, err)


def _decimal(value: Decimal | None) -> str | None:
    """An amount as plain decimal text, exact, at least 2 places (``250000.00``)."""
    from perfeval_gui.portfolio.export import format_plain_amount

    return None if value is None else format_plain_amount(value)


def form_json(row: FormRow) -> dict[str, Any]:
    """The ``--json`` object of one form: ``check --json``'s keys, then the portfolio's."""
    from perfeval_gui.numbers import format_plain, format_score

    rate = row.execution_rate
    return {
        "file": row.label,
        "execution_rate": None if rate is None else f"{rate:.2f}",
        "funding_score": format_score(row.funding_score),
        "total_score": format_score(row.total_score),
        "weight_total": format_plain(row.weight_total),
        "grade": row.grade,
        "findings": [
            {"severity": f.severity, "code": f.code, "message": f.message,
             "location": str(f.location)}
            for f in row.findings
        ],
        "project_name": row.project_name,
        "source": {"path": row.file, "sheet": row.sheet, "index": row.index, "page": row.page},
        "competent_department": row.competent_department,
        "implementing_unit": row.implementing_unit,
        "year": row.year,
        "unit": row.unit,
        "annual_budget": _decimal(row.annual_budget),
        "executed": _decimal(row.executed),
        "errors": row.errors,
        "warnings": row.warnings,
        "sheet": row.sheet,
        "index": row.index,
    }


def totals_json(totals: Totals) -> dict[str, Any]:
    """The last ``--json`` object: ``{"totals": {…}}``, figures as decimal strings."""
    from perfeval_gui.numbers import format_score

    rate = totals.execution_rate
    return {"totals": {
        "unit": totals.unit,
        "forms": totals.forms,
        "unreadable": totals.unreadable,
        "annual_budget": _decimal(totals.annual_budget),
        "executed": _decimal(totals.executed),
        "execution_rate": None if rate is None else f"{rate:.2f}",
        "mean_score": None if totals.mean_score is None else format_score(totals.mean_score),
        "median_score": (None if totals.median_score is None
                         else format_score(totals.median_score)),
        "grades": totals.grades,
        "ungraded": totals.ungraded,
        "errors": totals.errors,
        "warnings": totals.warnings,
        "forms_with_errors": totals.forms_with_errors,
        "codes": totals.codes,
    }}


def form_text(row: FormRow) -> str:
    """One line per form: where, what, its money in its own unit, its figures, its grade."""
    from perfeval_gui.file_errors import visible
    from perfeval_gui.numbers import format_amount, format_rate, format_score
    from perfeval_gui.portfolio.export import UNGRADED, decimals_needed

    def money(value: Decimal | None) -> str:
        return format_amount(value, decimals_needed([value], 6)) or "空"

    from perfeval_gui.spec import STANDARD  # the form's labels are the spec's

    budget, executed = (STANDARD.funding.column(k).label for k in ("annual_budget", "executed"))
    name_label = STANDARD.header_field("project_name").label
    name = " ".join(row.project_name.split()) or f"（未填写{name_label}）"
    return (f"{visible(row.label)}：{visible(name)}（{row.year} 年度）"
            f"{budget} {money(row.annual_budget)} {row.unit}，"
            f"{executed} {money(row.executed)} {row.unit}，"
            f"执行率 {format_rate(row.execution_rate)}，总分 {format_score(row.total_score)}，"
            f"自评等级 {row.grade or UNGRADED}，错误 {row.errors} 个，警告 {row.warnings} 个")


def totals_text(totals: Totals) -> list[str]:
    """The totals as ``label：value`` lines, figures formatted as the window shows them."""
    from perfeval_gui.numbers import DASH, format_amount, format_score
    from perfeval_gui.portfolio.export import decimals_needed, summary_pairs

    lines = ["== 合计"]
    for label, value, kind in summary_pairs(totals):
        if kind == "amount":
            text = (format_amount(value, decimals_needed([value]))
                    if isinstance(value, Decimal) else "空")
        elif kind == "rate":  # the label says (%)
            text = f"{value:.2f}" if isinstance(value, Decimal) else DASH
        elif kind == "score":
            text = format_score(value) if isinstance(value, Decimal) else DASH
        else:
            text = str(value)
        lines.append(f"{label}：{text}")
    return lines


def _check_output(output: str, force: bool) -> str | None:
    """Why the roll-up cannot be written to ``output`` (checked before scanning), or None."""
    import os

    if not output.lower().endswith(OUTPUT_SUFFIXES):
        return f"输出文件 {output} 的扩展名应为 .xlsx、.csv 或 .pdf"
    if os.path.lexists(output) and not force:
        return f"{output} 已存在，未覆盖（确认覆盖请加 --force）"
    return None


class _NotWritten(Exception):
    """The roll-up could not be made; ``str()`` says why, in Chinese."""


def _roll_up(output: str, entries: Sequence[FormRow | Unreadable], totals: Totals) -> bytes:
    """The roll-up's bytes in the format ``output``'s ending names (ReportLab is imported
    only for a PDF)."""
    suffix = output.lower().rsplit(".", 1)[-1]
    if suffix == "pdf":
        from perfeval_gui.pdf.fonts import FontError
        from perfeval_gui.pdf.summary import summary_bytes

        try:
            return summary_bytes(entries, totals)[0]
        except FontError as exc:
            raise _NotWritten(f"{output}：{exc}") from None
    from perfeval_gui.portfolio.export import summary_csv, summary_xlsx

    return summary_csv(entries, totals) if suffix == "csv" else summary_xlsx(entries, totals)


def summary_command(paths: Sequence[str], output: str | None, unit: str | None,
                    as_json: bool, force: bool, out: TextIO, err: TextIO) -> int:
    """Scan, print, total, write; returns the exit code."""
    import json

    if output and (problem := _check_output(output, force)):
        print(f"perfeval summary: {problem}", file=err)
        return EXIT_UNREADABLE
    with collector_paused(then_freeze=True):  # pydantic's models are built here (_collector)
        from perfeval_gui.fileio import FormFileError, write_bytes_atomic
        from perfeval_gui.portfolio.rows import Unreadable
        from perfeval_gui.portfolio.scanner import scan
        from perfeval_gui.portfolio.totals import totals as total

    entries: list[FormRow | Unreadable] = []
    worst = EXIT_OK
    listed = False
    for step in scan(paths, exclude=[output] if output else []):
        entry = step.entry
        if entry is None:
            continue
        entries.append(entry)
        if isinstance(entry, Unreadable):
            worst = EXIT_UNREADABLE
            print(f"perfeval: 无法读取 {entry.message}", file=err, flush=True)
            if as_json:
                line = json.dumps({"file": entry.file, "error": entry.detail or entry.reason},
                                  ensure_ascii=False)
                print(one_line(line), file=out)
            continue
        if entry.errors:
            worst = max(worst, EXIT_ERRORS)
        if as_json:
            print(one_line(json.dumps(form_json(entry), ensure_ascii=False)), file=out)
        elif not output:
            print(form_text(entry), file=out)
            listed = True
    totals = total(entries, "万元" if unit == "万元" else "元" if unit == "元" else None)
    if as_json:
        print(one_line(json.dumps(totals_json(totals), ensure_ascii=False)), file=out)
    else:
        if listed:
            print(file=out)
        print("\n".join(totals_text(totals)), file=out)
    out.flush()
    if output:
        try:
            write_bytes_atomic(output, _roll_up(output, entries, totals))
        except (FormFileError, _NotWritten) as exc:
            print(f"perfeval summary: 无法写入 {exc}", file=err)
            return EXIT_UNREADABLE
        # stdout stays JSON Lines under --json
        print(f"汇总已写入 {output}（{totals.forms} 个表）", file=err if as_json else out)
    return worst
