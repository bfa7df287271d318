"""Random forms printed by our replica come back field by field (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pdfhelpers import replica

from perfeval_gui.figures import compute, summed_total_row
from perfeval_gui.model import Form, Funding, FundingRow, Goals, Indicator
from perfeval_gui.pdfread.reader import read_pdf_bytes
from perfeval_gui.spec import LEVEL1_CATALOGUE

# Text as a clerk types it into one cell: Chinese, figures and marks, Latin words with
# single spaces between. (What paper cannot tell is left out: spaces at either end,
# doubled, or between Chinese characters where the line wraps; a word of Latin letters and
# figures wider than its cell, cut where it wraps, comes back with a space there; characters
# are chosen so that no text is a label of the form.)
_chinese = st.text("中小企业创新提升效率水平研究良好服务覆盖率新城民营", min_size=1, max_size=12)
_latin = st.lists(st.text("abcdefgXYZ0123456789", min_size=1, max_size=6), min_size=1,
                  max_size=3).map(" ".join)
_mark = st.sampled_from(["，", "。", ">90%", "≥95%", "=360天", "（试点）", "、"])
# Pieces joined by a Chinese character: two Latin pieces side by side would make one word
# wider than a narrow column, whose cut paper cannot tell from a space.
_text = st.lists(_chinese | _latin | _mark, max_size=6).map("新".join)
_short = st.sampled_from(["", *LEVEL1_CATALOGUE, "自定义"]) | _text
_amount = st.none() | st.decimals(min_value=0, max_value=10**14, places=4,
                                  allow_nan=False, allow_infinity=False)
_score = st.none() | st.decimals(min_value=0, max_value=100, places=2,
                                 allow_nan=False, allow_infinity=False)
_row = st.builds(FundingRow, initial_budget=_amount, annual_budget=_amount, executed=_amount)


@st.composite
def forms(draw: st.DrawFn) -> Form:
    indicators = draw(st.lists(st.builds(
        Indicator, level1=_short, level2=_short, name=_text, target=_text, actual=_text,
        weight=_score, score=_score, deviation=_text), max_size=8))
    funding = Funding(unit=draw(st.sampled_from(["元", "万元"])), weight=draw(_score),
                      total=draw(st.none() | _row.filter(lambda r: not r.is_empty())),
                      current_year_appropriation=draw(_row), prior_year_carryover=draw(_row),
                      other_funds=draw(_row))
    form = Form(year=draw(st.integers(1990, 2100)), project_name=draw(_text),
                competent_department=draw(_text), implementing_unit=draw(_text),
                funding=funding, goals=Goals(expected=draw(_text), actual=draw(_text)),
                indicators=indicators)
    rate = compute(form).execution_rate
    # A 执行率 past 10^15 % (1 元 budgeted, 10^14 spent) is printed but cannot be kept.
    assume(rate is None or rate < 10**12)
    return form


def as_printed(form: Form) -> Form:
    """What paper can hold of ``form``: a typed total equal to its rows' sum prints as the
    auto-summed one does."""
    rows = form.funding.model_copy(update={"total": None})
    if form.funding.total == summed_total_row(Form(funding=rows)):
        return form.model_copy(update={"funding": rows})
    return form


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_random_forms_come_back(form: Form) -> None:
    (found,) = read_pdf_bytes(replica(form), "random.pdf")
    assert found.notes == ()
    assert found.form.model_copy(update={"published": None, "version": form.version}) \
        == as_printed(form)
