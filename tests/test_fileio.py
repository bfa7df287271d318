"""Reading (any path, any bytes → a Form or one bounded FormFileError line), messages,
encodings, opening for repair, writing stable bytes, round trips.

Saving itself (atomic replace, modes, in-place, leftovers) is tests/test_safe_write.py.
"""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import as_other_user
import pytest
from as_other_user import run_unprivileged
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui import fileio
from perfeval_gui.assets import EXAMPLES, example_path
from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import (
    MAX_FILE_BYTES,
    FormEncodingError,
    FormFileError,
    Refused,
    dumps_form,
    load_form,
    load_form_for_repair,
    loads_form,
    loads_form_for_repair,
    os_reason,
    quote_name,
    save_form,
)
from perfeval_gui.model import MAX_AMOUNT, Form, Funding, FundingRow, Goals, Indicator

HEADER = '{"format": "perfeval-selfeval", "version": 1'
SEED = example_path(EXAMPLES[0]).read_bytes()
CUT_SHORT = "文件不完整"
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder any user may enter (see as_other_user.open_folder)."""
    with as_other_user.open_folder() as folder:
        yield folder


def failure(call: Callable[[], Any]) -> FormFileError:
    """The FormFileError ``call`` raises, checked to be one quoted, bounded line."""
    with pytest.raises(FormFileError) as info:
        call()
    exc = info.value
    message = str(exc)
    assert message == f"{quote_name(exc.source)}：{exc.reason}"
    assert "\n" not in message and "\r" not in message
    assert len(exc.reason) <= fileio.MAX_REASON_CHARS
    return exc


def reason(data: bytes, source: str = "表.json") -> str:
    exc = failure(lambda: loads_form(data, source))
    assert exc.source == source
    assert str(exc).startswith(f"“{source}”：")
    return exc.reason


def load_failure(path: Any) -> FormFileError:
    return failure(lambda: load_form(path))


def returns_within(seconds: float, call: Callable[[], Any]) -> Any:
    """``call()``'s outcome, failing (not hanging) if it takes longer than ``seconds``."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still blocked after {seconds} s"
    return outcome[0]


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


def test_byte_order_marks_are_accepted_and_not_written_back(seed1_path: Path) -> None:
    """Notepad (before 2019) and WPS write a UTF-8 BOM; it carries nothing, so it is read
    past (even twice, as a second tool adds one) instead of failing in English."""
    original = seed1_path.read_bytes()
    for marks in (1, 2):
        form = loads_form(b"\xef\xbb\xbf" * marks + original)
        assert form.project_name == "重点企业服务"
        assert dumps_form(form) == original


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
        (b"\x89PNG\r\n\x1a\n\x00\x00", "不是 UTF-8"),
        (bytes(range(256)), "不是 UTF-8"),
        (b"\x00" * 4096, "文件已损坏：内容全是空字节"),
        (SEED[:500] + b"\x00" * 3000, "文件已损坏：末尾有 3000 个空字节"),
        (b'{"a": 1 "b": 2}', "JSON 语法错误（第 1 行第 9 列）：此处应为逗号"),
        (b'{\n  "format": "perfeval-selfeval",\n  "version": 1,\n}', "第 4 行第 1 列"),
        (b'{"a" 1}', "冒号"),
        (b'{"a": nul}', "JSON 语法错误（第 1 行第 7 列）：此处应为一个值"),
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
        (b'{"format": "perfeval-selfeval", "version": 3}', "更新版本的程序写入（文件格式 v3"),
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
    ("data", "where"),
    [
        (b"{", "内容在第 1 行第 2 列处中断"),
        (b'{"a": "x', "第 1 行第 9 列"),
        (b'{"a": "\\u12', "第 1 行第 12 列"),
        (b'{"a": tr', "中断"),
        (b'{"a": 1.', "中断"),
        (b'{"a": -', "中断"),
        (b'{"a": 2e', "中断"),
        (b'{"a": [1,\n 2,\n', "内容在第 2 行第 4 列处中断"),
        ('{"project_name": "重'.encode()[:-1], "在一个字符的中间结束"),
        ('{"project_name": "😀'.encode()[:-3], "在一个字符的中间结束"),
    ],
)
def test_a_file_cut_short_is_reported_as_cut_short(data: bytes, where: str) -> None:
    """Not as a JSON mistake, and not as "不是 UTF-8" when cut inside a character."""
    text = reason(data)
    assert text.startswith(CUT_SHORT) and where in text, text
    assert "UTF-8" not in text and "语法错误" not in text


