"""Scanning files and folders: what is found, in which order, every unreadable file listed
with its reason, FIFOs and link loops never hang, progress and cancelling."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import as_other_user
import pytest
from as_other_user import run_unprivileged
from pfhelpers import entries, make_form, write

from perfeval_gui.portfolio import scanner as scan_module
from perfeval_gui.portfolio.rows import FormRow, Unreadable
from perfeval_gui.portfolio.scanner import LOOP_REASON, read_entries, scan, walk
from perfeval_gui.workbook.writer import workbook_bytes


def test_folders_are_searched_recursively_in_name_order(tmp_path: Path) -> None:
    write(tmp_path / "b.json", make_form("乙"))
    write(tmp_path / "a.json", make_form("甲"))
    write(tmp_path / "sub" / "c.json", make_form("丙"))
    write(tmp_path / "sub" / "deeper" / "d.JSON", make_form("丁"))
    (tmp_path / "说明.pdf").write_bytes(b"%PDF-1.4")  # not a form's ending: passed over
    (tmp_path / "notes.txt").write_text("x")
    found = entries([tmp_path])
    assert [e.project_name for e in found if isinstance(e, FormRow)] == ["甲", "乙", "丙", "丁"]
    assert [e.file for e in found] == [
        str(tmp_path / "a.json"), str(tmp_path / "b.json"), str(tmp_path / "sub" / "c.json"),
        str(tmp_path / "sub" / "deeper" / "d.JSON")]


def test_hidden_lock_and_temporary_files_are_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "a.json", make_form("甲"))
    (tmp_path / ".~lock.a.json#").write_text("lock")
    (tmp_path / "~$book.xlsx").write_bytes(b"\x00owner")  # Excel's / WPS's owner file
    (tmp_path / ".a.json.123-abcdef0123.tmp").write_text("{")
    write(tmp_path / ".hidden" / "b.json", make_form("乙"))
    assert [e.file for e in entries([tmp_path])] == [str(tmp_path / "a.json")]


def test_every_unreadable_file_is_listed_with_its_reason(tmp_path: Path) -> None:
    write(tmp_path / "good.json", make_form("好"))
    (tmp_path / "cut.json").write_text('{"format": "perfeval-selfeval", "version": 1, "ye')
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "other.json").write_text('{"name": "package"}')
    (tmp_path / "gbk.json").write_bytes('{"project_name": "项目"}'.encode("gbk"))
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook at all")
    found = entries([tmp_path, tmp_path / "missing.json"])
    reasons = {Path(e.file).name: e.reason for e in found if isinstance(e, Unreadable)}
    assert reasons["cut.json"].startswith("文件不完整")
    assert reasons["empty.json"] == "文件为空"
    assert reasons["other.json"].startswith("不是自评表文件")
    assert "GBK" in reasons["gbk.json"]
    assert reasons["bad.xlsx"].startswith("不是 Excel/WPS 表格文件")
    assert reasons["missing.json"] == "文件不存在"
    assert len(found) == 7 and sum(isinstance(e, FormRow) for e in found) == 1
    missing = found[-1]
    assert isinstance(missing, Unreadable)
    assert missing.message == f"“{tmp_path / 'missing.json'}”：文件不存在"


def test_a_refused_value_keeps_its_field_path_in_detail(tmp_path: Path) -> None:
    path = write(tmp_path / "f.json", make_form(scores=["5"]))
    path.write_text(path.read_text(encoding="utf-8").replace('"score": "5"', '"score": "-5"'),
                    encoding="utf-8")
    [entry] = read_entries(str(path))
    assert isinstance(entry, Unreadable)
    assert entry.reason == "第 1 行指标的得分不能为负数"
    assert entry.detail == "indicators[0].score: 不能为负数"


def test_a_workbook_gives_a_row_per_form_with_its_sheet(tmp_path: Path) -> None:
    book = tmp_path / "汇总.xlsx"
    data, _ = workbook_bytes([make_form("甲", budget="100", executed="50"),
                              make_form("乙", budget="200", executed="200")])
    book.write_bytes(data)
    rows = entries([tmp_path])
    assert [(r.project_name, r.sheet, r.index, r.place) for r in rows
            if isinstance(r, FormRow)] == [("甲", "甲", 1, "甲"), ("乙", "乙", 1, "乙")]
    assert all(r.file == str(book) for r in rows)
    assert rows[0].label == f"{book}（甲）"  # as perfeval check names it


def test_the_same_file_by_two_routes_is_read_once(tmp_path: Path) -> None:
    form = write(tmp_path / "a.json", make_form("甲", budget="100"))
    (tmp_path / "link.json").symlink_to(form)
    found = entries([tmp_path, form, str(form)])
    assert [e.file for e in found] == [str(form)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_folder_with_fifos_and_link_loops_is_scanned_without_hanging(tmp_path: Path) -> None:
    """Run in a child process: a hang fails the test at the timeout instead of blocking it."""
    write(tmp_path / "a.json", make_form("甲"))
    os.mkfifo(tmp_path / "管道.json")
    os.mkfifo(tmp_path / "管道.xlsx")  # the workbook reader itself opens whatever it is given
    (tmp_path / "loop").symlink_to(tmp_path)  # a folder link back up the tree
    (tmp_path / "x.json").symlink_to(tmp_path / "y.json")  # a file link loop
    (tmp_path / "y.json").symlink_to(tmp_path / "x.json")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path / "sub")
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from pfhelpers import entries; "
            "[print(type(e).__name__, e.file, getattr(e, 'reason', '')) "
            "for e in entries([sys.argv[1]])]")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(Path(__file__).parent)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30
    lines = done.stdout.splitlines()
    assert lines[0] == f"FormRow {tmp_path / 'a.json'} "
    assert f"Unreadable {tmp_path / 'loop'} {LOOP_REASON}" in lines
    assert f"Unreadable {tmp_path / 'sub' / 'up'} {LOOP_REASON}" in lines
    fifo = "这是一个命名管道（FIFO），不是普通文件，未读取"
    assert f"Unreadable {tmp_path / '管道.json'} {fifo}" in lines
    assert f"Unreadable {tmp_path / '管道.xlsx'} {fifo}" in lines
    loops = [line for line in lines if line.startswith(f"Unreadable {tmp_path / 'x.json'}")]
    assert loops == [f"Unreadable {tmp_path / 'x.json'} 符号链接形成了循环（或链接层数过多），"
                     "找不到真正的文件"]
    assert len(lines) == 7


def test_a_folder_that_cannot_be_opened_is_listed() -> None:
    with as_other_user.open_folder() as folder:
        locked = folder / "locked"
        write(locked / "a.json", make_form())
        locked.chmod(0)

        def check() -> str:
            return "\n".join(f"{type(e).__name__} {e.file} {getattr(e, 'reason', '')}"
                             for e in entries([folder]))

        assert run_unprivileged(check) == (
            f"Unreadable {locked} 无法打开文件夹：没有权限（文件夹只读，或文件正被其他程序占用）")


def test_progress_counts_files_and_the_total_is_known_before_reading(tmp_path: Path,
                                                                     monkeypatch) -> None:
    monkeypatch.setattr(scan_module, "LISTING_TICK", 2)
    for i in range(5):
        write(tmp_path / f"{i}.json", make_form(str(i)))
    steps = list(scan([str(tmp_path)]))
    listing = [s for s in steps if s.listing]
    assert [(s.done, s.total) for s in listing] == [(0, 2), (0, 4)]
    rest = steps[len(listing):]
    assert (rest[0].entry, rest[0].done, rest[0].total) == (None, 0, 5)
    assert [(s.done, s.total) for s in rest[1:]] == [(i, 5) for i in range(1, 6)]
    assert all(s.entry is not None for s in rest[1:])


def test_stopping_the_iteration_reads_nothing_more(tmp_path: Path, monkeypatch) -> None:
    for i in range(4):
        write(tmp_path / f"{i}.json", make_form(str(i)))
    read: list[str] = []
    real = scan_module.read_entries

    def counting(path: str):
        read.append(path)
        return real(path)

    monkeypatch.setattr(scan_module, "read_entries", counting)
    steps = scan([str(tmp_path)])
    first = next(s for s in steps if s.entry is not None)
    steps.close()
    assert first.entry is not None and first.entry.file == str(tmp_path / "0.json")
    assert read == [str(tmp_path / "0.json")]


def test_excluded_files_are_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "a.json", make_form())
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"an earlier roll-up")
    assert list(walk([str(tmp_path)], exclude=[str(out)])) == [str(tmp_path / "a.json")]
