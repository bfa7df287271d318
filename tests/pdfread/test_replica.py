"""Our replica's PDFs come back as the forms they print, inside a disclosure of any shape."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pdfhelpers import (
    concat,
    long_rows,
    pages,
    prose_pdf,
    replica,
    short,
    sideways,
    stacked,
    two_up,
)

from perfeval_gui.assets import EXAMPLES, example_path
from perfeval_gui.figures import compute
from perfeval_gui.fileio import load_form
from perfeval_gui.model import Form, FundingRow, Published
from perfeval_gui.pdfread.reader import read_pdf, read_pdf_bytes


def printed(form: Form) -> Published:
    """The figures the replica prints for ``form``, as the reader must record them."""
    figures = compute(form)
    return Published(
        execution_rate=None if figures.execution_rate is None
        else Decimal(f"{figures.execution_rate:.2f}"),
        funding_score=None if figures.funding_score is None
        else Decimal(f"{figures.funding_score:.2f}"),
        weight_total=figures.weight_total,
        total_score=Decimal(f"{figures.total_score:.2f}"))


def same(read: Form, form: Form) -> None:
    """``read`` is ``form`` field by field (plus the printed figures)."""
    assert read.model_copy(update={"published": None, "version": form.version}) == form
    assert read.published == printed(form)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_comes_back(name: str, tmp_path) -> None:
    form = load_form(example_path(name))
    path = tmp_path / "form.pdf"
    path.write_bytes(replica(form))
    (found,) = read_pdf(str(path))
    same(found.form, form)
    assert found.notes == ()
    assert (found.page, found.sheet, found.index) == (1, "第1页", 1)
    # The seeds print totals that disagree with their rows: kept as published.
    assert found.form.funding.total == form.funding.total is not None


def test_a_disclosure_with_prose_a_long_form_two_forms_on_a_page_and_wan_yuan(
        seed1: Form, seed2: Form) -> None:
    long = long_rows(seed2, 70)
    wan = seed1.model_copy(update={"project_name": "万元表", "funding": seed1.funding.model_copy(
        update={"unit": "万元", "total": None,
                "current_year_appropriation": FundingRow(
                    initial_budget=Decimal("65"), annual_budget=Decimal("38.5"),
                    executed=Decimal("25.12345"))})})
    upper, lower = short(seed1), short(wan, 1)
    data = concat(prose_pdf(2), replica(seed1), prose_pdf(1), replica(long),
                  stacked(replica(upper), replica(lower)), replica(wan))
    found = read_pdf_bytes(data, "决算.pdf")
    assert pages(replica(long)) >= 3
    assert [f.form.project_name for f in found] == [
        seed1.project_name, long.project_name, upper.project_name, lower.project_name,
        wan.project_name]
    first_long = pages(prose_pdf(2)) + 1 + pages(prose_pdf(1)) + 1
    at = [f.page for f in found]
    assert at[:2] == [first_long - pages(prose_pdf(1)) - 1, first_long]
    assert at[2] == at[3] == at[4] - 1 and [f.index for f in found[2:4]] == [1, 2]
    for got, form in zip(found, [seed1, long, upper, lower, wan], strict=True):
        assert got.notes == ()
        same(got.form, form)
    assert found[4].form.funding.unit == "万元"
    assert found[4].form.funding.current_year_appropriation.executed == Decimal("25.12345")


def test_rows_split_across_pages_are_joined(seed1: Form) -> None:
    """Goals and a 偏差原因分析 longer than a page continue on the next page: joined."""
    words = "由于疫情影响，部分企业走访改为线上进行，服务覆盖面有所下降。" * 90
    goals = seed1.goals.model_copy(update={"expected": words, "actual": words[:900]})
    inds = list(seed1.indicators)
    inds[1] = inds[1].model_copy(update={"deviation": words})
    form = seed1.model_copy(update={"goals": goals, "indicators": inds})
    (found,) = read_pdf_bytes(replica(form), "long.pdf")
    assert found.notes == ()
    same(found.form, form)


def test_a_page_stored_sideways_and_forms_printed_two_up(seed1: Form, seed2: Form) -> None:
    (found,) = read_pdf_bytes(sideways(replica(seed1)), "rotated.pdf")
    same(found.form, seed1)
    both = read_pdf_bytes(two_up(replica(seed1), replica(seed2)), "2up.pdf")
    assert [(f.page, f.index) for f in both] == [(1, 1), (1, 2)]
    for got, form in zip(both, (seed1, seed2), strict=True):
        assert got.notes == ()
        same(got.form, form)


def test_line_breaks_typed_by_hand_and_latin_words_come_back(seed1: Form) -> None:
    inds = list(seed1.indicators)
    inds[0] = inds[0].model_copy(update={
        "name": "Service coverage of key enterprises",
        "deviation": "第一点：加强管理。\n第二点：完善制度，提高服务水平和服务质量。\n\n另：无"})
    goals = seed1.goals.model_copy(update={
        "expected": "目标一：服务企业。\n\n目标二：" + "完善" * 80,
        "actual": "a long English sentence " * 6 + "end"})
    form = seed1.model_copy(update={"goals": goals, "indicators": inds})
    (found,) = read_pdf_bytes(replica(form), "breaks.pdf")
    same(found.form, form)
