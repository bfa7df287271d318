"""File → 导入… and 导出 Excel…: a form from an Excel/WPS workbook or a published PDF, and
the form as a workbook.

An imported form is new work, not the workbook: it opens unsaved (no path, title
``NAME (导入)``, modified, so closing asks and Save leads to Save As), and the cells the
reader could not read are findings of the document (code ``unread-cell``) until edited or
saved. The read runs off the GUI thread like opening a form (``file_loader``), through
``portfolio.sources.read_forms``; a PDF's form keeps the figures the page printed
(``Form.published``), so ``published-mismatch`` shows a misprint at once. A file
holding several forms (sheets, pages) asks which one through the window's ``ask_choice`` (kind
``workbook_form``), which shows ``FormChooser``; tests answer there.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.fileio import FormFileError, write_bytes_atomic
from perfeval_gui.spec import STANDARD
from perfeval_gui.ui.file_actions import CANCEL, one_line, safe_name, shown_name
from perfeval_gui.ui.file_loader import import_in_background
from perfeval_gui.ui.labels import spec_text

if TYPE_CHECKING:
    from perfeval_gui.ui.file_actions import FileActions
    from perfeval_gui.workbook.reader import ImportedForm

WORKBOOK_FORM: Final = "workbook_form"
"""The ``ask_choice`` kind of 'which form of the workbook?' (answers: "0", "1", … or CANCEL)."""
COLUMN_SEP: Final = "\t"
"""Separates a choice's project name, sheet and position (the chooser's columns)."""


class WorkbookHost(Protocol):
    """What import and export need of the window beyond the file actions' host."""

    def ask_import_path(self) -> str | None: ...
    def ask_export_path(self, suggested: str) -> str | None: ...


def form_choices(forms: Sequence[ImportedForm]) -> list[tuple[str, str]]:
    """(key, "project<TAB>sheet<TAB>position") per form, for the chooser."""
    choices = []
    for number, imported in enumerate(forms):
        name = shown_name(imported.form.project_name.strip()) or QCoreApplication.translate(
            "WorkbookFiles", "（未填名称）"
        )
        position = QCoreApplication.translate("WorkbookFiles", "第 %1 个表").replace(
            "%1", str(imported.index)
        )
        label = COLUMN_SEP.join((name, shown_name(imported.sheet), position))
        choices.append((str(number), label))
    return choices


def import_workbook(files: FileActions, host: WorkbookHost, path: str | Path | None) -> bool:
    """Open a form of a workbook or PDF unsaved (asking for the file when ``path`` is None).

    On failure or cancel nothing changes (the current form stays).
    """
    if files.loading or not files.maybe_save():
        return False
    if path is None:
        path = host.ask_import_path()
        if path is None:
            return False
    source = Path(path)
    label = QCoreApplication.translate("WorkbookFiles", "正在读取 %1 …").replace(
        "%1", shown_name(source.name)
    )
    files.loading = True
    try:
        outcome = import_in_background(files.host.window(), source, label)
    finally:
        files.loading = False
    if outcome.cancelled:
        files.host.statusBar().showMessage(
            QCoreApplication.translate("WorkbookFiles", "已取消导入 %1").replace(
                "%1", shown_name(source.name)
            ),
            8000,
        )
        return False
    if outcome.error is not None or not outcome.forms:
        files.host.show_error(
            QCoreApplication.translate("WorkbookFiles", "无法导入"), one_line(outcome.error or "")
        )
        return False
    chosen = outcome.forms[0]
    if len(outcome.forms) > 1:
        answer = files.ask(
            WORKBOOK_FORM,
            QCoreApplication.translate("WorkbookFiles", "选择要导入的自评表"),
            QCoreApplication.translate("WorkbookFiles", "“%1”中有 %2 张自评表，请选择一张打开：")
            .replace("%1", shown_name(source.name))
            .replace("%2", str(len(outcome.forms))),
            [
                *form_choices(outcome.forms),
                (CANCEL, QCoreApplication.translate("WorkbookFiles", "取消")),
            ],
        )
        if not answer.isdigit() or int(answer) >= len(outcome.forms):
            return False
        chosen = outcome.forms[int(answer)]
    files._install(
        chosen.form,
        None,
        identity=None,
        read_only=False,
        lock=None,
        modified=True,
        imported_from=source.name,
        extra_findings=[note.finding() for note in chosen.notes],
    )
    if chosen.notes:
        message = QCoreApplication.translate(
            "WorkbookFiles", "已导入；有 %1 个单元格未能读取，见检查结果"
        ).replace("%1", str(len(chosen.notes)))
    else:
        message = QCoreApplication.translate("WorkbookFiles", "已导入 %1，尚未保存").replace(
            "%1", shown_name(source.name)
        )
    files.host.statusBar().showMessage(one_line(message), 10000)
    return True


