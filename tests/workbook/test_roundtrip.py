"""Export → import gives back the same form: every example, random valid forms, and the
same workbook saved again by LibreOffice as .xlsx, .xls and .ods."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from wbhelpers import convert

from perfeval_gui.assets import EXAMPLES, example_path
from perfeval_gui.figures import compute
from perfeval_gui.fileio import load_form
from perfeval_gui.model import Form, Funding, FundingRow, Goals, Indicator
from perfeval_gui.spec import GRADE_LABELS, LEVEL1_CATALOGUE, NOTHING_WRITTEN
from perfeval_gui.workbook.reader import forms_in_book, read_workbook
from perfeval_gui.workbook.sources import read_book_bytes
from perfeval_gui.workbook.writer import workbook_bytes


def roundtrip(form: Form) -> Form:
    data, problems = workbook_bytes([form])
    assert problems == []
    found = forms_in_book(read_book_bytes(data, "t.xlsx"), "t.xlsx")
    assert len(found) == 1
    assert found[0].notes == ()
    return found[0].form


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_comes_back(name: str) -> None:
    form = load_form(example_path(name))
    assert roundtrip(form) == form


def test_amounts_come_back_as_the_decimal_typed(seed1: Form) -> None:
    funding = seed1.funding.model_copy(update={
        "total": None,
        "current_year_appropriation": FundingRow(initial_budget=Decimal("215457.6"),
                                                 annual_budget=Decimal("0.1"),
                                                 executed=Decimal("123456789012345.123456")),
    })
    form = seed1.model_copy(update={"funding": funding})
    back = roundtrip(form)
    row = back.funding.current_year_appropriation
    assert str(row.initial_budget) == "215457.6"  # never 215457.59999999998
    assert str(row.annual_budget) == "0.1"
    assert row.executed == Decimal("123456789012345.123456")  # too long for a float: text
    assert back.funding.total is None  # the auto-summed total stays auto-summed


def _sheet_values(data: bytes) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def test_formulas_are_live_with_the_editors_figures_cached(seed1: Form) -> None:
    data, _ = workbook_bytes([seed1])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "ROUND(MIN(" in xml and "ROUND(SUM(" in xml and "ROUND(" in xml
    values = [v for row in _sheet_values(data) for v in row]
    figures = compute(seed1)
    assert float(figures.funding_score) in values  # 6.58
    assert float(figures.total_score) in values  # 85.58
    assert 0.6579 in values  # 执行率 65.79 %


def rounding_form(budget: str, executed: str, weight: str) -> Form:
    row = FundingRow(annual_budget=Decimal(budget), executed=Decimal(executed))
    return Form(funding=Funding(weight=Decimal(weight), current_year_appropriation=row),
                indicators=[Indicator(level1="产出指标", weight=Decimal(90),
                                      score=Decimal("80.5"))])


def test_sihesewuru_in_the_cached_values() -> None:
    """9050 / 20000 × 10 = 4.525 → 4.53 (四舍五入), not 4.52 (half-even)."""
    form = rounding_form("20000", "9050", "10")
    assert compute(form).funding_score == Decimal("4.53")
    values = [v for row in _sheet_values(workbook_bytes([form])[0]) for v in row]
    assert 4.53 in values and 85.03 in values


def test_libreoffice_recomputes_the_same_figures(tmp_path: Path, lo_dir: Path) -> None:
    """LibreOffice, told to recalculate on loading, computes the editor's figures from
    the formulas (四舍五入 included), not from the cached values, which are poisoned."""
    form = rounding_form("20000", "9050", "10")
    data, _ = workbook_bytes([form])
    # Poison the cached values so that only a recomputation can give the right figures.
    source = tmp_path / "poisoned.xlsx"
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(source, "w") as out:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                for figure in (b"4.53", b"85.03"):
                    body = body.replace(b"<v>" + figure + b"</v>", b"<v>0</v>")
            out.writestr(info, body)
    (ods,) = convert([source], "ods", lo_dir, recalc=True)
    values = [v for row in _sheet_values(ods.read_bytes()) for v in row]
    assert 4.53 in values and 85.03 in values


def test_libreoffice_conversions_read_back(tmp_path: Path, lo_dir: Path) -> None:
    """The exported workbook saved by LibreOffice as .xlsx, .xls and .ods reads back as
    the same form (merged 一级/二级 from each format's own merge records)."""
    forms = [load_form(example_path(name)) for name in EXAMPLES]
    sources = []
    for index, form in enumerate(forms):
        path = tmp_path / f"form{index}.xlsx"
        path.write_bytes(workbook_bytes([form])[0])
        sources.append(path)
    for suffix in ("xls", "ods", "xlsx"):
        out = lo_dir / suffix
        out.mkdir()
        for form, path in zip(forms, convert(sources, suffix, out), strict=True):
            found = read_workbook(str(path))
            assert [f.notes for f in found] == [()], suffix
            assert found[0].form == form, suffix


# --- random valid forms ------------------------------------------------------------------

_text = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                              include_characters="\n\r\t"), max_size=40)
_short = st.sampled_from(["", *LEVEL1_CATALOGUE, "产出指标 ", "自定义"]) | _text
_amount = st.none() | st.decimals(min_value=0, max_value=10**15, places=2,
                                  allow_nan=False, allow_infinity=False)
