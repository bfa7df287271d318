"""Reading (any bytes → a Form or FormFileError), writing (atomic, stable bytes), round trips."""

from __future__ import annotations

import errno
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfeval_gui import fileio
from perfeval_gui.assets import EXAMPLES, example_path
from perfeval_gui.fileio import (
    FormFileError,
    dumps_form,
    load_form,
    loads_form,
    os_reason,
    save_form,
    write_bytes_atomic,
)
from perfeval_gui.model import MAX_AMOUNT, Form, Funding, FundingRow, Goals, Indicator

HEADER = '{"format": "perfeval-selfeval", "version": 1'


def reason(data: bytes, source: str = "表.json") -> str:
    with pytest.raises(FormFileError) as info:
        loads_form(data, source)
    message = str(info.value)
    assert message.startswith(f"{source}: ")
    assert "\n" not in message
    assert info.value.source == source
    return info.value.reason


# --- the examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_load_and_save_back_to_identical_bytes(name: str, tmp_path: Path) -> None:
    original = example_path(name).read_bytes()
    form = load_form(example_path(name))
    assert dumps_form(form) == original
    target = tmp_path / name
    save_form(form, target)
    assert target.read_bytes() == original


def test_written_bytes_are_utf8_indented_chinese_unescaped(seed1: Form) -> None:
    data = dumps_form(seed1)
    text = data.decode("utf-8")
    assert "重点企业服务" in text and "\\u" not in text
    assert text.startswith('{\n  "format": "perfeval-selfeval",\n  "version": 1,\n')
    assert text.endswith("}\n")
    assert '"annual_budget": "380000.00"' in text  # decimal strings, places kept as typed
    assert '"executed": null' in text


def test_json_numbers_are_read_and_decimal_strings_written() -> None:
    data = (
        HEADER + ', "funding": {"weight": 10, "total": {"annual_budget": 380000.00,'
        ' "executed": 2.5e5}}, "indicators": [{"weight": 20, "score": 19.56}]}'
    ).encode()
    form = loads_form(data)
    assert form.funding.total is not None
    assert form.funding.total.annual_budget == Decimal("380000.00")
    assert form.funding.total.executed == Decimal(250000)
    assert form.indicators[0].score == Decimal("19.56")
    written = json.loads(dumps_form(form))
    assert written["funding"]["weight"] == "10"
    assert written["funding"]["total"] == {
        "initial_budget": None, "annual_budget": "380000.00", "executed": "250000",
    }
    assert written["indicators"][0]["score"] == "19.56"


def test_byte_order_mark_is_accepted(seed1_path: Path) -> None:
    form = loads_form(b"\xef\xbb\xbf" + seed1_path.read_bytes())
    assert form.project_name == "重点企业服务"


def test_missing_keys_take_their_defaults() -> None:
    form = loads_form((HEADER + "}").encode())
    assert form == Form()


