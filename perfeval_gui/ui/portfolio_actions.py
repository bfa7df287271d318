"""项目一览's batch work and the job machinery under it (a base of ``PortfolioWindow``).

Every long piece of work runs as a ``BackgroundJob`` with the progress bar and 取消 at the
bottom of the list, one at a time (the actions are disabled meanwhile), and ends with a
report that lists what failed and why, in a window that does not block: 检查, 导出一览,
批量导出 PDF, next year's forms. The work itself is ``portfolio_batch``'s.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QWidget,
)

from perfeval_gui.figures import Unit
from perfeval_gui.portfolio.rows import Entry, FormRow
from perfeval_gui.ui import portfolio_batch as batch
from perfeval_gui.ui.portfolio_jobs import BackgroundJob
from perfeval_gui.ui.portfolio_model import PortfolioFilter, PortfolioModel, prepare
from perfeval_gui.ui.portfolio_report import ReportDialog
from perfeval_gui.ui.portfolio_steps import Step

if TYPE_CHECKING:
    from perfeval_gui.ui.file_actions import FileActions


class Editor(Protocol):
    """What the list needs of the main window."""

    files: FileActions

    def open_file(self, path: str | Path | None = None) -> bool: ...
    def import_workbook(self, path: str | Path | None = None) -> bool: ...
    def _font_spec(self) -> Any: ...
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...


class PortfolioActions(QMainWindow):
    """Jobs, questions and batch work of the list window."""

    editor: Editor
    roots: list[str]
    model: PortfolioModel
    proxy: PortfolioFilter
    view: QTableView
    job: BackgroundJob | None
    _job_kind: str
    _outcomes: list[batch.Outcome]
    last_report: tuple[str, list[str]] | None
    job_bar: QWidget
    job_label: QLabel
    progress: QProgressBar
    cancel_button: QPushButton
    open_folder_action: QAction
    batch_actions: list[QAction]
    _totals_timer: QTimer
    exclude: set[str]

    def _on_items(self, items: list[object]) -> None:
        raise NotImplementedError

    def _on_ended(self, cancelled: bool, error: str) -> None:
        raise NotImplementedError

    # --- questions (tests replace these) ---------------------------------------------
    def ask_folder(self, title: str) -> str | None:
        start = self.roots[0] if self.roots else ""
        return QFileDialog.getExistingDirectory(self, title, start) or None

    def ask_list_path(self, suggested: str) -> str | None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("导出一览"), suggested,
            self.tr("Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv);;PDF (*.pdf)"))
        if path and Path(path).suffix.lower() not in batch.LIST_SUFFIXES:
            path += ".csv" if "csv" in chosen else ".pdf" if "pdf" in chosen.lower() else ".xlsx"
        return path or None

    def show_report(self, title: str, lines: list[str]) -> None:
        """The end of a batch: what was done and what failed, in a window that does not block."""
        self.last_report = (title, lines)
        ReportDialog.show_lines(self, title, lines)

    # --- jobs ----------------------------------------------------------------------
    def _start_job(self, kind: str, steps: Callable[[], Iterator[Step]], label: str) -> None:
        self._job_kind = kind
        self._outcomes = []
        self.job = BackgroundJob(steps, self, prepare)
        self.job.produced.connect(self._on_items)
        self.job.progressed.connect(self._on_progress)
        self.job.ended.connect(self._on_ended)
        self.job_label.setText(label)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.job_bar.setVisible(kind != "refresh")
        for act in [self.open_folder_action, *self.batch_actions]:
            act.setEnabled(False)
        self.job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.job_label.setText(self.tr("正在取消…"))

    def _stop_job(self) -> None:
        """Cancel a running job and drop what it has not handed over yet."""
        job, self.job = self.job, None
        if job is not None:
            job.cancel()
            for signal in (job.produced, job.progressed, job.ended):
                signal.disconnect()
            job.wait(5)
            job.deleteLater()
        self._job_ended()

    def _on_progress(self, done: int, total: int) -> None:
        if total and (total, done) != (self.progress.maximum(), self.progress.value()):
            if self.progress.maximum() != total:
                self.progress.setRange(0, total)
                self.progress.setFormat(self.tr("%v / %m"))
            self.progress.setValue(done)

    def _job_ended(self) -> None:
        self._totals_timer.stop()
        self.job_bar.hide()
        for act in [self.open_folder_action, *self.batch_actions]:
            act.setEnabled(True)

    def _report(self, kind: str, cancelled: bool, error: str) -> None:
        titles = {"check": self.tr("检查结果"), "list": self.tr("导出一览"),
                  "pdf": self.tr("批量导出 PDF"), "xlsx": self.tr("批量导出 Excel"),
                  "next_year": self.tr("新建下一年度")}
        failed = [o.line for o in self._outcomes if not o.ok]
        done = [o.line for o in self._outcomes if o.ok]
        lines = [self.tr("成功 %1 个，未成功 %2 个").replace("%1", str(len(done)))
                 .replace("%2", str(len(failed)))]
        if cancelled:
            lines.append(self.tr("已取消，其余的没有处理"))
        if error:
            lines.append(error)
        if failed:
            lines += ["", self.tr("未成功："), *failed]
        if done and kind != "check":
            lines += ["", self.tr("已完成："), *done]
        if done and kind == "next_year":  # what the copies kept and what they left empty
            from perfeval_gui.portfolio.next_year import CARRIED, CLEARED

            sep = self.tr("、")
            lines += ["", self.tr("沿用：%1").replace("%1", sep.join(CARRIED)),
                      self.tr("已清空：%1").replace("%1", sep.join(CLEARED))]
        self.statusBar().showMessage(lines[0], 15000)
        self.show_report(titles.get(kind, kind), lines)

    # --- batch work ------------------------------------------------------------------
    def selected_entries(self) -> list[Entry]:
        """The selected rows in the list's order, else every row shown."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows:
            return self.proxy.shown_entries()
        return [self.proxy.entry_at(r) for r in rows]

    def check(self) -> None:
        """检查: re-read the selected files (or all shown) and report what is wrong."""
        files = batch.json_files(self.selected_entries())
        self._start_job("check", lambda: batch.check_steps(files), self.tr("正在检查"))

    def export_list(self, path: str | None = None) -> bool:
        """导出一览: the rows as shown (filtered, sorted) and their totals."""
        if path is None:
            suggested = os.path.join(self.roots[0] if self.roots else "", self.tr("项目一览.xlsx"))
            path = self.ask_list_path(suggested)
            if path is None:
                return False
        entries = self.proxy.shown_entries()
        unit: Unit = self.model.unit
        font = self.editor._font_spec()
        target = path
        self.exclude.add(os.path.abspath(path))
        self._start_job("list", lambda: batch.export_list_steps(target, entries, unit, font),
                        self.tr("正在导出"))
        return True

    def export_pdfs(self, folder: str | None = None) -> bool:
        """批量导出 PDF: one PDF per selected form (all shown when none is selected)."""
        files = [e.file for e in self.selected_entries() if isinstance(e, FormRow)]
        if folder is None:
            folder = self.ask_folder(self.tr("把 PDF 导出到文件夹"))
            if folder is None:
                return False
        files = list(dict.fromkeys(files))
        font = self.editor._font_spec()
        target = folder
        self._start_job("pdf", lambda: batch.pdf_steps(files, target, font),
                        self.tr("正在导出 PDF"))
        return True

    def export_workbooks(self, folder: str | None = None) -> bool:
        """批量导出 Excel: one workbook per selected form (all shown when none is selected)."""
        files = list(dict.fromkeys(e.file for e in self.selected_entries()
                                   if isinstance(e, FormRow)))
        if folder is None:
            folder = self.ask_folder(self.tr("把工作簿导出到文件夹"))
            if folder is None:
                return False
        target = folder
        self._start_job("xlsx", lambda: batch.workbook_steps(files, target),
                        self.tr("正在导出 Excel"))
        return True

    def next_year_forms(self, folder: str | None = None) -> bool:
        """Next year's form of each selected form, into a folder (never overwriting)."""
        files = list(dict.fromkeys(e.file for e in self.selected_entries()
                                   if isinstance(e, FormRow)))
        if folder is None:
            folder = self.ask_folder(self.tr("把下一年度的表写入文件夹"))
            if folder is None:
                return False
        target = folder
        self._start_job("next_year", lambda: batch.next_year_steps(files, target),
                        self.tr("正在新建下一年度"))
        return True
