"""``perfeval import``, ``perfeval export`` and ``perfeval check`` on workbooks: files
written, names, exit codes, the lines printed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_layouts import UNIT_FORM, UNREAD, unit_template
from wbhelpers import build, convert

from perfeval_gui.cli import main
from perfeval_gui.fileio import load_form
from perfeval_gui.model import Form
from perfeval_gui.workbook.writer import workbook_bytes


def test_export_then_import_gives_back_the_file(tmp_path: Path, seed1_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    form = shutil.copy(seed1_path, tmp_path / "seed.json")
    assert main(["export", str(form)]) == 0
    book = tmp_path / "seed.xlsx"
    assert book.read_bytes().startswith(b"PK")
    assert capsys.readouterr().out == f"{form} → {book}\n"
    assert main(["import", str(book), "-o", str(tmp_path / "back.json")]) == 0
    assert load_form(tmp_path / "back.json") == load_form(seed1_path)


def test_nothing_is_overwritten_without_force(tmp_path: Path, seed1_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    form = shutil.copy(seed1_path, tmp_path / "seed.json")
    book = tmp_path / "seed.xlsx"
    book.write_bytes(b"the clerk's own workbook")
    assert main(["export", str(form)]) == 2
    assert book.read_bytes() == b"the clerk's own workbook"
    assert "已存在，未覆盖（确认覆盖请加 --force）" in capsys.readouterr().err
    assert main(["export", str(form), "--force"]) == 0
    before = Path(form).read_bytes()
    assert main(["import", str(book)]) == 2  # seed.json is there
    assert Path(form).read_bytes() == before


def test_several_forms_are_numbered_and_unread_cells_exit_1(
        tmp_path: Path, seed1: Form, seed2: Form, capsys: pytest.CaptureFixture[str]) -> None:
    both = tmp_path / "both.xlsx"
    both.write_bytes(workbook_bytes([seed1, seed2])[0])
    unit = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    out = tmp_path / "out"
    assert main(["import", str(both), str(unit), "--out-dir", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["both-1.json", "both-2.json", "unit.json"]
    assert load_form(out / "both-2.json") == seed2
    assert load_form(out / "unit.json") == UNIT_FORM
    printed = capsys.readouterr()
    assert f"{unit}（Sheet1）：1 处未能读取，已留空：\n  {UNREAD}\n" in printed.err
    assert f"{both}（{seed1.project_name}）→ {out / 'both-1.json'}" in printed.out


def test_import_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    bad = tmp_path / "bad.xlsx"
    bad.write_text("x", encoding="utf-8")
    assert main(["import", "--json", str(unit), str(bad)]) == 2
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["output"] == str(tmp_path / "unit.json")
    assert first["notes"] == [{"cell": "Sheet1!J18", "message": "得分“约20”不是数字",
                               "location": "indicators[1].score"}]
    assert second == {"source": str(bad), "error": "不是 Excel/WPS 表格文件（.xlsx、.xls 或 .ods）"}


def test_check_reads_workbooks_directly(tmp_path: Path, seed1_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    unit = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    assert main(["check", str(seed1_path), str(unit)]) == 0
    text = capsys.readouterr().out
    assert f"== {unit}（Sheet1）" in text
    assert f"[警告] unread-cell（indicators[1].score）：{UNREAD}" in text
    assert main(["check", "--json", str(unit)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["file"] == f"{unit}（Sheet1）"
    assert record["findings"][0]["code"] == "unread-cell"


def test_check_reports_an_unreadable_workbook(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("perfeval: 无法读取 ") and "bad.xls" in err[0]


def test_options_are_checked_up_front(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "a.json", "b.json", "-o", "x.xlsx"]) == 2
    assert "-o 只能用于一个输入文件" in capsys.readouterr().err
    assert main(["import", "a.xlsx", "-o", "x.json", "--out-dir", str(tmp_path)]) == 2
    assert "不能同时使用" in capsys.readouterr().err


def test_a_damaged_xls_leaves_json_output_clean(tmp_path: Path, seed1: Form,
                                                lo_dir: Path) -> None:
    """xlrd prints warnings about a damaged .xls on stdout by default; `--json` output
    must stay one JSON object a line (a fresh process: xlrd binds stdout at import)."""
    source = tmp_path / "form.xlsx"
    source.write_bytes(workbook_bytes([seed1])[0])
    (xls,) = convert([source], "xls", lo_dir)
    damaged = tmp_path / "damaged.xls"
    damaged.write_bytes(xls.read_bytes() + b"\0" * 100)  # no longer whole 512-byte sectors
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from perfeval_gui.cli import main; "
         "sys.exit(main(sys.argv[1:]))", "import", "--json", str(damaged), "--out-dir",
         str(tmp_path / "out")], capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout[:500]
    assert json.loads(lines[0])["source"] == str(damaged)
