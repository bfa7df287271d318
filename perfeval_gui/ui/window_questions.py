"""The questions the main window asks and the messages it shows, one method each.

Every question (save changes?, which file?, restore?) and every error goes through one
small method here, so tests can answer for the user and no modal box blocks an
offscreen run. User text in a box is shown as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from perfeval_gui.ui.file_actions import CANCEL, DISCARD, SAVE, FileActions, ask_plain
from perfeval_gui.ui.new_form_dialog import NEW_FORM, ask_new_form
from perfeval_gui.ui.settings import fonts_folder
from perfeval_gui.ui.workbook_files import WORKBOOK_FORM, ask_form

if TYPE_CHECKING:
    from perfeval_gui.ui.recovery import RecoveryItem, RecoveryStore


class WindowQuestions(QMainWindow):
    """The main window's questions and messages (a base of ``MainWindow``)."""

    files: FileActions
    recovery_store: RecoveryStore | None

    def _display_name(self) -> str:
        return self.files.display_name()

    def _start_dir(self) -> str:
        return self.files.start_dir()

    def ask_save_changes(self) -> str:
        """Save / Discard / Cancel before the current form is closed or replaced."""
        name = self._display_name()
        answer = _plain_box(
            self,
            QMessageBox.Icon.Question,
            self.tr("保存修改"),
            self.tr("“%1”已修改。是否保存修改？").replace("%1", name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return DISCARD
        return CANCEL

    def ask_choice(
        self, kind: str, title: str, text: str, choices: Sequence[tuple[str, str]]
    ) -> str:
        """A file question (``kind``: locked, changed, overwrite_read_only, overwrite_locked,
        reload, encoding, workbook_form, new_form); returns the chosen key, the first being the
        default."""
        if kind == WORKBOOK_FORM:
            return ask_form(self, title, text, choices)
        if kind == NEW_FORM:
            return ask_new_form(self, title, text, choices)
        return ask_plain(self, title, text, choices)

    def show_error(self, title: str, text: str) -> None:
        _plain_box(self, QMessageBox.Icon.Warning, title, text)

    def show_info(self, title: str, text: str) -> None:
        _plain_box(self, QMessageBox.Icon.Information, title, text)

    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("打开自评表"),
            self._start_dir(),
            self.tr("自评表文件 (*.json);;所有文件 (*)"),
        )
        return path or None

    def ask_source_path(self) -> str | None:
        """The form a new one starts from (新建 → 从已有自评表开始): a form file, a workbook
        or a published PDF."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择已有自评表"),
            self._start_dir(),
            self.tr(
                "自评表、工作簿或 PDF (*.json *.xlsx *.xlsm *.xls *.ods *.pdf);;"
                "自评表文件 (*.json);;工作簿 (*.xlsx *.xlsm *.xls *.ods);;PDF (*.pdf);;所有文件 (*)"
            ),
        )
        return path or None

    def ask_import_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("导入工作簿或 PDF"),
            self._start_dir(),
            self.tr(
                "工作簿或 PDF (*.xlsx *.xlsm *.xls *.ods *.pdf);;"
                "工作簿 (*.xlsx *.xlsm *.xls *.ods);;PDF (*.pdf);;所有文件 (*)"
            ),
        )
        return path or None

    def ask_export_path(self, suggested: str) -> str | None:
        """Where to write the .xlsx; the dialog itself asks before replacing a file."""
        title, kinds = self.tr("导出 Excel"), self.tr("Excel 工作簿 (*.xlsx)")
        dialog = QFileDialog(self, title, suggested, kinds)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")  # added before the dialog's own overwrite question
        dialog.selectFile(suggested)
        chosen = dialog.selectedFiles() if dialog.exec() else []
        dialog.deleteLater()
        return chosen[0] if chosen else None

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为"), suggested, self.tr("自评表文件 (*.json);;所有文件 (*)")
        )
        if path and not Path(path).suffix:
            path += ".json"
        return path or None

    def ask_pdf_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 PDF"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if path and not Path(path).suffix:
            path += ".pdf"
        return path or None

    def ask_font_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择打印字体"),
            fonts_folder(),  # not "": that is the working folder, the program's own
            self.tr("TrueType 字体 (*.ttf *.ttc *.otf);;所有文件 (*)"),
        )
        return path or None

    def ask_restore(self, items: list[RecoveryItem]) -> RecoveryItem | None:
        """Which orphaned recovery file to restore (None: not now); the 恢复/丢弃/稍后 box."""
        from perfeval_gui.ui.restore_dialog import offer_restore

        if self.recovery_store is None:
            return None
        return offer_restore(self, self.recovery_store, items)

    def exec_dialog(self, dialog: Any) -> None:
        """Run a modal dialog (print preview)."""
        dialog.exec()


    def ask_discard_rejected(self, lines: list[str]) -> bool:
        """Refused (red) entries would be lost: continue anyway? (tests replace this)."""
        shown = "\n".join(lines[:10]) + ("\n…" if len(lines) > 10 else "")
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("有未接受的输入"))
        box.setText(
            self.tr("有 %1 处输入无效（标红），没有写入表格，继续将丢失这些输入：").replace(
                "%1", str(len(lines))
            )
        )
        box.setInformativeText(shown)
        go_on = box.addButton(self.tr("仍然继续"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("返回修改"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is go_on


def _plain_box(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox.StandardButton:
    """A message box whose text is plain: a file named '<b>x</b>.json' is not rendered bold."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return QMessageBox.StandardButton(box.exec())