def test_every_cut_of_the_seed_is_reported_as_cut_short() -> None:
    """Each of the seed's prefixes (a third of its cuts fall inside a Chinese character)."""
    assert len(SEED) > 1000
    for cut in range(1, len(SEED.rstrip())):
        assert reason(SEED[:cut]).startswith(CUT_SHORT), cut


@pytest.mark.parametrize(
    ("tail", "detail", "words"),
    [
        (', "indicators": [{}, {}, {}, {"weight": "-1"}]', "indicators[3].weight: 不能为负数",
         "第 4 行指标的分值不能为负数"),
        (', "indicators": [{}, {"weight": -1}]', "indicators[1].weight: 不能为负数",
         "第 2 行指标的分值不能为负数"),
        (', "funding": {"total": {"executed": 1e16}}', "funding.total.executed: 超出允许的最大值",
         "年度资金总额·全年执行数超出允许的最大值 10^15"),
        (', "funding": {"other_funds": {"initial_budget": -5}}',
         "funding.other_funds.initial_budget: 不能为负数", "其他资金·年初预算数不能为负数"),
        (', "funding": {"weight": NaN}', "funding.weight: 必须是有限的数字",
         "项目资金·分值必须是有限的数字"),
        (', "indicators": [{"weight": 1e999999}]', "indicators[0].weight: 超出允许的最大值",
         "第 1 行指标的分值超出允许的最大值"),
        (', "indicators": [{"score": -1e999999}]', "indicators[0].score: 不能为负数",
         "第 1 行指标的得分不能为负数"),
        (', "indicators": [{"weight": 1e-7}]', "indicators[0].weight: 小数位数不能超过 6 位",
         "第 1 行指标的分值小数位数不能超过 6 位"),
        (', "indicators": [{"weight": Infinity}]', "indicators[0].weight: 必须是有限的数字",
         "第 1 行指标的分值必须是有限的数字"),
        (', "indicators": [{"weight": true}]', "indicators[0].weight: 应为数字或数字字符串",
         "第 1 行指标的分值应为数字或数字字符串"),
        (', "indicators": [{"weight": [[[1]]]}]', "indicators[0].weight: 应为数字或数字字符串",
         "第 1 行指标的分值应为数字或数字字符串"),
        (', "indicators": [{"weight": 1' + "0" * 5000 + "}]", "indicators[0].weight: 超出",
         "第 1 行指标的分值超出"),
        (', "indicators": [{"grade": "good"}]', "indicators[0].grade: 取值无效",
         "第 1 行指标的评价等级取值无效，应为“达成年度指标”"),
        (', "year": 2' + "0" * 5000, "year: 应为整数", "年度应为整数"),
        (', "year": 2022.0', "year: 应为整数", "年度应为整数"),
        (', "year": 1800', "year: 不能小于 1949", "年度不能小于 1949"),
        (', "project_name": "\\ud800"', "project_name: 包含无效的 Unicode 字符",
         "项目名称包含无效的 Unicode 字符"),
        (', "project_name": "a\\u0000"', "project_name: 第 2 个字符是不允许的控制字符 U+0000",
         "项目名称中第 2 个字符是不允许的控制字符 U+0000"),
        (', "goals": {"actual": "\\u0007"}', "goals.actual: 第 1 个字符",
         "实际完成情况中第 1 个字符是不允许的控制字符 U+0007"),
        (', "funding": {"unit": "美元"}', "funding.unit: 取值无效",
         "项目资金的金额单位取值无效，应为“元”或“万元”"),
        (', "funding": {"total": {"executed": "1", "x": 1}}', "funding.total.x: 未知的键",
         '年度资金总额中有未知的键 "x"（格式 v2 中没有此项）'),
        (', "indicators": [{}, {"nmae": "x"}]', "indicators[1].nmae: 未知的键",
         '第 2 行指标中有未知的键 "nmae"'),
        (', "extra": 1', "extra: 未知的键", '文件中有未知的键 "extra"'),
        (', "goals": {"expected": {"nested": [1, {"junk": null}]}}', "goals.expected: 应为文本",
         "预期目标应为文本"),
        (', "indicators": [{}, 5]', "indicators[1]: 应为 JSON 对象", "第 2 行指标应为 JSON 对象"),
    ],
)
def test_bad_values_are_named_in_the_clerks_words(tail: str, detail: str, words: str) -> None:
    """The message names the cell as the form does; the field path stays in ``detail``
    (``perfeval check --json``), with the field's address in ``location``."""
    exc = failure(lambda: loads_form((HEADER + tail + "}").encode(), "表.json"))
    assert exc.reason.startswith(words), exc.reason
    assert exc.detail.startswith(detail), exc.detail
    assert exc.detailed() == f"“表.json”：{exc.detail}"
    assert exc.location == FieldPath.parse(detail.split(": ")[0])
    assert "[" not in exc.reason.split("：")[0]  # no field path in the clerk's words


