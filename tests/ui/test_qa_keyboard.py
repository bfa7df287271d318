"""A clerk fills a blank form with the keyboard only, in the paper's order, and saves it.

Regression tests for: Tab stopping on labels and computed cells, Tab wrapping around
inside the 项目资金 grid (the rest of the form was unreachable by keyboard), typing into
a 一级/二级 or multi-line cell appending to its text instead of replacing it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from perfeval_gui.fileio import dumps_form
from perfeval_gui.model import Form, FundingRow, Goals, Indicator
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import Role

pytestmark = pytest.mark.usefixtures("fail_on_uncaught")


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _table_of(widget: QWidget) -> QTableView | None:
    while widget is not None:
        if isinstance(widget, QTableView):
            return widget
        widget = widget.parentWidget()
    return None


def _where(window) -> str:
    """The field path the keyboard is in: a plain field or the current grid cell."""
    view = window.form_view
    widget = _focus()
    if widget is view.year_spin or view.year_spin.isAncestorOf(widget):
        return "year"
    if widget is view.unit_combo:
        return "funding.unit"
    if widget is view.auto_total:
        return "auto_total"
    for path, field in view._field_widgets.items():
        if widget is field or field.isAncestorOf(widget):
            return str(path)
    table = _table_of(widget)
    if table is not None:
        index = table.currentIndex()
        return str(index.data(Role.PATH) or f"{table.objectName()}({index.row()},{index.column()})")
    return type(widget).__name__


def _type(text: str) -> None:
    """Type at whatever has the keyboard, one key at a time (an editor opens on the first)."""
    for char in text:
        type_text(_focus(), char)


def _tab() -> None:
    QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    QApplication.processEvents()


ROWS = [  # 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因 (the skeleton's 9 rows)
    ("服务企业数", "≥100家", "120家", "20", "20", ""),
    ("企业满意率", ">=90%", "88%", "15", "14.67", "服务人手不足"),
    ("按时完成率", "100%", "100%", "10", "10", ""),
    ("成本控制率", "≤100%", "98%", "5", "5", ""),
    ("带动营收增长", "效果显著", "较好", "10", "8", "疫情影响"),
    ("新增就业", "≥500人", "650人", "10", "10", ""),
    ("能耗下降", "≥10%", "12%", "5", "5", ""),
    ("长效机制", "≥3项", "3项", "5", "5", ""),
    ("服务对象满意度", "≥90%", "95%", "10", "10", ""),
]


def _expected_form(blank: Form) -> Form:
    indicators = []
    for old, row in zip(blank.indicators, ROWS, strict=True):
        name, target, actual, weight, score, deviation = row
        indicators.append(
            old.model_copy(
                update={
                    "name": name,
                    "weight": Decimal(weight),
                    "target": target,
                    "actual": actual,
                    "score": Decimal(score),
                    "deviation": deviation,
                    "grade": "partial" if target == "效果显著" else None,
                }
            )
        )
    funding = blank.funding.model_copy(
        update={
            "weight": Decimal("10"),
            "current_year_appropriation": FundingRow(
                initial_budget=Decimal("650000"),
                annual_budget=Decimal("650000"),
                executed=Decimal("600000.00"),  # typed so: kept so
            ),
            "prior_year_carryover": FundingRow(
                initial_budget=Decimal("0"),
                annual_budget=Decimal("50000.00"),
                executed=Decimal("0"),
            ),
            "other_funds": FundingRow(
                initial_budget=Decimal("0"), annual_budget=Decimal("0"), executed=Decimal("0")
            ),
        }
    )
    return Form.model_validate(
        blank.model_copy(
            update={
                "year": 2024,
                "project_name": "重点企业服务＜b＞&amp;",
                "competent_department": "上海市经济和信息化委员会",
                "implementing_unit": "上海市促进中小企业发展协调办公室",
                "funding": funding,
                "goals": Goals(expected="完善服务平台。", actual="已完成，服务 120 家。"),
                "indicators": indicators,
            }
        ).model_dump()
    )


def test_keyboard_only_fill_follows_the_paper_and_saves_exactly(make_window, tmp_path: Path):
    window = make_window()
    window.new_file()
    view = window.form_view
    blank = window.document.form
    expected = _expected_form(blank)

    typed: dict[str, str] = {
        "year": "2024",
        "project_name": expected.project_name,
        "competent_department": expected.competent_department,
        "implementing_unit": expected.implementing_unit,
        "funding.weight": "10",
        "funding.current_year_appropriation.initial_budget": "650,000",
        "funding.current_year_appropriation.annual_budget": "６５００００",  # full-width
        "funding.current_year_appropriation.executed": "600000.00",
        "funding.prior_year_carryover.initial_budget": "0",
        "funding.prior_year_carryover.annual_budget": "50,000.00元",
        "funding.prior_year_carryover.executed": "0",
        "funding.other_funds.initial_budget": "0",
        "funding.other_funds.annual_budget": "0",
        "funding.other_funds.executed": "0",
        "goals.expected": expected.goals.expected,
        "goals.actual": expected.goals.actual,
    }
    for row, (name, target, actual, weight, score, deviation) in enumerate(ROWS):
        typed[f"indicators[{row}].name"] = name
        typed[f"indicators[{row}].target"] = target
        typed[f"indicators[{row}].actual"] = actual
        typed[f"indicators[{row}].weight"] = weight
        typed[f"indicators[{row}].score"] = score
        typed[f"indicators[{row}].deviation"] = deviation

    view.year_spin.setFocus(Qt.FocusReason.TabFocusReason)
    view.year_spin.lineEdit().selectAll()
    visited: list[str] = []
    last = f"indicators[{len(ROWS) - 1}].deviation"
    for _ in range(200):
        where = _where(window)
        visited.append(where)
        if where == "indicators[4].grade":  # a qualitative row: choose 部分达成 by arrow keys
            QTest.keyClick(_focus(), Qt.Key.Key_Down)
            QTest.keyClick(_focus(), Qt.Key.Key_Down)
        elif typed.get(where):
            _type(typed[where])
        _tab()
        if where == last:
            break
    else:
        pytest.fail(f"Tab never reached the last cell: {visited[-20:]}")

    # The order is the paper's: header fields, funding grid row by row (input cells only),
    # the goals, then the indicators row by row with each merged 一级 cell visited once.
    head = [
        "year",
        "project_name",
        "competent_department",
        "implementing_unit",
        "funding.unit",
        "auto_total",
        "funding.weight",
    ]
    assert visited[: len(head)] == head
    funding = [p for p in visited if p.startswith("funding.") and p != "funding.unit"]
    assert funding == [
        "funding.weight",
        *[
            f"funding.{row}.{column}"
            for row in ("current_year_appropriation", "prior_year_carryover", "other_funds")
            for column in ("initial_budget", "annual_budget", "executed")
        ],
    ]
    goals = visited.index("goals.expected")
    assert visited[goals : goals + 3] == ["goals.expected", "goals.actual", "indicators[0].level1"]
    rows_seen = [p for p in visited if p.startswith("indicators[")]
    assert rows_seen == sorted(rows_seen, key=lambda p: int(p.split("[")[1].split("]")[0]))
    assert [p for p in rows_seen if p.endswith(".level1")] == [
        "indicators[0].level1",
        "indicators[4].level1",
        "indicators[8].level1",
    ]
    assert "indicators[4].grade" in rows_seen and "indicators[0].grade" not in rows_seen
    assert not any(p.endswith(".suggested") or "(" in p for p in visited)
    # Tab out of the last cell leaves the grid (no trap)
    assert _table_of(_focus()) is not view.indicator_table

    assert dumps_form(window.document.form) == dumps_form(expected)
    assert view.funding_model.index(0, fm.COL_RATE).data() == "85.71%"  # 600000 / (650000 + 50000)
    target = tmp_path / "keyboard.json"
    assert window.save_to(target)
    assert target.read_bytes() == dumps_form(expected)
    assert not window.isWindowModified()

    window.new_file()
    assert window.open_file(target)
    assert dumps_form(window.document.form) == target.read_bytes()
    assert view.indicator_model.index(4, im.COL_GRADE).data() == "部分达成并具有一定效果"
    assert window.save_to(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == target.read_bytes()


def test_shift_tab_walks_back_out_of_the_grids(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    view.goals_actual.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is view.indicator_table
    assert view.indicator_table.currentIndex() == view.indicator_model.index(0, im.COL_LEVEL1)
    QTest.keyClick(_focus(), Qt.Key.Key_Backtab)
    assert _focus() is view.goals_actual
    view.goals_expected.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(_focus(), Qt.Key.Key_Backtab)
    # seed 1 types its total row: the last input cell of the grid is 其他资金 · 全年执行数
    assert _focus() is view.funding_table
    assert view.funding_table.currentIndex() == view.funding_model.index(3, fm.COL_EXECUTED)
    for _ in range(20):
        QTest.keyClick(_focus(), Qt.Key.Key_Backtab)
        if _focus() is not view.funding_table:
            break
    assert _focus() is view.auto_total
    assert window.document.undo_stack.count() == 0  # walking around changes nothing


def test_typing_into_a_level_or_multiline_cell_replaces_its_text(make_window):
    window = make_window()
    window.new_file()
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    for column, text in ((im.COL_LEVEL2, "产量指标"), (im.COL_NAME, "新名称")):
        table.setFocus()
        table.setCurrentIndex(model.index(0, column))
        _type(text)
        QTest.keyClick(_focus(), Qt.Key.Key_Return)
        QApplication.processEvents()
    first = window.document.form.indicators[0]
    assert first.level2 == "产量指标"
    assert first.name == "新名称"
    assert first.level1 == "产出指标"
    assert isinstance(first, Indicator)


def test_shift_tab_in_a_multiline_editor_commits_and_goes_back_one_cell(make_window):
    window = make_window()
    window.new_file()
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    table.setFocus()
    table.setCurrentIndex(model.index(1, im.COL_NAME))
    _type("满意率")  # opens the multi-line editor
    QTest.keyClick(_focus(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert window.document.form.indicators[1].name == "满意率"
    assert table.currentIndex() == model.index(1, im.COL_LEVEL2)
    assert _table_of(_focus()) is table  # still in the grid, an editor open on 二级指标
    _type("服务质量")  # free text (a catalogue prefix would be auto-completed, as in Excel)
    _tab()
    assert window.document.form.indicators[1].level2 == "服务质量"
    assert table.currentIndex() == model.index(1, im.COL_NAME)


# --- keys typed at once after a click or a row operation are never lost ------------------
# Regression tests for: clicking the current cell and typing within the double-click
# interval lost the first keys ("recovery-row" stored as "ecovery-row", "不低于95%" as
# "低于95%"); after 添加/插入/删除/复制指标行 or a move the focus was nowhere, so what was
# typed went nowhere; Ctrl+Shift+↑ worked once, not twice. No waits between the events.


@pytest.fixture
def seed1_copy(seed1_path: Path, tmp_path: Path) -> Path:
    """A private copy: another editor (a parallel test run) may hold the shared file's lock."""
    copy = tmp_path / seed1_path.name
    copy.write_bytes(seed1_path.read_bytes())
    return copy


