"""Numbers as finance staff type and read them: tolerant input parsing, display formatting.

Shared by the window, the PDF, the command line and the Excel export so that a figure
looks the same everywhere (the rule: docs/architecture.md, "How figures are written").
No computation of figures happens here (that is figures.py); display rounding uses
figures.round_half_up so that 四舍五入 is defined in one place.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from perfeval_gui.figures import round_half_up
from perfeval_gui.model import MAX_DECIMAL_PLACES, check_amount

DASH: Final = "—"

_INPUT = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


class NumberInputError(ValueError):
    """A typed number was refused; ``str(exc)`` is a Chinese message for the user."""


def parse_number_input(text: str) -> Decimal | None:
    """Parse what a clerk types into an amount, weight or score cell.

    Tolerates full-width digits and signs (NFKC), surrounding spaces, thousands
    separators in the right places, and one trailing % or 元. An empty cell gives
    None. Anything else raises NumberInputError with a message in Chinese.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if cleaned == "":
        return None
    if cleaned.endswith(("%", "元")):
        cleaned = cleaned[:-1]
    if cleaned.startswith("-"):
        raise NumberInputError("不能为负数")
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise NumberInputError(f"“{text.strip()[:30]}”的千位分隔符位置不对")
        cleaned = cleaned.replace(",", "")
    if not _INPUT.fullmatch(cleaned):
        raise NumberInputError(f"“{text.strip()[:30]}”不是有效的数字")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise NumberInputError("不是有效的数字") from exc
    try:
        return check_amount(value)
    except ValueError as exc:
        raise NumberInputError(str(exc)) from exc


def _places(value: Decimal) -> int:
    """Decimals ``value`` really needs (trailing zeros do not count: 1.50 needs 1)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def amount_decimals(value: Decimal) -> int:
    """Decimals an amount is shown with: 2, as money is written, or more where the value
    has them (a 万元 amount 113.66574 keeps its 5), never more than the file allows.

    Per amount, not per form: padding every amount of a 万元 form to the places of its most
    precise one printed ``25.00000`` for a typed 25.
    """
    return min(MAX_DECIMAL_PLACES, max(2, _places(value)))


def format_amount(value: Decimal | None, places: int | None = None) -> str:
    """650000 → '650,000.00', 113.66574 → '113.66574'; empty stays empty.

    ``places``: exactly that many decimals (a roll-up's column); None: the amount's own
    (amount_decimals), which is how the window, the PDF and the command line show a form.
    """
    if value is None:
        return ""
    if places is None:
        places = amount_decimals(value)
    return f"{round_half_up(value, places):,.{places}f}"


def format_score(value: Decimal | None) -> str:
    """A computed figure with two decimals: 6.578… → '6.58'; empty stays empty."""
    if value is None:
        return ""
    return f"{round_half_up(value):.2f}"


def format_rate(percent: Decimal | None) -> str:
    """65.79 → '65.79%'; undefined → '—'."""
    return DASH if percent is None else f"{percent:.2f}%"


def format_plain(value: Decimal | None) -> str:
    """A weight as people write it: 20 → '20', 7.50 → '7.5'; empty stays empty."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


PointsKind = Literal["entered", "computed"]
"""A 分值 or 得分 the clerk typed (weights, an indicator's 得分), or one the program
computes (资金得分, 总分, 建议得分)."""

EXCEL_POINTS_FORMAT: Final[dict[PointsKind, str]] = {"entered": "General", "computed": "0.00"}
"""The same rule as format_points, as Excel number formats (workbook/writer.py)."""


def format_points(value: Decimal | None, kind: PointsKind) -> str:
    """分值 and 得分 as the published forms print them; the one rule for the window, the PDF,
    the command line and (EXCEL_POINTS_FORMAT) the Excel export.

    What the clerk typed is shown as typed, without trailing zeros (20, 18, 7.5: the
    published forms print ``10`` where a fixed 2 decimals printed ``10.00``), and so is
    the 分值合计 of typed weights (100); what the program computes has 2 decimals,
    四舍五入 (资金得分 6.58, 总分 85.58, 90.00).
    """
    return format_plain(value) if kind == "entered" else format_score(value)
