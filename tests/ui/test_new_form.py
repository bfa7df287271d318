"""File → 新建 (issue 10, item 2): the choice of new form, last year's 年度, and a new form
that starts clean — no findings until the clerk enters something or asks for a check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import shown, type_into_cell
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QRadioButton

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import dumps_form, load_form
from perfeval_gui.model import blank_form
from perfeval_gui.spec import LEVEL1_CATALOGUE
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import Role
from perfeval_gui.ui.file_actions import CANCEL, DISCARD
from perfeval_gui.ui.findings_panel import CHECK_SHORTCUT
from perfeval_gui.ui.new_form_dialog import (
    EMPTY,
    EXISTING,
    NEW_FORM,
    SKELETON,
    NewFormDialog,
    new_form_choices,
)
from perfeval_gui.ui.workbook_files import WORKBOOK_FORM
from perfeval_gui.workbook.writer import workbook_bytes

CATALOGUE_ROWS = [(l1, l2) for l1, l2s in LEVEL1_CATALOGUE.items() for l2 in l2s]


def _new(window, dialogs, answer: str) -> None:
    dialogs.choice_answers[NEW_FORM] = [answer]
    window.new_action.trigger()
    QApplication.processEvents()


def _copy(path: Path, tmp_path: Path, name: str = "source.json") -> Path:
    target = tmp_path / name
    target.write_bytes(path.read_bytes())
    return target


# --- the choice ----------------------------------------------------------------------------
def test_new_asks_which_form_and_the_skeleton_has_catalogue_rows_without_weights(
    make_window, dialogs, seed1_path
):
    window = make_window()
    window.load_path(seed1_path)
    window.files.today = lambda: date(2026, 3, 9)
    _new(window, dialogs, SKELETON)
    assert [kind for kind, _text in dialogs.questions] == [NEW_FORM]
    form = window.document.form
    assert form == blank_form(2025)
    assert [(i.level1, i.level2) for i in form.indicators] == CATALOGUE_ROWS
    assert all(i.weight is None and i.name == "" for i in form.indicators)
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    assert shown(table, 0, im.COL_LEVEL1) == "产出指标"
    assert shown(table, 3, im.COL_LEVEL2) == "成本指标"
    assert shown(table, 8, im.COL_LEVEL2) == "服务对象满意度指标"
    assert shown(table, 0, im.COL_WEIGHT) == ""  # no preset 20 to overwrite
    assert shown(table, model.footer_row, im.COL_WEIGHT) == "10"  # the funding 分值 only
    assert window.document.path is None and not window.document.is_modified()
    assert window.windowTitle() == "未命名[*] — perfeval-gui"


def test_new_empty_form_has_no_indicator_rows(make_window, dialogs, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    _new(window, dialogs, EMPTY)
    assert window.document.form.indicators == []
    assert window.document.form == blank_form(skeleton=False)
    assert window.form_view.indicator_model.footer_row == 0  # only the 总分 row is left
    assert window.document.form.funding.weight == Decimal(10)


def test_cancelling_the_choice_changes_nothing(make_window, dialogs, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    _new(window, dialogs, CANCEL)
    assert dumps_form(window.document.form) == before
    assert window.document.path is not None


def test_the_choice_asks_before_the_unsaved_changes_question(make_window, dialogs, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    window.document.set_value(FieldPath.of("project_name"), "改了")
    dialogs.save_answers.append(CANCEL)
    _new(window, dialogs, SKELETON)
    assert window.document.form.project_name == "改了"  # 取消 at 'save changes?' keeps it
    dialogs.save_answers.append(DISCARD)
    _new(window, dialogs, EMPTY)
    assert window.document.form.indicators == []
    assert dialogs.save_questions == 2


def test_the_dialog_offers_three_kinds_with_the_skeleton_first(make_window):
    window = make_window()
    dialog = NewFormDialog(window, "新建自评表", "新建哪一种自评表？", new_form_choices())
    buttons = dialog.findChildren(QRadioButton)
    assert [b.text() for b in buttons] == ["标准框架", "空白表", "从已有自评表开始…"]
    assert buttons[0].isChecked() and dialog.chosen() == SKELETON
    buttons[1].click()
    assert dialog.chosen() == EMPTY
    buttons[2].click()
    assert dialog.chosen() == EXISTING
    assert "下一年度" in buttons[2].toolTip()
    dialog.deleteLater()


# --- 年度 -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("today", "year"), [(date(2027, 1, 4), 2026), (date(2025, 12, 31), 2024)])
def test_a_new_form_is_of_last_year(make_window, dialogs, today, year):
    window = make_window()
    window.files.today = lambda: today
    _new(window, dialogs, SKELETON)
    assert window.document.form.year == year
    assert window.form_view.year_spin.value() == year


def test_the_first_window_starts_with_last_years_skeleton(make_window):
    window = make_window()
    assert window.document.form == blank_form()
    assert window.document.form.year == date.today().year - 1
    assert window.document.unfilled


# --- not yet filled ----------------------------------------------------------------------------
def _no_findings_shown(window) -> None:
    panel = window.findings_panel
    assert window.document.findings == []
    assert not window.document.error_paths
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == "尚未填写：输入内容后显示检查结果。"
    assert CHECK_SHORTCUT in panel.check_button.toolTip()
    assert "错误" not in panel.summary.text()
    assert not panel.check_button.isHidden()


def test_a_new_form_shows_no_findings_until_a_cell_is_edited(make_window, dialogs, qtbot):
    window = make_window()
    _new(window, dialogs, SKELETON)
    qtbot.wait(20)  # the findings' own event-loop turn has passed
    _no_findings_shown(window)
    assert window.document.held_findings  # the rules ran: only the showing waits
    footer = window.form_view.indicator_model.index(
        window.form_view.indicator_model.footer_row, im.COL_WEIGHT
    )
    assert not footer.data(Role.ERROR)  # 分值合计 10 is not marked red yet

    view = window.form_view
    type_into_cell(view.indicator_table, view.indicator_model.index(0, im.COL_NAME), "服务企业数")
    panel = window.findings_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=2000)
    codes = {f.code for f in window.document.findings}
    assert {"weights-not-100", "budget-missing"} <= codes
    assert "错误 2" in panel.summary.text()
    assert panel.check_button.isHidden()
    assert bool(footer.data(Role.ERROR))
    window.undo_action.trigger()  # back to the empty skeleton: the findings stay in view
    qtbot.wait(20)
    assert window.document.findings and not window.document.unfilled


def test_the_check_action_shows_the_findings_at_once(make_window, dialogs, qtbot):
    window = make_window()
    _new(window, dialogs, EMPTY)
    qtbot.wait(20)
    _no_findings_shown(window)
    assert window.check_action.shortcut().toString() == "F7"
    window.findings_panel.set_collapsed(True)  # one summary line: no room for the button
    assert window.findings_panel.check_button.isHidden()
    assert window.findings_panel.summary.text() == "尚未填写：输入内容后显示检查结果。"
    assert window.check_action in window.menuBar().actions()[1].menu().actions()  # 编辑
    QTest.keyClick(window.form_view.indicator_table, Qt.Key.Key_F7)  # the key, as typed
    panel = window.findings_panel
    assert panel.model.rowCount() == len(window.document.findings) > 0
    assert panel.summary.text() == "错误 2 · 警告 0 · 提示 3"
    assert window.statusBar().currentMessage() == panel.summary.text()
    assert not window.document.unfilled and not window.document.is_modified()


def test_the_check_button_commits_what_is_being_typed(make_window, dialogs, qtbot):
    window = make_window()
    _new(window, dialogs, SKELETON)
    view = window.form_view
    view.project_name.setFocus()
    view.project_name.setText("重点企业服务")  # still in the field, not yet committed
    window.findings_panel.check_button.click()
    assert window.document.form.project_name == "重点企业服务"
    assert window.findings_panel.model.rowCount() > 0


def test_an_opened_file_shows_its_findings_at_once(make_window, dialogs, seed1_path):
    window = make_window()
    _new(window, dialogs, SKELETON)
    window.load_path(seed1_path)
    assert not window.document.unfilled
    assert window.document.findings
    assert window.findings_panel.model.rowCount() == len(window.document.findings)
    assert window.findings_panel.check_button.isHidden()


# --- from an existing form ---------------------------------------------------------------------
def test_starting_from_an_existing_form_copies_it_as_next_years(
    make_window, dialogs, seed1_path, tmp_path
):
    source = _copy(seed1_path, tmp_path)
    before = source.read_bytes()
    seed = load_form(source)
    window = make_window()
    dialogs.open_paths.append(str(source))
    _new(window, dialogs, EXISTING)
    form = window.document.form
    assert form.year == seed.year + 1
    assert form.project_name == seed.project_name
    assert [(i.name, i.target, i.weight) for i in form.indicators] == [
        (i.name, i.target, i.weight) for i in seed.indicators
    ]
    assert all(i.actual == "" and i.score is None for i in form.indicators)
    assert form.funding.current_year_appropriation.annual_budget is None
    assert form.goals.expected == seed.goals.expected and form.goals.actual == ""
    # untitled, unsaved (closing asks), its findings waiting like any new form's
    assert window.document.path is None and window.document.is_modified()
    assert window.windowTitle() == "未命名[*] — perfeval-gui"
    assert window.document.unfilled and window.document.findings == []
    assert "已清空" in window.statusBar().currentMessage()
    assert source.read_bytes() == before  # the source is only read
    assert list(tmp_path.glob(".~lock*")) == []  # and never locked


def test_starting_from_a_workbook_asks_which_form(make_window, dialogs, seed1, seed2, tmp_path):
    book = tmp_path / "两张表.xlsx"
    book.write_bytes(workbook_bytes([seed1, seed2])[0])
    window = make_window()
    dialogs.open_paths.append(str(book))
    dialogs.choice_answers[WORKBOOK_FORM] = ["1"]
    _new(window, dialogs, EXISTING)
    assert [kind for kind, _text in dialogs.questions] == [NEW_FORM, WORKBOOK_FORM]
    form = window.document.form
    assert form.project_name == seed2.project_name and form.year == seed2.year + 1
    assert [i.name for i in form.indicators] == [i.name for i in seed2.indicators]


def test_an_unreadable_source_changes_nothing(make_window, dialogs, seed1_path, tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_text("{ not json", encoding="utf-8")
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    dialogs.open_paths.append(str(bad))
    _new(window, dialogs, EXISTING)
    assert dumps_form(window.document.form) == before
    assert window.document.path is not None
    assert len(dialogs.errors) == 1 and "\n" not in dialogs.errors[0][1]
    dialogs.open_paths.append(None)  # the file dialog closed: nothing at all
    _new(window, dialogs, EXISTING)
    assert dumps_form(window.document.form) == before and len(dialogs.errors) == 1


def test_a_form_of_the_last_allowed_year_is_refused_in_chinese(make_window, dialogs, tmp_path):
    from perfeval_gui.fileio import save_form
    from perfeval_gui.model import YEAR_MAX

    last = tmp_path / "last.json"
    save_form(blank_form(YEAR_MAX), last)
    window = make_window()
    dialogs.open_paths.append(str(last))
    _new(window, dialogs, EXISTING)
    assert window.document.form.year != YEAR_MAX
    assert dialogs.errors and "最后一年" in dialogs.errors[0][1]


def test_starting_from_a_published_pdf_copies_its_plan(make_window, dialogs, seed1, tmp_path):
    from perfeval_gui.pdf.render import render_bytes

    pdf = tmp_path / "2022决算.pdf"
    pdf.write_bytes(render_bytes(seed1)[0])
    window = make_window()
    dialogs.open_paths.append(str(pdf))
    _new(window, dialogs, EXISTING)
    form = window.document.form
    assert form.year == seed1.year + 1 and form.project_name == seed1.project_name
    assert [(i.name, i.weight) for i in form.indicators] == [
        (i.name, i.weight) for i in seed1.indicators
    ]
    assert all(i.score is None for i in form.indicators)
    assert form.published is None  # last year's printed figures are not next year's
    assert window.document.path is None and window.document.unfilled


def test_the_document_holds_findings_back_only_while_unfilled(qapp, seed1):
    from perfeval_gui.ui.document import FormDocument

    document = FormDocument(blank_form(2025), unfilled=True)
    assert document.unfilled and document.findings == [] and not document.error_paths
    held = {f.code for f in document.held_findings}
    assert {"weights-not-100", "budget-missing"} <= held
    document.load(blank_form(2025, skeleton=False), None, unfilled=True)  # New again
    assert document.unfilled and document.findings == []
    assert document.set_value(FieldPath.of("project_name"), "重点企业服务")
    document.refresh_findings()
    assert not document.unfilled and document.held_findings == []
    assert {f.code for f in document.findings} >= {"weights-not-100", "budget-missing"}
    assert FieldPath.of("weight_total") in document.error_paths
    document.load(seed1, None)  # a form read from a file: as it always was
    assert not document.unfilled and document.findings