_score = st.none() | st.decimals(min_value=0, max_value=100, places=2,
                                 allow_nan=False, allow_infinity=False)
_row = st.builds(FundingRow, initial_budget=_amount, annual_budget=_amount, executed=_amount)
_typed_total = _row.filter(lambda r: not r.is_empty())
# A deviation of only "—" or "/" is read back as empty (the import issue: "— as empty").
_deviation = _text.filter(lambda t: t.strip() not in NOTHING_WRITTEN)


@st.composite
def forms(draw: st.DrawFn) -> Form:
    indicators = draw(st.lists(st.builds(
        Indicator, level1=_short, level2=_short, name=_text, target=_text | st.just("=100%"),
        actual=_text, weight=_score, score=_score, deviation=_deviation,
        grade=st.none() | st.sampled_from(sorted(GRADE_LABELS))), max_size=8))
    return Form(
        year=draw(st.integers(1990, 2100)),
        project_name=draw(_text), competent_department=draw(_text),
        implementing_unit=draw(_text),
        funding=Funding(unit=draw(st.sampled_from(["元", "万元"])), weight=draw(_score),
                        total=draw(st.none() | _typed_total),
                        current_year_appropriation=draw(_row), prior_year_carryover=draw(_row),
                        other_funds=draw(_row)),
        goals=Goals(expected=draw(_text), actual=draw(_text)),
        indicators=indicators,
    )


@settings(max_examples=30)
@given(forms())
def test_random_forms_come_back(form: Form) -> None:
    assert roundtrip(form) == form


def test_number_formats_follow_the_window(seed1: Form) -> None:
    """Scores as typed (General), computed figures 0.00, each amount with its own decimals."""
    import openpyxl

    funding = seed1.funding.model_copy(update={
        "unit": "万元",
        "current_year_appropriation": FundingRow(initial_budget=Decimal("113.66574"),
                                                 annual_budget=Decimal("25"),
                                                 executed=Decimal("25.5")),
    })
    form = seed1.model_copy(update={"funding": funding})
    data, _ = workbook_bytes([form])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    formats = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)):
                formats.setdefault(cell.value, set()).add(cell.number_format)
    assert formats[113.66574] == {"#,##0.00000"}
    assert formats[25] == {"#,##0.00"}  # not padded to 25.00000
    assert formats[18] == {"General"}  # an indicator's 得分 as typed, as published
    assert formats[20] == {"General"}
    assert roundtrip(form) == form
