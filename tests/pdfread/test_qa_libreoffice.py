"""Fault tests: our workbook export printed by LibreOffice in the page set-ups offices use
(A4 landscape, fit to one page) and read back field by field, with the printed figures."""

from __future__ import annotations

import os
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Alignment, Border, Side
from pdfhelpers import two_up
from test_layouts import UNIT_FORM, unit_template
from wbhelpers import SOFFICE, build

from perfeval_gui.model import Form, Published
from perfeval_gui.pdfread.reader import read_pdf_bytes
from perfeval_gui.workbook.writer import workbook_bytes

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _convert(tmp_path: Path, path: Path) -> bytes:
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=240, check=True,
                   env={**os.environ, "HOME": str(tmp_path)})
    return path.with_suffix(".pdf").read_bytes()


def _printed(tmp_path: Path, name: str, form: Form, *, landscape: bool = False,
             fit: bool = False) -> bytes:
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(workbook_bytes([form])[0])
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    if landscape:
        sheet.page_setup.orientation = "landscape"
    if fit:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = sheet.page_setup.fitToHeight = 1
    book.save(path)
    return _convert(tmp_path, path)


def test_a_wan_yuan_form_printed_landscape_over_two_pages(tmp_path: Path, seed2: Form) -> None:
    """Landscape A4 breaks seed 2 inside its 效益指标 group: the 总分 row on page 2 (its
    label centred in a cell merged across the indicator columns) is the total, not an
    indicator, and its printed 分值合计 and 总分 are kept."""
    wan = seed2.model_copy(update={"funding": seed2.funding.model_copy(update={"unit": "万元"})})
    (found,) = read_pdf_bytes(_printed(tmp_path, "wan", wan, landscape=True), "wan.pdf")
    assert found.form.model_copy(update={"published": None, "version": wan.version}) == wan
    assert found.form.published == Published(
        execution_rate=Decimal("96.10"), funding_score=Decimal("9.61"),
        weight_total=Decimal(100), total_score=Decimal("93.61"))
    assert found.notes == ()


def test_a_long_form_fitted_to_one_page(tmp_path: Path, seed2: Form) -> None:
    long = seed2.model_copy(update={"indicators": [
        ind.model_copy(update={"name": f"{ind.name}{k}"})
        for ind in seed2.indicators for k in range(6)]})
    (found,) = read_pdf_bytes(_printed(tmp_path, "fit", long, fit=True), "fit.pdf")
    assert found.form.model_copy(update={"published": None, "version": long.version}) == long
    assert found.form.published is not None
    assert found.form.published.total_score == Decimal("513.61")


def _ruled_unit(tmp_path: Path, long_name: str | None = None) -> bytes:
    """The district template ruled, wrapped, fitted to the page width and printed;
    ``long_name`` replaces the first indicator's name in a cell that does not wrap."""
    path = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    rows = [r for r in range(1, sheet.max_row + 1)
            if sheet.cell(r, 3).value in ("项目名称", "总分")]
    thin = Side(style="thin")
    for r in range(rows[0], rows[1] + 1):
        for c in range(3, 13):
            cell = sheet.cell(r, c)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            wrap = True
            if long_name is not None and cell.value == "补贴人数":
                cell.value, wrap = long_name, False
            cell.alignment = Alignment(wrap_text=wrap, vertical="center")
    for letter in "CDEFGHIJKL":
        sheet.column_dimensions[letter].width = 13
    for r in range(1, sheet.max_row + 1):
        sheet.row_dimensions[r].height = 32
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    book.save(path)
    return _convert(tmp_path, path)


def test_a_string_cut_at_its_cells_border_is_listed(tmp_path: Path) -> None:
    """A name too long for a cell that does not wrap, its neighbour filled: LibreOffice
    draws it only as far as the border (the rest is in neither the text layer nor on
    paper). The reader cannot know the rest, so the cell is listed as possibly cut."""
    (found,) = read_pdf_bytes(_ruled_unit(tmp_path, "补贴人数（含临时救助对象及其他困难老人）"),
                              "unit.pdf")
    name = found.form.indicators[0].name
    assert name.startswith("补贴人数（含") and name != "补贴人数（含临时救助对象及其他困难老人）"
    cut = [n for n in found.notes if "截断" in n.message]
    assert [str(n.path) for n in cut] == ["indicators[0].name"]
    assert cut[0].cell.startswith("第1页 (x=")


def test_a_units_template_ruled_and_fitted_to_width(tmp_path: Path) -> None:
    """The district template (万元 in a note, 调整后预算数, weights in the 一级 label, split
    deviation columns) ruled, wrapped and fitted to the page width as a clerk prints it.
    LibreOffice pads a cell by half a point: a number set flush right and the ``—`` set
    flush left in the next cell touch across the rule, and are still two cells."""
    data = _ruled_unit(tmp_path)
    expected = UNIT_FORM.model_copy(update={"funding": UNIT_FORM.funding.model_copy(
        update={"total": None})})  # the printed total is its rows' sum
    # As printed, and two to a page at half size (the half-point padding is a quarter).
    for pdf, count in ((data, 1), (two_up(data, data), 2)):
        found = read_pdf_bytes(pdf, "unit.pdf")
        assert len(found) == count
        for one in found:
            assert one.form.model_copy(update={"published": None,
                                               "version": expected.version}) == expected
            assert one.form.published == Published(
                execution_rate=Decimal("91.69"), funding_score=Decimal("9.17"),
                weight_total=Decimal(100), total_score=Decimal(83))
            assert [n.message for n in one.notes] == ["得分“约20”不是数字"]


def test_rare_characters_emoji_and_markup_are_read_or_listed(tmp_path: Path, seed1: Form) -> None:
    """Emoji, Extension-B CJK and markup-like text. Where LibreOffice has no font for a
    character it draws a glyph with no text at all: the cell must then be listed as
    unreadable, never read short without a word."""
    name = "重点😀企业<b>服务</b>&amp; 𠀀𪚥"
    first = "<script>x</script>𠮷"
    deviation = "含\"引号\"和'单引号' \\ 反斜杠"
    form = seed1.model_copy(update={"project_name": name, "indicators": [
        seed1.indicators[0].model_copy(update={"name": first, "deviation": deviation}),
        *seed1.indicators[1:]]})
    (found,) = read_pdf_bytes(_printed(tmp_path, "odd", form), "odd.pdf")
    listed = {str(n.path) for n in found.notes if "无法识别" in n.message}
    got = found.form
    assert got.project_name == name or (got.project_name == "" and "project_name" in listed)
    assert got.indicators[0].name == first or (
        got.indicators[0].name == "" and "indicators[0].name" in listed)
    assert got.indicators[0].deviation == deviation
    assert got.indicators[1:] == form.indicators[1:]


def test_latin_words_wrapped_at_their_spaces(tmp_path: Path, seed1: Form) -> None:
    """LibreOffice breaks a line at a space and prints that space at the end of the line:
    the words come back with their space, not run together."""
    words = "GDP growth rate of SME output value 2022 vs 2021 per capita"
    form = seed1.model_copy(update={"indicators": [
        seed1.indicators[0].model_copy(update={"name": words, "target": "abc de fgh ij kl mn"}),
        *seed1.indicators[1:]]})
    (found,) = read_pdf_bytes(_printed(tmp_path, "latin", form), "latin.pdf")
    assert (found.form.indicators[0].name, found.form.indicators[0].target) == (
        words, "abc de fgh ij kl mn")
