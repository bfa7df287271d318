"""Batch work from 项目一览: 检查, 导出一览 (.xlsx/.csv/PDF of the rows shown), 批量导出 PDF and
next year's forms for the selected rows, each ending with a report, never overwriting."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pypdfium2
from PySide6.QtCore import QItemSelectionModel
from test_portfolio_window import column, folder_of_forms, make_form, open_list, wait_idle, write

from perfeval_gui.fileio import load_form
from perfeval_gui.ui.portfolio_report import ReportDialog


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def select_rows(portfolio, names: list[str]) -> None:
    shown = column(portfolio, "project_name")
    selection = portfolio.view.selectionModel()
    flags = (QItemSelectionModel.SelectionFlag.Select
             | QItemSelectionModel.SelectionFlag.Rows)
    for name in names:
        selection.select(portfolio.proxy.index(shown.index(name), 0), flags)


def test_export_list_writes_the_rows_shown(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    target = tmp_path / "out" / "一览.xlsx"
    target.parent.mkdir()
    assert portfolio.export_list(str(target))
    wait_idle(portfolio, qtbot)
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))["项目一览"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 4 + 1  # header, 3 forms and the broken file, 合计
    budget = rows[0].index("全年预算数（元）")
    assert Decimal(str(rows[-1][budget])) == Decimal("115200.01")
    assert portfolio.last_report is not None and portfolio.last_report[0] == "导出一览"
    report = portfolio.findChild(ReportDialog)
    assert report is not None and report.isVisible() and not report.isModal()

    portfolio.filter_edit.setText("乙")  # only what is shown, in the unit chosen
    portfolio.apply_filter()
    portfolio.unit_combo.setCurrentIndex(portfolio.unit_combo.findData("万元"))
    csv_path = tmp_path / "out" / "一览.csv"
    assert portfolio.export_list(str(csv_path))
    wait_idle(portfolio, qtbot)
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "乙项目" in text and "甲项目" not in text
    assert "全年预算数（万元）" in text and ",1.50," in text

    pdf_path = tmp_path / "out" / "一览.pdf"
    assert portfolio.export_list(str(pdf_path))
    wait_idle(portfolio, qtbot)
    content = pdf_text(pdf_path.read_bytes())
    assert "乙项目" in content and "第 1 页 共 1 页" in content


def test_batch_pdf_for_the_selected_forms_never_overwrites(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    select_rows(portfolio, ["甲项目", "丙项目"])
    out = tmp_path / "pdfs"
    out.mkdir()
    assert portfolio.export_pdfs(str(out))
    wait_idle(portfolio, qtbot)
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "c.pdf"]
    assert "甲项目" in pdf_text((out / "a.pdf").read_bytes())
    first = (out / "a.pdf").read_bytes()
    assert portfolio.export_pdfs(str(out))
    wait_idle(portfolio, qtbot)
    assert sorted(p.name for p in out.iterdir()) == ["a-2.pdf", "a.pdf", "c-2.pdf", "c.pdf"]
    assert (out / "a.pdf").read_bytes() == first
    title, lines = portfolio.last_report
    assert title == "批量导出 PDF" and lines[0] == "成功 2 个，未成功 0 个"


def test_next_year_for_the_list(make_window, qtbot, tmp_path):
    window = make_window()
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    out = tmp_path / "2025"
    out.mkdir()
    assert portfolio.next_year_forms(str(out))  # nothing selected: every form shown
    wait_idle(portfolio, qtbot)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["a-2025.json", "b-2025.json", "c-2025.json"]
    copy = load_form(out / "a-2025.json")
    assert copy.year == 2025 and copy.project_name == "甲项目"
    assert copy.funding.total is None and copy.indicators[0].score is None
    assert portfolio.next_year_forms(str(out))
    wait_idle(portfolio, qtbot)
    assert len(list(out.iterdir())) == 6 and (out / "a-2025-2.json").is_file()
    assert load_form(out / "a-2025.json") == copy
    title, lines = portfolio.last_report
    assert title == "新建下一年度" and lines[0] == "成功 3 个，未成功 0 个"
    assert any(line.startswith("沿用：") and "绩效指标·年度指标值" in line for line in lines)
    assert any(line.startswith("已清空：") and "绩效指标·得分" in line for line in lines)


def test_check_reports_unreadable_files_and_errors(make_window, qtbot, tmp_path):
    root = folder_of_forms(tmp_path / "forms")
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    portfolio.watcher.clear()  # the check itself must see the change, not the watcher
    (root / "a.json").write_text("[]", encoding="utf-8")
    portfolio.check_action.trigger()
    assert portfolio.job_bar.isVisible()
    wait_idle(portfolio, qtbot)
    title, lines = portfolio.last_report
    assert title == "检查结果"
    assert lines[0] == "成功 2 个，未成功 2 个"
    failed = lines[lines.index("未成功：") + 1:]
    assert len(failed) == 2
    assert any("broken.json" in line and "JSON 语法错误" in line for line in failed)
    assert any(line.startswith(f"“{root / 'a.json'}”") for line in failed)
    files = column(portfolio, "file")  # the row now says why, in place
    assert column(portfolio, "problem")[files.index("a.json")] != ""
    assert portfolio.model.rowCount() == 4


def test_a_roll_up_written_into_the_folder_is_not_listed(make_window, qtbot, tmp_path):
    root = folder_of_forms(tmp_path / "forms")
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    assert portfolio.export_list(str(root / "项目一览.xlsx"))
    wait_idle(portfolio, qtbot)
    assert (root / "项目一览.xlsx").is_file()
    write(root / "new.json", make_form("新项目", budget="1", executed="1", score="1"))
    qtbot.waitUntil(lambda: "新项目" in column(portfolio, "project_name"), timeout=5000)
    wait_idle(portfolio, qtbot)
    assert "项目一览.xlsx" not in column(portfolio, "file")
    portfolio.scan(portfolio.roots)  # 检查 of the whole folder again: still passed over
    wait_idle(portfolio, qtbot)
    assert portfolio.model.rowCount() == 5



def test_batch_workbooks_read_back_as_the_same_forms(make_window, qtbot, tmp_path):
    from perfeval_gui.workbook.reader import read_workbook

    root = folder_of_forms(tmp_path / "forms")
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    select_rows(portfolio, ["乙项目"])
    out = tmp_path / "books"
    out.mkdir()
    assert portfolio.export_workbooks(str(out))
    wait_idle(portfolio, qtbot)
    assert [p.name for p in out.iterdir()] == ["b.xlsx"]
    assert [f.form for f in read_workbook(str(out / "b.xlsx"))] == [load_form(root / "b.json")]
    assert portfolio.last_report[1][0] == "成功 1 个，未成功 0 个"
