"""``perfeval pdf``: outputs, progress lines, exit codes, --strict, and no partial PDFs;
the batch underneath (pdf/batch.py) reports each form's outcome as data."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from perfeval_gui.cli.pdf import pdf_command
from perfeval_gui.fileio import save_form
from perfeval_gui.pdf.batch import output_path, render_forms


def run(files, output=None, out_dir=None, strict=False, font=None):
    out, err = io.StringIO(), io.StringIO()
    code = pdf_command([str(f) for f in files], output, out_dir, strict, font, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def seeds(tmp_path, seed1_path, seed2_path):
    a = tmp_path / "a.json"
    b = tmp_path / "b.json"
    shutil.copy(seed1_path, a)
    shutil.copy(seed2_path, b)
    return a, b


@pytest.fixture
def broken_weights(tmp_path, seed1):
    form = seed1.model_copy(deep=True)
    form.indicators[0].weight = Decimal(30)  # weights add up to 110
    path = tmp_path / "draft.json"
    save_form(form, path)
    return path


def test_one_form_beside_its_input(seeds):
    code, out, err = run([seeds[0]])
    pdf = seeds[0].with_suffix(".pdf")
    assert code == 0, err
    assert len(PdfReader(pdf).pages) == 1
    assert "a.pdf" in out and "1 页" in out
    assert err == ""


def test_output_option(seeds, tmp_path):
    target = tmp_path / "sub" / "x.pdf"
    target.parent.mkdir()
    code, _, _ = run([seeds[1]], output=str(target))
    assert code == 0
    assert "企业发展" in PdfReader(target).pages[0].extract_text()


def test_batch_to_a_folder_with_a_progress_line_each(seeds, tmp_path):
    out_dir = tmp_path / "pdfs" / "2022"
    code, out, _ = run(seeds, out_dir=str(out_dir))
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.pdf", "b.pdf"]
    lines = out.splitlines()
    assert lines[0].startswith("[1/2] ") and lines[1].startswith("[2/2] ")


def test_unreadable_input_exit_2_names_the_file_and_leaves_no_pdf(seeds, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "perfeval-selfeval", "version": 1, "year": ')
    missing = tmp_path / "missing.json"
    code, _out, err = run([seeds[0], bad, missing])
    assert code == 2
    assert f"无法读取 “{bad}”：文件不完整" in err
    assert f"无法读取 “{missing}”：文件不存在" in err
    assert not bad.with_suffix(".pdf").exists()
    assert not missing.with_suffix(".pdf").exists()
    assert seeds[0].with_suffix(".pdf").exists()  # the others are still printed
    assert "Traceback" not in err


def test_unreadable_input_does_not_touch_an_existing_pdf(tmp_path):
    bad = tmp_path / "old.json"
    bad.write_text("not json", encoding="utf-8")
    previous = tmp_path / "old.pdf"
    previous.write_bytes(b"%PDF- the previous printout")
    assert run([bad])[0] == 2
    assert previous.read_bytes() == b"%PDF- the previous printout"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_error_findings_still_print_a_draft_with_exit_1(broken_weights):
    code, out, err = run([broken_weights])
    assert code == 1
    assert "weights-not-100" in err
    assert broken_weights.with_suffix(".pdf").exists()
    assert "草稿" in out


def test_strict_does_not_print_forms_with_errors(broken_weights, seeds, tmp_path):
    code, _out, err = run([seeds[0], broken_weights], strict=True)
    assert code == 1
    assert "weights-not-100" in err and "--strict" in err
    assert not broken_weights.with_suffix(".pdf").exists()
    assert seeds[0].with_suffix(".pdf").exists()


def test_unreadable_beats_errors(broken_weights, tmp_path):
    assert run([broken_weights, tmp_path / "nope.json"])[0] == 2


def test_output_with_several_inputs_is_refused(seeds, tmp_path):
    code, _, err = run(seeds, output=str(tmp_path / "x.pdf"))
    assert code == 2 and "-o" in err
    assert not (tmp_path / "x.pdf").exists()
    assert run([seeds[0]], output=str(tmp_path / "x.pdf"), out_dir=str(tmp_path))[0] == 2


def test_bad_font_setting_exit_2_without_output(seeds, tmp_path):
    code, _, err = run([seeds[0]], font=str(tmp_path / "nope.ttf"))
    assert code == 2
    assert "nope.ttf" in err and "字体" in err
    assert not seeds[0].with_suffix(".pdf").exists()


def test_unwritable_target_is_exit_2(seeds, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run([seeds[0]], output=str(blocker / "x.pdf"))
    assert code == 2 and "无法写入" in err


def test_same_name_twice_in_one_folder_is_not_overwritten(seeds, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    twin = other / "a.json"
    shutil.copy(seeds[1], twin)
    out_dir = tmp_path / "out"
    code, _, err = run([seeds[0], twin], out_dir=str(out_dir))
    assert code == 2 and "重名" in err
    assert "重点企业服务" in PdfReader(out_dir / "a.pdf").pages[0].extract_text()


def test_missing_characters_are_warned_about(tmp_path, seed1):
    form = seed1.model_copy(deep=True)
    form.goals.expected = "😀"
    path = tmp_path / "emoji.json"
    save_form(form, path)
    code, _, err = run([path])
    assert code == 0
    assert "😀" in err and "U+1F600" in err


def test_the_cli_runs_it(seeds):
    from perfeval_gui.cli import main

    assert main(["pdf", str(seeds[0])]) == 0
    assert seeds[0].with_suffix(".pdf").exists()


def test_never_overwrites_the_form_itself(seeds):
    before = seeds[0].read_bytes()
    code, _, err = run([seeds[0]], output=str(seeds[0]))
    assert code == 2 and "输入文件" in err
    assert seeds[0].read_bytes() == before


def test_error_lines_are_the_check_command_lines(broken_weights, capsys):
    """``pdf`` lists a draft's errors exactly as ``check`` does (one shared format)."""
    from perfeval_gui.cli import main

    _code, _out, err = run([broken_weights])
    assert main(["check", str(broken_weights)]) == 1
    check_lines = capsys.readouterr().out.splitlines()
    error_lines = [line for line in err.splitlines() if line.startswith("  [")]
    assert error_lines and all(line.startswith("  [错误] ") for line in error_lines)
    assert set(error_lines) <= set(check_lines)


