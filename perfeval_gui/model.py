"""The form as data: pydantic models that *are* file format v2 (see docs/file-format.md).

Everything that reads or writes a form goes through these models, so a value
that passes validation here is safe for the figures, the PDF and the window.
Money, weights and scores are ``Decimal`` (never float); empty cells are ``None``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_serializer,
)

from perfeval_gui.fieldpath import FieldPath, format_parts
from perfeval_gui.spec import GRADE_LABELS, RECOMMENDED_FUNDING_WEIGHT, TEMPLATE_ROWS, cell_name

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

FORMAT_NAME: Final = "perfeval-selfeval"
FORMAT_VERSION: Final = 2
"""The newest version this program reads and writes (fileio migrates older ones on read)."""
PUBLISHED_VERSION: Final = 2
"""The first version with ``published``; a form without it is still written as version 1."""

MAX_AMOUNT: Final = Decimal(10) ** 15
MAX_DECIMAL_PLACES: Final = 6
MAX_TEXT_LENGTH: Final = 100_000
MAX_INDICATORS: Final = 10_000
YEAR_MIN: Final = 1949
YEAR_MAX: Final = 2200

_DECIMAL_STRING = re.compile(r"[0-9]+(\.[0-9]+)?")
AMOUNT_STRING_PATTERN: Final = r"^0*([0-9]{1,15}(\.[0-9]{1,6}0*)?|1000000000000000(\.0+)?)$"
"""JSON Schema pattern for an amount string: exactly the strings the reader accepts
(plain digits, optional fraction, ≤ 10^15, ≤ 6 places once trailing zeros are dropped)."""
TEXT_PATTERN: Final = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
"""JSON Schema pattern for text: any Unicode except control characters other than tab, LF, CR."""
_REFUSED_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Unicode's Cc (control) characters but tab, LF and CR, and Cs (lone surrogates)."""

Grade = Literal["achieved", "partial", "not_achieved"]
"""A qualitative indicator's grade as the file stores it (labels: spec.GRADE_LABELS)."""


def check_amount(value: Decimal) -> Decimal:
    """Bounds shared by the file format and typed input: finite, ≥ 0, ≤ 10^15, ≤ 6 places."""
    exponent = value.as_tuple().exponent
    if exponent.__class__ is int and -MAX_DECIMAL_PLACES <= exponent <= 0 \
            and not value.is_signed() and value <= MAX_AMOUNT:
        return value  # the common case, unchanged: every amount of every form read passes
    if not value.is_finite():
        raise ValueError("必须是有限的数字")
    if value < 0:
        raise ValueError("不能为负数")
    if value > MAX_AMOUNT:
        raise ValueError("超出允许的最大值 10^15")
    if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:
        if value != value.quantize(Decimal(1).scaleb(-MAX_DECIMAL_PLACES)):
            raise ValueError(f"小数位数不能超过 {MAX_DECIMAL_PLACES} 位")
        value = value.quantize(Decimal(1).scaleb(-MAX_DECIMAL_PLACES))
    if value.is_zero() and value.is_signed():
        value = abs(value)
    if isinstance(exponent, int) and exponent > 0:
        # 1E+3 (from a JSON number 1e3) is written back as 1000.
        value = value.quantize(Decimal(1))
    return value