def test_several_bad_values_are_counted_in_the_clerks_words() -> None:
    data = (HEADER + ', "indicators": [{"weight": -1, "score": -2}, {"weight": -3}]}').encode()
    assert reason(data) == "第 1 行指标的分值不能为负数（另有 2 处错误）"


def test_a_huge_unknown_key_gives_a_short_line() -> None:
    """A 10 MB key used to give a 10 MB line (and a message box showing only the folder)."""
    key = "k" * 10_000_000
    exc = failure(lambda: loads_form((HEADER + f', "{key}": 1' + "}").encode(), "表.json"))
    assert len(str(exc)) < 200 and len(exc.detailed()) < 200
    assert exc.reason.startswith('文件中有未知的键 "kkkk')
    assert exc.reason.endswith("（格式 v2 中没有此项）")


# --- encodings -----------------------------------------------------------------------------


def test_a_gbk_file_is_recognised_and_opens_as_gbk(tmp_path: Path, seed1: Form) -> None:
    """Saved as GBK by an old editor: a distinct error saying so; opened with
    ``encoding="gbk"`` it is the same form, and saved back it is UTF-8."""
    path = tmp_path / "旧编辑器.json"
    path.write_bytes(dumps_form(seed1).decode("utf-8").encode("gbk"))
    with pytest.raises(FormEncodingError) as info:
        load_form(path)
    assert info.value.encoding == "gbk"
    assert "GBK" in info.value.reason and "UTF-8" in info.value.reason
    assert isinstance(info.value, FormFileError)
    form = load_form(path, encoding="gbk")
    assert form == seed1
    save_form(form, path)
    assert path.read_bytes() == dumps_form(seed1)
    assert load_form(path) == seed1


def test_utf16_is_recognised_and_opens_as_utf16(tmp_path: Path, seed1: Form) -> None:
    path = tmp_path / "u16.json"
    path.write_bytes(dumps_form(seed1).decode("utf-8").encode("utf-16"))
    with pytest.raises(FormEncodingError) as info:
        load_form(path)
    assert info.value.encoding == "utf-16"
    assert load_form(path, encoding="utf-16") == seed1


def test_bytes_that_are_no_text_are_not_taken_for_gbk() -> None:
    for data in (b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 4, b'{"a": "\xff\xfe"}'):
        with pytest.raises(FormFileError) as info:
            loads_form(data)
        assert not isinstance(info.value, FormEncodingError)
        assert "不是 UTF-8" in info.value.reason


def test_a_wrong_encoding_asked_for_is_a_clear_error() -> None:
    assert "不是 GBK 编码的文本" in failure(lambda: loads_form(b"{\xff}", encoding="gbk")).reason
    assert "不支持的文本编码" in failure(lambda: loads_form(b"{}", encoding="klingon")).reason


# --- paths: only regular files, never blocking, never crashing -------------------------------


