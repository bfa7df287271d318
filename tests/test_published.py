"""File format v2: the figures a published PDF printed (``Form.published``), the migration
of v1 files, the schema, and the ``published-mismatch`` rule with exact figures."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import (
    FormFileError,
    dumps_form,
    load_form,
    loads_form,
    loads_form_for_repair,
)
from perfeval_gui.model import (
    FORMAT_VERSION,
    Form,
    Funding,
    FundingRow,
    Indicator,
    Published,
    form_json_schema,
)
from perfeval_gui.rules import CODES, Finding, check

D = Decimal
HEAD = b'{"format": "perfeval-selfeval", '


def shanghai(published: Published | None = None) -> Form:
    """The real Shanghai 2022 form's funding row: 215457.6 of 250000 executed (86.18 %),
    with 90 points of indicators scored 80."""
    return Form(
        year=2022,
        project_name="示例项目",
        funding=Funding(
            total=FundingRow(initial_budget=D(250000), annual_budget=D(250000),
                             executed=D("215457.6")),
        ),
        indicators=[Indicator(level1="产出指标", level2="数量指标", name="服务企业数",
                              target=">90", actual="155", weight=D(90), score=D(80))],
        published=published,
    )


def mismatches(form: Form) -> list[Finding]:
    return [f for f in check(form) if f.code == "published-mismatch"]


# --- the file format ------------------------------------------------------------------------


def test_a_form_with_printed_figures_is_written_as_version_2_and_read_back() -> None:
    form = shanghai(Published(execution_rate=D("86.19"), funding_score=D("8.62"),
                              weight_total=D(100), total_score=D("88.62")))
    data = dumps_form(form)
    text = data.decode()
    assert text.startswith('{\n  "format": "perfeval-selfeval",\n  "version": 2,\n')
    assert text.endswith(
        '  "published": {\n'
        '    "execution_rate": "86.19",\n'
        '    "funding_score": "8.62",\n'
        '    "weight_total": "100",\n'
        '    "total_score": "88.62"\n'
        "  }\n}\n"
    )
    back = loads_form(data)
    assert back == form
    assert dumps_form(back) == data


def test_a_figure_not_printed_stays_null() -> None:
    form = shanghai(Published(execution_rate=D("86.19")))
    written = json.loads(dumps_form(form))
    assert written["version"] == 2
    assert written["published"] == {"execution_rate": "86.19", "funding_score": None,
                                    "weight_total": None, "total_score": None}
    assert loads_form(dumps_form(form)).published == Published(execution_rate=D("86.19"))


def test_a_form_without_printed_figures_is_still_written_as_version_1() -> None:
    data = json.loads(dumps_form(shanghai()))
    assert data["version"] == 1
    assert "published" not in data


def test_v1_files_migrate_on_read_and_save_back_byte_identical(seed1_path: Path) -> None:
    raw = seed1_path.read_bytes()
    assert b'"version": 1,' in raw
    form = load_form(seed1_path)
    assert form.version == FORMAT_VERSION == 2
    assert form.published is None
    assert dumps_form(form) == raw


def test_a_v2_file_without_printed_figures_reads_and_is_saved_as_v1(seed1_path: Path) -> None:
    raw = seed1_path.read_bytes()
    v2 = raw.replace(b'"version": 1', b'"version": 2', 1)
    form = loads_form(v2)
    assert form == load_form(seed1_path)
    assert dumps_form(form) == raw


def test_printed_figures_in_a_v1_file_are_refused() -> None:
    data = HEAD + b'"version": 1, "published": {"execution_rate": "86.19"}}'
    with pytest.raises(FormFileError) as info:
        loads_form(data, "表.json")
    assert str(info.value) == (
        '“表.json”：文件中有未知的键 "published"（格式 v1 中没有此项，应写 "version": 2）'
    )
    with pytest.raises(FormFileError):  # the window's repair path refuses it too
        loads_form_for_repair(data, "表.json")


@pytest.mark.parametrize(
    ("published", "words", "detail"),
    [
        ('{"execution_rate": "-1"}', "印出的执行率不能为负数",
         "published.execution_rate: 不能为负数"),
        ('{"funding_score": "x"}', "印出的年度资金总额得分不是有效的十进制数字字符串：'x'",
         None),
        ('{"weight_total": true}', "印出的总分行分值应为数字或数字字符串，而不是布尔值", None),
        ('{"total_score": "1e3"}', "印出的总分不是有效的十进制数字字符串：'1e3'", None),
        ('{"rate": "86"}', '印出的数字中有未知的键 "rate"（格式 v2 中没有此项）', None),
        ('"86.19"', "印出的数字应为 JSON 对象", None),
    ],
)
def test_bad_printed_figures_are_named_in_the_clerks_words(
    published: str, words: str, detail: str | None
) -> None:
    data = HEAD + b'"version": 2, "published": ' + published.encode() + b"}"
    with pytest.raises(FormFileError) as info:
        loads_form(data, "表.json")
    assert info.value.reason == words
    if detail is not None:
        assert info.value.detail == detail


def test_a_bad_printed_figure_is_set_aside_for_repair_and_the_rest_kept() -> None:
    data = HEAD + (b'"version": 2, "published": {"execution_rate": "-1", '
                   b'"total_score": "88.62"}}')
    form, refused = loads_form_for_repair(data, "表.json")
    assert form.published == Published(total_score=D("88.62"))
    assert [(r.location, r.text, r.message) for r in refused] == [
        (FieldPath.of("published", "execution_rate"), "-1", "印出的执行率不能为负数")
    ]


def test_json_numbers_are_read_exactly() -> None:
    data = HEAD + b'"version": 2, "published": {"execution_rate": 86.19, "weight_total": 100}}'
    published = loads_form(data).published
    assert published == Published(execution_rate=D("86.19"), weight_total=D(100))
    assert json.loads(dumps_form(loads_form(data)))["published"]["execution_rate"] == "86.19"


def test_schema_describes_version_2() -> None:
    schema = form_json_schema()
    assert schema["title"] == "perfeval-selfeval v2"
    assert schema["properties"]["version"]["enum"] == [1, 2]
    assert schema["properties"]["published"]["anyOf"] == [
        {"$ref": "#/$defs/Published"}, {"type": "null"}
    ]
    published = schema["$defs"]["Published"]
    assert published["additionalProperties"] is False
    assert list(published["properties"]) == [
        "execution_rate", "funding_score", "weight_total", "total_score"
    ]
    amount = published["properties"]["execution_rate"]["anyOf"]
    assert {alt["type"] for alt in amount} == {"string", "number", "null"}
    # A v1 file may not carry printed figures.
    assert schema["if"] == {"properties": {"version": {"const": 1}}}
    assert schema["then"] == {"not": {"required": ["published"]}}


def test_the_schema_command_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    from perfeval_gui.cli import main

    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["$defs"]["Published"] == form_json_schema()["$defs"]["Published"]


# --- the rule -------------------------------------------------------------------------------


def test_the_shanghai_misprint() -> None:
    """215457.6 / 250000 = 86.18304 %: the published 86.19 % is a misprint."""
    found = mismatches(shanghai(Published(execution_rate=D("86.19"))))
    assert found == [Finding("warning", "published-mismatch",
                             "执行率印为 86.19%，按数据计算为 86.18%",
                             FieldPath.of("funding", "execution_rate"))]
    assert CODES["published-mismatch"] == "warning"


def test_figures_printed_right_draw_nothing() -> None:
    # 资金得分 8.6183… → 8.62; 总分 8.62 + 80 = 88.62; 分值合计 10 + 90 = 100.
    form = shanghai(Published(execution_rate=D("86.18"), funding_score=D("8.62"),
                              weight_total=D(100), total_score=D("88.62")))
    assert mismatches(form) == []


def test_no_printed_figures_nothing_compared() -> None:
    assert mismatches(shanghai()) == []
    assert mismatches(shanghai(Published())) == []


def test_every_misprinted_figure_at_its_cell() -> None:
    form = shanghai(Published(execution_rate=D("87.00"), funding_score=D("8.70"),
                              weight_total=D(95), total_score=D("88.00")))
    assert [(f.message, str(f.location)) for f in mismatches(form)] == [
        ("执行率印为 87.00%，按数据计算为 86.18%", "funding.execution_rate"),
        ("年度资金总额的得分印为 8.70，按数据计算为 8.62", "funding.score"),
        ("总分行的分值印为 95，按数据计算为 100", "weight_total"),
        ("总分印为 88.00，按数据计算为 88.62", "total_score"),
    ]


@pytest.mark.parametrize(
    ("key", "printed", "flagged"),
    [
        ("execution_rate", "86", False),  # printed as a whole number: 86.18 → 86
        ("execution_rate", "86.2", False),  # one place: 86.183 → 86.2
        ("execution_rate", "86.1", True),
        ("execution_rate", "87", True),
        ("execution_rate", "86.183", False),  # more places than usual: 86.18304 → 86.183
        ("execution_rate", "86.184", True),
        ("funding_score", "9", False),  # 8.6183 → 9
        ("funding_score", "8.6", False),
        ("funding_score", "8.61", True),
        ("total_score", "89", False),  # 88.62 → 89
        ("total_score", "88.6", False),
        ("weight_total", "100.00", False),
    ],
)
def test_a_figure_is_compared_at_the_places_it_was_printed_with(
    key: str, printed: str, flagged: bool
) -> None:
    form = shanghai(Published.model_validate({key: printed}))
    assert bool(mismatches(form)) is flagged


def test_rounding_is_half_up_from_the_unrounded_figure() -> None:
    # 1 / 8 = 12.5 %: printed as a whole number that is 13 (half up), not 12 (half even).
    form = Form(funding=Funding(total=FundingRow(annual_budget=D(8), executed=D(1))),
                published=Published(execution_rate=D(13)))
    assert mismatches(form) == []
    form = form.model_copy(update={"published": Published(execution_rate=D(12))})
    assert [f.message for f in mismatches(form)] == ["执行率印为 12%，按数据计算为 12.50%"]


def test_weights_are_compared_exactly() -> None:
    """A printed 分值合计 100 over weights that add up to 99.5 is a misprint, not rounding."""
    form = shanghai(Published(weight_total=D(100)))
    form.indicators[0].weight = D("89.5")
    assert [f.message for f in mismatches(form)] == ["总分行的分值印为 100，按数据计算为 99.5"]


def test_a_rate_printed_where_the_data_gives_none() -> None:
    form = Form(funding=Funding(total=FundingRow(annual_budget=D(0), executed=D(10))),
                published=Published(execution_rate=D(100), funding_score=D(10)))
    assert [(f.message, str(f.location)) for f in mismatches(form)] == [
        ("执行率印为 100%，按数据计算为 —", "funding.execution_rate"),
        ("年度资金总额的得分印为 10，按数据计算为 0.00", "funding.score"),
    ]


def test_a_sub_row_total_is_compared_as_the_form_computes_it() -> None:
    """An auto-summed total row: the printed rate is compared with the summed figures."""
    form = Form(funding=Funding(
        current_year_appropriation=FundingRow(annual_budget=D(200000), executed=D("172366.08")),
        other_funds=FundingRow(annual_budget=D(50000), executed=D("43091.52")),
    ), published=Published(execution_rate=D("86.18")))
    assert mismatches(form) == []
