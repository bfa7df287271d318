"""Targets (年度指标值) and actual values (实际完成值) as real forms write them.

The rule checks and the suggested score stand on this parser. It reads what
clerks type — ``>90``, ``>=90%``, ``≥100百分比``, ``>5000家``, ``=360天``,
``≤90万元``, ``不低于95%``, ``90%以上``, ``满意度≥90%``, ``10,743家``, full-width
``＞＝９０％`` — and decides whether a target is met. What it cannot read with
certainty is *qualitative*: the parser returns None and never guesses a number
(``及时``, ``效果明显``, ``达成预期指标``, ``90-95%``, ``第一季度``, ``约90%``,
``-5%``, ``九十``).

Grammar, after full-width ASCII is folded (``＞ ％ ０-９ ，``) and all spaces removed::

    [label] [operator] number [unit] [suffix]

- *operator*: ``> >= = <= <`` in ASCII or as ``≥ ≤ ≧ ≦ ⩾ ⩽ ≮ ≯ => =< ==``, or a word
  (不低于 不少于 不小于 至少 达到 → ≥; 大于 高于 多于 超过 → >; 不高于 不超过 不大于
  不多于 至多 最多 控制在 → ≤; 小于 低于 少于 不足 → <; 等于 → =).
- *label*: text without digits before an operator (``满意度≥90%``); only allowed
  when an operator follows it, so ``第3季度`` is not read as the number 3.
- *number*: non-negative decimal, optional correctly placed thousands separators.
- *unit*: any trailing text without digits, comparators or range marks
  (``%``, ``百分比`` (= ``%``), ``家``, ``天``/``日``, ``万元``, ``个月``, ``人次`` …).
- *suffix*: ``以上 及以上 或以上`` (≥), ``以下 及以下 或以下 以内 之内 内`` (≤); a suffix
  that points the other way than the operator makes the text unreadable. ``(含)``
  (``95%（含）以上``) is dropped.

Decisions (tested in tests/test_targets.py):

- A bare number as a target (``100%``, ``12次``) is the value to reach, i.e. ``=``.
- ``=`` with a positive value is met when the actual reaches it (``=360天`` vs ``363``
  is met: the official score formula treats ``=`` like ``≥``); ``=0`` is a ceiling
  (``=0起`` is met only by 0).
- Units: ``%`` and ``百分比`` are one unit, as are ``天``/``日``; a leading measure word
  ``个`` is dropped (``个月`` = ``月``); scale prefixes convert (``万元`` vs ``元``,
  ``亿``, ``千万``, ``百万``, ``万``, ``千``). Any other pair of different units is not
  comparable (None).
- A value without a unit takes the other side's unit (``>=90`` vs ``92%``,
  ``=360天`` vs ``363``), except where that is ambiguous: a unitless value in
  (0, 1] against a percentage above 1 may be a fraction (``0.92`` = 92%?), so
  ``>=90%`` vs ``0.92`` (or ``1``) is not decided.
- An actual written with a comparator (``≥95%``) is a bound: the target counts as
  met or not met only if every value within the bound agrees.

Decimal throughout, never float. Nothing here raises on any input text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from typing import Final, Literal

from perfeval_gui.numbers import format_plain

Operator = Literal[">", ">=", "=", "<=", "<"]

_CONTEXT: Final = Context(prec=80, rounding=ROUND_HALF_UP)
_MAX_DIGITS: Final = 30
"""Longer numbers are not figures anybody typed on purpose; treated as unreadable."""
_MAX_UNIT: Final = 12

SYMBOLS: Final[dict[str, str]] = {">": ">", ">=": "≥", "=": "=", "<=": "≤", "<": "<"}
"""How an operator is shown in messages and explanations."""

_OPERATOR_WORDS: Final[dict[str, Operator]] = {
    # ≥
    ">=": ">=", "=>": ">=", "≥": ">=", "≧": ">=", "⩾": ">=", "≮": ">=",
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "不得低于": ">=", "不得少于": ">=",
    "不得小于": ">=", "大于等于": ">=", "大于或等于": ">=", "高于或等于": ">=",
    "多于或等于": ">=", "至少": ">=", "最少": ">=", "达到": ">=",
    # >
    ">": ">", "大于": ">", "高于": ">", "多于": ">", "超过": ">",
    # ≤
    "<=": "<=", "=<": "<=", "≤": "<=", "≦": "<=", "⩽": "<=", "≯": "<=",
    "不高于": "<=", "不超过": "<=", "不大于": "<=", "不多于": "<=", "不得高于": "<=",
    "不得超过": "<=", "不得大于": "<=", "不得多于": "<=", "小于等于": "<=",
    "小于或等于": "<=", "低于或等于": "<=", "少于或等于": "<=", "至多": "<=",
    "最多": "<=", "控制在": "<=",
    # <
    "<": "<", "小于": "<", "低于": "<", "少于": "<", "不足": "<",
    # =
    "=": "=", "==": "=", "等于": "=",
}
_EXACT_ACTUAL_WORDS: Final = frozenset({"=", "==", "等于", "达到"})
"""In an actual, these state the figure itself (``达到95%``), not a bound."""

_OPERATOR_RE: Final = re.compile(
    "|".join(re.escape(w) for w in sorted(_OPERATOR_WORDS, key=len, reverse=True))
)
_SUFFIXES: Final[tuple[tuple[str, Operator], ...]] = (
    ("及以上", ">="), ("或以上", ">="), ("以上", ">="),
    ("及以下", "<="), ("或以下", "<="), ("以下", "<="),
    ("以内", "<="), ("之内", "<="), ("内", "<="),
)
_NUMBER_RE: Final = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
)
_FORBIDDEN_IN_UNIT: Final = frozenset("<>=≥≤≧≦⩾⩽≮≯≈~～-–—−±+*^()（）[]【】,:：;")
_TRIM: Final = ".;,!?。、；，！？"
_WIDTH: Final = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SPACE_RE: Final = re.compile(r"\s+")

_UNIT_SYNONYMS: Final[dict[str, str]] = {"百分比": "%", "日": "天"}
_SCALES: Final[tuple[tuple[str, Decimal], ...]] = (
    ("千万", Decimal(10) ** 7), ("百万", Decimal(10) ** 6), ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4), ("千", Decimal(10) ** 3),
)
_ONE: Final = Decimal(1)


def plain(value: Decimal) -> str:
    """A parsed value as people write it (90 → '90', 0.70 → '0.7'), as the form shows weights."""
    return format_plain(value)


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative 年度指标值: operator, value, unit (``""`` when none; ``%`` for 百分比)."""

    operator: Operator
    value: Decimal
    unit: str = ""

    def __str__(self) -> str:
        return f"{SYMBOLS[self.operator]}{plain(self.value)}{self.unit}"