def test_load_form_names_the_file_and_the_problem(tmp_path: Path) -> None:
    missing = tmp_path / "无此文件.json"
    assert str(load_failure(missing)) == f"“{missing}”：文件不存在"
    assert load_failure(tmp_path).reason == "这是一个文件夹，不是文件"
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "perfeval-selfeval", "version": 1, "year": "x"}')
    assert str(load_failure(bad)) == f"“{bad}”：年度应为整数"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes: `perfeval check` hung."""
    fifo = tmp_path / "管道.json"
    os.mkfifo(fifo)
    exc = returns_within(5, lambda: load_form(fifo))
    assert isinstance(exc, FormFileError)
    assert exc.reason == "这是一个命名管道（FIFO），不是普通文件，未读取"
    assert isinstance(returns_within(5, lambda: load_form_for_repair(fifo)), FormFileError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_swapped_in_after_the_check_does_not_block_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path is checked, then opened non-blocking and the descriptor checked again."""
    fifo = tmp_path / "swapped.json"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular if str(p) == str(fifo)
                        else real_stat(p, *a, **k))
    exc = returns_within(5, lambda: load_form(fifo))
    assert isinstance(exc, FormFileError) and "命名管道" in exc.reason


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_unread() -> None:
    """/dev/zero would be read forever; /dev/tty would take the terminal."""
    assert returns_within(5, lambda: load_failure("/dev/zero")).reason.startswith("这是一个设备")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_is_refused(open_folder: Path) -> None:
    path = open_folder / "s.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert load_failure(path).reason.startswith("这是一个套接字")


def test_a_symlink_loop_is_one_chinese_line(tmp_path: Path) -> None:
    """It was a blank form, no message and three chained tracebacks (path.resolve() in
    the error handler)."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    exc = load_failure(a)
    assert "符号链接形成了循环" in exc.reason
    assert not LATIN_WORD.search(exc.reason)
    assert exc.__cause__ is None and exc.__suppress_context__  # no chained tracebacks


@pytest.mark.parametrize("path", ["a\0b", "表\0.json", Path("x") / "a\0b"])
def test_a_nul_in_the_path_is_a_form_file_error(path: Any) -> None:
    """``load_form("a\\0b")`` raised ValueError."""
    exc = load_failure(path)
    assert "空字符" in exc.reason
    assert "\\x00" in str(exc) and "\0" not in str(exc)  # shown, escaped


def test_a_name_the_system_cannot_take_is_a_form_file_error() -> None:
    assert load_failure("bad\ud800.json").reason == "不是有效的文件名"
    assert load_failure(0).reason == "不是有效的文件名"  # not stdin's descriptor
    assert load_failure(None).reason == "不是有效的文件名"


def test_huge_files_are_refused_on_their_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MAX_FILE_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_bytes((HEADER + ', "project_name": "' + "x" * 200 + '"}').encode())
    assert load_failure(big).reason == "文件过大（超过 0 MB），不是自评表文件"


def test_a_file_growing_while_read_is_cut_off_at_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cap holds while reading too, not only on the size the descriptor reports."""
    big = tmp_path / "growing.json"
    big.write_bytes(b" " * 5000)
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 1000)
    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(os, "fstat", small)
    assert "文件过大" in load_failure(big).reason


def test_the_unreadable_file_test_runs_even_as_root(open_folder: Path) -> None:
    """A file without read permission, read by a process without root's powers (as root:
    a child that dropped to nobody); the same process reads a readable neighbour, so the
    refusal comes from the file's mode and nothing else."""
    locked = open_folder / "locked.json"
    locked.write_bytes(SEED)
    locked.chmod(0)
    readable = open_folder / "readable.json"
    readable.write_bytes(SEED)
    readable.chmod(0o644)

    def read_both() -> str:
        try:
            load_form(locked)
            first = "read"
        except FormFileError as exc:
            first = str(exc)
        return first + "|" + load_form(readable).project_name

    assert run_unprivileged(read_both) == f"“{locked}”：没有读取权限|重点企业服务"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a\nb.json", "a\\nb.json"),
        ("evil\u202egnp.json", "evil\\u202egnp.json"),
        ("x\u2066y\u200fz.json", "x\\u2066y\\u200fz.json"),
        ("tab\there\x1b[31m.json", "tab\\there\\x1b[31m.json"),
        ("line\u2028sep.json", "line\\u2028sep.json"),
        ("bad\udcff.json", "bad\\xff.json"),
        ("自评表　2024.json", "自评表　2024.json"),
    ],
)
def test_a_file_name_cannot_split_or_reorder_the_line(name: str, shown: str) -> None:
    exc = load_failure(name)
    assert str(exc) == f"“{shown}”：文件不存在"


