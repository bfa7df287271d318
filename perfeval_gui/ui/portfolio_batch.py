"""Batch work of 项目一览, as step generators for ``BackgroundJob``, and File → 新建下一年度….

Each batch goes on past a bad file and says at the end what became of every one
(``Outcome`` lines, gathered into the report): 检查 (re-read the files), 导出一览 (.xlsx,
.csv or the PDF summary), 批量导出 PDF (one per form, ``pdf.batch.render_forms``), next
year's forms for many (``portfolio.next_year``). Nothing is ever overwritten unasked: PDFs
and next year's copies that would land on an existing file get a suffix (``名称-2.pdf``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from PySide6.QtCore import QCoreApplication

from perfeval_gui.figures import Unit
from perfeval_gui.fileio import FormFileError, load_form, save_form, write_bytes_atomic
from perfeval_gui.portfolio.rows import Entry, Unreadable
from perfeval_gui.ui.portfolio_steps import Found, Step, read_all_steps

if TYPE_CHECKING:
    from perfeval_gui.ui.file_actions import FileActions

LIST_SUFFIXES: Final = (".xlsx", ".csv", ".pdf")


def _colon(name: str, text: str) -> str:
    """``name：text``, the report's line for one file."""
    return (QCoreApplication.translate("PortfolioBatch", "%1：%2").replace("%1", name)
            .replace("%2", text))


def _list(items: Sequence[str]) -> str:
    return QCoreApplication.translate("PortfolioBatch", "、").join(items)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one file of a batch: a line of the report."""

    ok: bool
    line: str
    target: str | None = None


def free_name(target: Path, taken: set[Path]) -> Path:
    """``target``, or ``stem-2.ext``, ``stem-3.ext`` … : a name neither on disk nor used by
    an earlier file of the batch."""
    candidate, number = target, 1
    while candidate.exists() or candidate in taken:
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
    taken.add(candidate)
    return candidate


# --- 检查 -------------------------------------------------------------------------------
def check_steps(files: Sequence[str]) -> Iterator[Step]:
    """Re-read each file (its rows are replaced; many of them in a child process, as a
    folder is read); ``check_outcomes`` words the report."""
    yield from read_all_steps(list(files))


def check_outcomes(found: Found) -> list[Outcome]:
    """The report's lines for one file checked: why it cannot be read, its errors, or ok."""
    outcomes = []
    for entry in found.entries:
        if isinstance(entry, Unreadable):
            outcomes.append(Outcome(False, entry.message))
        elif entry.errors:
            line = QCoreApplication.translate("PortfolioBatch", "%1：%2 个错误，%3 个警告")
            outcomes.append(Outcome(False, line.replace("%1", entry.label)
                                    .replace("%2", str(entry.errors))
                                    .replace("%3", str(entry.warnings))))
        else:
            outcomes.append(Outcome(True, entry.label))
    return outcomes


# --- 导出一览 -----------------------------------------------------------------------------
def export_list_steps(path: str, entries: Sequence[Entry], unit: Unit,
                      font: Any = None) -> Iterator[Step]:
    """Write the roll-up of ``entries`` (as shown) to ``path``: .xlsx, .csv or PDF."""
    from perfeval_gui.portfolio.totals import totals

    yield Step(None, 0, 0)
    result = totals(entries, unit)
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".pdf":
            from perfeval_gui.pdf.summary import summary_bytes

            data = summary_bytes(entries, result, font=font)[0]
        elif suffix == ".csv":
            from perfeval_gui.portfolio.export import summary_csv

            data = summary_csv(entries, result)
        else:
            from perfeval_gui.portfolio.export import summary_xlsx

            data = summary_xlsx(entries, result)
        write_bytes_atomic(path, data)
    except FormFileError as exc:
        yield Step(Outcome(False, str(exc)), 1, 1)
        return
    except Exception as exc:  # a font or writer problem: one line, never a traceback
        yield Step(Outcome(False, _colon(path, f"{type(exc).__name__}: {exc}")), 1, 1)
        return
    line = QCoreApplication.translate("PortfolioBatch", "已导出 %1（%2 行）")
    yield Step(Outcome(True, line.replace("%1", path).replace("%2", str(len(entries))), path),
               1, 1)


