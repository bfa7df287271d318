"""``perfeval check FILE... [--json]``: each form's figures, then its findings.

Nothing here computes a figure: figures.py and rules.py do, this only prints.
The model and the rules are imported by the handler, not at module level, so that
building the parser (every command's) stays cheap.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from perfeval_gui._collector import collector_paused
from perfeval_gui.cli.output import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    SEVERITY_LABELS,
    finding_line,
    one_line,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from perfeval_gui.model import Form, Published
    from perfeval_gui.rules import Finding


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the command line."""
    parser = commands.add_parser(
        "check",
        help="计算各表的执行率、资金得分、总分、自评等级并列出检查发现的问题",
        description="逐个文件打印计算结果和检查发现的问题。退出码：0 无错误，"
        "1 有表存在“错误”级问题，2 有文件无法读取。",
    )
    parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="自评表文件（.json），Excel/WPS 工作簿（.xlsx/.xls/.ods），"
                        "或公开的 PDF（.pdf，逐表核对印出的数字）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The handler of ``check``."""
    return check_files(args.files, args.json, out, err)


def figures_json(path: str, form: Form, findings: Sequence[Finding]) -> dict[str, Any]:
    """The ``--json`` object of one file (figures as decimal strings, exactly as shown;
    ``grade``: 自评等级 优/良/中/差, null while nothing is scored)."""
    from perfeval_gui.figures import compute, form_grade
    from perfeval_gui.numbers import format_points

    figures = compute(form)
    rate = figures.execution_rate
    return {
        "file": path,
        "execution_rate": None if rate is None else f"{rate:.2f}",
        "funding_score": format_points(figures.funding_score, "computed"),
        "total_score": format_points(figures.total_score, "computed"),
        "weight_total": format_points(figures.weight_total, "entered"),
        "grade": form_grade(form),
        "findings": [
            {
                "severity": f.severity,
                "code": f.code,
                "message": f.message,
                "location": str(f.location),
            }
            for f in findings
        ],
    }


def printed_line(published: Published) -> str:
    """``PDF 上印出：执行率 86.19%　资金得分 8.62　分值合计 100　总分 88.62``, each as
    printed (``未印出`` where the page shows none); the figures above are recomputed."""

    def shown(value: Decimal | None, suffix: str = "") -> str:
        return "未印出" if value is None else f"{value:f}{suffix}"

    return (f"PDF 上印出：执行率 {shown(published.execution_rate, '%')}　"
            f"资金得分 {shown(published.funding_score)}　"
            f"分值合计 {shown(published.weight_total)}　"
            f"总分 {shown(published.total_score)}")


def figures_text(path: str, form: Form, findings: Sequence[Finding]) -> str:
    """The human-readable report of one file: figures first, then findings."""
    from perfeval_gui.figures import compute, form_grade
    from perfeval_gui.fileio import visible
    from perfeval_gui.numbers import DASH, format_amount, format_points, format_rate
    from perfeval_gui.spec import SELF_GRADE_NAME, STANDARD, one_line

    # The form's own labels come from the spec, as the window and the PDF show them.
    name_label = one_line(STANDARD.header_field("project_name").label)
    total_label = STANDARD.funding.total_row.name
    budget_label = one_line(STANDARD.funding.column("annual_budget").label)
    executed_label = one_line(STANDARD.funding.column("executed").label)

    figures = compute(form)
    row = figures.total_row
    name = form.project_name.strip() or f"（未填写{name_label}）"
    how = "由其中三行自动合计" if figures.total_is_auto else "按填写"
    budget = format_amount(row.annual_budget) or "空"
    executed = format_amount(row.executed) or "空"
    lines = [
        f"== {visible(path)}",  # a newline or bidi control in a name stays visible
        f"{name_label}：{' '.join(name.split())}（{form.year} 年度）",
        f"{total_label}（{form.funding.unit}，{how}）：{budget_label} {budget}，"
        f"{executed_label} {executed}",
        f"执行率 {format_rate(figures.execution_rate)}　"
        f"资金得分 {format_points(figures.funding_score, 'computed')}　"
        f"分值合计 {format_points(figures.weight_total, 'entered')}　"
        f"总分 {format_points(figures.total_score, 'computed')}　"
        f"{SELF_GRADE_NAME} {form_grade(form) or DASH}",
    ]
    if form.published is not None:  # a published PDF's form: what the page printed
        lines.append(printed_line(form.published))
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


def check_files(files: Sequence[str], as_json: bool, out: TextIO, err: TextIO) -> int:
    """Check each file in turn; an unreadable file is reported and the others still checked."""
    import json

    with collector_paused(then_freeze=True):  # pydantic's models are built here (_collector)
        from perfeval_gui.fileio import FormFileError
        from perfeval_gui.rules import check

    from perfeval_gui.cli.import_cmd import sources  # a workbook or a PDF: each form in it

    unreadable = False
    has_errors = False
    for index, source in enumerate(sources(files)):
        path = source.label
        try:
            form, notes = source.load()
        except FormFileError as exc:
            unreadable = True
            # The clerk's words (第 4 行指标的分值…); --json keeps the field path.
            problem = exc.detailed() if as_json else str(exc)
            print(f"perfeval: 无法读取 {problem}", file=err, flush=True)
            continue
        findings = [*notes, *check(form)]
        has_errors = has_errors or any(f.severity == "error" for f in findings)
        if as_json:
            data = figures_json(path, form, findings)
            data.update(project_name=form.project_name, source=source.origin())
            line = json.dumps(data, ensure_ascii=False)
            print(one_line(line), file=out)
        else:
            if index:
                print(file=out)
            print(figures_text(path, form, findings), file=out)
        out.flush()
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if has_errors else EXIT_OK
