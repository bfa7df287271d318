"""What the window shows: 自评等级 beside 总分, amounts and scores as published, the 评价等级
cells' hints, one current cell, the print option for the grade row (issue 10, items 6 and 8)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from helpers import shown, type_into_cell
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from perfeval_gui.model import Form
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import Role

WAN = 1  # index of 万元 in the unit chooser


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def click(table, row: int, column: int) -> None:
    rect = table.visualRect(table.model().index(row, column))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()


# --- 自评等级 beside 总分 ---------------------------------------------------------------


def test_grade_beside_the_total_follows_an_edit(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    footer = model.footer_row
    assert shown(table, footer, im.COL_SCORE) == "85.58"
    assert shown(table, footer, im.COL_SUGGESTED) == "自评等级：良"
    # in the row's last cell, merged from beside 总分 to the end of the row
    assert table.columnSpan(footer, im.COL_SUGGESTED) == im.COLUMN_COUNT - im.COL_SUGGESTED
    assert window._figures_label.text() == "执行率 65.79%　资金得分 6.58　总分 85.58　自评等级 良"
    assert "优 ≥ 90" in model.index(footer, im.COL_SUGGESTED).data(Qt.ItemDataRole.ToolTipRole)
    type_into_cell(table, model.index(3, im.COL_SCORE), "15")
    assert shown(table, footer, im.COL_SCORE) == "89.58"
    assert shown(table, footer, im.COL_SUGGESTED) == "自评等级：良"
    type_into_cell(table, model.index(4, im.COL_SCORE), "11.42")  # 89.58 + 0.42 = 90.00
    assert shown(table, footer, im.COL_SCORE) == "90.00"
    assert shown(table, footer, im.COL_SUGGESTED) == "自评等级：优"
    assert window._figures_label.text().endswith("总分 90.00　自评等级 优")
    window.undo_action.trigger()
    assert shown(table, footer, im.COL_SUGGESTED) == "自评等级：良"
    assert window._figures_label.text().endswith("总分 89.58　自评等级 良")


def test_nothing_scored_has_no_grade(make_window):
    window = make_window()
    window.document.load(Form(), None)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    assert shown(table, model.footer_row, im.COL_SUGGESTED) == "自评等级：—"
    assert window._figures_label.text().endswith("总分 0.00　自评等级 —")


# --- amounts and scores as the published form prints them ------------------------------------


def test_scores_as_typed_and_computed_figures_with_two_decimals(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table = window.form_view.indicator_table
    funding = window.form_view.funding_table
    assert [shown(table, 1, c) for c in (im.COL_WEIGHT, im.COL_SCORE)] == ["20", "18"]
    assert shown(funding, 0, fm.COL_WEIGHT) == "10"
    assert shown(funding, 0, fm.COL_SCORE) == "6.58"
    text = pdf_text(window.pdf_bytes() or b"")
    assert "88% 20 18" in text and "18.00" not in text  # the PDF prints what the window shows


def test_wan_amounts_keep_the_decimals_they_have(make_window, dialogs, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    dialogs.unit_answers.append("relabel")
    view.unit_combo.setCurrentIndex(WAN)
    funding, model = view.funding_table, view.funding_model
    type_into_cell(funding, model.index(1, fm.COL_EXECUTED), "113.66574")
    type_into_cell(funding, model.index(1, fm.COL_ANNUAL), "25")
    assert shown(funding, 1, fm.COL_EXECUTED) == "113.66574"
    assert shown(funding, 1, fm.COL_ANNUAL) == "25.00"  # not 25.00000
    assert shown(funding, 0, fm.COL_ANNUAL) == "380,000.00"
    text = pdf_text(window.pdf_bytes() or b"")
    assert "113.66574" in text and "25.00 " in text and "25.00000" not in text


# --- 评价等级: why grey, why offered ---------------------------------------------------------


def test_grade_cells_say_why_they_are_grey_or_offered(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    quantitative = model.index(0, im.COL_GRADE)
    assert not model.flags(quantitative) & Qt.ItemFlag.ItemIsEditable
    assert quantitative.data(Role.PLACEHOLDER) == "按数值计分"
    assert "定量指标" in quantitative.data(Qt.ItemDataRole.ToolTipRole)
    assert shown(table, 0, im.COL_GRADE) == ""  # a hint, not a value: never copied or printed
    # The delegate draws the hint, grey and italic.
    option = QStyleOptionViewItem()
    table.itemDelegate().initStyleOption(option, quantitative)
    assert option.text == "按数值计分" and option.font.italic()

    type_into_cell(table, model.index(0, im.COL_TARGET), "及时")  # now only a grade can tell
    qualitative = model.index(0, im.COL_GRADE)
    assert model.flags(qualitative) & Qt.ItemFlag.ItemIsEditable
    assert qualitative.data(Role.PLACEHOLDER) == "请选择等级"
    assert "请选择评价等级" in qualitative.data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(qualitative, "partial")
    assert qualitative.data(Role.PLACEHOLDER) is None
    tip = qualitative.data(Qt.ItemDataRole.ToolTipRole)
    assert "该等级的得分范围：不低于 12.00 且低于 16.00" in tip  # [60%, 80%) of 20
    assert shown(table, 0, im.COL_SUGGESTED) == "15.99"
    # A blank row explains nothing yet (no grey hint on every template row).
    view.add_row_action.trigger()
    assert model.index(model.indicator_count - 1, im.COL_GRADE).data(Role.PLACEHOLDER) is None


# --- one current cell -----------------------------------------------------------------------


def test_only_the_grid_in_use_shows_a_current_cell(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    funding, indicators = view.funding_table, view.indicator_table
    click(funding, 1, fm.COL_ANNUAL)
    assert funding.hasFocus() and funding.selectionModel().hasSelection()
    click(indicators, 2, im.COL_TARGET)
    assert indicators.hasFocus()
    assert [(i.row(), i.column()) for i in indicators.selectionModel().selectedIndexes()] == [
        (2, im.COL_TARGET)
    ]
    assert not funding.selectionModel().hasSelection()
    assert funding.currentIndex().row() == 1  # the cursor stays for the way back
    # Into a text field of the page: no grid shows a current cell.
    QTest.mouseClick(view.project_name, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    QApplication.processEvents()
    assert view.project_name.hasFocus()
    assert not indicators.selectionModel().hasSelection()


def test_an_open_editor_keeps_its_cell(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    funding, model = window.form_view.funding_table, window.form_view.funding_model
    index = model.index(1, fm.COL_ANNUAL)
    funding.setFocus()
    funding.setCurrentIndex(index)
    funding.edit(index)
    QApplication.processEvents()
    assert funding.state() == funding.State.EditingState
    assert funding.selectionModel().isSelected(index)  # focus went into its own editor


# --- the grade row on paper is an option ---------------------------------------------------


def test_print_grade_option_is_remembered_and_printed(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    assert not window.print_grade_action.isChecked()
    assert "自评等级" not in pdf_text(window.pdf_bytes() or b"")  # the paper form
    window.print_grade_action.trigger()
    assert window.settings.print_grade()
    text = pdf_text(window.pdf_bytes() or b"")
    assert "总分 100 85.58\r\n自评等级 良" in text
    assert "总分下加印自评等级" in window.statusBar().currentMessage()
    assert make_window(show=False).print_grade_action.isChecked()  # remembered