# --- 批量导出 PDF -------------------------------------------------------------------------
def pdf_steps(files: Sequence[str], folder: str, font: Any = None) -> Iterator[Step]:
    """One PDF per form file into ``folder`` (workbooks are left out: import them first)."""
    from perfeval_gui.pdf.batch import render_forms
    from perfeval_gui.workbook import is_workbook

    forms = [f for f in files if not is_workbook(f)]
    total = len(files)
    done = 0
    for file in files:
        if is_workbook(file):
            done += 1
            line = QCoreApplication.translate(
                "PortfolioBatch", "%1：工作簿中的表请先导入为 .json 再导出 PDF")
            yield Step(Outcome(False, line.replace("%1", file)), done, total)
    taken: set[Path] = set()

    def target_for(source: str) -> Path:
        return free_name(Path(folder) / Path(source).with_suffix(".pdf").name, taken)

    for outcome in render_forms(forms, target_for, font=font):
        done += 1
        if outcome.written:
            line = (QCoreApplication.translate("PortfolioBatch", "%1 → %2")
                    .replace("%1", outcome.source).replace("%2", str(outcome.target)))
            if outcome.errors:
                line += QCoreApplication.translate(
                    "PortfolioBatch", "（有 %1 个错误，已标为草稿）").replace(
                    "%1", str(len(outcome.errors)))
            yield Step(Outcome(True, line, str(outcome.target)), done, total)
        else:
            problem = outcome.problem or outcome.status
            yield Step(Outcome(False, _colon(outcome.source, problem)), done, total)


# --- 批量导出 Excel ------------------------------------------------------------------------
def workbook_steps(files: Sequence[str], folder: str) -> Iterator[Step]:
    """One .xlsx per form file into ``folder`` (the form with live formulas, as File → 导出
    Excel writes it), under a free name; a workbook's own forms are left out."""
    from perfeval_gui.workbook import is_workbook
    from perfeval_gui.workbook.writer import workbook_bytes

    taken: set[Path] = set()
    total = len(files)
    for done, file in enumerate(files, start=1):
        if is_workbook(file):
            line = QCoreApplication.translate("PortfolioBatch", "%1：已是工作簿")
            yield Step(Outcome(False, line.replace("%1", file)), done, total)
            continue
        try:
            data, problems = workbook_bytes([load_form(file)])
            target = free_name(Path(folder) / Path(file).with_suffix(".xlsx").name, taken)
            write_bytes_atomic(target, data)
        except FormFileError as exc:
            yield Step(Outcome(False, str(exc)), done, total)
            continue
        except Exception as exc:  # a writer problem: one line, never a traceback
            yield Step(Outcome(False, _colon(file, f"{type(exc).__name__}: {exc}")), done, total)
            continue
        line = f"{file} → {target}"
        if problems:
            line += QCoreApplication.translate("PortfolioBatch", "（注意：%1）").replace(
                "%1", " · ".join(problems))
        yield Step(Outcome(True, line, str(target)), done, total)


# --- 新建下一年度 --------------------------------------------------------------------------
def next_year_steps(files: Sequence[str], folder: str) -> Iterator[Step]:
    """Next year's copy of each form file, written into ``folder`` under a free name."""
    from perfeval_gui.portfolio.next_year import next_year, next_year_name
    from perfeval_gui.workbook import is_workbook

    taken: set[Path] = set()
    total = len(files)
    for done, file in enumerate(files, start=1):
        if is_workbook(file):
            line = QCoreApplication.translate("PortfolioBatch", "%1：工作簿中的表请先导入为 .json")
            yield Step(Outcome(False, line.replace("%1", file)), done, total)
            continue
        try:
            form = load_form(file)
            new = next_year(form)[0]
            name = next_year_name(os.path.basename(file), form.year, new.year)
            target = free_name(Path(folder) / name, taken)
            save_form(new, target)
        except FormFileError as exc:
            yield Step(Outcome(False, str(exc)), done, total)
            continue
        except ValueError as exc:
            yield Step(Outcome(False, _colon(file, str(exc))), done, total)
            continue
        yield Step(Outcome(True, f"{file} → {target}", str(target)), done, total)


class NextYearHost(Protocol):
    files: FileActions

    def show_error(self, title: str, text: str) -> None: ...


def open_next_year(host: NextYearHost) -> bool:
    """File → 新建下一年度…: next year's copy of the open form opens unsaved; a bar says
    what was carried and what was cleared."""
    from perfeval_gui.portfolio.next_year import next_year

    files = host.files
    if files.loading or not files.maybe_save():
        return False
    try:
        new, carried, cleared = next_year(files.document.form)
    except ValueError as exc:
        host.show_error(QCoreApplication.translate("PortfolioBatch", "无法新建下一年度"), str(exc))
        return False
    files._install(new, None, identity=None, read_only=False, lock=None, modified=True)
    files.notice.show_notice(
        QCoreApplication.translate(
            "PortfolioBatch", "已新建 %1 年度的自评表（尚未保存）。沿用：%2。已清空：%3。")
        .replace("%1", str(new.year)).replace("%2", _list(carried))
        .replace("%3", _list(cleared)),
        [(QCoreApplication.translate("PortfolioBatch", "知道了"), files.notice.dismiss)],
    )
    return True


def json_files(entries: Sequence[Entry]) -> list[str]:
    """The distinct files of ``entries``, in order (unreadable ones too: read again)."""
    return list(dict.fromkeys(e.file for e in entries))