def _click(table: QTableView, row: int, column: int, *, double: bool = False) -> None:
    at = table.visualRect(table.model().index(row, column)).center()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(table.viewport(), left, none, at)
    if double:  # QTest's double click is the second click's event alone
        QTest.mouseDClick(table.viewport(), left, none, at)


def _keys(text: str) -> None:
    """Type at the focus widget, one key at a time, without letting timers run in between."""
    for char in text:
        type_text(_focus(), char)


def _enter() -> None:
    QTest.keyClick(_focus(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call


@pytest.mark.parametrize(
    ("column", "text", "field"),
    [
        (im.COL_NAME, "recovery-row", "name"),
        (im.COL_TARGET, "不低于95%", "target"),
        (im.COL_LEVEL2, "服务质量", "level2"),
        (im.COL_WEIGHT, "12.5", "weight"),
    ],
)
def test_typing_right_after_clicking_the_current_cell_keeps_every_key(
    make_window, column, text, field
):
    window = make_window()
    window.new_file()
    table = window.form_view.indicator_table
    _click(table, 1, column)  # makes it current
    _click(table, 1, column)  # clicks the current cell: Qt used to wait for a double click
    _keys(text)
    _enter()
    value = getattr(window.document.form.indicators[1], field)
    assert str(value) == text


def test_typing_after_a_click_keeps_every_key_whatever_the_delay(make_window, qtbot):
    window = make_window()
    window.new_file()
    table = window.form_view.indicator_table
    interval = QApplication.doubleClickInterval()
    for row, delay in enumerate((0, 50, interval // 2, interval - 20, interval + 50, 900)):
        _click(table, row, im.COL_ACTUAL)
        _click(table, row, im.COL_ACTUAL)
        if delay:
            qtbot.wait(delay)
        _keys(f"recovery-{delay}")
        _enter()
        assert window.document.form.indicators[row].actual == f"recovery-{delay}", delay


def test_typing_right_after_clicking_another_cell_keeps_every_key(make_window):
    window = make_window()
    window.new_file()
    table = window.form_view.indicator_table
    _click(table, 0, im.COL_NAME)
    _click(table, 3, im.COL_TARGET)  # not the current cell: one click, keys at once
    _keys("不低于95%")
    _enter()
    assert window.document.form.indicators[3].target == "不低于95%"


def test_chinese_from_an_input_method_right_after_a_click_is_kept(make_window):
    """An input method hands over a whole word at once (QInputMethodEvent, no key event)."""
    window = make_window()
    window.new_file()
    table = window.form_view.indicator_table
    _click(table, 2, im.COL_TARGET)
    _click(table, 2, im.COL_TARGET)
    event = QInputMethodEvent()
    event.setCommitString("不低于95%")
    QApplication.sendEvent(_focus(), event)
    _enter()
    assert window.document.form.indicators[2].target == "不低于95%"


def test_double_click_then_typing_edits_the_cell(make_window, seed1_copy):
    window = make_window()
    window.load_path(seed1_copy)
    table = window.form_view.indicator_table
    _click(table, 2, im.COL_NAME, double=True)
    assert table.state() == QTableView.State.EditingState
    _keys("X")
    _enter()
    assert window.document.form.indicators[2].name == "X"  # the editor selected all: replaced


@pytest.mark.parametrize(
    ("action", "expected_row"),
    [
        ("add_row_action", 6),
        ("insert_row_action", 2),
        ("duplicate_row_action", 3),
        ("delete_rows_action", 2),
        ("move_up_action", 1),
        ("move_down_action", 3),
    ],
)
def test_typing_right_after_a_row_operation_goes_into_the_affected_row(
    make_window, seed1_copy, action, expected_row
):
    window = make_window()
    window.load_path(seed1_copy)
    view = window.form_view
    table = view.indicator_table
    _click(table, 2, im.COL_TARGET)
    _keys("≥1")  # an editor is open, not committed, when the row button is pressed
    getattr(view, action).trigger()
    targets = [ind.target for ind in window.document.form.indicators]
    assert ("≥1" in targets) == (action != "delete_rows_action")  # the editor was committed
    assert _table_of(_focus()) is table
    current = table.currentIndex()
    assert (current.row(), current.column()) == (expected_row, im.COL_TARGET)
    _keys("新目标")
    _enter()
    assert window.document.form.indicators[expected_row].target == "新目标"


def test_a_row_button_clicked_from_a_header_field_moves_the_keyboard_to_the_new_row(
    make_window, seed1_copy
):
    window = make_window()
    window.load_path(seed1_copy)
    view = window.form_view
    QTest.mouseClick(view.project_name, Qt.MouseButton.LeftButton)
    _keys("新")
    view.add_row_action.trigger()
    table = view.indicator_table
    assert _table_of(_focus()) is table
    assert table.currentIndex().row() == 6
    _keys("第七行")
    _enter()
    assert window.document.form.indicators[6].name == "第七行"
    assert window.document.form.project_name.endswith("新")


def test_ctrl_shift_up_and_down_repeat(make_window, seed1_copy):
    window = make_window()
    window.load_path(seed1_copy)
    table = window.form_view.indicator_table
    names = [ind.name for ind in window.document.form.indicators]
    _click(table, 5, im.COL_NAME)
    up = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(3):
        QTest.keyClick(_focus(), Qt.Key.Key_Up, up)
    assert [ind.name for ind in window.document.form.indicators][2] == names[5]
    assert table.currentIndex().row() == 2
    for _ in range(2):
        QTest.keyClick(_focus(), Qt.Key.Key_Down, up)
    assert [ind.name for ind in window.document.form.indicators][4] == names[5]
    assert table.currentIndex().row() == 4
    _keys("移动后")
    _enter()
    assert window.document.form.indicators[4].name == "移动后"


def test_saving_while_a_cell_is_being_typed_keeps_the_keyboard_on_that_cell(
    make_window, seed1_copy
):
    window = make_window()
    window.load_path(seed1_copy)
    table = window.form_view.indicator_table
    _click(table, 4, im.COL_ACTUAL)
    _keys("0.9%")
    QTest.keyClick(_focus(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save
    assert "0.9%" in seed1_copy.read_text("utf-8")
    assert _focus() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (4, im.COL_ACTUAL)
    _keys("1.2%")  # typing goes on in the same cell
    _enter()
    assert window.document.form.indicators[4].actual == "1.2%"
