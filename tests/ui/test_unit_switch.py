"""The 元/万元 chooser on a filled form: convert the amounts, relabel only, or cancel."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import Decimal

from helpers import shown
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from perfeval_gui.fileio import dumps_form
from perfeval_gui.model import Form, Funding
from perfeval_gui.ui import funding_model as fm

D = Decimal
WAN = 1  # index of 万元 in the chooser
YUAN = 0


def grid(view) -> list[list[str]]:
    """The funding grid's amount, rate and score cells as displayed."""
    return [[shown(view.funding_table, row, column) for column in range(1, 7)] for row in range(4)]


def test_convert_divides_every_amount_and_keeps_rate_and_score(
    make_window, dialogs, seed1_path, fail_on_uncaught
):
    window = make_window()
    window.load_path(seed1_path)
    view, doc = window.form_view, window.document
    before = dumps_form(doc.form)
    figures_before = doc.figures
    view.unit_combo.setCurrentIndex(WAN)
    assert dialogs.unit_questions == [("元", "万元", "年初预算数 650,000.00 元 → 65.00 万元")]
    funding = doc.form.funding
    assert funding.unit == "万元"
    assert funding.total is not None
    assert (funding.total.initial_budget, funding.total.annual_budget) == (D(65), D(38))
    assert funding.current_year_appropriation.executed == D(25)
    assert funding.prior_year_carryover.executed is None  # blank stays blank
    assert doc.figures.execution_rate == figures_before.execution_rate == D("65.79")
    assert doc.figures.funding_score == figures_before.funding_score == D("6.58")
    assert doc.figures.total_score == figures_before.total_score
    assert shown(view.funding_table, 0, fm.COL_INITIAL) == "65.00"
    assert shown(view.funding_table, 0, fm.COL_RATE) == "65.79%"
    assert shown(view.funding_table, 0, fm.COL_SCORE) == "6.58"
    assert shown(view.funding_table, 2, fm.COL_EXECUTED) == ""
    assert view.funding_label.text() == "项目资金\n（万元）"
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "金额换算为万元"
    assert window.statusBar().currentMessage() == "金额已换算为万元（可撤销）"
    after = dumps_form(doc.form)

    window.undo_action.trigger()
    assert dumps_form(doc.form) == before  # amounts exactly as typed, 元 again
    assert view.unit_combo.currentData() == "元"
    assert view.funding_label.text() == "项目资金\n（元）"
    assert shown(view.funding_table, 0, fm.COL_INITIAL) == "650,000.00"
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert dumps_form(doc.form) == after
    assert view.unit_combo.currentData() == "万元"
    assert shown(view.funding_table, 0, fm.COL_ANNUAL) == "38.00"


def test_convert_back_to_yuan_restores_the_values(make_window, dialogs, seed2_path):
    window = make_window()
    window.load_path(seed2_path)
    view, doc = window.form_view, window.document
    original = doc.form
    view.unit_combo.setCurrentIndex(WAN)
    executed = doc.form.funding.current_year_appropriation.executed
    assert str(executed) == "113.66574"
    # numbers.amount_decimals: each amount with the decimals it has (at least 2)
    assert shown(view.funding_table, 1, fm.COL_EXECUTED) == "113.66574"
    assert shown(view.funding_table, 1, fm.COL_INITIAL) == "130.70"
    assert shown(view.funding_table, 0, fm.COL_RATE) == "96.10%"
    view.unit_combo.setCurrentIndex(YUAN)
    assert dialogs.unit_questions[-1][:2] == ("万元", "元")
    assert doc.form.funding.unit == "元"
    assert doc.form.funding.current_year_appropriation.executed == D("1136657.40")
    assert shown(view.funding_table, 1, fm.COL_EXECUTED) == "1,136,657.40"
    for key in ("total", "current_year_appropriation", "prior_year_carryover", "other_funds"):
        assert getattr(doc.form.funding, key) == getattr(original.funding, key)
    assert doc.figures.execution_rate == D("96.10") and doc.figures.funding_score == D("9.61")
    assert doc.undo_stack.count() == 2