def test_module_entry_point_runs_the_pdf_command(seeds):
    """``python -m perfeval_gui pdf`` is ``perfeval pdf`` (options, exit codes)."""
    out_dir = seeds[0].parent / "out"
    done = subprocess.run(
        [sys.executable, "-m", "perfeval_gui", "pdf", str(seeds[0]), "--out-dir", str(out_dir)],
        capture_output=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert (out_dir / "a.pdf").read_bytes().startswith(b"%PDF-")
    done = subprocess.run(
        [sys.executable, "-m", "perfeval_gui", "pdf", "--no-such-option", str(seeds[0])],
        capture_output=True, timeout=120, check=False,
    )
    assert done.returncode == 2
    assert b"--no-such-option" in done.stderr


# --- the batch underneath: outcomes as data, no exit codes, no printing -------------------------


def test_outcomes_are_data_one_per_form_in_order(seeds, broken_weights, tmp_path, capsys):
    missing = tmp_path / "missing.json"
    sources = [str(seeds[0]), str(missing), str(broken_weights)]
    outcomes = list(render_forms(sources))
    assert [o.source for o in outcomes] == sources
    assert [o.status for o in outcomes] == ["written", "unreadable", "written"]
    first, unreadable, draft = outcomes
    assert first.written and first.target == seeds[0].with_suffix(".pdf")
    assert first.report is not None and first.report.pages == 1 and first.errors == ()
    assert "missing.json" in unreadable.problem and unreadable.target is None
    assert {f.code for f in draft.errors} == {"weights-not-100"}
    assert all(f.severity == "error" for f in draft.errors)
    assert capsys.readouterr() == ("", "")  # the batch itself prints nothing


def test_outcomes_strict_same_file_and_duplicate_targets(seeds, broken_weights, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    twin = tmp_path / "other" / "a.json"
    twin.parent.mkdir()
    shutil.copy(seeds[1], twin)
    sources = [str(broken_weights), str(seeds[0]), str(twin)]
    outcomes = list(render_forms(sources, lambda s: output_path(s, None, str(out_dir)),
                                 strict=True))
    assert [o.status for o in outcomes] == ["held_back", "written", "duplicate_target"]
    assert outcomes[0].errors and outcomes[0].target is None
    assert not (out_dir / "draft.pdf").exists()
    (itself,) = render_forms([str(seeds[0])], lambda s: seeds[0])
    assert itself.status == "overwrites_source" and not itself.written


def test_render_failure_is_an_outcome_not_an_exception(seeds, monkeypatch):
    from perfeval_gui.pdf import batch

    def broken(*args, **kwargs):
        raise RuntimeError("模拟故障")

    monkeypatch.setattr(batch, "render_bytes", broken)
    (outcome,) = render_forms([str(seeds[0])])
    assert outcome.status == "render_failed"
    assert outcome.problem == "RuntimeError: 模拟故障"
    assert not seeds[0].with_suffix(".pdf").exists()


def test_output_path():
    assert output_path("d/a.json") == output_path("d/a.json", None, None)
    assert str(output_path("d/a.json")) == str(Path("d") / "a.pdf")
    assert output_path("d/a.json", None, "out") == Path("out") / "a.pdf"
    assert output_path("d/a.json", "x.pdf", None) == Path("x.pdf")