@dataclass(frozen=True, slots=True)
class Actual:
    """A quantitative 实际完成值. ``bound`` is set when only a bound was written (``≥95%``)."""

    value: Decimal
    unit: str = ""
    bound: Operator | None = None

    def __str__(self) -> str:
        sign = "" if self.bound is None else SYMBOLS[self.bound]
        return f"{sign}{plain(self.value)}{self.unit}"


def _normalise(text: str) -> str:
    folded = _SPACE_RE.sub("", text.translate(_WIDTH))
    # "95%(含)以上": the (含) only restates that the bound is inclusive, which 以上 says.
    return folded.replace("(含)", "").rstrip(_TRIM)


def _canonical_unit(unit: str) -> str:
    if len(unit) > 1 and unit.startswith("个"):
        unit = unit[1:]
    return _UNIT_SYNONYMS.get(unit, unit)


def _unit_ok(unit: str) -> bool:
    """Is the text after the number a unit? Digits or comparators there mean a range or a
    second figure (``90-95%``, ``≥90%≤95%``), which must stay qualitative."""
    if len(unit) > _MAX_UNIT:
        return False
    if any(ch.isdigit() or ch in _FORBIDDEN_IN_UNIT for ch in unit):
        return False
    return _OPERATOR_RE.search(unit) is None


def _same_direction(a: Operator, b: Operator) -> bool:
    """May operator ``a`` carry suffix ``b``? ``≥90以上`` yes; ``=90以上``, ``>90以下`` no."""
    return (a in (">", ">=")) == (b in (">", ">=")) and "=" not in (a, b)


