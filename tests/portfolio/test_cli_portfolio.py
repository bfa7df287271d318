"""``perfeval summary`` and ``perfeval next-year``: lines, JSON keys, exit codes, outputs
never overwritten without --force."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pfhelpers import make_form, write

from perfeval_gui.cli import COMMANDS, build_parser, main
from perfeval_gui.cli import next_year as next_year_cli
from perfeval_gui.cli import summary as summary_cli
from perfeval_gui.fileio import load_form
from perfeval_gui.portfolio.next_year import CARRIED, CLEARED
from perfeval_gui.workbook.writer import workbook_bytes


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, seed1_path: Path, seed2_path: Path) -> Path:
    root = tmp_path / "表"
    root.mkdir()
    shutil.copy(seed1_path, root / "a.json")
    shutil.copy(seed2_path, root / "sub-b.json")
    return root


def test_both_commands_are_registered() -> None:
    assert summary_cli in COMMANDS and next_year_cli in COMMANDS
    help_text = build_parser().format_help()
    assert "summary" in help_text and "next-year" in help_text


def test_summary_text_lists_each_form_then_the_totals(capsys, folder: Path) -> None:
    code, out, err = run(capsys, "summary", str(folder))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == (f"{folder / 'a.json'}：重点企业服务（2022 年度）全年预算数 380,000.00 元，"
                        "全年执行数 250,000.00 元，执行率 65.79%，总分 85.58，自评等级 良，"
                        "错误 0 个，警告 1 个")
    assert lines[1].startswith(f"{folder / 'sub-b.json'}：促进企业发展")
    assert lines[2:4] == ["", "== 合计"]
    assert "全年预算数合计（元）：1,562,800.00" in lines
    assert "全年执行数合计（元）：1,386,657.40" in lines
    assert "总执行率（%）：88.73" in lines and "平均总分：89.60" in lines
    assert "自评等级 优（个）：1" in lines and "自评等级 良（个）：1" in lines


def test_summary_in_wan(capsys, folder: Path) -> None:
    code, out, _ = run(capsys, "summary", "--unit", "万元", str(folder))
    assert code == 0
    assert "全年预算数合计（万元）：156.28" in out.splitlines()
    assert "全年执行数合计（万元）：138.66574" in out.splitlines()


def test_summary_json_has_check_s_keys_and_a_totals_line(capsys, folder: Path) -> None:
    code, out, _ = run(capsys, "summary", "--json", str(folder))
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert len(objects) == 3
    _, check_out, _ = run(capsys, "check", "--json", str(folder / "a.json"),
                          str(folder / "sub-b.json"))
    checked = [json.loads(line) for line in check_out.splitlines()]
    for mine, theirs in zip(objects, checked, strict=False):
        assert list(mine)[:len(theirs)] == list(theirs)
        assert {k: mine[k] for k in theirs} == theirs
        for key in ("project_name", "implementing_unit", "year", "annual_budget", "executed",
                    "grade", "errors", "warnings"):
            assert key in mine
    first = objects[0]
    assert (first["project_name"], first["year"], first["annual_budget"], first["executed"],
            first["grade"], first["errors"], first["warnings"]) == (
        "重点企业服务", 2022, "380000.00", "250000.00", "良", 0, 1)
    assert objects[-1] == {"totals": {
        "unit": "元", "forms": 2, "unreadable": 0, "annual_budget": "1562800.00",
        "executed": "1386657.40", "execution_rate": "88.73", "mean_score": "89.60",
        "median_score": "89.60", "grades": {"优": 1, "良": 1, "中": 0, "差": 0},
        "ungraded": 0, "errors": 0, "warnings": 2, "forms_with_errors": 0,
        "codes": {"score-off-rule": 2, "sources-mismatch": 2}}}


def test_exit_codes_as_check(capsys, folder: Path) -> None:
    write(folder / "error.json", make_form(scores=["100"]))  # score above weight: an error
    code, _, _ = run(capsys, "summary", str(folder))
    assert code == 1
    (folder / "broken.json").write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "summary", "--json", str(folder))
    assert code == 2
    assert f"perfeval: 无法读取 “{folder / 'broken.json'}”：文件不完整" in err
    lines = [json.loads(line) for line in out.splitlines()]
    assert {"file": str(folder / "broken.json"),
            "error": "文件不完整：内容在第 1 行第 2 列处中断（可能没有保存完，或复制、下载不完整）"
            } in lines
    assert lines[-1]["totals"]["unreadable"] == 1
    assert "Traceback" not in err


def test_a_workbook_s_forms_are_summed_too(capsys, tmp_path: Path) -> None:
    data, _ = workbook_bytes([make_form("甲", budget="10", executed="5"),
                              make_form("乙", budget="20", executed="20")])
    (tmp_path / "book.xlsx").write_bytes(data)
    code, out, _ = run(capsys, "summary", "--json", str(tmp_path))
    objects = [json.loads(line) for line in out.splitlines()]
    assert [(o["file"], o["sheet"], o["index"]) for o in objects[:2]] == [
        (f"{tmp_path / 'book.xlsx'}（甲）", "甲", 1), (f"{tmp_path / 'book.xlsx'}（乙）", "乙", 1)]
    assert objects[-1]["totals"]["annual_budget"] == "30.00"
    assert code == 1  # no indicators: weights do not add up to 100


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".pdf"])
def test_the_roll_up_is_written_and_never_overwritten_without_force(
        capsys, folder: Path, tmp_path: Path, suffix: str) -> None:
    target = folder / f"汇总{suffix}"  # inside the scanned folder: must not scan itself
    code, out, err = run(capsys, "summary", str(folder), "-o", str(target))
    assert code == 0, err
    assert out.splitlines()[0] == "== 合计"  # no line per form with -o
    assert out.splitlines()[-1] == f"汇总已写入 {target}（2 个表）"
    data = target.read_bytes()
    assert data[:4] in (b"PK\x03\x04", b"\xef\xbb\xbf\xe9", b"%PDF")
    code, _, err = run(capsys, "summary", str(folder), "-o", str(target))
    assert code == 2
    assert err == f"perfeval summary: {target} 已存在，未覆盖（确认覆盖请加 --force）\n"
    assert target.read_bytes() == data
    code, out, err = run(capsys, "summary", str(folder), "-o", str(target), "--force")
    assert code == 0 and "无法读取" not in err
    assert "无法读取的文件（个）：0" in out


def test_xlsx_from_the_command_line_has_the_totals(capsys, folder: Path) -> None:
    target = folder.parent / "汇总.xlsx"
    assert main(["summary", str(folder), "-o", str(target), "--unit", "万元"]) == 0
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))["汇总"]
    pairs = dict(sheet.iter_rows(values_only=True))
    assert pairs["全年预算数合计（万元）"] == pytest.approx(156.28)
    assert str(pairs["全年执行数合计（万元）"]) == "138.66574"


def test_a_wrong_output_ending_is_refused_before_scanning(capsys, folder: Path) -> None:
    code, out, err = run(capsys, "summary", str(folder), "-o", str(folder / "x.docx"))
    assert code == 2 and out == ""
    assert "扩展名应为 .xlsx、.csv 或 .pdf" in err


def test_summary_imports_neither_reportlab_nor_qt_unless_printing(seed1_path: Path) -> None:
    code = (
        "import sys; from perfeval_gui.cli import main; "
        f"rc = main(['summary', {str(seed1_path)!r}]); "
        "heavy = [m for m in ('reportlab', 'PySide6') if m in sys.modules]; "
        "print('HEAVY', heavy, rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False, encoding="utf-8")
    assert done.stdout.splitlines()[-1] == "HEAVY [] 0", done.stderr


# --- next-year ---------------------------------------------------------------------------


def test_next_year_writes_beside_and_says_what_was_carried_and_cleared(capsys,
                                                                       folder: Path) -> None:
    source = folder / "a.json"
    before = source.read_bytes()
    code, out, err = run(capsys, "next-year", str(source))
    assert code == 0 and err == ""
    target = folder / "a-2023.json"
    lines = out.splitlines()
    assert lines == [f"{source} → {target}（2022 → 2023 年度）",
                     "沿用：" + "、".join(CARRIED), "已清空：" + "、".join(CLEARED)]
    new = load_form(target)
    assert new.year == 2023 and new.project_name == "重点企业服务"
    assert all(i.score is None for i in new.indicators)
    assert source.read_bytes() == before
    code, _, err = run(capsys, "next-year", str(source))
    assert code == 2
    assert f"{target} 已存在，未覆盖（确认覆盖请加 --force）" in err
    assert run(capsys, "next-year", str(source), "--force")[0] == 0


def test_next_year_out_dir_and_o(capsys, folder: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "2023"
    code, _, _ = run(capsys, "next-year", str(folder / "a.json"), str(folder / "sub-b.json"),
                     "--out-dir", str(out_dir))
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["a-2023.json", "sub-b-2023.json"]
    code, _, err = run(capsys, "next-year", str(folder / "a.json"), str(folder / "sub-b.json"),
                       "-o", str(tmp_path / "x.json"))
    assert code == 2 and "-o 只能用于一个输入文件" in err
    code, _, _ = run(capsys, "next-year", str(folder / "a.json"), "-o", str(tmp_path / "新.json"))
    assert code == 0 and load_form(tmp_path / "新.json").year == 2023


def test_next_year_never_overwrites_its_source_and_reports_bad_files(capsys, tmp_path: Path
                                                                     ) -> None:
    source = write(tmp_path / "表2024.json", make_form(year=2024))
    code, _, err = run(capsys, "next-year", str(source), "-o", str(source), "--force")
    assert code == 2 and "与输入或前面的表重名" in err
    (tmp_path / "坏.json").write_text("{", encoding="utf-8")
    (tmp_path / "book.xlsx").write_bytes(b"PK")
    code, _, err = run(capsys, "next-year", str(tmp_path / "坏.json"),
                       str(tmp_path / "book.xlsx"), str(source))
    assert code == 2
    assert "无法读取 “" in err and "请先用 perfeval import 导入" in err
    assert load_form(tmp_path / "表2025.json").year == 2025  # the good one still written
