"""What each cell of the funding block shows, from the spec, the form and its figures.

The window's grid and the PDF draw the same 项目资金 block; this is the one place that
decides, for a row and a column of the spec, which value or figure goes in the cell and
how it is written (— where the paper form has a dash). Nothing is computed here: the
figures come from figures.py, the formatting from numbers.py.
"""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.figures import Figures
from perfeval_gui.model import Form, FundingRow
from perfeval_gui.numbers import DASH, format_amount, format_points, format_rate
from perfeval_gui.spec import FundingColumn, FundingRowSpec


def funding_row_values(form: Form, figures: Figures, row: FundingRowSpec) -> FundingRow:
    """The amounts of a funding row as shown: the total row in force (typed or summed)
    for the row that carries the figures, the row as typed for the others."""
    if row.carries_figures:
        return figures.total_row
    values: FundingRow = getattr(form.funding, row.key)
    return values


def funding_value(
    form: Form, figures: Figures, row: FundingRowSpec, column: FundingColumn
) -> Decimal | None:
    """The number in a funding cell (None: empty, or a cell with no number)."""
    if column.kind == "amount":
        value: Decimal | None = getattr(funding_row_values(form, figures, row), column.key)
        return value
    if not row.carries_figures:
        return None
    if column.kind == "weight":
        return form.funding.weight
    if column.kind == "rate":
        return figures.execution_rate
    return figures.funding_score


def funding_text(form: Form, figures: Figures, row: FundingRowSpec, column: FundingColumn) -> str:
    """The text of a funding cell as the paper form prints it: each amount with its own
    decimals (numbers.amount_decimals), 分值 and 得分 by numbers.format_points."""
    value = funding_value(form, figures, row, column)
    if column.kind == "amount":
        return format_amount(value)
    if not row.carries_figures:
        return DASH
    if column.kind == "weight":
        return format_points(value, "entered")
    if column.kind == "rate":
        return format_rate(value)
    return format_points(value, "computed")