def _parse(text: str) -> tuple[str | None, Operator | None, Decimal, str, bool] | None:
    """(operator word, operator, value, unit, has suffix) or None.

    Over 200 characters is prose, not a figure: refused before any regex runs on it.
    """
    if len(text) > 200:
        return None
    cleaned = _normalise(text)
    if not cleaned:
        return None
    word: str | None = None
    operator: Operator | None = None
    match = _OPERATOR_RE.search(cleaned)
    if match is not None:
        label = cleaned[: match.start()]
        if any(ch.isdigit() for ch in label):
            return None
        word = match.group()
        operator = _OPERATOR_WORDS[word]
        rest = cleaned[match.end():]
    else:
        rest = cleaned
    number = _NUMBER_RE.match(rest)
    if number is None:
        return None
    digits = number.group()
    if sum(ch.isdigit() for ch in digits) > _MAX_DIGITS:
        return None
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex already guards
        return None
    unit = rest[number.end():]
    suffixed = False
    for suffix, suffix_operator in _SUFFIXES:
        if unit.endswith(suffix):
            unit = unit[: -len(suffix)]
            suffixed = True
            if operator is None:
                operator = suffix_operator
            elif not _same_direction(operator, suffix_operator):
                return None  # "=90以上", ">90以下": two different things at once
            break
    if not _unit_ok(unit):
        return None
    return word, operator, value, _canonical_unit(unit), suffixed


@lru_cache(maxsize=4096)
def parse_target(text: str) -> Target | None:
    """A quantitative target, or None when the text is qualitative or unreadable.

    Cached: the window re-checks the whole form on every edit, and results are immutable.
    """
    parsed = _parse(text)
    if parsed is None:
        return None
    _word, operator, value, unit, _suffixed = parsed
    return Target(operator or "=", value, unit)


@lru_cache(maxsize=4096)
def parse_actual(text: str) -> Actual | None:
    """A quantitative actual value, or None when it is qualitative (``及时``) or unreadable."""
    parsed = _parse(text)
    if parsed is None:
        return None
    word, operator, value, unit, suffixed = parsed
    exact = operator is None or (word in _EXACT_ACTUAL_WORDS and not suffixed)
    bound = None if exact else operator
    return Actual(value, unit, bound)


def _scale(unit: str) -> tuple[Decimal, str]:
    for prefix, factor in _SCALES:
        if unit.startswith(prefix):
            return factor, unit[len(prefix):]
    return _ONE, unit


def actual_in_target_unit(target: Target, actual: Actual) -> Decimal | None:
    """The actual value expressed in the target's unit; None when not comparable."""
    t_unit, a_unit = target.unit, actual.unit
    if t_unit == a_unit:
        return actual.value
    if not t_unit or not a_unit:
        unitful, unitless_value, unitful_value = (
            (t_unit, actual.value, target.value) if t_unit
            else (a_unit, target.value, actual.value)
        )
        if unitful == "%" and 0 < unitless_value <= 1 < unitful_value:
            return None  # 0.92 against 90%: a fraction or a percentage?
        if _scale(unitful)[1] == "":
            return None  # "≥5万" against "6": 6万 or 6? Not decided.
        return actual.value
    t_factor, t_base = _scale(t_unit)
    a_factor, a_base = _scale(a_unit)
    if t_base != a_base:
        return None
    with localcontext(_CONTEXT):
        return actual.value * a_factor / t_factor


def _effective(target: Target) -> tuple[Operator, Decimal]:
    """``=`` as the official formula reads it: reach a positive value; ``=0`` is a ceiling."""
    if target.operator == "=":
        return (">=" if target.value > 0 else "<="), target.value
    return target.operator, target.value


def _satisfies(x: Decimal, operator: Operator, bound: Decimal) -> bool:
    if operator == ">":
        return x > bound
    if operator == ">=":
        return x >= bound
    if operator == "<":
        return x < bound
    if operator == "<=":
        return x <= bound
    return x == bound


def met(target: Target, actual: Actual) -> bool | None:
    """Is the target met? None when the two cannot be compared (units, ambiguity, bounds)."""
    value = actual_in_target_unit(target, actual)
    if value is None:
        return None
    t_op, t_val = _effective(target)
    if actual.bound is None or actual.bound == "=":
        return _satisfies(value, t_op, t_val)
    a_lower = actual.bound in (">", ">=")
    t_lower = t_op in (">", ">=")
    a_open = actual.bound in (">", "<")
    t_open = t_op in (">", "<")
    if a_lower == t_lower:
        # Both half-lines point the same way: the actual's lies inside the target's or overlaps.
        inside = value > t_val if a_lower else value < t_val
        if inside or (value == t_val and (a_open or not t_open)):
            return True
        return None
    # Opposite directions: never wholly inside; disjoint when the bound is already past.
    past = value > t_val if a_lower else value < t_val
    if past or (value == t_val and (a_open or t_open)):
        return False
    return None