def test_a_long_path_is_shortened_keeping_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / ("很长的文件夹名" * 20)
    path = folder / "二〇二四年度项目支出绩效自评表.json"
    exc = load_failure(path)
    name = exc.name
    assert name.startswith("“") and name.endswith("二〇二四年度项目支出绩效自评表.json”")
    assert len(name) == fileio.MAX_NAME_CHARS + 2 and "…" in name
    assert exc.source == str(path)  # kept whole for the program


# --- OS errors in Chinese -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("ENOENT", "文件或文件夹不存在"),
        ("EACCES", "没有权限（文件夹只读，或文件正被其他程序占用）"),
        ("ENOSPC", "磁盘空间已满"),
        ("EROFS", "磁盘或文件夹是只读的"),
        ("EISDIR", "这是一个文件夹，不是文件"),
        ("ENOTDIR", "路径中有一项不是文件夹"),
        ("ELOOP", "符号链接形成了循环（或链接层数过多），找不到真正的文件"),
        ("EBUSY", "文件或设备正忙"),
        ("ETIMEDOUT", "操作超时（网络共享可能无响应）"),
    ],
)
def test_os_reason_translates_errors_by_number(code: str, text: str) -> None:
    number = getattr(__import__("errno"), code)
    assert os_reason(OSError(number, os.strerror(number))) == text


def test_os_reason_never_passes_english_through() -> None:
    import errno

    protocol = OSError(errno.EPROTO, "Protocol error")
    assert os_reason(protocol) == f"系统错误（EPROTO {errno.EPROTO}）"
    assert os_reason(OSError("no errno at all")) == "系统错误"


# --- opening for repair ----------------------------------------------------------------------


def test_a_sound_file_with_bad_values_opens_for_repair(tmp_path: Path, seed1: Form) -> None:
    """A negative weight, a 10^16 amount and a control character in a text: the rest of
    the form opens, those cells are empty and listed with the text they had."""
    data = json.loads(dumps_form(seed1))
    data["indicators"][1]["weight"] = "-5"
    data["funding"]["total"]["executed"] = 1e16
    data["implementing_unit"] = "上海\u0007市"
    data["indicators"][0]["grade"] = "great"
    path = tmp_path / "坏值.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_failure(path).reason.startswith("实施单位中第 3 个字符")

    form, refused = load_form_for_repair(path)
    assert refused == [
        Refused(FieldPath.parse("implementing_unit"), "上海\u0007市",
                "第 3 个字符是不允许的控制字符 U+0007",
                "实施单位中第 3 个字符是不允许的控制字符 U+0007"),
        Refused(FieldPath.parse("funding.total.executed"), "1E+16", "超出允许的最大值 10^15",
                "年度资金总额·全年执行数超出允许的最大值 10^15"),
        Refused(FieldPath.parse("indicators[0].grade"), "great",
                "取值无效，应为“达成年度指标”“部分达成并具有一定效果”“未达成且效果较差”之一",
                "第 1 行指标的评价等级取值无效，应为“达成年度指标”“部分达成并具有一定效果”"
                "“未达成且效果较差”之一"),
        Refused(FieldPath.parse("indicators[1].weight"), "-5", "不能为负数",
                "第 2 行指标的分值不能为负数"),
    ]
    assert form.implementing_unit == ""
    assert form.funding.total is not None and form.funding.total.executed is None
    assert form.indicators[1].weight is None and form.indicators[0].grade is None
    expected = seed1.model_copy(deep=True)
    expected.implementing_unit = ""
    assert expected.funding.total is not None
    expected.funding.total.executed = None
    expected.indicators[1].weight = None
    expected.indicators[0].grade = None
    assert form == expected  # nothing else changed


def test_repair_of_a_sound_file_refuses_nothing(seed1_path: Path, seed1: Form) -> None:
    assert load_form_for_repair(seed1_path) == (seed1, [])


