"""The ``perfeval`` command: check (text, --json), exit codes, schema, --version, pdf."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui import __version__, cli
from perfeval_gui.cli import main
from perfeval_gui.cli import pdf as cli_pdf
from perfeval_gui.fileio import save_form
from perfeval_gui.model import Form, form_json_schema

JSON_KEYS = ["file", "execution_rate", "funding_score", "total_score", "weight_total", "grade",
             "findings", "project_name", "source"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def erroneous(tmp_path: Path, seed1: Form) -> Path:
    """Seed 1 with a score above its weight and weights no longer adding up to 100."""
    form = seed1.model_copy(deep=True)
    form.indicators[0].score = form.indicators[0].weight + 5  # type: ignore[operator]
    form.funding.weight = None
    path = tmp_path / "超分.json"
    save_form(form, path)
    return path


def test_check_seeds_text(capsys: pytest.CaptureFixture[str], seed1_path: Path, seed2_path: Path):
    code, out, err = run(capsys, "check", str(seed1_path), str(seed2_path))
    assert code == 0
    assert err == ""
    first, second = out.split("\n\n")
    assert first.startswith(f"== {seed1_path}\n")
    assert "项目名称：重点企业服务（2022 年度）" in first
    assert "执行率 65.79%　资金得分 6.58　分值合计 100　总分 85.58　自评等级 良" in first
    assert "全年预算数 380,000.00，全年执行数 250,000.00" in first
    assert "[警告] sources-mismatch（funding.total.annual_budget）" in first
    # figures come before findings
    assert first.index("总分") < first.index("sources-mismatch")
    assert "执行率 96.10%　资金得分 9.61　分值合计 100　总分 93.61　自评等级 优" in second


def test_check_seeds_json(capsys: pytest.CaptureFixture[str], seed1_path: Path, seed2_path: Path):
    code, out, _ = run(capsys, "check", "--json", str(seed1_path), str(seed2_path))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    one, two = (json.loads(line) for line in lines)
    assert list(one) == JSON_KEYS
    assert one["file"] == str(seed1_path)
    assert (one["execution_rate"], one["funding_score"], one["total_score"]) == (
        "65.79", "6.58", "85.58",
    )
    assert one["weight_total"] == "100"
    assert (two["execution_rate"], two["funding_score"], two["total_score"]) == (
        "96.10", "9.61", "93.61",
    )
    assert (one["grade"], two["grade"]) == ("良", "优")  # 85.58, 93.61
    for finding in one["findings"] + two["findings"]:
        assert list(finding) == ["severity", "code", "message", "location"]
        assert finding["severity"] in ("error", "warning", "info")
    codes = [f["code"] for f in one["findings"]]
    assert "sources-mismatch" in codes
    mismatch = next(f for f in one["findings"] if f["code"] == "sources-mismatch")
    assert mismatch["severity"] == "warning"
    assert mismatch["location"].startswith("funding.total")
    assert "380,000.00" in mismatch["message"]  # Chinese text, not escaped
    assert "\\u" not in out


def test_json_findings_are_the_rules_findings(
    capsys: pytest.CaptureFixture[str], seed1_path: Path, seed1: Form
) -> None:
    from perfeval_gui.rules import check

    _, out, _ = run(capsys, "check", "--json", str(seed1_path))
    expected = [
        {"severity": f.severity, "code": f.code, "message": f.message,
         "location": str(f.location)}
        for f in check(seed1)
    ]
    assert json.loads(out)["findings"] == expected


def test_error_finding_exits_1(
    capsys: pytest.CaptureFixture[str], erroneous: Path, seed2_path: Path
) -> None:
    code, out, err = run(capsys, "check", str(seed2_path), str(erroneous))
    assert code == 1
    assert err == ""
    assert "[错误] score-exceeds-weight（indicators[0].score）" in out
    assert "[错误] weights-not-100" in out
    assert "检查：错误 " in out
    code, out, _ = run(capsys, "check", "--json", str(erroneous))
    assert code == 1
    data = json.loads(out)
    assert data["execution_rate"] == "65.79"
    assert data["funding_score"] == "0.00"  # no funding weight
    assert data["weight_total"] == "90"
    assert data["total_score"] == "84.00"  # 79 + 5
    errors = {f["code"] for f in data["findings"] if f["severity"] == "error"}
    assert {"score-exceeds-weight", "weights-not-100"} <= errors


def test_unreadable_file_exits_2_and_others_are_still_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed1_path: Path, erroneous: Path
) -> None:
    broken = tmp_path / "坏.json"
    broken.write_bytes(b'{"format": "perfeval-selfeval", "version": 1, "year": ')
    missing = tmp_path / "missing.json"
    code, out, err = run(
        capsys, "check", "--json", str(broken), str(seed1_path), str(missing), str(erroneous)
    )
    assert code == 2  # unreadable wins over an error finding
    assert [json.loads(line)["file"] for line in out.splitlines()] == [
        str(seed1_path), str(erroneous),
    ]
    err_lines = err.splitlines()
    assert len(err_lines) == 2
    assert err_lines[0].startswith(f"perfeval: 无法读取 “{broken}”：文件不完整：内容在第 1 行第 ")
    assert err_lines[1] == f"perfeval: 无法读取 “{missing}”：文件不存在"
    assert "Traceback" not in err


def test_bad_field_message_names_file_and_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "neg.json"
    bad.write_text(
        '{"format": "perfeval-selfeval", "version": 1, "indicators": [{}, {}, {}, '
        '{"weight": "-1"}]}',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2
    assert out == ""
    assert err.strip() == f"perfeval: 无法读取 “{bad}”：第 4 行指标的分值不能为负数"
    # --json keeps the field path, for programs
    code, out, err = run(capsys, "check", "--json", str(bad))
    assert (code, out) == (2, "")
    assert err.strip() == f"perfeval: 无法读取 “{bad}”：indicators[3].weight: 不能为负数"


@pytest.mark.parametrize(
    ("tail", "words"),
    [
        (', "funding": {"total": {"executed": 1e16}}',
         "年度资金总额·全年执行数超出允许的最大值 10^15"),
        (', "indicators": [{}, {"weight": -2}]', "第 2 行指标的分值不能为负数"),
        (', "project_name": "a\\u0001"', "项目名称中第 2 个字符是不允许的控制字符 U+0001"),
    ],
)
def test_bad_values_are_named_as_the_form_names_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tail: str, words: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "perfeval-selfeval", "version": 1' + tail + "}", encoding="utf-8")
    for command in (["check"], ["pdf", "--out-dir", str(tmp_path / "pdf")]):
        code, _, err = run(capsys, *command, str(bad))
        assert code == 2
        assert err.strip().endswith(f"无法读取 “{bad}”：{words}")


def test_a_name_with_a_newline_or_bidi_control_stays_one_visible_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed1: Form
) -> None:
    path = tmp_path / "a\nb\u202ec.json"
    save_form(seed1, path)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert out.splitlines()[0] == f"== {tmp_path}/a\\nb\\u202ec.json"
    missing = tmp_path / "x\ny.json"
    code, _, err = run(capsys, "check", str(missing))
    assert err == f"perfeval: 无法读取 “{tmp_path}/x\\ny.json”：文件不存在\n"


def test_undefined_rate_is_null_in_json(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    empty = tmp_path / "empty.json"
    save_form(Form(), empty)
    code, out, _ = run(capsys, "check", "--json", str(empty))
    data = json.loads(out)
    assert data["execution_rate"] is None
    assert data["funding_score"] == "0.00"
    assert data["total_score"] == "0.00"
    assert data["weight_total"] == "10"
    assert data["grade"] is None  # nothing scored yet: no 自评等级 (figures.form_grade)
    assert "budget-missing" in {f["code"] for f in data["findings"]}
    assert code == 1
    _, out, _ = run(capsys, "check", str(empty))
    assert "执行率 —" in out
    assert "全年预算数 空，全年执行数 空" in out
    assert "（未填写项目名称）" in out
    assert "总分 0.00　自评等级 —" in out


@pytest.mark.parametrize(
    ("total", "grade"),
    [("59.99", "差"), ("60", "中"), ("79.99", "中"), ("80", "良"), ("89.99", "良"), ("90", "优")],
)
def test_check_grades_the_total(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                total: str, grade: str) -> None:
    from decimal import Decimal

    form = Form.model_validate({
        "funding": {"weight": "10", "total": {"annual_budget": "100", "executed": "100"}},
        "indicators": [{"name": "甲", "weight": "90", "score": str(Decimal(total) - 10)}],
    })
    path = tmp_path / "form.json"
    save_form(form, path)
    _, out, _ = run(capsys, "check", "--json", str(path))
    data = json.loads(out)
    assert (data["total_score"], data["grade"]) == (f"{Decimal(total):.2f}", grade)
    _, text, _ = run(capsys, "check", str(path))
    assert f"总分 {Decimal(total):.2f}　自评等级 {grade}" in text


def test_json_lines_survive_line_separators_in_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed1: Form
) -> None:
    path = tmp_path / "ls\u2028ps\u2029nel\x85.json"
    save_form(seed1, path)
    _, out, _ = run(capsys, "check", "--json", str(path))
    assert len(out.splitlines()) == 1
    data = json.loads(out)
    assert data["file"] == str(path)
    assert data["total_score"] == "85.58"


def test_internal_error_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed1_path: Path
) -> None:
    import perfeval_gui.rules

    def boom(form: Form) -> list[Any]:
        raise RuntimeError("模拟故障")

    monkeypatch.setattr(perfeval_gui.rules, "check", boom)
    code, _, err = run(capsys, "check", str(seed1_path))
    assert code == 2
    assert err.strip() == "perfeval: 内部错误：RuntimeError: 模拟故障"


def test_undecodable_file_name_does_not_crash(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "bad\udcff.json")
    assert code == 2
    assert "文件不存在" in err


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == form_json_schema()


def test_version_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"perfeval {__version__}"
    code, out, _ = run(capsys)
    assert code == 2
    assert "check" in out and "schema" in out and "pdf" in out
    code, _, err = run(capsys, "check")
    assert code == 2
    assert "FILE" in err
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0 and "--json" in out


def test_pdf_delegates_to_pdf_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []

    def pdf_command(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 7

    monkeypatch.setattr(cli_pdf, "pdf_command", pdf_command)
    code, _, _ = run(
        capsys, "pdf", "a.json", "b.json", "-o", "out.pdf", "--strict", "--font", "x.ttc:1"
    )
    assert code == 7
    assert calls == [
        {"files": ["a.json", "b.json"], "output": "out.pdf", "out_dir": None, "strict": True,
         "font": "x.ttc:1", "grade": False},
    ]
    code, _, _ = run(capsys, "pdf", "a.json", "--out-dir", "pdfs", "--grade")
    assert calls[-1] == {
        "files": ["a.json"], "output": None, "out_dir": "pdfs", "strict": False, "font": None,
        "grade": True,
    }


def test_parser_is_inspectable() -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["check", "--json", "x.json"])
    assert args.command == "check" and args.json and args.files == ["x.json"]


# --- the real console script, once -------------------------------------------------------------


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("perfeval")
    return [str(script)] if script.exists() else [sys.executable, "-m", "perfeval_gui"]


def test_console_script_in_a_subprocess(seed1_path: Path, seed2_path: Path, tmp_path: Path):
    # An ASCII-only console (like a GBK one on Windows) must not crash the output.
    env = dict(os.environ, PYTHONIOENCODING="ascii", LC_ALL="C")
    done = subprocess.run(
        [*_console_script(), "check", "--json", str(seed1_path), str(seed2_path),
         str(tmp_path / "nope.json")],
        capture_output=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == 2
    lines = done.stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["total_score"] for line in lines] == ["85.58", "93.61"]
    assert "年度资金总额" in done.stdout.decode("utf-8")
    err = done.stderr.decode("utf-8")
    assert "nope.json”：文件不存在" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize(
    ("command", "suffix"),
    [("check", ".json"), ("pdf", ".json"), ("check", ".xlsx"), ("import", ".xlsx")],
)
def test_a_fifo_returns_at_once_with_exit_code_2(tmp_path: Path, command: str, suffix: str) -> None:
    """`perfeval check`/`pdf`/`import` on a FIFO (or what a hung share looks like) blocked
    forever, a form's name or a workbook's alike."""
    fifo = tmp_path / f"管道{suffix}"
    os.mkfifo(fifo)
    started = time.monotonic()
    done = subprocess.run(
        [*_console_script(), command, str(fifo)], capture_output=True, timeout=60, check=False,
    )
    assert done.returncode == 2
    assert time.monotonic() - started < 30
    err = done.stderr.decode("utf-8")
    assert f"“{fifo}”：这是一个命名管道（FIFO），不是普通文件，未读取" in err
    assert "Traceback" not in err
    assert not (tmp_path / "管道.pdf").exists()


def test_check_imports_neither_reportlab_nor_qt(seed1_path: Path) -> None:
    code = (
        "import sys; from perfeval_gui.cli import main; "
        f"rc = main(['check', {str(seed1_path)!r}]); "
        "heavy = [m for m in ('reportlab', 'PySide6') if m in sys.modules]; "
        "print('HEAVY', heavy, rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
        encoding="utf-8",
    )
    assert done.stdout.splitlines()[-1] == "HEAVY [] 0", done.stderr


def test_pdf_for_real(capsys: pytest.CaptureFixture[str], seed1_path: Path, tmp_path: Path):
    target = tmp_path / "表.pdf"
    code, out, _ = run(capsys, "pdf", str(seed1_path), "-o", str(target))
    assert code == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in out


def _pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_pdf_grade_row_only_when_asked(capsys: pytest.CaptureFixture[str], seed1_path: Path,
                                       tmp_path: Path) -> None:
    plain, graded = tmp_path / "plain.pdf", tmp_path / "graded.pdf"
    assert run(capsys, "pdf", str(seed1_path), "-o", str(plain))[0] == 0
    assert run(capsys, "pdf", str(seed1_path), "-o", str(graded), "--grade")[0] == 0
    paper, with_grade = _pdfium_text(plain), _pdfium_text(graded)
    # The replica is the paper form: no 自评等级 unless asked for.
    assert "总分 100 85.58" in paper and "自评等级" not in paper
    assert "总分 100 85.58\r\n自评等级 良" in with_grade


# --- the package: one module per command, and what the real process does at exit ---------------


def test_every_command_module_registers_its_handler() -> None:
    parser = cli.build_parser()
    minimal = {"check": ["x.json"], "schema": [], "pdf": ["x.json"], "import": ["x.xlsx"],
               "export": ["x.json"], "summary": ["folder"], "next-year": ["x.json"]}

    def command(module: object) -> str:  # import_cmd: `import` is a keyword; next_year
        name = module.__name__.rsplit(".", 1)[1]  # type: ignore[attr-defined]
        return name.removesuffix("_cmd").replace("_", "-")

    assert sorted(minimal) == sorted(command(m) for m in cli.COMMANDS)
    for module in cli.COMMANDS:
        name = command(module)
        args = parser.parse_args([name, *minimal[name]])
        assert args.command == name
        assert args.handler is module.run


def test_only_the_process_command_line_freezes_objects_at_exit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed1_path: Path
) -> None:
    """``main()`` (the process's own command line) sets objects aside from the final
    collections at exit; ``main(argv)`` in-process leaves no trace."""
    import atexit
    import gc

    registered: list[object] = []
    monkeypatch.setattr(atexit, "register", lambda func, *a, **k: registered.append(func))
    monkeypatch.setattr(atexit, "unregister", lambda func: None)
    assert main(["check", str(seed1_path)]) == 0
    assert gc.freeze not in registered
    monkeypatch.setattr(sys, "argv", ["perfeval", "check", str(seed1_path)])
    assert main() == 0
    assert gc.freeze in registered
    assert gc.get_freeze_count() == 0  # not before the interpreter exits
    assert "总分 85.58" in capsys.readouterr().out
