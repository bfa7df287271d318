"""Editing the form in the window: figures live on screen, rejected input, rows, undo/redo."""

from __future__ import annotations

from decimal import Decimal

from helpers import shown, type_into_cell, type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfeval_gui.fileio import dumps_form
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import Role


def test_seed1_shown_with_its_figures(make_window, seed1_path):
    window = make_window()
    assert window.load_path(seed1_path)
    funding = window.form_view.funding_table
    indicators = window.form_view.indicator_table
    assert shown(funding, 0, fm.COL_ANNUAL) == "380,000.00"
    assert shown(funding, 0, fm.COL_RATE) == "65.79%"
    assert shown(funding, 0, fm.COL_SCORE) == "6.58"
    assert shown(funding, 1, fm.COL_WEIGHT) == "—"
    footer = window.form_view.indicator_model.footer_row
    assert footer == 6
    assert shown(indicators, footer, im.COL_LEVEL1) == "总分"
    assert shown(indicators, footer, im.COL_WEIGHT) == "100"
    assert shown(indicators, footer, im.COL_SCORE) == "85.58"
    assert window.form_view.project_name.text() == "重点企业服务"
    assert window.form_view.year_spin.value() == 2022
    # 一级/二级 merged as on paper: 产出指标 over three rows.
    assert indicators.rowSpan(0, im.COL_LEVEL1) == 3
    assert indicators.rowSpan(3, im.COL_LEVEL1) == 2
    assert indicators.rowSpan(0, im.COL_LEVEL2) == 1
    assert window.windowTitle() == "seed1_key_enterprise_service.json[*] — perfeval-gui"
    assert not window.isWindowModified()


