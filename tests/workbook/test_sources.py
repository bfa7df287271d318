"""The .xlsx source: what calamine does not tell (percent formats, formulas) read from the
sheet XML whichever way a writer spells its cells."""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_layouts import UNIT_FORM, UNREAD, unit_template
from wbhelpers import Template, build, ods, ods_row, ods_text

from perfeval_gui.model import Form
from perfeval_gui.workbook.cells import WorkbookError
from perfeval_gui.workbook.reader import forms_in_book, read_workbook
from perfeval_gui.workbook.sources import read_book_bytes
from perfeval_gui.workbook.writer import workbook_bytes

_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _prefixed(source: Path, target: Path) -> Path:
    """``source`` with every element of its sheets written ``<x:c r=…>`` (the OpenXML SDK
    and some budget systems write sheets this way)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                head, rest = body.split(b"?>", 1)
                rest = re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", rest)
                body = head + b"?>" + rest.replace(b'xmlns="' + _MAIN, b'xmlns:x="' + _MAIN)
                assert b'<x:c r="' in body and b"<c " not in body
            out.writestr(info, body)
    return target


def test_percent_cells_of_a_prefixed_sheet(tmp_path: Path) -> None:
    """0.95 formatted 0% is the clerk's 95% in either spelling of the sheet."""
    plain = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    for path in (plain, _prefixed(plain, tmp_path / "prefixed.xlsx")):
        (found,) = read_workbook(str(path))
        assert found.form == UNIT_FORM
        assert [str(n) for n in found.notes] == [UNREAD]


def test_the_auto_total_of_a_prefixed_sheet(seed1: Form, tmp_path: Path) -> None:
    """The auto-summed total is told by its formulas: found in either spelling."""
    auto = seed1.model_copy(update={"funding": seed1.funding.model_copy(update={"total": None})})
    plain = tmp_path / "auto.xlsx"
    plain.write_bytes(workbook_bytes([auto, seed1])[0])
    for path in (plain, _prefixed(plain, tmp_path / "prefixed.xlsx")):
        assert [f.form for f in read_workbook(str(path))] == [auto, seed1]


