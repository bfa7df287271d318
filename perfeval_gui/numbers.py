"""Numbers as finance staff type and read them: tolerant input parsing, display formatting.

Shared by the window and the PDF so that a figure looks the same on screen and
on paper. No computation of figures happens here (that is figures.py); display
rounding uses figures.round_half_up so that 四舍五入 is defined in one place.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final

from perfeval_gui.figures import round_half_up
from perfeval_gui.model import (
    FUNDING_COLUMNS,
    FUNDING_SOURCES,
    MAX_DECIMAL_PLACES,
    Form,
    check_amount,
)

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


def amount_places(form: Form) -> int:
    """Decimals to show every amount of ``form`` with: 2, or up to 6 when a 万元 form needs them."""
    if form.funding.unit != "万元":
        return 2
    rows = [form.funding.total, *(getattr(form.funding, name) for name in FUNDING_SOURCES)]
    needed = [_places(v) for r in rows if r is not None
              for v in (getattr(r, column) for column in FUNDING_COLUMNS) if v is not None]
    return min(MAX_DECIMAL_PLACES, max([2, *needed]))


def format_amount(value: Decimal | None, places: int = 2) -> str:
    """650000 → '650,000.00'; empty stays empty."""
    if value is None:
        return ""
    return f"{round_half_up(value, places):,.{places}f}"


def format_score(value: Decimal | None) -> str:
    """Scores with two decimals: 6.578… → '6.58'; empty stays empty."""
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
