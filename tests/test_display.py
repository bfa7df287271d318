"""The funding block's cells as the window and the PDF both show them."""

from __future__ import annotations

from perfeval_gui import display, figures
from perfeval_gui.model import Form
from perfeval_gui.numbers import DASH
from perfeval_gui.spec import STANDARD

BLOCK = STANDARD.funding


def texts(form: Form) -> list[list[str]]:
    figs = figures.compute(form)
    return [[display.funding_text(form, figs, row, column) for column in BLOCK.columns]
            for row in BLOCK.rows]


def test_seed1_funding_block_as_printed(seed1: Form) -> None:
    rows = texts(seed1)
    assert rows[0] == ["650,000.00", "380,000.00", "250,000.00", "10", "65.79%", "6.58"]
    assert rows[1] == ["650,000.00", "650,000.00", "250,000.00", DASH, DASH, DASH]
    assert rows[2][3:] == [DASH, DASH, DASH]


def test_values_behind_the_cells(seed1: Form) -> None:
    figs = figures.compute(seed1)
    total = BLOCK.total_row
    assert display.funding_value(seed1, figs, total, BLOCK.column("weight")) == 10
    assert str(display.funding_value(seed1, figs, total, BLOCK.column("execution_rate"))) == "65.79"
    assert display.funding_value(seed1, figs, BLOCK.row("other_funds"),
                                 BLOCK.column("score")) is None


def test_auto_summed_total_shows_the_sums() -> None:
    form = Form.model_validate({
        "funding": {"current_year_appropriation": {"annual_budget": "100", "executed": "40"},
                    "other_funds": {"annual_budget": "50.5"}},
    })
    rows = texts(form)
    assert rows[0][:3] == ["", "150.50", "40.00"]
    assert rows[0][4] == "26.58%"


def test_wan_yuan_amounts_keep_their_own_decimals() -> None:
    form = Form.model_validate({
        "funding": {"unit": "万元",
                    "current_year_appropriation": {"initial_budget": "25",
                                                   "annual_budget": "113.66574",
                                                   "executed": "130.70000"}},
    })
    rows = texts(form)
    assert rows[1][:3] == ["25.00", "113.66574", "130.70"]  # never 25.00000 beside 113.66574
    assert rows[0][:3] == ["25.00", "113.66574", "130.70"]  # the auto-summed total likewise