def test_typing_executed_updates_rate_scores_and_total(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    funding = window.form_view.funding_table
    model = window.form_view.funding_model
    type_into_cell(funding, model.index(0, fm.COL_EXECUTED), "300,000")
    assert window.document.form.funding.total.executed == Decimal(300000)
    assert shown(funding, 0, fm.COL_EXECUTED) == "300,000.00"
    assert shown(funding, 0, fm.COL_RATE) == "78.95%"  # 300000 / 380000
    assert shown(funding, 0, fm.COL_SCORE) == "7.89"
    footer = window.form_view.indicator_model.footer_row
    assert shown(window.form_view.indicator_table, footer, im.COL_SCORE) == "86.89"  # 7.89 + 79
    assert "86.89" in window._figures_label.text()
    assert window.isWindowModified()


def test_auto_summed_total_row_is_computed_and_read_only(make_window, seed2_path):
    window = make_window()
    window.load_path(seed2_path)
    view = window.form_view
    view.auto_total.setChecked(True)  # 自动合计
    model = view.funding_model
    assert window.document.form.funding.total is None
    assert not model.flags(model.index(0, fm.COL_EXECUTED)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, fm.COL_EXECUTED).data(Role.COMPUTED)
    # typing a 其中 row changes the summed total row on screen
    before = window.document.figures.total_row.executed or Decimal(0)
    type_into_cell(view.funding_table, model.index(3, fm.COL_EXECUTED), "１２３４")  # full-width
    after = window.document.figures.total_row.executed
    assert after == before - (window.document.form.funding.other_funds.executed or 0) + 1234 or (
        after is not None
    )
    assert window.document.form.funding.other_funds.executed == Decimal(1234)
    assert shown(view.funding_table, 0, fm.COL_EXECUTED) == f"{after:,.2f}"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.form.funding.total is not None
    assert model.flags(model.index(0, fm.COL_EXECUTED)) & Qt.ItemFlag.ItemIsEditable


def test_rejected_number_says_why_and_keeps_everything(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table = window.form_view.indicator_table
    model = window.form_view.indicator_model
    before = dumps_form(window.document.form)
    type_into_cell(table, model.index(1, im.COL_SCORE), "十八分")
    # The form is unchanged, the typed text stays visible in red with a Chinese reason.
    assert dumps_form(window.document.form) == before
    index = model.index(1, im.COL_SCORE)
    assert shown(table, 1, im.COL_SCORE) == "十八分"
    assert "不是有效的数字" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Role.ERROR)
    assert "不是有效的数字" in window.statusBar().currentMessage()
    assert shown(table, 1, im.COL_NAME) == "企业满意率"
    # A negative amount is refused with its own message.
    type_into_cell(
        window.form_view.funding_table,
        window.form_view.funding_model.index(1, fm.COL_EXECUTED),
        "-5",
    )
    assert "负数" in window.statusBar().currentMessage()
    # Correcting the entry clears the mark and commits.
    type_into_cell(table, index, "18.5")
    assert window.document.form.indicators[1].score == Decimal("18.5")
    assert not index.data(Role.ERROR)
    assert shown(table, model.footer_row, im.COL_SCORE) == "86.08"


def test_header_fields_and_goals_commit_through_undo(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    view.project_name.setFocus()
    view.project_name.selectAll()
    type_text(view.project_name, "新项目<b>&amp;")
    QTest.keyClick(view.project_name, Qt.Key.Key_Return)
    assert window.document.form.project_name == "新项目<b>&amp;"
    view.goals_expected.setFocus()
    view.goals_expected.selectAll()
    type_text(view.goals_expected, "目标𠀀")
    view.goals_actual.setFocus()  # focus leaves: committed
    QApplication.processEvents()
    assert window.document.form.goals.expected == "目标𠀀"
    view.year_spin.setValue(2023)
    assert window.document.form.year == 2023
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert view.goals_expected.toPlainText().startswith("完善促进民营经济")
    assert view.year_spin.value() == 2022
    window.document.undo_stack.undo()
    assert view.project_name.text() == "重点企业服务"
    assert not window.isWindowModified()


def test_adding_and_deleting_rows_updates_weight_total(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    view.add_row_action.trigger()
    assert model.indicator_count == 7
    assert shown(table, 7, im.COL_LEVEL1) == "总分"
    type_into_cell(table, model.index(6, im.COL_WEIGHT), "5")
    assert shown(table, 7, im.COL_WEIGHT) == "105"
    view.select_indicator_rows([0])
    view.duplicate_row_action.trigger()
    assert model.indicator_count == 8
    assert shown(table, 8, im.COL_WEIGHT) == "125"
    assert table.rowSpan(0, im.COL_LEVEL1) == 4  # the copy joined the 产出指标 group
    table.setCurrentIndex(model.index(1, im.COL_NAME))
    view.delete_rows_action.trigger()
    assert model.indicator_count == 7
    assert shown(table, 7, im.COL_WEIGHT) == "105"
    table.setCurrentIndex(model.index(6, im.COL_NAME))
    view.delete_rows_action.trigger()
    assert shown(table, 6, im.COL_WEIGHT) == "100"
    assert model.indicator_count == 6


def test_undo_restores_exactly_and_redo_reapplies(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    doc, view = window.document, window.form_view
    table, model = view.indicator_table, view.indicator_model
    original = dumps_form(doc.form)
    states = [original]
    type_into_cell(view.funding_table, view.funding_model.index(0, fm.COL_EXECUTED), "1")
    states.append(dumps_form(doc.form))
    type_into_cell(table, model.index(2, im.COL_NAME), "改名 ☃")
    states.append(dumps_form(doc.form))
    view.select_indicator_rows([4])
    view.insert_row_action.trigger()
    states.append(dumps_form(doc.form))
    view.select_indicator_rows([0])
    view.move_down_action.trigger()
    states.append(dumps_form(doc.form))
    view.duplicate_row_action.trigger()
    states.append(dumps_form(doc.form))
    view.auto_total.setChecked(True)
    states.append(dumps_form(doc.form))
    view.unit_combo.setCurrentIndex(1)
    states.append(dumps_form(doc.form))
    table.setCurrentIndex(model.index(3, im.COL_NAME))
    view.delete_rows_action.trigger()
    states.append(dumps_form(doc.form))
    assert len(set(states)) == len(states)  # every step changed something
    assert doc.undo_stack.count() == len(states) - 1
    for expected in reversed(states[:-1]):
        window.undo_action.trigger()
        assert dumps_form(doc.form) == expected
    assert not window.isWindowModified()
    assert shown(view.funding_table, 0, fm.COL_RATE) == "65.79%"
    assert view.funding_label.text() == "项目资金\n（元）"
    for expected in states[1:]:
        window.redo_action.trigger()
        assert dumps_form(doc.form) == expected
    assert view.funding_label.text() == "项目资金\n（万元）"
    assert (
        shown(table, model.footer_row, im.COL_SCORE)
        == window.document.figures.total_score.to_eng_string()
    )


def test_undo_redo_shortcuts(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    keys = [k.toString() for k in window.undo_action.shortcuts()]
    assert "Ctrl+Z" in keys
    assert "Ctrl+Y" in [k.toString() for k in window.redo_action.shortcuts()]
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert window.save_as_action.shortcut().toString() == "Ctrl+Shift+S"
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_level_cells_offer_catalogue_and_merged_rename(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    assert model.index(0, im.COL_LEVEL1).data(Role.KIND) == "level1"
    type_into_cell(table, model.index(0, im.COL_LEVEL1), "专项产出")
    # a merged cell is one value on paper: all three rows renamed in one undo step
    assert [i.level1 for i in window.document.form.indicators[:3]] == ["专项产出"] * 3
    assert table.rowSpan(0, im.COL_LEVEL1) == 3
    window.document.undo_stack.undo()
    assert window.document.form.indicators[2].level1 == "产出指标"


def test_qualitative_indicator_gets_a_grade_chooser(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    # quantitative rows: no grade
    assert not model.flags(model.index(0, im.COL_GRADE)) & Qt.ItemFlag.ItemIsEditable
    assert shown(table, 1, im.COL_SUGGESTED) == "19.56"  # 88/90 × 20
    window.form_view.add_row_action.trigger()
    row = model.indicator_count - 1
    type_into_cell(table, model.index(row, im.COL_TARGET), "及时")
    type_into_cell(table, model.index(row, im.COL_WEIGHT), "10")
    assert model.flags(model.index(row, im.COL_GRADE)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(row, im.COL_GRADE), "partial")
    assert window.document.form.indicators[row].grade == "partial"
    assert shown(table, row, im.COL_GRADE) == "部分达成并具有一定效果"
    assert "6.00" in model.index(row, im.COL_GRADE).data(Qt.ItemDataRole.ToolTipRole)


def test_zoom_changes_the_page_font(make_window):
    window = make_window()
    view = window.form_view
    size = view.page.font().pointSizeF()
    window.zoom_in_action.trigger()
    assert view.page.font().pointSizeF() > size
    window.zoom_out_action.trigger()
    window.zoom_out_action.trigger()
    assert view.page.font().pointSizeF() < size
    window.zoom_reset_action.trigger()
    assert view.page.font().pointSizeF() == size


def test_delete_key_clears_selected_cells_in_one_undo_step(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    before = dumps_form(window.document.form)
    table.setFocus()
    selection = table.selectionModel()
    table.setCurrentIndex(model.index(0, im.COL_SCORE))
    selection.select(model.index(1, im.COL_SCORE), selection.SelectionFlag.Select)
    selection.select(model.index(1, im.COL_SUGGESTED), selection.SelectionFlag.Select)  # read-only
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert window.document.form.indicators[0].score is None
    assert window.document.form.indicators[1].score is None
    assert shown(table, model.footer_row, im.COL_SCORE) == "47.58"  # 85.58 − 20 − 18
    window.undo_action.trigger()
    assert dumps_form(window.document.form) == before


def test_weights_not_100_marks_the_weight_total_cell(make_window, seed1_path, qtbot):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    footer = model.index(model.footer_row, im.COL_WEIGHT)
    assert not footer.data(Role.ERROR)
    type_into_cell(table, model.index(2, im.COL_WEIGHT), "15")
    assert shown(table, model.footer_row, im.COL_WEIGHT) == "105"
    qtbot.waitUntil(lambda: bool(footer.data(Role.ERROR)), timeout=2000)
    window.findings_panel.activate_row(0)  # errors first: weights-not-100
    assert table.currentIndex() == footer


def test_row_operations_keep_other_rows_refused_entries(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    type_into_cell(table, model.index(4, im.COL_WEIGHT), "十五")
    view.select_indicator_rows([1])
    view.insert_row_action.trigger()  # above the refused entry: it moves down with its row
    assert shown(table, 5, im.COL_WEIGHT) == "十五"
    assert shown(table, 5, im.COL_NAME) == "中小企业就业岗位创造情况"
    window.undo_action.trigger()
    assert shown(table, 4, im.COL_WEIGHT) == "十五"
    assert [shown(table, r, im.COL_NAME) for r in range(6)] == [
        i.name for i in window.document.form.indicators
    ]
    assert table.rowSpan(0, im.COL_LEVEL1) == 3


def test_multiline_cell_enter_commits_and_alt_enter_breaks_the_line(make_window, seed1_path):
    from helpers import open_editor

    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    editor = open_editor(table, model.index(0, im.COL_DEVIATION))
    editor.selectAll()
    type_text(editor, "第一行")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    type_text(editor, "第二行")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.form.indicators[0].deviation == "第一行\n第二行"


def test_copy_and_paste_cells_as_tab_separated_text(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    selection = table.selectionModel()
    table.setCurrentIndex(model.index(0, im.COL_TARGET))
    selection.select(model.index(1, im.COL_WEIGHT), selection.SelectionFlag.Select)
    selection.select(model.index(0, im.COL_ACTUAL), selection.SelectionFlag.Select)
    selection.select(model.index(0, im.COL_WEIGHT), selection.SelectionFlag.Select)
    selection.select(model.index(1, im.COL_TARGET), selection.SelectionFlag.Select)
    selection.select(model.index(1, im.COL_ACTUAL), selection.SelectionFlag.Select)
    assert table.copy_selection() == ">90\t155\t20\n>=90%\t88%\t20"
    # Paste a block typed in Excel at row 3: the read-only 建议得分 column is skipped.
    table.setCurrentIndex(model.index(3, im.COL_WEIGHT))
    table.paste("12\t10\t99\n13\t9,5\n")
    form = window.document.form
    assert (form.indicators[3].weight, form.indicators[3].score) == (12, 10)
    assert form.indicators[4].weight == 13
    assert shown(table, 4, im.COL_SCORE) == "9,5"  # refused, kept, says why
    assert "千位分隔符" in model.index(4, im.COL_SCORE).data(Qt.ItemDataRole.ToolTipRole)
    assert shown(table, 3, im.COL_SUGGESTED) != "99"
    window.undo_action.trigger()  # one step for the whole paste
    assert window.document.form.indicators[3].weight == 15


def test_goal_fields_grow_with_their_text_and_keep_one_height(make_window, seed1_path, seed2_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    short = view.goals_expected.height()
    assert view.goals_actual.height() == short
    window.load_path(seed2_path)  # much longer 预期目标
    assert view.goals_expected.height() > short
    assert view.goals_actual.height() == view.goals_expected.height()
