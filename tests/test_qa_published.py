"""Fault tests of format v2's printed figures (``published``): wrong shapes and values are
refused with the figure named in the clerk's words, or set aside for repair; what we write
matches the schema we publish (``perfeval schema``; jsonschema is not installed, so the
decimal pattern is applied by hand)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfeval_gui.file_errors import FormFileError
from perfeval_gui.fileio import dumps_form, loads_form, loads_form_for_repair
from perfeval_gui.model import Form, Published, form_json_schema

HEAD = b'{"format": "perfeval-selfeval", "version": 2, '


@pytest.mark.parametrize(("published", "message"), [
    (b"[]", "印出的数字应为 JSON 对象"),
    (b'"86.19"', "印出的数字应为 JSON 对象"),
    (b'{"rate": 1}', "印出的数字中有未知的键 \"rate\""),
    (b'{"execution_rate": "86.19%"}', "印出的执行率不是有效的十进制数字字符串"),
    (b'{"execution_rate": "\xe2\x80\x94"}', "印出的执行率不是有效的十进制数字字符串"),
    (b'{"execution_rate": 1e400}', "印出的执行率超出允许的最大值"),
    (b'{"execution_rate": NaN}', "印出的执行率必须是有限的数字"),
    (b'{"total_score": 1e-7}', "印出的总分小数位数不能超过 6 位"),
    (b'{"total_score": "1E+2"}', "印出的总分不是有效的十进制数字字符串"),
])
def test_bad_printed_figures_are_refused_naming_the_figure(published: bytes,
                                                           message: str) -> None:
    with pytest.raises(FormFileError) as caught:
        loads_form(HEAD + b'"published": ' + published + b"}", "x.json")
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("bad", [b'"86.19%"', b"NaN", b"1e400", b'"\xe2\x80\x94"'])
def test_a_bad_printed_figure_is_set_aside_and_the_others_kept(bad: bytes) -> None:
    data = HEAD + b'"published": {"execution_rate": ' + bad + b', "total_score": "85.58"}}'
    form, problems = loads_form_for_repair(data, "x.json")[:2]
    assert form.published == Published(total_score=Decimal("85.58"))
    assert any("印出的执行率" in str(p) for p in problems)


_DECIMAL = st.decimals(min_value=0, max_value=10**15, places=6, allow_nan=False,
                       allow_infinity=False)


@given(st.builds(Published, execution_rate=st.none() | _DECIMAL,
                 funding_score=st.none() | _DECIMAL, weight_total=st.none() | _DECIMAL,
                 total_score=st.none() | _DECIMAL))
def test_written_printed_figures_match_the_schema_and_read_back(published: Published) -> None:
    form = Form(published=published)
    written = json.loads(dumps_form(form))
    schema = form_json_schema()
    figure = schema["$defs"]["Published"]["properties"]["execution_rate"]["anyOf"]
    pattern = re.compile(next(alt["pattern"] for alt in figure if alt["type"] == "string"))
    assert set(written["published"]) == set(schema["$defs"]["Published"]["properties"])
    for value in written["published"].values():
        assert value is None or pattern.fullmatch(value), value
    assert written["version"] in schema["properties"]["version"]["enum"]
    assert loads_form(dumps_form(form)) == form
    assert dumps_form(loads_form(dumps_form(form))) == dumps_form(form)
