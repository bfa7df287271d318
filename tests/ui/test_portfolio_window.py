"""项目一览 in the window: File → 打开文件夹… lists every form (and why a file could not be
read), sorts numbers as numbers, filters, totals in the unit chosen, opens a form on a
double-click, follows saves in the editor and changes on disk, cancels a scan."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import load_form, save_form
from perfeval_gui.model import Form, Funding, FundingRow, Indicator
from perfeval_gui.portfolio.rows import COLUMNS, FormRow, Unreadable
from perfeval_gui.ui.portfolio_window import PortfolioWindow

COL = {c.key: i for i, c in enumerate(COLUMNS)}


def make_form(name: str, *, unit: str = "元", budget: str | None = None,
              executed: str | None = None, score: str | None = None, year: int = 2024,
              department: str = "某某局") -> Form:
    """A form with a typed 年度资金总额 row and one indicator (weight 90) scored ``score``."""
    return Form(
        year=year, project_name=name, competent_department=department,
        implementing_unit="某某单位",
        funding=Funding(unit=unit, weight=Decimal(10),
                        total=FundingRow(annual_budget=budget, executed=executed)),
        indicators=[Indicator(level1="产出指标", level2="数量指标", name="指标", target="≥1",
                              weight=Decimal(90),
                              score=None if score is None else Decimal(score))],
    )


def write(path: Path, form: Form) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    save_form(form, path)
    return path


def folder_of_forms(root: Path) -> Path:
    """Three forms (one in 万元, one in a subfolder) and a broken file."""
    write(root / "a.json", make_form("甲项目", budget="100000.01", executed="100000.01",
                                     score="90"))
    write(root / "b.json", make_form("乙项目", unit="万元", budget="1.5", executed="0.75",
                                     score="5", department="另一局"))
    write(root / "sub" / "c.json", make_form("丙项目", budget="200", executed="100",
                                             score="70"))
    (root / "broken.json").write_text("{ 不是 json", encoding="utf-8")
    (root / "notes.txt").write_text("passed over", encoding="utf-8")
    return root


def open_list(window, qtbot, folder: Path) -> PortfolioWindow:
    assert window.open_folder(folder)
    portfolio = window.portfolio
    assert isinstance(portfolio, PortfolioWindow)
    wait_idle(portfolio, qtbot)
    return portfolio


def wait_idle(portfolio: PortfolioWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: portfolio.job is None and not portfolio._totals.busy, timeout=10000)


def column(portfolio: PortfolioWindow, key: str) -> list[str]:
    proxy = portfolio.proxy
    return [proxy.index(r, COL[key]).data() for r in range(proxy.rowCount())]


def test_folder_lists_forms_and_unreadable_files_with_reasons(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    assert portfolio.isVisible()
    names = column(portfolio, "project_name")
    files = column(portfolio, "file")
    assert sorted(files) == ["a.json", "b.json", "broken.json", os.path.join("sub", "c.json")]
    broken = files.index("broken.json")
    assert isinstance(portfolio.proxy.entry_at(broken), Unreadable)
    reason = column(portfolio, "problem")[broken]
    assert reason.startswith("JSON 语法错误") and reason == portfolio.proxy.entry_at(broken).reason
    assert names.pop(broken) == f"无法读取：{reason}"  # in the first column, in red
    assert sorted(names) == ["丙项目", "乙项目", "甲项目"]
    brush = portfolio.proxy.index(broken, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().red() > 150
    # figures as the form shows them: the 万元 form in 元 (the list's default unit)
    names = column(portfolio, "project_name")
    b = names.index("乙项目")
    assert column(portfolio, "annual_budget")[b] == "15,000.00"
    assert column(portfolio, "execution_rate")[b] == "50.00%"
    assert column(portfolio, "grade")[names.index("甲项目")] == "优"
    assert "3 个表，1 个文件无法读取" in portfolio.scan_label.text()
    assert portfolio.job_bar.isHidden()


def test_sort_by_total_score_is_numeric(make_window, qtbot, tmp_path):
    for name, score in (("九分半", "9.5"), ("八十", "80"), ("一百", "90")):
        write(tmp_path / "f" / f"{name}.json", make_form(name, budget="10", executed="10",
                                                         score=score))
    window = make_window()
    portfolio = open_list(window, qtbot, tmp_path / "f")
    header = portfolio.view.horizontalHeader()
    section = COL["total_score"]
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert column(portfolio, "total_score") == ["19.50", "90.00", "100.00"]
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert column(portfolio, "total_score") == ["100.00", "90.00", "19.50"]


def test_filter_box_grade_and_problems(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    portfolio.filter_edit.setFocus()
    QTest.keyClicks(portfolio.filter_edit, "sub")
    qtbot.waitUntil(lambda: portfolio.proxy.rowCount() == 1, timeout=3000)
    assert column(portfolio, "project_name") == ["丙项目"]
    wait_idle(portfolio, qtbot)
    assert portfolio.totals is not None and portfolio.totals.forms == 1
    assert portfolio.totals_label.text().startswith("筛选结果")
    portfolio.filter_edit.clear()
    portfolio.apply_filter()
    portfolio.grade_combo.setCurrentIndex(portfolio.grade_combo.findData("差"))
    assert column(portfolio, "project_name") == ["乙项目"]
    portfolio.grade_combo.setCurrentIndex(0)
    portfolio.problems_check.setChecked(True)  # unreadable files are problems too
    assert "broken.json" in column(portfolio, "file")


def test_totals_exact_in_the_unit_chosen(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    totals = portfolio.totals
    assert totals is not None and totals.unit == "元"
    assert totals.annual_budget == Decimal("115200.01")
    assert totals.executed == Decimal("107600.01")
    assert totals.forms == 3 and totals.unreadable == 1
    assert totals.grades == {"优": 1, "良": 0, "中": 1, "差": 1}
    assert "115,200.01 元" in portfolio.totals_label.text()
    portfolio.unit_combo.setCurrentIndex(portfolio.unit_combo.findData("万元"))
    qtbot.waitUntil(lambda: portfolio.totals is not None and portfolio.totals.unit == "万元")
    assert portfolio.totals.annual_budget == Decimal("11.520001")
    assert "11.520001 万元" in portfolio.totals_label.text()
    names = column(portfolio, "project_name")
    assert column(portfolio, "annual_budget")[names.index("甲项目")] == "10.000001"
    assert "万元" in portfolio.model.headerData(COL["annual_budget"], Qt.Orientation.Horizontal)


def test_double_click_opens_the_form_after_asking_to_save(make_window, dialogs, qtbot,
                                                          tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    window.document.set_value(FieldPath.parse("project_name"), "未保存的修改")
    dialogs.save_answers.append("discard")
    row = column(portfolio, "project_name").index("丙项目")
    index = portfolio.proxy.index(row, COL["project_name"])
    view = portfolio.view
    centre = view.visualRect(index).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # as a hand does:
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # press first
    assert dialogs.save_questions == 1
    assert window.document.path == (tmp_path / "forms" / "sub" / "c.json").resolve()
    assert window.document.form.project_name == "丙项目"


def test_saving_in_the_editor_updates_the_row_at_once(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    row = column(portfolio, "project_name").index("甲项目")
    assert portfolio.open_entry(portfolio.proxy.entry_at(row))
    window.document.set_value(FieldPath.parse("indicators[0].score"), Decimal("50"))
    assert window.save()
    entry = portfolio.proxy.entry_at(row)  # the same row, updated in place, no wait
    assert isinstance(entry, FormRow) and entry.total_score == Decimal("60.00")
    assert column(portfolio, "grade")[row] == "中"
    assert portfolio.model.rowCount() == 4


def test_files_changed_added_removed_on_disk(make_window, qtbot, tmp_path):
    root = folder_of_forms(tmp_path / "forms")
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    write(root / "a.json", make_form("甲项目（改）", budget="1", executed="1", score="90"))
    qtbot.waitUntil(lambda: "甲项目（改）" in column(portfolio, "project_name"), timeout=5000)
    write(root / "sub" / "new.json", make_form("新项目", budget="1", executed="1", score="1"))
    qtbot.waitUntil(lambda: "新项目" in column(portfolio, "project_name"), timeout=5000)
    os.remove(root / "b.json")
    qtbot.waitUntil(lambda: "乙项目" not in column(portfolio, "project_name"), timeout=5000)
    (root / "broken.json").write_bytes((root / "a.json").read_bytes())  # repaired in place
    qtbot.waitUntil(lambda: column(portfolio, "problem") == [""] * 4, timeout=5000)
    wait_idle(portfolio, qtbot)
    assert portfolio.model.rowCount() == 4
    assert portfolio.totals is not None and portfolio.totals.unreadable == 0


def test_cancel_a_scan(make_window, qtbot, tmp_path):
    root = tmp_path / "many"
    for i in range(400):
        write(root / f"{i // 100}" / f"f{i:04d}.json", make_form(f"项目{i}", score="80"))
    window = make_window()
    window.open_folder(root)
    portfolio = window.portfolio
    assert portfolio.job is not None and portfolio.job_bar.isVisible()
    QTest.mouseClick(portfolio.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(portfolio, qtbot)
    assert portfolio.model.rowCount() < 400
    assert portfolio.scan_label.text().startswith("已取消读取")
    assert portfolio.open_folder_action.isEnabled()


def test_next_year_from_the_file_menu(make_window, qtbot, tmp_path):
    path = write(tmp_path / "自评表2024.json", make_form("甲项目", budget="10", executed="5",
                                                        score="80"))
    window = make_window()
    assert window.open_file(path)
    window.next_year_action.trigger()
    form = window.document.form
    assert form.year == 2025 and form.project_name == "甲项目"
    assert form.indicators[0].score is None and form.indicators[0].target == "≥1"
    assert window.document.path is None and window.document.is_modified()
    assert "沿用" in window.files.notice.notice_text()
    assert load_form(path).year == 2024  # the original is untouched


def test_a_sorted_list_stays_sorted_and_the_selection_follows(make_window, qtbot, tmp_path):
    root = tmp_path / "f"
    for name, score in (("甲", "10"), ("乙", "20"), ("丙", "30")):
        write(root / f"{name}.json", make_form(name, budget="10", executed="10", score=score))
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    portfolio.view.sortByColumn(COL["total_score"], Qt.SortOrder.DescendingOrder)
    assert column(portfolio, "project_name") == ["丙", "乙", "甲"]
    portfolio.view.selectRow(1)  # 乙
    write(root / "甲.json", make_form("甲", budget="10", executed="10", score="25"))
    write(root / "丁.json", make_form("丁", budget="10", executed="10", score="90"))
    qtbot.waitUntil(lambda: column(portfolio, "project_name") == ["丁", "丙", "甲", "乙"],
                    timeout=5000)
    selected = portfolio.view.selectionModel().selectedRows()
    assert [portfolio.proxy.entry_at(i.row()).project_name for i in selected] == ["乙"]


def test_a_large_folder_is_read_in_a_child_process_with_the_same_rows(make_window, qtbot,
                                                                       tmp_path):
    from perfeval_gui.portfolio.scanner import scan
    from perfeval_gui.ui.portfolio_steps import CHILD_FROM

    root = tmp_path / "many"
    for i in range(CHILD_FROM):
        write(root / f"{i // 100}" / f"f{i:04d}.json",
              make_form(f"项目{i}", unit="万元" if i % 3 else "元", budget=f"{i}.5",
                        executed="1", score=str(i % 100)))
    (root / "0" / "bad.json").write_text("{}", encoding="utf-8")
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    expected = [s.entry for s in scan([str(root)]) if s.entry is not None]
    assert portfolio.model.entries == expected  # the child's rows, exactly (Decimal, findings)
    assert portfolio.totals is not None and portfolio.totals.unreadable == 1


def test_a_folder_on_the_command_line_opens_the_list(make_window, qtbot, tmp_path):
    window = make_window()
    assert window.open_from_command_line(folder_of_forms(tmp_path / "forms"))
    portfolio = window.portfolio
    wait_idle(portfolio, qtbot)
    assert portfolio.model.rowCount() == 4 and portfolio.isVisible()


def test_folders_moved_out_and_in(make_window, qtbot, tmp_path):
    root = folder_of_forms(tmp_path / "forms")
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    os.rename(root / "sub", tmp_path / "elsewhere")  # 丙项目 leaves with its folder
    qtbot.waitUntil(lambda: "丙项目" not in column(portfolio, "project_name"), timeout=5000)
    os.rename(tmp_path / "elsewhere", root / "back")  # and comes back under a new name
    qtbot.waitUntil(lambda: os.path.join("back", "c.json") in column(portfolio, "file"),
                    timeout=5000)
    write(root / "back" / "d.json", make_form("丁项目", budget="1", executed="1", score="1"))
    qtbot.waitUntil(lambda: "丁项目" in column(portfolio, "project_name"), timeout=5000)
    wait_idle(portfolio, qtbot)
    assert portfolio.model.rowCount() == 5


def test_enter_opens_the_current_row(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    view = portfolio.view
    view.setFocus()
    row = column(portfolio, "project_name").index("乙项目")
    view.setCurrentIndex(portfolio.proxy.index(row, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert window.document.form.project_name == "乙项目"
    assert window.document.path == (tmp_path / "forms" / "b.json").resolve()


def test_file_menu_open_folder_asks_for_the_folder(make_window, qtbot, tmp_path, monkeypatch):
    folder = folder_of_forms(tmp_path / "forms")
    answers: list[str | None] = [None, str(folder)]
    monkeypatch.setattr(PortfolioWindow, "ask_folder", lambda self, title: answers.pop(0))
    window = make_window()
    window.open_folder_action.trigger()  # cancelled: no list
    assert window.portfolio is None
    window.open_folder_action.trigger()
    portfolio = window.portfolio
    wait_idle(portfolio, qtbot)
    assert portfolio.model.rowCount() == 4 and answers == []


def test_the_list_is_a_window_of_its_own_and_closes_with_the_editor(make_window, qtbot,
                                                                      tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    assert portfolio.parent() is None  # a child window would stay above the editor
    assert not portfolio.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)
    window.close()
    assert not portfolio.isVisible() and portfolio.job is None