# --- every kind of bad bytes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "文件为空"),
        (b" \n\t ", "文件为空"),
        (b"\xef\xbb\xbf", "文件为空"),
        (b"\xff\xfe{\x00}\x00", "不是 UTF-8"),
        ('{"project_name": "重点"}'.encode("gbk"), "不是 UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "不是 UTF-8"),
        (b"{", "JSON 语法错误（第 1 行第 2 列）"),
        (b'{\n  "format": "perfeval-selfeval",\n  "version": 1,\n}', "第 4 行第 1 列"),
        (b'{"a" 1}', "冒号"),
        (b'{"a": 1 "b": 2}', "逗号"),
        (b'{"a": "x', "字符串没有结束引号"),
        (b'{"a": "\x01"}', "未转义的控制字符"),
        (b'{"a": "\\q"}', "无效的反斜杠转义"),
        (b'{"a": "\\u12"}', "\\uXXXX"),
        ((HEADER + "} trailing").encode(), "多余内容"),
        (b"[" * 100_000, "嵌套层数过深"),
        (b"[" * 100_000 + b"]" * 100_000, "嵌套层数过深"),
        ((HEADER + ', "goals": ' + '{"a": ' * 100_000).encode(), "嵌套层数过深"),
        (b"null", "最外层应为 JSON 对象"),
        (b"[]", "最外层应为 JSON 对象"),
        (b'"perfeval-selfeval"', "最外层应为 JSON 对象"),
        (b"{}", 'format 应为 "perfeval-selfeval"'),
        (b'{"format": "other", "version": 1}', "不是自评表文件"),
        (b'{"format": "perfeval-selfeval"}', "version: 应为整数"),
        (b'{"format": "perfeval-selfeval", "version": "1"}', "version: 应为整数"),
        (b'{"format": "perfeval-selfeval", "version": true}', "version: 应为整数"),
        (b'{"format": "perfeval-selfeval", "version": 1.0}', "version: 应为整数"),
        (b'{"format": "perfeval-selfeval", "version": 2}', "更新版本的程序写入（文件格式 v2"),
        (b'{"format": "perfeval-selfeval", "version": 1' + b"0" * 5000 + b"}", "version: 应为整数"),
        (b'{"format": "perfeval-selfeval", "version": 0}', "不支持的文件格式版本 v0"),
        (b'{"format": "perfeval-selfeval", "version": 1, "version": 1}', '键 "version" 出现了两次'),
        ((HEADER + ', "indicators": [{"name": "a", "name": "b"}]}').encode(), '"name" 出现了两次'),
        ((HEADER + ', "year": 1e99999999999999999999}').encode(), "超出范围的数值：1e9999"),
        ((HEADER + ', "year": -1e-99999999999999999999}').encode(), "超出范围的数值"),
    ],
)
def test_bad_bytes_give_one_clear_line(data: bytes, expected: str) -> None:
    assert expected in reason(data)


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (', "indicators": [{}, {}, {}, {"weight": "-1"}]', "indicators[3].weight: 不能为负数"),
        (', "indicators": [{}, {}, {}, {"weight": -1}]', "indicators[3].weight: 不能为负数"),
        (', "indicators": [{"weight": 1e999999}]', "indicators[0].weight: 超出允许的最大值"),
        (', "indicators": [{"weight": -1e999999}]', "indicators[0].weight: 不能为负数"),
        (', "indicators": [{"weight": 1e-7}]', "indicators[0].weight: 小数位数不能超过 6 位"),
        (', "indicators": [{"weight": NaN}]', "indicators[0].weight: 必须是有限的数字"),
        (', "indicators": [{"weight": Infinity}]', "indicators[0].weight: 必须是有限的数字"),
        (', "indicators": [{"weight": -Infinity}]', "indicators[0].weight: 必须是有限的数字"),
        (', "indicators": [{"weight": true}]', "indicators[0].weight: 应为数字或数字字符串"),
        (', "indicators": [{"weight": [[[1]]]}]', "indicators[0].weight: 应为数字或数字字符串"),
        (', "indicators": [{"weight": 1' + "0" * 5000 + "}]", "indicators[0].weight: 超出"),
        (', "year": 2' + "0" * 5000, "year: 应为整数"),
        (', "year": 2022.0', "year: 应为整数"),
        (', "project_name": "\\ud800"', "project_name: 包含无效的 Unicode 字符"),
        (', "project_name": "\\udfff\\ud800"', "project_name: 包含无效的 Unicode 字符"),
        (', "project_name": "a\\u0000"', "project_name: 第 2 个字符是不允许的控制字符 U+0000"),
        (', "funding": {"total": {"executed": "1", "x": 1}}', "funding.total.x: 未知的键"),
        (', "goals": {"expected": {"nested": [1, {"junk": null}]}}', "goals.expected: 应为文本"),
    ],
)
def test_bad_values_name_the_field(tail: str, expected: str) -> None:
    assert expected in reason((HEADER + tail + "}").encode())


def test_load_form_names_the_file_and_the_problem(tmp_path: Path) -> None:
    missing = tmp_path / "无此文件.json"
    with pytest.raises(FormFileError, match=r"无此文件\.json: 文件不存在$"):
        load_form(missing)
    with pytest.raises(FormFileError, match="文件夹"):
        load_form(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "perfeval-selfeval", "version": 1, "year": "x"}')
    with pytest.raises(FormFileError) as info:
        load_form(bad)
    assert str(info.value) == f"{bad}: year: 应为整数"


def test_load_form_refuses_huge_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_bytes((HEADER + ', "project_name": "' + "x" * 200 + '"}').encode())
    with pytest.raises(FormFileError, match="文件过大"):
        load_form(big)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_load_form_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.json"
    locked.write_bytes(b"{}")
    locked.chmod(0)
    with pytest.raises(FormFileError, match="没有读取权限"):
        load_form(locked)


# --- atomic writing -------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def saved(tmp_path: Path, seed1: Form) -> Path:
    target = tmp_path / "表.json"
    save_form(seed1, target)
    return target


def test_failed_replace_leaves_the_old_file_intact(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FormFileError, match="无法写入"):
        save_form(seed2, saved)
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_disk_full_mid_write_leaves_the_old_file_intact(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FormFileError) as info:
        save_form(seed2, saved)
    assert info.value.reason == "无法写入：磁盘空间已满"
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_interrupt_mid_write_leaves_the_old_file_intact(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_form(seed2, saved)
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOENT, "文件或文件夹不存在"),
        (errno.EACCES, "没有权限（文件夹只读，或文件正被其他程序占用）"),
        (errno.ENOSPC, "磁盘空间已满"),
        (errno.EROFS, "磁盘或文件夹是只读的"),
        (errno.EISDIR, "这是一个文件夹，不是文件"),
        (errno.ENOTDIR, "路径中有一项不是文件夹"),
    ],
)
def test_os_reason_translates_common_errors_by_number(code: int, reason: str) -> None:
    assert os_reason(OSError(code, os.strerror(code))) == reason


def test_os_reason_keeps_the_os_text_of_other_errors() -> None:
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"
    assert os_reason(OSError("no errno at all")) == "no errno at all"


