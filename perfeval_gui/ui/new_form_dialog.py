"""File → 新建: which new form — the standard skeleton, an empty table, or next year's copy of
a form already filled in — and making it.

The question goes through the window's ``ask_choice`` (kind ``new_form``, answers
``skeleton`` / ``empty`` / ``existing`` / ``cancel``), which shows ``NewFormDialog``; tests
answer there. Every new form is untitled, of last year (``model.default_year``), and starts
*unfilled*: its findings wait for the first entry or 检查 (``FormDocument.unfilled``), so a
clean form is not greeted with red. The copy of an existing form (a .json form, an
Excel/WPS workbook or a published PDF) is ``portfolio.next_year``'s: year + 1, the plan
kept, the year's amounts and results cleared; it opens unsaved, so closing it asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.portfolio.next_year import next_year
from perfeval_gui.ui.file_actions import CANCEL, one_line, shown_name
from perfeval_gui.ui.file_loader import import_in_background, load_in_background
from perfeval_gui.ui.workbook_files import WORKBOOK_FORM, form_choices

if TYPE_CHECKING:
    from perfeval_gui.model import Form
    from perfeval_gui.ui.file_actions import FileActions
    from perfeval_gui.workbook.reader import ImportedForm

NEW_FORM: Final = "new_form"
"""The ``ask_choice`` kind of File → 新建's question."""
SKELETON: Final = "skeleton"
"""One row per standard 一级/二级 of the catalogue (``spec.TEMPLATE_ROWS``), weights empty."""
EMPTY: Final = "empty"
"""No indicator rows at all."""
EXISTING: Final = "existing"
"""Next year's copy of a form the clerk picks (``ask_source_path``)."""
DETAIL_SEP: Final = "\t"
"""Separates a choice's name from the line that explains it (shown below it, smaller)."""


class NewFormHost(Protocol):
    """What File → 新建 needs of the window beyond the file actions' host."""

    def ask_source_path(self) -> str | None: ...


def new_form_choices() -> list[tuple[str, str]]:
    """(key, "name<TAB>explanation") for the question; the first is the default."""
    skeleton = QCoreApplication.translate(
        "NewForm",
        "产出、效益、满意度下的标准分类各占一行（一级、二级已填好），分值留空，只需填写各行指标",
    )
    empty = QCoreApplication.translate("NewForm", "没有指标行，逐行添加或从 Excel/WPS 粘贴")
    existing = QCoreApplication.translate(
        "NewForm",
        "选一张自评表（.json、Excel/WPS 工作簿或公开的 PDF）复制为下一年度：保留项目、目标和指标，"
        "清空当年的金额、完成情况和得分",
    )
    return [
        (SKELETON, QCoreApplication.translate("NewForm", "标准框架") + DETAIL_SEP + skeleton),
        (EMPTY, QCoreApplication.translate("NewForm", "空白表") + DETAIL_SEP + empty),
        (
            EXISTING,
            QCoreApplication.translate("NewForm", "从已有自评表开始…") + DETAIL_SEP + existing,
        ),
        (CANCEL, QCoreApplication.translate("NewForm", "取消")),
    ]