def export_workbook(files: FileActions, host: WorkbookHost, path: str | Path | None) -> bool:
    """Write the form as an .xlsx (asking where; the dialog confirms replacing a file)."""
    files.host.form_view.commit_pending()
    document = files.document
    if path is None:
        if document.path is not None:
            suggested = str(document.path.with_suffix(".xlsx"))
        else:
            name = document.form.project_name.strip() or QCoreApplication.translate(
                "WorkbookFiles", "自评表"
            )
            suggested = str(Path(files.start_dir() or ".") / f"{safe_name(name)}.xlsx")
        path = host.ask_export_path(suggested)
        if path is None:
            return False
    try:
        from perfeval_gui.workbook.writer import workbook_bytes

        data, problems = workbook_bytes([document.form])
        write_bytes_atomic(path, data)
    except FormFileError as exc:
        files.host.show_error(
            QCoreApplication.translate("WorkbookFiles", "无法导出 Excel"), one_line(str(exc))
        )
        return False
    except Exception as exc:  # one line, never a traceback; the form is untouched
        reason = QCoreApplication.translate("WorkbookFiles", "无法生成工作簿（%1）").replace(
            "%1", type(exc).__name__
        )
        files.host.show_error(
            QCoreApplication.translate("WorkbookFiles", "无法导出 Excel"),
            one_line(f"{path}: {reason}"),
        )
        return False
    message = QCoreApplication.translate("WorkbookFiles", "已导出 %1").replace("%1", str(path))
    if problems:
        message += QCoreApplication.translate("WorkbookFiles", "；注意：%1").replace(
            "%1", " · ".join(problems)
        )
    files.host.statusBar().showMessage(one_line(message), 10000)
    return True


class FormChooser(QDialog):
    """The forms of a workbook as a list (project, sheet, position); OK opens the chosen one."""

    def __init__(
        self, parent: QWidget, title: str, text: str, choices: Sequence[tuple[str, str]]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workbookFormChooser")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        prompt = QLabel(text)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                spec_text(STANDARD.header[0].label),  # as the form names it
                QCoreApplication.translate("WorkbookFiles", "工作表或页"),
                QCoreApplication.translate("WorkbookFiles", "位置"),
            ]
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._keys: list[str] = []
        self._items: list[QTreeWidgetItem] = []
        for key, label in choices:
            if key == CANCEL:
                continue
            item = QTreeWidgetItem(label.split(COLUMN_SEP))
            self.list.addTopLevelItem(item)
            self._keys.append(key)
            self._items.append(item)
        if self._items:
            self.list.setCurrentItem(self._items[0])
        self.list.resizeColumnToContents(0)
        self.list.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 260)

    def chosen(self) -> str:
        """The key of the selected form, or CANCEL."""
        current = self.list.currentItem()
        for key, item in zip(self._keys, self._items, strict=True):
            if item is current:
                return key
        return CANCEL


def ask_form(parent: QWidget, title: str, text: str, choices: Sequence[tuple[str, str]]) -> str:
    """Show the chooser; the chosen key, CANCEL when closed or cancelled."""
    dialog = FormChooser(parent, title, text, choices)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else CANCEL
    finally:
        dialog.deleteLater()
