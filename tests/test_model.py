"""The models = file format v2: what is accepted, what is refused (with its path), the schema."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from perfeval_gui.model import (
    AMOUNT_STRING_PATTERN,
    MAX_AMOUNT,
    TEXT_PATTERN,
    Form,
    FundingRow,
    Indicator,
    blank_form,
    check_amount,
    check_text,
    default_year,
    describe_validation_error,
    field_path,
    form_json_schema,
    merged_groups,
    validation_error_parts,
    validation_error_words,
    validation_problems,
)
from perfeval_gui.spec import (
    GRADE_LABELS,
    LEVEL1_CATALOGUE,
    RECOMMENDED_WEIGHTS,
    STANDARD,
    cell_name,
)

D = Decimal


def base() -> dict[str, Any]:
    return {"format": "perfeval-selfeval", "version": 1}


def refusal(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        Form.model_validate(data)
    return describe_validation_error(info.value)


def with_weight(value: Any, index: int = 3) -> dict[str, Any]:
    data = base()
    data["indicators"] = [{} for _ in range(index)] + [{"name": "x", "weight": value}]
    return data


# --- amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("650000.00", "650000.00"),
        ("0", "0"),
        ("007", "7"),
        (20, "20"),
        (D("19.56"), "19.56"),
        (1.5, "1.5"),
        (D("1E+3"), "1000"),  # a JSON number 1e3
        (D("-0"), "0"),
        (D("-0.00"), "0.00"),
        ("1.0000000", "1.000000"),  # extra trailing zeros are not extra precision
        ("1000000000000000", "1000000000000000"),
        ("999999999999999.999999", "999999999999999.999999"),
        (None, None),
    ],
)
def test_amounts_accepted_and_written_as_decimal_strings(value: Any, expected: str | None) -> None:
    form = Form.model_validate(with_weight(value))
    weight = form.indicators[3].weight
    assert weight is None or isinstance(weight, Decimal)
    assert form.to_json_data()["indicators"][3]["weight"] == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "不能为负数"),
        (-1, "不能为负数"),
        ("-0.5", "不能为负数"),
        (D("-0.01"), "不能为负数"),
        ("1e5", "不是有效的十进制数字字符串"),
        ("abc", "不是有效的十进制数字字符串"),
        ("", "不是有效的十进制数字字符串"),
        (" 1", "不是有效的十进制数字字符串"),
        ("1,000", "不是有效的十进制数字字符串"),
        ("１", "不是有效的十进制数字字符串"),
        ("NaN", "不是有效的十进制数字字符串"),
        (D("NaN"), "必须是有限的数字"),
        (D("Infinity"), "必须是有限的数字"),
        (float("inf"), "必须是有限的数字"),
        (D("1E+999999"), "超出允许的最大值 10^15"),
        (10**16, "超出允许的最大值 10^15"),
        ("1000000000000000.000001", "超出允许的最大值 10^15"),
        (D("1E-7"), "小数位数不能超过 6 位"),
        ("0.0000001", "小数位数不能超过 6 位"),
        (True, "布尔值"),
        (False, "布尔值"),
        ([1], "应为数字或数字字符串"),
        ({"a": 1}, "应为数字或数字字符串"),
    ],
)
def test_amount_refusals_name_the_field(value: Any, message: str) -> None:
    line = refusal(with_weight(value))
    assert line.startswith("indicators[3].weight: ")
    assert message in line


def test_check_amount_is_shared_with_typed_input() -> None:
    assert check_amount(D("1.50")) == D("1.50")
    assert check_amount(MAX_AMOUNT) == MAX_AMOUNT
    with pytest.raises(ValueError, match="不能为负数"):
        check_amount(D("-3"))


@given(st.text(alphabet="0123456789.-eE+ ", max_size=25))
def test_amount_string_pattern_matches_exactly_what_the_reader_accepts(text: str) -> None:
    accepted = True
    try:
        FundingRow.model_validate({"executed": text})
    except ValidationError:
        accepted = False
    assert bool(re.fullmatch(AMOUNT_STRING_PATTERN, text)) == accepted


@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=6, allow_nan=False))
def test_any_valid_amount_round_trips_through_its_string(value: Decimal) -> None:
    row = FundingRow(executed=value)
    text = row.model_dump(mode="json")["executed"]
    assert re.fullmatch(AMOUNT_STRING_PATTERN, text)
    assert FundingRow.model_validate({"executed": text}).executed == value


# --- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "第一行\n第二行\r\n\t缩进",
        "😀 emoji",
        "𠀀 rare CJK",
        "<b>&amp;</b> ' \" \\",
        "\u2028\ufeff",
    ],
)
def test_text_accepts_any_unicode_with_newlines_and_tabs(text: str) -> None:
    form = Form.model_validate({**base(), "project_name": text, "goals": {"actual": text}})
    assert form.project_name == text
    assert form.goals.actual == text


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"project_name": "a\x00b"}, "project_name", "控制字符 U+0000"),
        ({"goals": {"expected": "\x1b[31m"}}, "goals.expected", "U+001B"),
        ({"indicators": [{}, {"deviation": "\x7f"}]}, "indicators[1].deviation", "U+007F"),
        ({"indicators": [{"name": "\x85"}]}, "indicators[0].name", "U+0085"),
        ({"implementing_unit": "\ud800"}, "implementing_unit", "代理字符"),
        ({"indicators": [{"target": "x" * 100_001}]}, "indicators[0].target", "文本过长"),
        ({"project_name": 1}, "project_name", "应为文本"),
        ({"project_name": None}, "project_name", "应为文本"),
        ({"goals": {"actual": ["x"]}}, "goals.actual", "应为文本"),
    ],
)
def test_text_refusals_name_the_field(data: dict[str, Any], path: str, message: str) -> None:
    line = refusal({**base(), **data})
    assert line.startswith(f"{path}: ")
    assert message in line
    assert "should" not in line and "Input" not in line, "pydantic's English must not leak"


def test_check_text_directly() -> None:
    assert check_text("a\tb\nc\r") == "a\tb\nc\r"
    with pytest.raises(ValueError, match="第 2 个字符"):
        check_text("a\x0bb")


@given(st.text())
def test_text_pattern_agrees_with_check_text(text: str) -> None:
    try:
        check_text(text)
        ok = True
    except ValueError:
        ok = False
    # The schema pattern covers control characters; surrogates cannot occur in JSON text.
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        pattern = TEXT_PATTERN.encode().decode("unicode_escape")
        assert bool(re.fullmatch(pattern, text)) == ok


# --- structure ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"colour": "red"}, "colour", "未知的键"),
        ({"indicators": [{}, {}, {"wieght": "1"}]}, "indicators[2].wieght", "未知的键"),
        ({"funding": {"total": {"budget": "1"}}}, "funding.total.budget", "未知的键"),
        ({"funding": {"unit": "美元"}}, "funding.unit", "'元' 或 '万元'"),
        ({"funding": {"total": []}}, "funding.total", "应为 JSON 对象"),
        ({"funding": "x"}, "funding", "应为 JSON 对象"),
        ({"indicators": {}}, "indicators", "应为 JSON 数组"),
        ({"indicators": [1]}, "indicators[0]", "应为 JSON 对象"),
        ({"indicators": [{"grade": "good"}]}, "indicators[0].grade", "取值无效"),
        ({"year": "2022"}, "year", "应为整数"),
        ({"year": True}, "year", "应为整数"),
        ({"year": 2022.5}, "year", "应为整数"),
        ({"year": 1800}, "year", "不能小于 1949"),
        ({"year": 99999}, "year", "不能大于 2200"),
        ({"format": "other"}, "format", "取值无效"),
        ({"version": 3}, "version", "取值无效"),
        ({"indicators": [{}] * 10_001}, "indicators", "条目过多"),
    ],
)
def test_structure_refusals_name_the_field(data: dict[str, Any], path: str, message: str) -> None:
    line = refusal({**base(), **data})
    assert line.startswith(f"{path}: "), line
    assert message in line


def test_several_errors_are_counted() -> None:
    line = refusal({**base(), "year": "x", "project_name": 3, "colour": 1})
    assert line.endswith("（另有 2 处错误）")


def test_assignment_is_validated_too() -> None:
    form = blank_form()
    with pytest.raises(ValidationError):
        form.indicators[0].weight = D(-1)  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        form.project_name = "\x00"


def test_field_path() -> None:
    assert field_path(("indicators", 3, "weight")) == "indicators[3].weight"
    assert field_path(("funding", "total", "executed")) == "funding.total.executed"
    assert field_path(()) == "(根)"
    assert field_path(("funding", "\x7fear")) == 'funding["\\u007fear"]'
    assert field_path(("indicators", 0, "")) == 'indicators[0][""]'


def test_field_path_shortens_a_huge_key() -> None:
    path = field_path(("funding", "k" * 10_000_000))
    assert path == "funding." + "k" * 40 + "…"


def test_unknown_unprintable_key_gives_a_printable_line() -> None:
    line = refusal({**base(), "goals": {"\x1b[2J": "x"}})
    assert line == 'goals["\\u001b[2J"]: 未知的键（格式 v2 中没有此项）'
    assert line.isprintable()


def test_validation_error_parts_keep_a_key_containing_colon_space_whole() -> None:
    """The path and the message come apart cleanly even when a key contains ": "."""
    data = {**base(), "goals": {"a: b": "x", "evaluation": 3}}
    with pytest.raises(ValidationError) as info:
        Form.model_validate(data)
    path, message = validation_error_parts(info.value)
    assert (path, message) == ("goals.a: b", "未知的键（格式 v2 中没有此项）（另有 1 处错误）")
    assert describe_validation_error(info.value) == f"{path}: {message}"


def test_merged_groups_follow_the_paper_form() -> None:
    rows = [("产出指标", "数量指标"), (" 产出指标", "数量指标 "), ("产出指标", "质量指标"),
            ("效益指标", "质量指标"), ("", "x"), ("", "x"), ("效益指标", "")]
    groups = merged_groups([Indicator(level1=a, level2=b) for a, b in rows])

    def cells(level: int) -> list[list[int]]:
        """Rows sharing a merged cell (the group numbers themselves are arbitrary)."""
        out: dict[int, list[int]] = {}
        for row, ids in enumerate(groups):
            if ids[level] is not None:
                out.setdefault(ids[level], []).append(row)
        return sorted(out.values())

    assert cells(0) == [[0, 1, 2], [3], [6]]
    assert cells(1) == [[0, 1], [2], [3], [4], [5]]  # 质量指标 does not cross 一级; blanks apart
    assert [g[0] is None for g in groups] == [False] * 4 + [True, True, False]
    assert [g[1] is None for g in groups] == [False] * 6 + [True]
    assert merged_groups([]) == []


def test_blank_form_is_the_catalogue_skeleton_with_empty_weights() -> None:
    form = blank_form(2024)
    assert form.year == 2024
    assert form.funding.weight == D(10)
    assert form.funding.total is None
    pairs = [(ind.level1, ind.level2) for ind in form.indicators]
    assert pairs == [(l1, l2) for l1, l2s in LEVEL1_CATALOGUE.items() for l2 in l2s]
    assert len(pairs) == 9 and pairs[3] == ("产出指标", "成本指标")
    assert all(ind.weight is None and ind.score is None and not ind.name for ind in form.indicators)
    assert {ind.level1 for ind in form.indicators} == set(RECOMMENDED_WEIGHTS)
    assert set(GRADE_LABELS) == {"achieved", "partial", "not_achieved"}


def test_blank_form_without_skeleton_has_no_rows() -> None:
    form = blank_form(2024, skeleton=False)
    assert form.indicators == [] and form.year == 2024
    assert form.funding.weight == D(10)


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2026, 1, 1), 2025),
        (date(2026, 12, 31), 2025),
        (date(2024, 3, 15), 2023),
        (date(1949, 6, 1), 1949),  # never below the format's first year
    ],
)
def test_a_new_form_reports_on_last_year(today: date, year: int) -> None:
    assert default_year(today) == year
    assert blank_form(today=today).year == year
    assert blank_form(2030, today=today).year == 2030  # an explicit year wins


def test_indicator_is_empty() -> None:
    assert Indicator().is_empty()
    assert Indicator(name="  ").is_empty()
    assert not Indicator(weight=D(0)).is_empty()
    assert not Indicator(grade="partial").is_empty()
    assert not Indicator(deviation="x").is_empty()


def test_defaults_are_not_shared_between_forms() -> None:
    a, b = Form(), Form()
    a.indicators.append(Indicator(name="x"))
    a.funding.current_year_appropriation.executed = D(1)
    assert b.indicators == []
    assert b.funding.current_year_appropriation.executed is None


def test_key_order_is_the_documented_one(seed1: Form) -> None:
    data = seed1.to_json_data()
    assert list(data) == [
        "format", "version", "year", "project_name", "competent_department",
        "implementing_unit", "funding", "goals", "indicators",
    ]
    assert list(data["funding"]) == [
        "unit", "weight", "total", "current_year_appropriation", "prior_year_carryover",
        "other_funds",
    ]
    assert list(data["indicators"][0]) == [
        "level1", "level2", "name", "target", "actual", "weight", "score", "grade", "deviation",
    ]


# --- JSON Schema ----------------------------------------------------------------------------


def test_schema_describes_the_real_rules() -> None:
    schema = form_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["required"] == ["format", "version"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["format"]["const"] == "perfeval-selfeval"
    assert schema["properties"]["version"]["enum"] == [1, 2]
    defs = schema["$defs"]
    for name in ("Funding", "FundingRow", "Goals", "Indicator"):
        assert defs[name]["additionalProperties"] is False
    amount = defs["FundingRow"]["properties"]["executed"]
    kinds = {alt["type"]: alt for alt in amount["anyOf"]}
    assert set(kinds) == {"string", "number", "null"}
    assert kinds["string"]["pattern"] == AMOUNT_STRING_PATTERN
    assert kinds["number"]["minimum"] == 0 and kinds["number"]["maximum"] == 1e15
    assert defs["Indicator"]["properties"]["weight"]["anyOf"] == amount["anyOf"]
    name = defs["Indicator"]["properties"]["name"]
    assert name["type"] == "string" and name["pattern"] == TEXT_PATTERN
    assert name["maxLength"] == 100_000
    grade = defs["Indicator"]["properties"]["grade"]
    assert {"enum": ["achieved", "partial", "not_achieved"], "type": "string"} in grade["anyOf"]
    assert schema["properties"]["year"]["minimum"] == 1949
    assert schema["properties"]["indicators"]["maxItems"] == 10_000
    assert defs["Funding"]["properties"]["unit"]["enum"] == ["元", "万元"]


# --- refusals in the clerk's words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("project_name",), "项目名称"),
        (("competent_department",), "主管部门"),
        (("implementing_unit",), "实施单位"),
        (("year",), "年度"),
        (("funding",), "项目资金"),
        (("funding", "unit"), "项目资金的金额单位"),
        (("funding", "weight"), "项目资金·分值"),
        (("funding", "total"), "年度资金总额"),
        (("funding", "total", "executed"), "年度资金总额·全年执行数"),
        (("funding", "current_year_appropriation", "initial_budget"), "当年财政拨款·年初预算数"),
        (("funding", "prior_year_carryover", "annual_budget"), "上年结转资金·全年预算数"),
        (("goals",), "年度总体目标"),
        (("goals", "actual"), "实际完成情况"),
        (("indicators",), "绩效指标"),
        (("indicators", 0), "第 1 行指标"),
        (("indicators", 1, "weight"), "第 2 行指标的分值"),
        (("indicators", 9, "deviation"), "第 10 行指标的偏差原因分析及改进措施"),
        (("indicators", 2, "grade"), "第 3 行指标的评价等级"),
    ],
)
def test_cell_names_come_from_the_spec(parts: tuple[str | int, ...], name: str) -> None:
    assert cell_name(parts) == name


@pytest.mark.parametrize(
    "parts",
    [(), ("x",), ("funding", "total", "weight"), ("funding", "total", "x"),
     ("indicators", "x"), ("indicators", -1), ("indicators", 0, "suggested"),
     ("goals", "x"), ("indicators", 0, "weight", 1)],
)
def test_no_cell_name_for_what_is_not_a_cell(parts: tuple[str | int, ...]) -> None:
    assert cell_name(parts) is None


def test_every_field_a_file_holds_has_a_cell_name() -> None:
    """So that no refusal falls back to a field path in the window or `perfeval check`."""
    form = blank_form()
    data = form.to_json_data()
    names = [cell_name((key,)) for key in data if key not in ("format", "version")]
    assert None not in names
    for row in STANDARD.funding.rows:
        for column in STANDARD.funding.amount_columns:
            assert cell_name(("funding", row.key, column.key))
    for key in data["indicators"][0]:
        assert cell_name(("indicators", 0, key)), key
    for key in data["goals"]:
        assert cell_name(("goals", key)), key


def words(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        Form.model_validate(data)
    return validation_error_words(info.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (with_weight("-1", 1), "第 2 行指标的分值不能为负数"),
        ({**base(), "funding": {"total": {"executed": D(10) ** 16}}},
         "年度资金总额·全年执行数超出允许的最大值 10^15"),
        ({**base(), "implementing_unit": "a\x1b"},
         "实施单位中第 2 个字符是不允许的控制字符 U+001B"),
        ({**base(), "year": 2300}, "年度不能大于 2200"),
        ({**base(), "indicators": [{"grade": "A"}]},
         "第 1 行指标的评价等级取值无效，应为“达成年度指标”“部分达成并具有一定效果”"
         "“未达成且效果较差”之一"),
        ({**base(), "goals": {"x": 1}}, '年度总体目标中有未知的键 "x"（格式 v2 中没有此项）'),
        ({**base(), "goals": {"\u202e": 1}},
         '年度总体目标中有未知的键 "\\u202e"（格式 v2 中没有此项）'),
        ({**base(), "year": "x", "project_name": 3}, "年度应为整数（另有 1 处错误）"),
    ],
)
def test_refusals_in_the_clerks_words(data: dict[str, Any], expected: str) -> None:
    assert words(data) == expected


def test_each_problem_keeps_place_reason_words_detail_and_value() -> None:
    with pytest.raises(ValidationError) as info:
        Form.model_validate({**base(), "indicators": [{}, {"score": "-3", "name": "\x00"}]})
    problems = validation_problems(info.value)
    assert [(str(p.location), p.reason, p.words, p.detail, p.value) for p in problems] == [
        ("indicators[1].name", "第 1 个字符是不允许的控制字符 U+0000",
         "第 2 行指标的三级指标中第 1 个字符是不允许的控制字符 U+0000",
         "indicators[1].name: 第 1 个字符是不允许的控制字符 U+0000", "\x00"),
        ("indicators[1].score", "不能为负数", "第 2 行指标的得分不能为负数",
         "indicators[1].score: 不能为负数", "-3"),
    ]
