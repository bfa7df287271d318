"""项目一览: every form under a folder in one sortable, filterable list, with its totals.

File → 打开文件夹… (or a folder on the command line) opens this window beside the editor.
The folder is read off the GUI thread (``portfolio_jobs``; a large one in a child process,
``portfolio_steps``), rows arriving in batches with a progress bar and 取消; the model and
the filter are ``portfolio_model``'s; the totals line follows the filter and the unit
chosen (``portfolio_totals``); a double-click (or Enter) opens the form in the editor,
which asks to save its own form first; a form saved in the editor updates its row at
once, files changed on disk update theirs (``portfolio_watch``). Batch work on the
selected rows, or all rows shown, is the base class's (``portfolio_actions``).

Measured (benchmarks/bench_portfolio_window.py, 10,000 forms, the shared 2-core box): the
list filled in 3.6–5.3 s beside 1.7–2.4 s for the bare ``portfolio.scan()`` (~2.1×), 1,000
rows after ~0.7–0.85 s, the longest GUI-thread stall 85–145 ms with 15–31 of ~2,500 timer
gaps over one frame (each batch of rows repaints the list: ~17 ms), sorting by 总分 ~30 ms.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.figures import Unit
from perfeval_gui.portfolio.rows import COLUMNS, Entry, FormRow, Unreadable, column, form_row
from perfeval_gui.portfolio.totals import GRADES, Totals
from perfeval_gui.spec import SELF_GRADE_NAME
from perfeval_gui.ui import portfolio_batch as batch
from perfeval_gui.ui.labels import spec_text, unit_label
from perfeval_gui.ui.portfolio_actions import Editor, PortfolioActions
from perfeval_gui.ui.portfolio_jobs import BackgroundJob
from perfeval_gui.ui.portfolio_model import (
    SEARCHED_COLUMNS,
    UNGRADED,
    FilterSpec,
    PortfolioFilter,
    PortfolioModel,
    Prepared,
    prepare,
)
from perfeval_gui.ui.portfolio_steps import (
    Folders,
    Found,
    Stamp,
    file_key,
    scan_steps,
    stamp_of,
)
from perfeval_gui.ui.portfolio_totals import TotalsWorker, totals_text
from perfeval_gui.ui.portfolio_watch import FolderWatcher, refresh_steps

FILTER_MS: Final = 200
"""Typing in the filter box re-filters this long after the last key."""
_WIDTHS: Final[dict[str, int]] = {
    "project_name": 220, "competent_department": 160, "implementing_unit": 180,
    "file": 240, "place": 90, "year": 60, "amount": 130, "rate": 80, "score": 72,
    "grade": 72, "count": 52,
}
"""Starting column widths by key, else by kind (measuring 10,000 rows would take long)."""
TOTALS_WHILE_READING_MS: Final = 2000
"""While a folder is read the totals line is brought up to date this often (at the end,
at once): worked out after every batch, the totals would compete with the reading."""


class PortfolioWindow(PortfolioActions):
    """The forms of one or more folders; see the module docstring."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("portfolioWindow")
        self.setWindowTitle(self.tr("项目一览"))
        self.editor = editor
        self.roots: list[str] = []
        self._known: dict[str, tuple[str, Stamp | None]] = {}
        self.exclude: set[str] = set()
        """Roll-ups written from this list: never listed as forms (a .xlsx in the folder)."""
        """file_key → (file as listed, stamp when read)."""
        self.job: BackgroundJob | None = None
        self._job_kind = ""
        self._outcomes: list[batch.Outcome] = []
        self._touched: tuple[set[str], set[str]] = (set(), set())
        self.totals: Totals | None = None
        self.last_report: tuple[str, list[str]] | None = None

        self.model = PortfolioModel(self)
        self.proxy = PortfolioFilter(self.model, self)
        self.watcher = FolderWatcher(self)
        self.watcher.touched.connect(self._on_touched)
        self._totals = TotalsWorker(self)
        self._totals.ready.connect(self._show_totals)
        self._totals_timer = QTimer(self)
        self._totals_timer.setSingleShot(True)
        self._totals_timer.setInterval(TOTALS_WHILE_READING_MS)
        self._totals_timer.timeout.connect(self._schedule_totals)
        self._build()
        self.resize(1200, 700)
        saved = getattr(editor.files, "saved", None)
        if saved is not None:
            saved.connect(self._on_saved)
        app = QCoreApplication.instance()
        if app is not None:  # quitting with a folder still being read: stop the reader
            app.aboutToQuit.connect(self._stop_job)

    # --- widgets ---------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], tip: str = "") -> QAction:
        act = QAction(text, self)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def _build(self) -> None:
        self.open_folder_action = self._action(self.tr("打开文件夹(&O)…"), self.open_folder,
                                               self.tr("列出文件夹（含子文件夹）中的全部自评表"))
        self.check_action = self._action(self.tr("检查(&C)"), self.check,
                                         self.tr("重新读取并检查所选的表（未选时为全部）"))
        self.export_list_action = self._action(
            self.tr("导出一览(&E)…"), self.export_list,
            self.tr("把列表（按当前筛选和排序）及合计导出为 .xlsx、.csv 或 PDF"))
        self.export_pdfs_action = self._action(
            self.tr("批量导出 PDF(&P)…"), self.export_pdfs,
            self.tr("为所选的表（未选时为列表中全部）各导出一份 PDF 到一个文件夹"))
        self.export_workbooks_action = self._action(
            self.tr("批量导出 Excel(&X)…"), self.export_workbooks,
            self.tr("为所选的表（未选时为列表中全部）各导出一个 Excel 工作簿到一个文件夹"))
        self.next_year_action = self._action(
            self.tr("新建下一年度(&N)…"), self.next_year_forms,
            self.tr("为所选的表各新建下一年度的自评表，写入一个文件夹（不覆盖已有文件）"))
        self.batch_actions = [self.check_action, self.export_list_action,
                              self.export_pdfs_action, self.export_workbooks_action,
                              self.next_year_action]
        toolbar = self.addToolBar(self.tr("项目一览"))
        toolbar.setObjectName("portfolioToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.open_folder_action, *self.batch_actions])

        central = QWidget(self)
        layout = QVBoxLayout(central)
        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("portfolioFilter")
        searched = [spec_text(column(key).label) for key in SEARCHED_COLUMNS]
        self.filter_edit.setPlaceholderText(
            self.tr("筛选：%1或文件名").replace("%1", self.tr("、").join(searched)))
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.grade_combo = QComboBox()
        self.grade_combo.setObjectName("portfolioGrade")
        self.grade_combo.addItem(self.tr("全部等级"), None)
        for grade in GRADES:
            self.grade_combo.addItem(spec_text(grade), grade)
        self.grade_combo.addItem(self.tr("未评"), UNGRADED)
        self.grade_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.problems_check = QCheckBox(self.tr("只看有问题的"))
        self.problems_check.setToolTip(self.tr("只列出有错误或警告的表和无法读取的文件"))
        self.problems_check.toggled.connect(lambda _on: self.apply_filter())
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("portfolioUnit")
        for unit in ("元", "万元"):
            self.unit_combo.addItem(unit_label(unit), unit)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._on_unit())
        grade_label = QLabel(spec_text(SELF_GRADE_NAME))
        unit_caption = QLabel(self.tr("金额单位"))
        for widget in (self.filter_edit, grade_label, self.grade_combo, self.problems_check,
                       unit_caption, self.unit_combo):
            filters.addWidget(widget, 1 if widget is self.filter_edit else 0)
        layout.addLayout(filters)

        self.view = QTableView()
        self.view.setObjectName("portfolioTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        rows = self.view.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()  # row numbers say nothing once sorted, and cost a call each per repaint
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # the scan order (folders, names) until a click
        self.view.doubleClicked.connect(self._on_double_click)
        self.open_action = QAction(self.tr("打开所选的表"), self.view)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                       QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self._open_current)
        self.view.addAction(self.open_action)
        header = self.view.horizontalHeader()
        for number, col in enumerate(COLUMNS):
            header.resizeSection(number, _WIDTHS.get(col.key, _WIDTHS.get(col.kind, 90)))
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)

        self.totals_label = QLabel()
        self.totals_label.setObjectName("portfolioTotals")
        self.totals_label.setTextFormat(Qt.TextFormat.PlainText)
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.totals_label)

        self.job_bar = QWidget()
        bar = QHBoxLayout(self.job_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.job_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setObjectName("portfolioProgress")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("portfolioCancel")
        self.cancel_button.clicked.connect(self.cancel)
        bar.addWidget(self.job_label)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        self.job_bar.hide()
        layout.addWidget(self.job_bar)
        self.setCentralWidget(central)
        self.scan_label = QLabel()
        self.scan_label.setObjectName("portfolioScanned")
        self.statusBar().addPermanentWidget(self.scan_label, 1)

    # --- scanning --------------------------------------------------------------------
    def open_folder(self, path: str | Path | None = None) -> bool:
        """List the forms under a folder (asking for it when ``path`` is None)."""
        if path is None:
            path = self.ask_folder(self.tr("打开文件夹"))
            if path is None:
                return False
        self.scan([os.path.abspath(os.fspath(path))])
        return True

    def scan(self, roots: list[str]) -> None:
        """Replace the list with the forms under ``roots`` (read on a worker thread)."""
        self._stop_job()
        self.roots = roots
        self.model.set_base(roots[0] if len(roots) == 1 else "")
        self.setWindowTitle(self.tr("项目一览 — %1").replace("%1", ", ".join(roots)))
        self.model.clear()
        self._known.clear()
        self.watcher.clear()
        self.watcher.add_folders(r for r in roots if os.path.isdir(r))
        exclude = sorted(self.exclude)
        self._start_job("scan", lambda: scan_steps(roots, exclude), self.tr("正在读取"))

    def _on_items(self, items: list[object]) -> None:
        new: list[Entry] = []
        new_keys: list[str] = []
        sort_keys: list[tuple[tuple[int, Any], ...]] = []
        hays: list[str] = []
        for item in items:
            prepared = item if isinstance(item, Prepared) else None
            if prepared is not None:
                item = prepared.found
            if isinstance(item, Found):
                if self._job_kind == "check":
                    self._outcomes.extend(batch.check_outcomes(item))
                if item.key in self._known:
                    self.model.append(new, new_keys, sort_keys, hays)
                    new, new_keys, sort_keys, hays = [], [], [], []
                    self._update_file(item)
                elif item.entries:
                    self._known[item.key] = (item.entries[0].file, item.stamp)
                    new.extend(item.entries)
                    new_keys.extend([item.key] * len(item.entries))
                    ready = prepared if prepared is not None else prepare(item)
                    assert isinstance(ready, Prepared)
                    sort_keys.extend(ready.keys)
                    hays.extend(ready.hays)
            elif isinstance(item, Folders):
                self.watcher.remove_folders(item.gone)
                self.watcher.add_folders(item.paths)
            elif isinstance(item, batch.Outcome):
                self._outcomes.append(item)
        self.model.append(new, new_keys, sort_keys, hays)
        if new or any(isinstance(i, Found | Prepared) for i in items):
            if self.job is None:
                self._schedule_totals()
            elif not self._totals_timer.isActive():  # while reading: now and then
                self._totals_timer.start()

    def _update_file(self, found: Found) -> None:
        if found.entries:
            self._known[found.key] = (found.entries[0].file, found.stamp)
        else:
            self._known.pop(found.key, None)
        self.model.replace_file(found.key, found.entries)

    def _on_ended(self, cancelled: bool, error: str) -> None:
        job, kind = self.job, self._job_kind
        self.job = None
        elapsed = time.perf_counter() - job.started_at if job is not None else 0.0
        if job is not None:
            job.deleteLater()
        self._job_ended()
        if kind == "scan":
            forms = sum(1 for e in self.model.entries if isinstance(e, FormRow))
            text = self.tr("已列出 %1 个表，%2 个文件无法读取（%3 秒）").replace(
                "%1", str(forms)).replace("%2", str(len(self.model.entries) - forms)).replace(
                "%3", f"{elapsed:.1f}")
            if cancelled:
                text = self.tr("已取消读取；") + text
            if error:  # a bug, not a file: the rows read so far stay
                text += self.tr("；读取中断：%1").replace("%1", error)
            self.scan_label.setText(text)
            self.watcher.add_files(file for file, _stamp in self._known.values())
        elif kind != "refresh":
            self._report(kind, cancelled, error)
        elif error:
            self.statusBar().showMessage(error, 10000)
        self._schedule_totals()
        folders, files = self._touched
        if folders or files:
            self._touched = (set(), set())
            self._on_touched(sorted(folders), sorted(files))

    # --- totals ----------------------------------------------------------------------
    def _schedule_totals(self) -> None:
        entries, hays = self.model.snapshot()
        unit: Unit = self.model.unit
        self._totals.request(entries, hays, self.proxy.spec, unit)

    def _show_totals(self, result: Totals) -> None:
        self.totals = result
        self.totals_label.setText(totals_text(result, self.proxy.spec.active))

    def _on_unit(self) -> None:
        self.model.set_unit(self.unit_combo.currentData())
        self._schedule_totals()

    def apply_filter(self) -> None:
        """Filter by the box, the grade and 'only problems' (the totals follow)."""
        self._filter_timer.stop()
        grade = self.grade_combo.currentData()
        self.proxy.set_spec(FilterSpec(self.filter_edit.text().strip().casefold(),
                                       grade if isinstance(grade, str) else None,
                                       self.problems_check.isChecked()))
        self._schedule_totals()

    # --- opening a form, keeping rows current ----------------------------------------
    def _on_double_click(self, index: QModelIndex) -> None:
        self.open_entry(self.proxy.entry_at(index.row()))

    def _open_current(self) -> None:
        """Enter on a row opens it, as a double-click does."""
        index = self.view.currentIndex()
        if index.isValid():
            self.open_entry(self.proxy.entry_at(index.row()))

    def open_entry(self, entry: Entry) -> bool:
        """Open ``entry``'s form in the editor (which asks to save its own form first)."""
        if not os.path.isfile(entry.file):
            self.statusBar().showMessage(entry.message if isinstance(entry, Unreadable)
                                         else entry.file, 10000)
            return False
        if not entry.file.lower().endswith(".json"):  # a workbook (or another source)
            opened = self.editor.import_workbook(entry.file)
        else:
            opened = self.editor.open_file(entry.file)  # an unreadable one: why, or repair
        if opened:
            self.editor.raise_()
            self.editor.activateWindow()
        return opened

    def _on_saved(self, path: Path) -> None:
        """The editor saved ``path``: its row shows the form as saved, at once."""
        key = file_key(os.fspath(path))
        known = self._known.get(key)
        if known is None:
            inside = any(os.fspath(path).startswith(r.rstrip(os.sep) + os.sep)
                         for r in self.roots)
            if not inside or self.job is not None:
                return  # not ours, or a running scan or the folder watch will bring it
            file = os.fspath(path)
        else:
            file = known[0]
        row = form_row(self.editor.files.document.form, file)
        self._on_items([Found(key, (row,), stamp_of(file))])

    def _on_touched(self, folders: list[str], files: list[str]) -> None:
        if self.job is not None:  # after the running job
            self._touched[0].update(folders)
            self._touched[1].update(files)
            return
        known = dict(self._known)
        watched = self.watcher.folders
        exclude = sorted(self.exclude)
        self._start_job("refresh",
                        lambda: refresh_steps(folders, files, known, watched, exclude),
                        self.tr("正在更新"))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_job()
        self.watcher.clear()
        super().closeEvent(event)


def open_portfolio(editor: Editor, current: PortfolioWindow | None,
                   folder: str | Path | None = None) -> tuple[PortfolioWindow | None, bool]:
    """File → 打开文件夹…: the editor's list window (made once) showing ``folder`` (asked for
    when None); and whether a folder was opened (False: the clerk cancelled).

    The list is a window of its own, not a child of the editor's: a child
    window stays above its parent, and the form opened from the list would be hidden
    behind it. It does not keep the program running once the editor is closed (the editor
    closes it, and holds the only reference to it)."""
    window = current
    if window is None:
        window = PortfolioWindow(editor)
        window.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
    if not window.open_folder(folder):
        if window is not current:
            window.deleteLater()
        return current, False
    window.show()
    window.raise_()
    window.activateWindow()
    return window, True


__all__: Sequence[str] = ("PortfolioWindow", "open_portfolio")
