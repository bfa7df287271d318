"""The roll-up as .xlsx (read back with openpyxl: the same numbers, frozen header,
auto-filter) and as .csv (UTF-8 with BOM, opens with the csv module)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pfhelpers import entries, make_form, write

from perfeval_gui.portfolio.export import header, summary_csv, summary_xlsx
from perfeval_gui.portfolio.rows import COLUMNS, FormRow
from perfeval_gui.portfolio.totals import totals

D = Decimal
COL = {c.key: i for i, c in enumerate(COLUMNS)}


@pytest.fixture
def portfolio(tmp_path: Path) -> list:
    write(tmp_path / "a.json", make_form("甲", unit="元", budget="380000.00",
                                         executed="250000", scores=["80"]))
    write(tmp_path / "b.json", make_form("乙", unit="万元", budget="118.28",
                                         executed="113.66574", scores=["30", "30"]))
    write(tmp_path / "c.json", make_form("=HYPERLINK(\"http://x\")", unit="元",
                                         budget="0.01", executed="0.01"))
    (tmp_path / "d.json").write_text("{", encoding="utf-8")
    return entries([tmp_path])


def test_xlsx_read_back_gives_the_same_numbers(portfolio: list, tmp_path: Path) -> None:
    result = totals(portfolio, "元")
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(summary_xlsx(portfolio, result))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["项目一览", "汇总"]
    ws = book["项目一览"]
    assert [c.value for c in ws[1]] == header("元")
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}5"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(rows) == 5  # four files, then the 合计 row
    forms = [e for e in portfolio if isinstance(e, FormRow)]
    for values, entry in zip(rows, portfolio, strict=False):
        if not isinstance(entry, FormRow):
            assert values[COL["file"]] == entry.file
            assert values[COL["problem"]] == entry.reason
            assert values[COL["total_score"]] is None
            continue
        assert values[COL["project_name"]] == entry.project_name
        assert values[COL["year"]] == 2024
        budget = entry.amount_in(entry.annual_budget, "元")
        assert D(str(values[COL["annual_budget"]])) == budget  # a number, exactly
        assert isinstance(values[COL["annual_budget"]], int | float)
        assert D(str(values[COL["total_score"]])) == entry.total_score
        rate = values[COL["execution_rate"]]
        assert (None if rate is None else D(str(rate))) == entry.execution_rate
        assert values[COL["grade"]] == (entry.grade or "未评")
        assert values[COL["errors"]] == entry.errors
    total = rows[-1]
    assert total[0] == "合计（3 个表）"
    assert D(str(total[COL["annual_budget"]])) == result.annual_budget == D("1562800.01")
    assert D(str(total[COL["executed"]])) == result.executed == D("1386657.41")
    assert D(str(total[COL["execution_rate"]])) == result.execution_rate
    # The sheet's own sum of the column equals the 合计 row (numbers, not texts).
    column_sum = sum(D(str(r[COL["annual_budget"]])) for r in rows[:-1]
                     if r[COL["annual_budget"]] is not None)
    assert column_sum == result.annual_budget
    pairs = dict(book["汇总"].iter_rows(values_only=True))
    assert pairs["自评表（个）"] == len(forms) == 3
    assert pairs["无法读取的文件（个）"] == 1
    assert D(str(pairs["全年预算数合计（元）"])) == result.annual_budget
    assert D(str(pairs["平均总分"])) == result.mean_score
    assert [pairs[f"自评等级 {g}（个）"] for g in "优良中差"] == [0, 1, 1, 1]
    assert pairs["自评等级 未评（个）"] == 0


def test_xlsx_keeps_a_figure_beyond_a_float_exact_as_its_text(tmp_path: Path) -> None:
    found = entries([write(tmp_path / "a.json", make_form(budget="999999999999999.99"))])
    result = totals(found, "元")
    ws = openpyxl.load_workbook(io.BytesIO(summary_xlsx(found, result)))["项目一览"]
    assert ws.cell(2, COL["annual_budget"] + 1).value == "999999999999999.99"


def test_csv_has_a_bom_and_opens_with_the_csv_module(portfolio: list) -> None:
    result = totals(portfolio, "万元")
    data = summary_csv(portfolio, result)
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == header("万元")
    assert rows[0][COL["annual_budget"]] == "全年预算数（万元）"
    by_name = {r[0]: r for r in rows[1:4]}
    assert by_name["甲"][COL["annual_budget"]] == "38.00"
    assert by_name["甲"][COL["executed"]] == "25.00"
    assert by_name["乙"][COL["executed"]] == "113.66574"
    assert by_name["甲"][COL["execution_rate"]] == "65.79"
    # A text a spreadsheet would run as a formula is quoted away.
    assert "'=HYPERLINK(\"http://x\")" in by_name
    unreadable = rows[4]
    assert unreadable[COL["file"]].endswith("d.json") and unreadable[COL["problem"]]
    total = rows[5]
    assert total[0] == "合计（3 个表）"
    assert D(total[COL["annual_budget"]]) == result.annual_budget == D("156.280001")
    assert sum(D(r[COL["annual_budget"]]) for r in rows[1:4]) == result.annual_budget
    assert rows[6] == []
    pairs = {r[0]: r[1] for r in rows[7:]}
    assert pairs["金额单位"] == "万元"
    assert pairs["总执行率（%）"] == f"{result.execution_rate}"
    assert pairs["自评等级 良（个）"] == "1"
    assert data.count(b"\r\n") == len(rows)