def test_write_failure_translates_the_reason_but_never_the_file_name(tmp_path: Path) -> None:
    """The reason is translated by errno, so a path holding the English words stays as it is."""
    target = tmp_path / "No such file or directory" / "Permission denied.json"
    with pytest.raises(FormFileError) as info:
        write_bytes_atomic(target, b"{}")
    assert str(info.value) == f"{target}: 无法写入：文件或文件夹不存在"


def test_write_into_a_missing_folder_is_a_form_file_error(tmp_path: Path) -> None:
    with pytest.raises(FormFileError, match="无法写入"):
        write_bytes_atomic(tmp_path / "no" / "such" / "x.json", b"{}")


def test_save_replaces_and_keeps_the_file_mode(saved: Path, seed2: Form) -> None:
    saved.chmod(0o600)
    save_form(seed2, saved)
    assert load_form(saved).project_name == seed2.project_name
    assert saved.stat().st_mode & 0o777 == 0o600
    assert leftovers(saved.parent) == []


def test_save_to_a_relative_path(tmp_path: Path, seed1: Form, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    save_form(seed1, "相对.json")
    assert (tmp_path / "相对.json").read_bytes() == dumps_form(seed1)


# --- property-based -------------------------------------------------------------------------

_SPECIALS = ["\n", "\r\n", "\t", "😀", "𠀀", "<b>", "&amp;", "'", '"', "\\", "\u2028", "　", "％"]
_PLAIN = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)
texts = st.lists(_PLAIN | st.sampled_from(_SPECIALS), max_size=6).map("".join)
amounts = st.none() | st.one_of(
    st.integers(min_value=0, max_value=10**15).map(Decimal),
    *(
        st.decimals(min_value=0, max_value=MAX_AMOUNT, places=places, allow_nan=False)
        for places in (1, 2, 6)
    ),
)
rows = st.builds(FundingRow, initial_budget=amounts, annual_budget=amounts, executed=amounts)
indicators = st.builds(
    Indicator,
    level1=texts, level2=texts, name=texts, target=texts, actual=texts,
    weight=amounts, score=amounts,
    grade=st.sampled_from([None, "achieved", "partial", "not_achieved"]),
    deviation=texts,
)
forms = st.builds(
    Form,
    year=st.integers(min_value=1949, max_value=2200),
    project_name=texts, competent_department=texts, implementing_unit=texts,
    funding=st.builds(
        Funding,
        unit=st.sampled_from(["元", "万元"]),
        weight=amounts,
        total=st.none() | rows,
        current_year_appropriation=rows, prior_year_carryover=rows, other_funds=rows,
    ),
    goals=st.builds(Goals, expected=texts, actual=texts),
    indicators=st.lists(indicators, max_size=6),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(forms)
def test_load_save_load_is_the_identity(form: Form) -> None:
    data = dumps_form(form)
    again = loads_form(data)
    assert again == form
    assert dumps_form(again) == data
    # Amounts keep their written places, not just their value.
    assert again.to_json_data() == form.to_json_data()


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_no_byte_string_raises_anything_but_form_file_error(data: bytes) -> None:
    try:
        loads_form(data)
    except FormFileError as exc:
        assert str(exc).isprintable()  # one line, no raw control or surrogate characters


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(["year", "project_name", "funding", "goals", "indicators", "x"]),
        _JSONISH,
        max_size=4,
    )
)
def test_junk_values_under_a_valid_header_give_form_file_error(junk: dict[str, Any]) -> None:
    data = json.dumps({"format": "perfeval-selfeval", "version": 1, **junk}).encode()
    try:
        loads_form(data)
    except FormFileError as exc:
        assert str(exc).isprintable()


SEED = example_path(EXAMPLES[0]).read_bytes()


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=len(SEED.rstrip()) - 1))
def test_truncated_seed_gives_form_file_error(cut: int) -> None:
    with pytest.raises(FormFileError):
        loads_form(SEED[:cut])


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(SEED) - 1), st.integers(0, 255)),
        min_size=1, max_size=4,
    )
)
def test_byte_flipped_seed_never_crashes(flips: list[tuple[int, int]]) -> None:
    data = bytearray(SEED)
    for position, value in flips:
        data[position] = value
    try:
        form = loads_form(bytes(data))
    except FormFileError as exc:
        assert str(exc).isprintable()
        return
    # A flip that still gives a valid form must round-trip like any other.
    assert loads_form(dumps_form(form)) == form


def test_documented_example_is_the_shipped_seed() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "file-format.md").read_text("utf-8")
    example = doc.split("```json\n")[-1].split("```")[0]
    assert example.encode("utf-8") == SEED
    assert loads_form(example.encode("utf-8")).project_name == "重点企业服务"


def test_save_through_a_symlink_keeps_the_link(tmp_path: Path, seed1: Form, seed2: Form) -> None:
    real = tmp_path / "real.json"
    save_form(seed1, real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save_form(seed2, link)
    assert link.is_symlink()
    assert load_form(real).project_name == seed2.project_name
    assert leftovers(tmp_path) == []