def _to_decimal(value: Any) -> Decimal | None:
    """Accept decimal strings and JSON numbers; refuse booleans, exponents in strings, junk."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("应为数字或数字字符串，而不是布尔值")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        if value.startswith("-") and _DECIMAL_STRING.fullmatch(value[1:]):
            raise ValueError("不能为负数")
        if not _DECIMAL_STRING.fullmatch(value):
            raise ValueError(f"不是有效的十进制数字字符串：{value[:40]!r}")
        try:
            number = Decimal(value)
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards
            raise ValueError("不是有效的数字") from exc
    else:
        raise ValueError("应为数字或数字字符串")
    return check_amount(number)


def _decimal_text(value: Decimal | None) -> str | None:
    """Write as a plain decimal string, keeping the places as typed ("650000.00")."""
    return None if value is None else format(value, "f")


Amount = Annotated[
    Decimal | None,
    BeforeValidator(_to_decimal),
    PlainSerializer(_decimal_text, return_type=str | None, when_used="always"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": AMOUNT_STRING_PATTERN},
                {"type": "number", "minimum": 0, "maximum": 1e15},
                {"type": "null"},
            ],
            "description": (
                "Non-negative decimal, at most 10^15 and 6 decimal places; null = empty."
            ),
        }
    ),
]
"""A money amount, weight or score: a ``Decimal`` or ``None`` for an empty cell."""


def check_text(value: str) -> str:
    """Any Unicode text with newlines and tabs; other control characters are refused."""
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"文本过长（超过 {MAX_TEXT_LENGTH} 个字符）")
    bad = _REFUSED_CHARS.search(value)  # one C-level scan: every text of every file passes here
    if bad is not None:
        index, char = bad.start(), bad.group()
        if unicodedata.category(char) == "Cs":
            raise ValueError(f"第 {index + 1} 个字符是无效的代理字符 U+{ord(char):04X}")
        raise ValueError(f"第 {index + 1} 个字符是不允许的控制字符 U+{ord(char):04X}")
    return value


Text = Annotated[
    str, Field(max_length=MAX_TEXT_LENGTH, json_schema_extra={"pattern": TEXT_PATTERN})
]


class _Strict(BaseModel):
    """Unknown keys are refused so that a typo never silently drops data.

    (Default factories below are lambdas, not the classes or ``list`` themselves:
    pydantic inspects a factory's signature, which is slow for classes and builtins
    and would add ~15 ms to every ``perfeval check``.)
    """

    # defer_build: a model's validator is built on its first use, not at import, so a
    # command that reads a form builds one Form validator (nested models inline) instead
    # of one per class; the same checks, ~5 ms less start-up.
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, strict=False, defer_build=True
    )


class _TextFields(_Strict):
    """Every str field refuses control characters, so a new text field cannot forget to."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        return check_text(value) if isinstance(value, str) else value


class FundingRow(_Strict):
    """One row of the funding block: its three amounts (labels: spec.STANDARD.funding)."""

    initial_budget: Amount = None
    annual_budget: Amount = None
    executed: Amount = None

    def is_empty(self) -> bool:
        return self.initial_budget is None and self.annual_budget is None and self.executed is None


FUNDING_COLUMNS: Final = ("initial_budget", "annual_budget", "executed")
FUNDING_SOURCES: Final = ("current_year_appropriation", "prior_year_carryover", "other_funds")


class Funding(_Strict):
    """项目资金 block. ``total`` = None means "the sum of the three 其中 rows"."""

    unit: Literal["元", "万元"] = "元"
    weight: Amount = RECOMMENDED_FUNDING_WEIGHT
    total: FundingRow | None = None
    current_year_appropriation: FundingRow = Field(default_factory=lambda: FundingRow())
    prior_year_carryover: FundingRow = Field(default_factory=lambda: FundingRow())
    other_funds: FundingRow = Field(default_factory=lambda: FundingRow())


class Goals(_TextFields):
    """年度总体目标: 预期目标 and 实际完成情况."""

    expected: Text = ""
    actual: Text = ""


class Indicator(_TextFields):
    """One 三级指标 row of the 绩效指标 table."""

    level1: Text = ""
    level2: Text = ""
    name: Text = ""
    target: Text = ""
    actual: Text = ""
    weight: Amount = None
    score: Amount = None
    grade: Grade | None = None
    deviation: Text = ""

    def is_empty(self) -> bool:
        """A row with nothing in it (published forms carry such rows); kept, never flagged."""
        return (
            not any(
                getattr(self, f).strip()
                for f in ("level1", "level2", "name", "target", "actual", "deviation")
            )
            and self.weight is None
            and self.score is None
            and self.grade is None
        )


PUBLISHED_FIGURES: Final = ("execution_rate", "funding_score", "weight_total", "total_score")
"""The keys of ``published``, in the order written."""


class Published(_Strict):
    """The figures a published form (a PDF of a disclosure) printed, kept as printed so the
    checker can compare them with the recomputed ones (rule ``published-mismatch``).

    None = not printed (or not read): a figure the page does not show is never invented.
    """

    execution_rate: Amount = None
    """The printed 执行率 as a percent number: 86.19 for ``86.19%``."""
    funding_score: Amount = None
    """The printed 得分 of the 年度资金总额 row."""
    weight_total: Amount = None
    """The printed 分值 of the 总分 row (分值合计, normally 100)."""
    total_score: Amount = None
    """The printed 得分 of the 总分 row."""

    def is_empty(self) -> bool:
        return all(getattr(self, key) is None for key in PUBLISHED_FIGURES)


