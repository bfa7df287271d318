"""File → 导入… / 导出 Excel… and dropped workbooks: the imported form opens unsaved, the cells
the reader could not read are findings at their cells, a bad workbook changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import xlsxwriter
from file_questions import answering
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import load_form
from perfeval_gui.model import Form
from perfeval_gui.rules import UNREAD_CODE
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.workbook_files import WORKBOOK_FORM
from perfeval_gui.workbook.writer import workbook_bytes


def _workbook(path: Path, *forms: Form) -> Path:
    data, problems = workbook_bytes(list(forms))
    assert problems == []
    path.write_bytes(data)
    return path


def _unreadable(path: Path) -> Path:
    """A unit's small template whose second 得分 holds 约20 (not a number)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = book.add_worksheet("Sheet1")
    rows = [
        ["2023年度"],
        ["项目名称", "社区养老服务"],
        ["", "年初预算数", "全年预算数", "全年执行数"],
        ["年度资金总额", 100, 100, 90],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["服务人次", "≥1000人次", "1200人次", 50, 50],
        ["覆盖街道数", "15个", "15个", 50, "约20"],
        ["总分"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    book.close()
    return path


def test_import_opens_seed1_unsaved_and_modified(make_window, dialogs, seed1_path, tmp_path):
    seed1 = load_form(seed1_path)
    book = _workbook(tmp_path / "去年的表.xlsx", seed1)
    window = make_window()
    assert window.import_workbook(book)
    assert window.document.form == seed1
    assert window.document.path is None
    assert window.document.is_modified() and window.isWindowModified()
    assert window.windowTitle().startswith("去年的表.xlsx (导入)")
    model = window.form_view.indicator_model
    assert model.index(0, im.COL_NAME).data() == seed1.indicators[0].name
    assert dialogs.errors == []
    # closing asks to save; Save leads to Save As (there is no file yet)
    target = tmp_path / "saved.json"
    dialogs.save_answers.append("save")
    dialogs.save_paths.append(str(target))
    assert window.maybe_save()
    assert load_form(target) == seed1
    assert window.windowTitle().startswith("saved.json")


def test_import_through_the_menu_dialog(make_window, dialogs, seed1_path, tmp_path):
    book = _workbook(tmp_path / "表.xlsx", load_form(seed1_path))
    window = make_window()
    dialogs.open_paths.append(None)  # the clerk cancels the file dialog
    window.ask_import_path = lambda: dialogs.open_paths.pop(0)
    window.import_action.trigger()
    assert window.document.path is None and not window.document.is_modified()
    dialogs.open_paths.append(str(book))
    window.import_action.trigger()
    assert window.document.form.project_name == load_form(seed1_path).project_name


def test_two_forms_ask_which_and_open_the_second(make_window, dialogs, seed1_path, seed2_path,
                                                 tmp_path):
    seed1, seed2 = load_form(seed1_path), load_form(seed2_path)
    book = _workbook(tmp_path / "两张.xlsx", seed1, seed2)
    window = make_window()
    questions = answering(window)
    questions.answers[WORKBOOK_FORM] = ["cancel", "1"]
    assert not window.import_workbook(book)  # cancel: nothing changes
    assert window.document.path is None and not window.document.is_modified()
    assert window.import_workbook(book)
    assert questions.kinds() == [WORKBOOK_FORM, WORKBOOK_FORM]
    _kind, _title, text, keys = questions.asked[0]
    assert keys == ["0", "1", "cancel"]
    assert "2" in text and "两张.xlsx" in text
    assert window.document.form == seed2


def test_the_chooser_lists_project_sheet_and_position(make_window, seed1_path, seed2_path,
                                                      qtbot):
    from perfeval_gui.ui.workbook_files import FormChooser, form_choices
    from perfeval_gui.workbook.reader import ImportedForm

    seed1, seed2 = load_form(seed1_path), load_form(seed2_path)
    window = make_window()
    forms = [ImportedForm(seed1, "Sheet1", 1, ()), ImportedForm(seed2, "Sheet1", 2, ())]
    dialog = FormChooser(window, "t", "x", [*form_choices(forms), ("cancel", "取消")])
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 2
    second = dialog.list.topLevelItem(1)
    assert [second.text(c) for c in range(3)] == [seed2.project_name, "Sheet1", "第 2 个表"]
    assert dialog.chosen() == "0"
    dialog.list.setCurrentItem(second)
    assert dialog.chosen() == "1"


def test_an_unread_cell_is_a_finding_that_selects_its_cell(make_window, dialogs, tmp_path,
                                                           qtbot):
    window = make_window()
    assert window.import_workbook(_unreadable(tmp_path / "unit.xlsx"))
    document = window.document
    unread = [f for f in document.findings if f.code == UNREAD_CODE]
    assert len(unread) == 1
    finding = unread[0]
    assert finding.severity == "warning"
    assert finding.location == FieldPath.parse("indicators[1].score")
    assert "Sheet1!E7" in finding.message and "约20" in finding.message
    assert document.form.indicators[1].score is None  # left empty, never guessed
    panel = window.findings_panel
    panel.activate_row(document.findings.index(finding))
    table = window.form_view.indicator_table
    current = table.currentIndex()
    assert (current.row(), current.column()) == (1, im.COL_SCORE)
    # another cell's edit keeps the note; editing its own cell removes it
    document.set_value(FieldPath.parse("indicators[0].actual"), "1300人次")
    document.refresh_findings()
    assert any(f.code == UNREAD_CODE for f in document.findings)
    document.set_value(FieldPath.parse("indicators[1].score"), Decimal(20))
    document.refresh_findings()
    assert not any(f.code == UNREAD_CODE for f in document.findings)


def test_saving_clears_the_import_notes(make_window, dialogs, tmp_path):
    window = make_window()
    assert window.import_workbook(_unreadable(tmp_path / "unit.xlsx"))
    assert any(f.code == UNREAD_CODE for f in window.document.findings)
    dialogs.save_paths.append(str(tmp_path / "unit.json"))
    assert window.save()
    assert not any(f.code == UNREAD_CODE for f in window.document.findings)
    assert not window.document.is_modified()


def test_a_corrupt_workbook_is_one_line_and_changes_nothing(make_window, dialogs, seed1_path,
                                                            tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    window = make_window()
    window.load_path(seed1_path)
    before = window.document.form
    title = window.windowTitle()
    assert not window.import_workbook(bad)
    assert len(dialogs.errors) == 1
    heading, text = dialogs.errors[0]
    assert heading == "无法导入"
    assert "坏.xlsx" in text and "\n" not in text and "Traceback" not in text
    path = window.document.path
    assert window.document.form is before and window.windowTitle() == title
    assert path is not None and path.name == seed1_path.name
    assert not window.document.is_modified()


def test_a_workbook_without_a_form_is_refused(make_window, dialogs, tmp_path):
    path = tmp_path / "list.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("名单").write(0, 0, "张三")
    book.close()
    window = make_window()
    assert not window.import_workbook(path)
    assert len(dialogs.errors) == 1 and "未找到自评表" in dialogs.errors[0][1]
    assert not window.document.is_modified()


def test_export_then_import_gives_the_same_form(make_window, dialogs, seed2_path, tmp_path):
    window = make_window()
    window.load_path(seed2_path)
    form = window.document.form
    target = tmp_path / "out.xlsx"
    suggested: list[str] = []

    def ask_export_path(name: str) -> str | None:
        suggested.append(name)
        return str(target)

    window.ask_export_path = ask_export_path
    assert window.export_xlsx_action.isEnabled()
    window.export_xlsx_action.trigger()
    assert suggested == [str(Path(window.document.path).with_suffix(".xlsx"))]
    assert target.read_bytes()[:2] == b"PK"
    assert not window.document.is_modified()  # exporting is not saving
    window.new_file()
    assert window.import_workbook(target)
    assert window.document.form == form
    assert not any(f.code == UNREAD_CODE for f in window.document.findings)


def test_export_failure_is_one_line(make_window, dialogs, seed1_path, tmp_path):
    window = make_window()
    window.load_path(seed1_path)
    assert not window.export_workbook(tmp_path / "missing" / "out.xlsx")
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0][0] == "无法导出 Excel" and "\n" not in dialogs.errors[0][1]


def test_dropping_a_workbook_imports_it(make_window, dialogs, seed1_path, tmp_path):
    seed1 = load_form(seed1_path)
    book = _workbook(tmp_path / "拖入.xlsx", seed1)
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(book))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.document.form == seed1
    assert window.windowTitle().startswith("拖入.xlsx (导入)")