def test_relabel_only_changes_the_unit(make_window, dialogs, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view, doc = window.form_view, window.document
    before, shown_before = dumps_form(doc.form), grid(view)
    dialogs.unit_answers.append("relabel")
    view.unit_combo.setCurrentIndex(WAN)
    assert doc.form.funding.unit == "万元"
    assert grid(view) == shown_before  # the same numbers, now read as 万元
    assert view.funding_label.text() == "项目资金\n（万元）"
    assert doc.undo_stack.count() == 1
    window.undo_action.trigger()
    assert dumps_form(doc.form) == before
    assert view.unit_combo.currentData() == "元"


def test_cancel_changes_nothing(make_window, dialogs, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view, doc = window.form_view, window.document
    before = dumps_form(doc.form)
    dialogs.unit_answers.append("cancel")
    view.unit_combo.setCurrentIndex(WAN)
    assert len(dialogs.unit_questions) == 1
    assert dumps_form(doc.form) == before
    assert view.unit_combo.currentData() == "元"
    assert view.funding_label.text() == "项目资金\n（元）"
    assert doc.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_an_empty_form_switches_without_asking(make_window, dialogs):
    window = make_window()
    view, doc = window.form_view, window.document
    view.unit_combo.setCurrentIndex(WAN)
    assert dialogs.unit_questions == []
    assert doc.form.funding.unit == "万元"
    assert doc.undo_stack.count() == 1


def test_refused_conversion_shows_the_reason_and_changes_nothing(make_window, dialogs):
    window = make_window()
    doc, view = window.document, window.form_view
    doc.load(
        Form(
            funding=Funding(
                current_year_appropriation={"annual_budget": "380000", "executed": "250000.001"}
            )
        ),
        None,
    )
    before = dumps_form(doc.form)
    view.unit_combo.setCurrentIndex(WAN)
    assert dialogs.unit_questions[0][2] == ""  # no preview of a conversion that is refused
    assert len(dialogs.conversion_refusals) == 1
    reason = dialogs.conversion_refusals[0]
    assert "当年财政拨款·全年执行数 250000.001 元" in reason and "超过 6 位小数" in reason
    assert dumps_form(doc.form) == before
    assert view.unit_combo.currentData() == "元"
    assert view.funding_label.text() == "项目资金\n（元）"
    assert doc.undo_stack.count() == 0
    assert "超过 6 位小数" in window.statusBar().currentMessage()
    # The clerk can still relabel only.
    dialogs.unit_answers.append("relabel")
    view.unit_combo.setCurrentIndex(WAN)
    assert doc.form.funding.unit == "万元"
    assert doc.form.funding.current_year_appropriation.executed == D("250000.001")


def test_refused_conversion_to_yuan_above_the_limit(make_window, dialogs):
    window = make_window()
    doc, view = window.document, window.form_view
    doc.load(
        Form(funding=Funding(unit="万元", other_funds={"initial_budget": "200000000000"})), None
    )
    view.unit_combo.setCurrentIndex(YUAN)
    assert "10^15" in dialogs.conversion_refusals[0]
    assert doc.form.funding.unit == "万元"
    assert view.unit_combo.currentData() == "万元"
    assert doc.undo_stack.count() == 0


def test_the_chooser_tooltip_tells_what_happens(make_window):
    tip = make_window(show=False).form_view.unit_combo.toolTip()
    assert "换算" in tip and "不换算" not in tip


def test_real_question_maps_its_buttons_and_enter_converts(make_window, seed1_path):
    from perfeval_gui.ui.form_view import FormView

    window = make_window()
    window.load_path(seed1_path)
    seen: list[str] = []

    def answer(text: str | None) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + "|" + box.informativeText())
        if text is None:
            QTest.keyClick(box, Qt.Key.Key_Return)
        elif text == "Esc":
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:
            next(b for b in box.buttons() if b.text() == text).click()

    cases = (
        ("换算金额", "convert"),
        ("只改单位", "relabel"),
        ("取消", "cancel"),
        (None, "convert"),
        ("Esc", "cancel"),
    )
    for text, expected in cases:
        QTimer.singleShot(0, lambda t=text: answer(t))
        got = FormView.ask_convert_amounts(
            window.form_view, "元", "万元", "年初预算数 1 元 → 2 万元"
        )
        assert got == expected
    assert "由“元”改为“万元”" in seen[0] and "除以 10 000" in seen[0]
    assert "年初预算数 1 元 → 2 万元" in seen[0]


def test_real_refusal_box_shows_the_reason(make_window):
    from perfeval_gui.ui.form_view import FormView

    window = make_window()
    seen: list[str] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, close)
    FormView.show_conversion_refused(window.form_view, "无法把金额换算为万元：甲")
    assert "无法把金额换算为万元：甲" in seen[0] and "未作任何修改" in seen[0]


def test_wan_shows_up_to_six_places_and_a_cent_survives(make_window, dialogs):
    window = make_window()
    doc, view = window.document, window.form_view
    doc.load(
        Form(funding=Funding(other_funds={"annual_budget": "1136657.40", "executed": "0.01"})),
        None,
    )
    view.unit_combo.setCurrentIndex(WAN)
    assert shown(view.funding_table, 3, fm.COL_EXECUTED) == "0.000001"
    assert shown(view.funding_table, 3, fm.COL_ANNUAL) == "113.66574"
    assert shown(view.funding_table, 0, fm.COL_RATE) == "0.00%"
    assert doc.figures.execution_rate == D("0.00")
    view.unit_combo.setCurrentIndex(YUAN)
    assert shown(view.funding_table, 3, fm.COL_EXECUTED) == "0.01"
    assert doc.form.funding.other_funds.executed == D("0.01")