def _with_member_bytes(source: Path, target: Path, name: str,
                       change: Callable[[bytes], bytes]) -> Path:
    """``source`` with the stored (compressed) bytes of member ``name`` changed in place,
    its zip directory untouched: a damaged or lying archive."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(name)
    at = info.header_offset
    start = at + 30 + int.from_bytes(data[at + 26:at + 28], "little") \
        + int.from_bytes(data[at + 28:at + 30], "little")
    raw = bytes(data[start:start + info.compress_size])
    changed = change(raw)
    assert len(changed) == len(raw)
    data[start:start + len(raw)] = changed
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(("name", "change"), [
    # a flipped bit in the middle of the deflated sheet: its CRC no longer matches
    ("xl/worksheets/sheet1.xml", lambda raw: raw[:len(raw) // 2]
     + bytes([raw[len(raw) // 2] ^ 0x01]) + raw[len(raw) // 2 + 1:]),
    # the deflate stream cut short (its end replaced by zero bytes)
    ("xl/worksheets/sheet1.xml", lambda raw: raw[:len(raw) // 3] + bytes(len(raw) - len(raw) // 3)),
    ("xl/workbook.xml", lambda raw: bytes(len(raw))),
    ("xl/styles.xml", lambda raw: raw[:-8] + bytes(8)),
])
def test_a_damaged_member_is_refused_in_one_line(tmp_path: Path, seed1: Form, name: str,
                                                 change: Callable[[bytes], bytes]) -> None:
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(workbook_bytes([seed1])[0])
    damaged = _with_member_bytes(plain, tmp_path / "damaged.xlsx", name, change)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(str(damaged))
    assert "文件已损坏" in caught.value.reason and "\n" not in caught.value.reason


def test_a_member_longer_than_its_declared_size_is_refused(tmp_path: Path, seed1: Form) -> None:
    """The zip directory's sizes are what the bomb check trusted: a member that inflates
    to more is refused, not read on."""
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(workbook_bytes([seed1])[0])
    data = bytearray(plain.read_bytes())
    with zipfile.ZipFile(plain) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # the central directory entry of the sheet: its uncompressed size at offset 24
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        length = int.from_bytes(data[entry + 28:entry + 30], "little")
        if data[entry + 46:entry + 46 + length] == info.filename.encode():
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert entry >= 0
    data[entry + 24:entry + 28] = (info.file_size // 2).to_bytes(4, "little")
    lying = tmp_path / "lying.xlsx"
    lying.write_bytes(bytes(data))
    with pytest.raises(WorkbookError) as caught:
        read_workbook(str(lying))
    assert "文件已损坏" in caught.value.reason


def test_a_member_whose_bytes_differ_from_its_crc_is_refused(tmp_path: Path) -> None:
    """A member read here (an .ods manifest: calamine never sees it) whose bytes no longer
    match the CRC in the zip directory is refused, as ZipFile would refuse it."""
    manifest = b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:x"/>'
    good = ods(tmp_path / "good.ods", [ods_row(ods_text("项目名称"), ods_text("x"))])
    stored = tmp_path / "stored.ods"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(stored, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_STORED)
    with pytest.raises(WorkbookError, match="未找到自评表"):  # read, and no form in it
        read_workbook(str(stored))
    damaged = _with_member_bytes(stored, tmp_path / "damaged.ods", "META-INF/manifest.xml",
                                 lambda raw: raw.replace(b"urn:x", b"urn:y"))
    with pytest.raises(WorkbookError) as caught:
        read_workbook(str(damaged))
    assert caught.value.reason == "文件已损坏（META-INF/manifest.xml 无法解压）"


def test_a_workbook_without_styles_reads_its_numbers_plainly(tmp_path: Path) -> None:
    """No xl/styles.xml (a budget system's bare export): no percent formats to know, so
    0.95 is read as 0.95, and the missing part is no crash when a number is read."""
    plain = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bare, "w") as out:
        for info in src.infolist():
            if info.filename != "xl/styles.xml":
                out.writestr(info, src.read(info))
    (found,) = read_workbook(str(bare))
    assert [i.actual for i in found.form.indicators] == ["1050", "1", "0.95", "92%"]
    assert found.form.indicators[0] == UNIT_FORM.indicators[0]


def test_random_damage_is_read_or_refused_in_one_line(seed1: Form) -> None:
    """Bytes flipped anywhere in a workbook, or the file cut short: the reader returns
    forms or raises WorkbookError, never anything else (500 seeded cases, ~0.5 s)."""
    data = workbook_bytes([seed1])[0]
    rng = random.Random(20261203)
    outcomes = {"read": 0, "refused": 0}
    for case in range(500):
        damaged = bytearray(data[:rng.randrange(len(data))] if case % 5 == 0 else data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            forms_in_book(read_book_bytes(bytes(damaged), "x.xlsx"), "x.xlsx")
            outcomes["read"] += 1
        except WorkbookError as exc:
            assert exc.reason and "\n" not in exc.reason
            outcomes["refused"] += 1
    assert outcomes["read"] and outcomes["refused"]  # both kinds of damage were met


def test_unreadable_funding_cells_are_named_as_the_spec_names_them(tmp_path: Path) -> None:
    """A note names a funding cell by its row and column (``spec.cell_name``), an indicator
    cell by its column (the address gives the row)."""
    def sheet(t: Template) -> None:
        t.line("项目支出绩效自评表（2022年度）")
        t.line("项目名称", "测试项目")
        t.line("项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值")
        t.line("", "年度资金总额", "约1000", 1200, 1100, "十")
        t.line("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值",
               "得分")
        t.line("", "产出指标", "数量指标", "人数", "100", "100", 10, "满分")
        t.line("总分", "", "", "", "", "", 10, "")

    path = build(tmp_path / "notes.xlsx", ("Sheet1", sheet))
    (found,) = read_workbook(str(path))
    assert sorted((str(n.path), n.message) for n in found.notes) == [
        ("funding.total.initial_budget", "年度资金总额·年初预算数“约1000”不是数字"),
        ("funding.weight", "项目资金·分值“十”不是数字"),
        ("indicators[0].score", "得分“满分”不是数字")]