def test_repair_sets_the_year_and_unit_to_their_defaults_and_says_so() -> None:
    form, refused = loads_form_for_repair(
        (HEADER + ', "year": 1800, "funding": {"unit": "美元", "weight": true}}').encode()
    )
    assert (form.year, form.funding.unit, form.funding.weight) == (Form().year, "元", None)
    assert [(str(r.location), r.text) for r in refused] == [
        ("year", "1800"), ("funding.unit", "美元"), ("funding.weight", "true"),
    ]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (', "indicators": [{"nmae": "x"}]', '第 1 行指标中有未知的键 "nmae"'),
        (', "indicators": [5]', "第 1 行指标应为 JSON 对象"),
        (', "funding": {"total": "x"}', "年度资金总额应为 JSON 对象"),
        (', "indicators": {}', "绩效指标应为 JSON 数组"),
        (', "year": ', "JSON 语法错误"),
    ],
)
def test_repair_still_refuses_a_file_that_is_not_sound(tail: str, expected: str) -> None:
    exc = failure(lambda: loads_form_for_repair((HEADER + tail + "}").encode()))
    assert exc.reason.startswith(expected), exc.reason


def test_repair_keeps_a_long_refused_text_whole() -> None:
    text = "长" * 100_001
    form, refused = loads_form_for_repair(
        (HEADER + ', "goals": {"actual": "' + text + '"}}').encode()
    )
    assert form.goals.actual == ""
    assert refused[0].text == text and "文本过长" in refused[0].reason


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


@settings(max_examples=150)
@given(forms)
def test_load_save_load_is_the_identity(form: Form) -> None:
    data = dumps_form(form)
    again = loads_form(data)
    assert again == form
    assert dumps_form(again) == data
    # Amounts keep their written places, not just their value.
    assert again.to_json_data() == form.to_json_data()
    assert loads_form_for_repair(data) == (form, [])


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_no_byte_string_raises_anything_but_form_file_error(data: bytes) -> None:
    for parse in (loads_form, loads_form_for_repair):
        try:
            parse(data)
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
    for parse in (loads_form, loads_form_for_repair):
        try:
            parse(data)
        except FormFileError as exc:
            assert str(exc).isprintable()


_BAD_NUMBERS = st.one_of(
    st.integers(max_value=-1),
    st.integers(min_value=10**15 + 1, max_value=10**30),
    st.booleans(),
    st.sampled_from(["-0.5", "1e3", "abc", "NaN"]),
)
_BAD_TEXTS = st.text(
    st.characters(whitelist_categories=("Cc",), blacklist_characters="\t\n\r"),
    min_size=1, max_size=3,
) | st.integers() | st.booleans()


@settings(max_examples=100)
@given(st.lists(
    st.tuples(st.sampled_from(["weight", "score"]), _BAD_NUMBERS)
    | st.tuples(st.sampled_from(["name", "target", "deviation"]), _BAD_TEXTS),
    min_size=1, max_size=4,
))
def test_repair_opens_any_sound_file_and_lists_each_refused_value(
    cells: list[tuple[str, Any]],
) -> None:
    rows_ = [{key: value} for key, value in cells]
    data = json.dumps({"format": "perfeval-selfeval", "version": 1, "indicators": rows_}).encode()
    form, refused = loads_form_for_repair(data)
    assert len(form.indicators) == len(cells)
    assert [str(r.location) for r in refused] == [
        f"indicators[{row}].{key}" for row, (key, _) in enumerate(cells)
    ]
    assert [r.text for r in refused] == [
        v if isinstance(v, str) else json.dumps(v) for _, v in cells
    ]
    assert all(form.indicators[row] == Indicator() for row in range(len(cells)))


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


_PATH_TEXT = st.text(st.characters(), max_size=30) | st.sampled_from(
    ["", ".", "..", "/", "/dev/null", "/dev/zero", "/proc/self/mem", "a\0b", "\udcff"]
)


@settings(max_examples=200)
@given(_PATH_TEXT)
def test_no_path_raises_anything_but_form_file_error(text: str) -> None:
    """Whatever the name: a message (one line) or a form, at once."""
    try:
        load_form(text)
    except FormFileError as exc:
        assert "\n" not in str(exc) and exc.source == text


def test_documented_example_is_the_shipped_seed() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "file-format.md").read_text("utf-8")
    example = doc.split("```json\n")[-1].split("```")[0]
    assert example.encode("utf-8") == SEED
    assert loads_form(example.encode("utf-8")).project_name == "重点企业服务"


def test_reading_does_not_change_the_file(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(SEED)
    path.chmod(0o640)
    before = os.stat(path)
    load_form(path)
    after = os.stat(path)
    assert (stat.S_IMODE(after.st_mode), after.st_size, after.st_mtime_ns) == (
        0o640, before.st_size, before.st_mtime_ns,
    )