class Form(_TextFields):
    """A whole 项目支出绩效自评表; field order is the order keys are written."""

    format: Literal["perfeval-selfeval"] = FORMAT_NAME
    version: Literal[1, 2] = FORMAT_VERSION
    """In memory always FORMAT_VERSION (a v1 form is a v2 form without ``published``), so
    forms compare equal whatever file they came from; the version *written* is the lowest
    that holds the form (``_as_written``)."""
    year: int = Field(default=2025, ge=YEAR_MIN, le=YEAR_MAX, strict=True)
    project_name: Text = ""
    competent_department: Text = ""
    implementing_unit: Text = ""
    funding: Funding = Field(default_factory=lambda: Funding())
    goals: Goals = Field(default_factory=lambda: Goals())
    indicators: list[Indicator] = Field(default_factory=lambda: [], max_length=MAX_INDICATORS)
    published: Published | None = None
    """The figures as a published PDF printed them (format v2); None for a typed form."""

    @field_validator("version", mode="after")
    @classmethod
    def _current_version(cls, version: int) -> int:
        return FORMAT_VERSION

    @model_serializer(mode="wrap")
    def _as_written(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Without published figures the form is written as version 1, without the key:
        earlier versions of the program still read it, and a v1 file saves byte-identical."""
        data: dict[str, Any] = handler(self)
        if self.published is None:
            data.pop("published", None)
            data["version"] = 1
        else:
            data["version"] = PUBLISHED_VERSION
        return data

    def to_json_data(self) -> dict[str, Any]:
        """The JSON-ready dict written to disk (decimal strings, nulls, stable key order)."""
        return self.model_dump(mode="json")


def default_year(today: date | None = None) -> int:
    """The year a new form reports on: last year (a self-evaluation is filled in after the
    year ends); ``today`` defaults to the clock and is given by tests."""
    year = (today or date.today()).year - 1
    return max(YEAR_MIN, min(YEAR_MAX, year))


def blank_form(
    year: int | None = None, *, skeleton: bool = True, today: date | None = None
) -> Form:
    """A new form: the standard skeleton (one row per catalogue 一级/二级, ``TEMPLATE_ROWS``,
    weights empty for the clerk to fill) or, ``skeleton=False``, no indicator rows at all.

    ``year`` defaults to last year (``default_year(today)``).
    """
    rows = TEMPLATE_ROWS if skeleton else ()
    return Form(
        year=default_year(today) if year is None else year,
        indicators=[Indicator(level1=l1, level2=l2) for l1, l2 in rows],
    )


def merged_groups(indicators: Sequence[Indicator]) -> list[tuple[int | None, int | None]]:
    """Per indicator, the merged 一级 and 二级 cell it sits in (numbered), as the paper form
    merges them; the window and the PDF both draw from this so they merge alike.

    Consecutive rows with the same text (surrounding spaces ignored) share a cell; a 二级
    cell never reaches across two 一级 cells; a blank cell is never merged (None).
    """
    out: list[tuple[int | None, int | None]] = []
    group1 = group2 = 0
    previous = ("", "")
    for ind in indicators:
        level1, level2 = ind.level1.strip(), ind.level2.strip()
        new1 = not level1 or level1 != previous[0]
        group1 += new1
        group2 += new1 or not level2 or level2 != previous[1]
        previous = (level1, level2)
        out.append((group1 if level1 else None, group2 if level2 else None))
    return out


# --- error messages -----------------------------------------------------------------

_MESSAGES: Final[dict[str, str]] = {
    "missing": "缺少必填项",
    "extra_forbidden": f"未知的键（格式 v{FORMAT_VERSION} 中没有此项）",
    "string_type": "应为文本",
    "string_unicode": "包含无效的 Unicode 字符（单独的代理字符）",
    "string_sub_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为 JSON 数组",
    "too_long": f"条目过多（最多 {MAX_INDICATORS} 项）",
    "string_too_long": f"文本过长（超过 {MAX_TEXT_LENGTH} 个字符）",
    "recursion_loop": "数据嵌套层数过深",
}


MAX_KEY_SHOWN: Final = 40
"""A key of the file longer than this is shortened with … in messages (a damaged file can
hold a 10 MB key; the message stays one short line)."""


def _short_key(part: int | str) -> int | str:
    if isinstance(part, int) or len(part) <= MAX_KEY_SHOWN:
        return part
    return part[:MAX_KEY_SHOWN] + "…"


def field_path(loc: tuple[int | str, ...]) -> str:
    """('indicators', 3, 'weight') → 'indicators[3].weight'; the root is named (根).

    Keys longer than MAX_KEY_SHOWN are shortened with …, so the path stays short.
    """
    return format_parts(tuple(_short_key(part) for part in loc)) or "(根)"


def _message(error: ErrorDetails) -> str:
    """A Chinese message for one pydantic error; never pydantic's English text."""
    kind = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx["error"]) if "error" in ctx else "取值无效"
    if kind == "literal_error":
        return f"取值无效，应为 {str(ctx.get('expected', '')).replace(' or ', ' 或 ')}"
    if kind == "greater_than_equal":
        return f"不能小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx.get('le')}"
    return _MESSAGES.get(kind, f"取值无效（{kind}）")