class NewFormDialog(QDialog):
    """One radio button per kind of new form, each with its explanation; OK makes it."""

    def __init__(
        self, parent: QWidget, title: str, text: str, choices: Sequence[tuple[str, str]]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newFormDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        prompt = QLabel(text)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.group = QButtonGroup(self)
        self._keys: list[str] = []
        for key, label in choices:
            if key == CANCEL:
                continue
            name, _sep, detail = label.partition(DETAIL_SEP)
            button = QRadioButton(name)
            self.group.addButton(button, len(self._keys))
            self._keys.append(key)
            option = QVBoxLayout()  # the button and its explanation close together
            option.setSpacing(2)
            option.addWidget(button)
            if detail:
                note = QLabel(detail)
                note.setTextFormat(Qt.TextFormat.PlainText)
                note.setWordWrap(True)
                note.setIndent(button.iconSize().width() + 8)  # under the button's text
                note.setBuddy(button)
                option.addWidget(note)
                button.setToolTip(detail)
            layout.addLayout(option)
        if self._keys:
            self.group.button(0).setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(QCoreApplication.translate("NewForm", "新建"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(QCoreApplication.translate("NewForm", "取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen(self) -> str:
        """The key of the checked kind (CANCEL when there is none)."""
        index = self.group.checkedId()
        return self._keys[index] if 0 <= index < len(self._keys) else CANCEL


def ask_new_form(
    parent: QWidget, title: str, text: str, choices: Sequence[tuple[str, str]]
) -> str:
    """Show the dialog; the chosen key, CANCEL when closed or cancelled."""
    dialog = NewFormDialog(parent, title, text, choices)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else CANCEL
    finally:
        dialog.deleteLater()


def choose_new_form(files: FileActions, host: NewFormHost) -> bool:
    """File → 新建: ask which kind, then make it; True when a new form is in the window."""
    if files.loading:
        return False
    answer = files.ask(
        NEW_FORM,
        QCoreApplication.translate("NewForm", "新建自评表"),
        QCoreApplication.translate("NewForm", "新建哪一种自评表？"),
        new_form_choices(),
    )
    if answer in (SKELETON, EMPTY):
        return files.new_file(skeleton=answer == SKELETON)
    if answer == EXISTING:
        return start_from_existing(files, host, None)
    return False


def start_from_existing(files: FileActions, host: NewFormHost, path: str | Path | None) -> bool:
    """Next year's copy of the form at ``path`` (asked when None), untitled and unsaved.

    On failure or cancel the current form stays.
    """
    if files.loading or not files.maybe_save():
        return False
    if path is None:
        path = host.ask_source_path()
        if path is None:
            return False
    source = Path(path)
    form = _read_source(files, source)
    if form is None:
        return False
    try:
        new, _carried, cleared = next_year(form)
    except ValueError as exc:  # the last year the format allows
        title = QCoreApplication.translate("NewForm", "无法新建")
        files.host.show_error(title, one_line(str(exc)))
        return False
    files.start_new(new, modified=True)
    text = QCoreApplication.translate(
        "NewForm", "已按“%1”新建 %2 年度自评表（尚未保存）；已清空：%3"
    )
    separator = QCoreApplication.translate("NewForm", "、")
    text = (
        text.replace("%1", shown_name(source.name))
        .replace("%2", str(new.year))
        .replace("%3", separator.join(cleared))
    )
    files.host.statusBar().showMessage(one_line(text), 15000)
    return True


def _read_source(files: FileActions, source: Path) -> Form | None:
    """The form in ``source`` (.json, or a workbook or published PDF: which form when it
    holds several), read off the GUI thread; None (the reason shown) when it cannot be read
    or was cancelled."""
    from perfeval_gui.portfolio.sources import is_form_source

    label = QCoreApplication.translate("NewForm", "正在读取 %1 …")
    label = label.replace("%1", shown_name(source.name))
    found: tuple[ImportedForm, ...] = ()
    files.loading = True
    try:
        if is_form_source(source.name):
            imported = import_in_background(files.host.window(), source, label)
            cancelled, error, found = imported.cancelled, imported.error, imported.forms
            forms = [item.form for item in found]
            if not cancelled and error is None and not forms:
                error = one_line(str(source))
        else:
            loaded = load_in_background(files.host.window(), source, label)
            cancelled, error = loaded.cancelled, loaded.error
            forms = [loaded.loaded.form] if loaded.loaded is not None else []
    finally:
        files.loading = False
    if cancelled:
        return None
    if error is not None or not forms:
        title = QCoreApplication.translate("NewForm", "无法读取自评表")
        files.host.show_error(title, one_line(error or str(source)))
        return None
    if len(forms) == 1:
        return forms[0]
    answer = files.ask(
        WORKBOOK_FORM,
        QCoreApplication.translate("NewForm", "选择自评表"),
        QCoreApplication.translate("NewForm", "“%1”中有 %2 张自评表，请选择从哪一张开始：")
        .replace("%1", shown_name(source.name))
        .replace("%2", str(len(forms))),
        [*form_choices(found), (CANCEL, QCoreApplication.translate("NewForm", "取消"))],
    )
    if not answer.isdigit() or int(answer) >= len(forms):
        return None
    return forms[int(answer)]
