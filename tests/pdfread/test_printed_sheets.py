"""Forms printed from other units' Excel/WPS templates: ruled with thin filled rectangles,
text wrapped in its cell, their own titles and wording, 万元 in a note, 偏差原因分析 and
改进措施 in two columns, weights in the 一级 label, merged cells not repeated on the next
page. The workbook tests' layouts (tests/workbook) are printed here as Excel prints them."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from pdfhelpers import concat, pages, print_sheet, prose_pdf
from test_layouts import UNIT_FORM, unit_template
from wbhelpers import SOFFICE, build

from perfeval_gui.model import Form, Published
from perfeval_gui.pdfread.reader import read_pdf_bytes
from perfeval_gui.workbook.cells import Sheet
from perfeval_gui.workbook.sources import read_book
from perfeval_gui.workbook.writer import workbook_bytes

WIDTHS = [56.0, 56.0, 44.0, 70.0, 56.0, 56.0, 56.0, 40.0, 44.0, 40.0, 60.0, 60.0]


def unit_sheet(tmp_path) -> Sheet:
    path = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    return read_book(str(path)).sheets[0]


def test_a_units_template_printed_by_excel(tmp_path) -> None:
    prose = prose_pdf(1)
    data = concat(prose, print_sheet(unit_sheet(tmp_path), WIDTHS))
    (found,) = read_pdf_bytes(data, "区县.pdf")
    # A printed total equal to its rows' sum is the editor's auto-summed total.
    expected = UNIT_FORM.model_copy(update={"funding": UNIT_FORM.funding.model_copy(
        update={"total": None})})
    assert found.form.model_copy(update={"published": None, "version": expected.version}) \
        == expected
    assert found.form.published == Published(execution_rate=Decimal("91.69"),
                                              funding_score=Decimal("9.17"),
                                              weight_total=Decimal(100),
                                              total_score=Decimal(83))
    page = pages(prose) + 1
    assert found.page == page
    (note,) = found.notes
    assert note.cell.startswith(f"第{page}页 (x=") and note.message == "得分“约20”不是数字"
    assert str(note.path) == "indicators[1].score"


def test_a_long_form_over_pages_with_title_rows_and_merged_cells_not_repeated(
        tmp_path, seed2: Form) -> None:
    """Excel prints the 一级/二级 of a merged range once: the rows at the top of the next
    page continue the cell above the page break; the header row (打印标题行) repeats."""
    inds = [ind.model_copy(update={"name": f"{ind.name}{i}"})
            for i in range(8) for ind in seed2.indicators]
    inds = sorted(inds, key=lambda ind: seed2.indicators.index(
        next(s for s in seed2.indicators if ind.name.startswith(s.name))))
    form = seed2.model_copy(update={"indicators": inds})
    data, problems = workbook_bytes([form])
    assert problems == []
    path = tmp_path / "long.xlsx"
    path.write_bytes(data)
    sheet = read_book(str(path)).sheets[0]
    head = next(r for r, row in enumerate(sheet.rows) if "三级指标" in row)
    for repeat in ((head,), ()):
        pdf = print_sheet(sheet, 60.0, repeat=repeat, page_rows=25)
        (found,) = read_pdf_bytes(pdf, "long.pdf")
        got = found.form.model_copy(update={"published": None, "version": form.version})
        assert [i.level1 for i in got.indicators] == [i.level1 for i in form.indicators]
        assert [i.level2 for i in got.indicators] == [i.level2 for i in form.indicators]
        assert got == form, repeat


def test_text_running_past_its_cell_is_a_note_with_its_place(tmp_path) -> None:
    sheet = unit_sheet(tmp_path)
    r = next(r for r, row in enumerate(sheet.rows) if "补贴人数" in row)
    c = sheet.rows[r].index("补贴人数")
    sheet.rows[r][c] = "补贴人数（含临时救助对象及其他困难老人）"
    data = print_sheet(sheet, WIDTHS, clip_cells=[(r, c)])
    (found,) = read_pdf_bytes(data, "clip.pdf")
    clipped = [n for n in found.notes if "截断" in n.message]
    assert len(clipped) == 1 and clipped[0].cell.startswith("第1页 (x=")
    assert str(clipped[0].path) == "indicators[0].name"  # the window goes there
    first = found.form.indicators[0]
    # The text layer holds the whole string; the cell it ran into is left as printed.
    assert (first.name, first.target) == ("补贴人数（含临时救助对象及其他困难老人）", "≥1000人")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_workbooks_printed_by_libreoffice(tmp_path, seed1: Form, seed2: Form) -> None:
    """Our export and a form over pages, printed to PDF by LibreOffice (its own rules,
    fonts and page breaks; a merged cell cut by the break has its text under the page's
    last rule), come back as typed. (The unit template above has no cell borders: a
    printout without rules is not read, see the reader's docstring.)"""
    import subprocess

    long = seed2.model_copy(update={"indicators": [
        ind.model_copy(update={"name": f"{ind.name}{i}"})
        for ind in seed2.indicators for i in range(12)]})
    for name, form in (("seed1", seed1), ("long", long)):
        (tmp_path / f"{name}.xlsx").write_bytes(workbook_bytes([form])[0])
    sources = [str(tmp_path / f"{n}.xlsx") for n in ("seed1", "long")]
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *sources],
                   capture_output=True, timeout=240, check=True,
                   env={**os.environ, "HOME": str(tmp_path)})
    for name, form in (("seed1", seed1), ("long", long)):
        data = (tmp_path / f"{name}.pdf").read_bytes()
        (found,) = read_pdf_bytes(data, f"{name}.pdf")
        got = found.form.model_copy(update={"published": None, "version": form.version})
        assert got == form, name
        assert found.form.published is not None
    assert pages((tmp_path / "long.pdf").read_bytes()) >= 2


def test_a_form_without_a_total_row_does_not_run_into_the_next_one(tmp_path) -> None:
    """No 总分 row closes the first form: the next page's table, which starts with its own
    title, is a new form, not the first one continued."""
    sheet = unit_sheet(tmp_path)
    for r, row in enumerate(sheet.rows):
        if any(v in ("总分", "联系人：张三") for v in row):
            sheet.rows[r] = [None] * len(row)
    page = print_sheet(sheet, WIDTHS)
    first, second = read_pdf_bytes(concat(page, page), "two.pdf")
    assert (first.page, second.page) == (1, 2)
    for found in (first, second):
        assert [i.level1 for i in found.form.indicators] == [
            i.level1 for i in UNIT_FORM.indicators]
        assert found.form.published is not None and found.form.published.total_score is None


def test_misprinted_figures_are_kept_as_printed(tmp_path) -> None:
    """A 执行率 printed as 86.19% and a 总分 of 0 are recorded as printed, not recomputed
    (the checker compares them: rule published-mismatch)."""
    sheet = unit_sheet(tmp_path)
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if value == 0.9169:
                sheet.rows[r][c] = "86.19%"
            if row[c:c + 1] == ["总分"]:
                sheet.rows[r][c + 7] = "0"
    (found,) = read_pdf_bytes(print_sheet(sheet, WIDTHS), "misprint.pdf")
    assert found.form.published == Published(execution_rate=Decimal("86.19"),
                                              funding_score=Decimal("9.17"),
                                              weight_total=Decimal(100),
                                              total_score=Decimal(0))