def validation_error_parts(exc: ValidationError) -> tuple[str, str]:
    """(field path, Chinese message) of the first failing field, e.g.
    ``('indicators[3].weight', '不能为负数')``; the message notes how many more failed.

    Separate so that the editor, which already knows the cell, shows the message alone
    (splitting the one-line form on ": " would break on a key containing ": ").
    """
    errors = exc.errors(include_url=False)
    first = errors[0]
    message = _message(first)
    if len(errors) > 1:
        message += f"（另有 {len(errors) - 1} 处错误）"
    return field_path(first["loc"]), message


def describe_validation_error(exc: ValidationError) -> str:
    """One line naming the first failing field's path, e.g. ``indicators[3].weight: 不能为负数``."""
    path, message = validation_error_parts(exc)
    return f"{path}: {message}"


# --- the same, in the clerk's words ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValidationProblem:
    """One refused value of a form: where, why, and the value the file had there."""

    location: FieldPath
    reason: str
    """Why, without the place: ``不能为负数``."""
    words: str
    """The whole sentence in the clerk's words: ``第 4 行指标的分值不能为负数``."""
    detail: str
    """With the field path, for ``--json`` and logs: ``indicators[3].weight: 不能为负数``."""
    value: Any
    """The value as the file had it."""


def _quoted_key(key: int | str) -> str:
    """An unknown key as a message quotes it: JSON-quoted, escaped if not printable, short."""
    text = str(key)
    shown = json.dumps(text[:MAX_KEY_SHOWN], ensure_ascii=not text.isprintable())
    return shown + ("…" if len(text) > MAX_KEY_SHOWN else "")


def _clerk_reason(error: ErrorDetails) -> str:
    """The reason as the window shows it: as ``_message``, but a grade's choices by label."""
    if error["type"] == "literal_error":
        if error["loc"][-1:] == ("grade",):
            choices = "".join(f"“{label}”" for label in GRADE_LABELS.values())
            return f"取值无效，应为{choices}之一"
        expected = str((error.get("ctx") or {}).get("expected", ""))
        return "取值无效，应为" + re.sub(r"'([^']*)'", r"“\1”", expected).replace(" or ", "或")
    return _message(error)


def _words(error: ErrorDetails) -> str:
    """``第 4 行指标的分值不能为负数``: the cell named from the spec, then the reason."""
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        parent = loc[:-1]
        where = cell_name(parent) or (field_path(parent) if parent else "文件")
        return f"{where}中有未知的键 {_quoted_key(loc[-1])}（格式 v{FORMAT_VERSION} 中没有此项）"
    reason = _clerk_reason(error)
    name = cell_name(loc) or field_path(loc)
    # "项目名称中第 3 个字符是…", but "第 2 行指标的分值不能为负数".
    return f"{name}{'中' if reason.startswith('第') else ''}{reason}"


def validation_problems(exc: ValidationError) -> list[ValidationProblem]:
    """Every refused value of ``exc``, in the order pydantic found them."""
    problems: list[ValidationProblem] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        reason = _message(error)
        problems.append(
            ValidationProblem(
                location=FieldPath(loc),
                reason=_clerk_reason(error),
                words=_words(error),
                detail=f"{field_path(loc)}: {reason}",
                value=error.get("input"),
            )
        )
    return problems


def validation_error_words(exc: ValidationError) -> str:
    """The first refused value in the clerk's words (``第 4 行指标的分值不能为负数``), with
    how many more there are; the window and ``perfeval check``'s text output show this."""
    errors = exc.errors(include_url=False)
    words = _words(errors[0])
    if len(errors) > 1:
        words += f"（另有 {len(errors) - 1} 处错误）"
    return words


def form_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of file format v2, as ``perfeval schema`` prints it.

    Generated from the models in validation mode (what a reader accepts); ``format``
    and ``version`` are required because the reader refuses a file without them, and a
    version 1 file may not carry ``published`` (the reader refuses that too).
    """
    schema = Form.model_json_schema(mode="validation")
    schema["required"] = ["format", "version"]
    schema["title"] = f"{FORMAT_NAME} v{FORMAT_VERSION}"
    schema["if"] = {"properties": {"version": {"const": 1}}}
    schema["then"] = {"not": {"required": ["published"]}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
