"""``perfeval import`` / ``check`` / ``summary`` on published PDFs: the files written, the
forms reported with their page, the printed figures checked, exit codes, ``--json`` keys.

The disclosures are made here: our replica's PDFs of the examples, a page of prose before
and between them, and a form whose 执行率 was printed wrong (the renderer told to print
86.19 % where 215457.6 / 250000 gives 86.18 %, as on the real Shanghai 2022 form).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from perfeval_gui import figures
from perfeval_gui.cli import main
from perfeval_gui.fileio import dumps_form, load_form
from perfeval_gui.model import Form, Funding, FundingRow, Indicator, Published
from perfeval_gui.pdf.render import render_bytes
from perfeval_gui.workbook.reader import ImportedForm, Note

D = Decimal


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _prose(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    for line, text in enumerate(("Department final accounts 2022", "Part one: overview",
                                 "The unit spent its project funds as follows.")):
        canvas.drawString(72, 760 - 20 * line, text)
    canvas.showPage()
    canvas.save()
    return path


def _join(target: Path, *parts: Path) -> Path:
    """One PDF of the pages of ``parts``, in order."""
    out = pdfium.PdfDocument.new()
    for part in parts:
        out.import_pages(pdfium.PdfDocument(str(part)))
    out.save(str(target))
    return target


def _replica(path: Path, form: Form) -> Path:
    data, _report = render_bytes(form)
    path.write_bytes(data)
    return path


@pytest.fixture
def disclosure(tmp_path: Path, seed1: Form, seed2: Form) -> Path:
    """Prose, seed 1, prose, seed 2: forms on pages 2 and 4."""
    folder = tmp_path / "parts"
    folder.mkdir()
    prose = _prose(folder / "prose.pdf")
    return _join(tmp_path / "决算.pdf", prose, _replica(folder / "1.pdf", seed1), prose,
                 _replica(folder / "2.pdf", seed2))


def shanghai() -> Form:
    return Form(
        year=2022, project_name="示例项目", competent_department="上海市某局",
        implementing_unit="上海市某中心",
        funding=Funding(total=FundingRow(initial_budget=D(250000), annual_budget=D(250000),
                                         executed=D("215457.6"))),
        indicators=[Indicator(level1="产出指标", level2="数量指标", name="服务企业数",
                              target=">90", actual="155", weight=D(90), score=D(90))],
    )


@pytest.fixture
def misprinted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Shanghai form with its 执行率 printed as 86.19 %."""
    with monkeypatch.context() as patch:
        patch.setattr(figures, "execution_rate_percent", lambda form: D("86.19"))
        return _replica(tmp_path / "上海.pdf", shanghai())


# --- perfeval import ------------------------------------------------------------------------


def test_import_writes_one_file_per_form_in_page_order(
    capsys: pytest.CaptureFixture[str], disclosure: Path, seed1: Form, seed2: Form
) -> None:
    code, out, err = run(capsys, "import", str(disclosure))
    assert (code, err) == (0, "")
    first, second = disclosure.with_name("决算-1.json"), disclosure.with_name("决算-2.json")
    assert out == f"{disclosure}（第2页）→ {first}\n{disclosure}（第4页）→ {second}\n"
    one, two = load_form(first), load_form(second)
    assert (one.project_name, two.project_name) == (seed1.project_name, seed2.project_name)
    # The printed figures are recorded, so the files are version 2.
    assert one.published == Published(execution_rate=D("65.79"), funding_score=D("6.58"),
                                      weight_total=D(100), total_score=D("85.58"))
    assert json.loads(first.read_bytes())["version"] == 2


def test_import_json_lines_carry_the_page(
    capsys: pytest.CaptureFixture[str], disclosure: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = run(capsys, "import", "--json", "--out-dir", str(out_dir), str(disclosure))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(x["sheet"], x["index"], x["page"], x["output"], x["notes"]) for x in lines] == [
        ("第2页", 1, 2, str(out_dir / "决算-1.json"), []),
        ("第4页", 1, 4, str(out_dir / "决算-2.json"), []),
    ]


def test_a_replica_imports_back_to_the_form_with_its_printed_figures(
    capsys: pytest.CaptureFixture[str], misprinted: Path
) -> None:
    code, _, _ = run(capsys, "import", str(misprinted))
    assert code == 0
    back = load_form(misprinted.with_suffix(".json"))
    assert back.model_copy(update={"published": None}) == shanghai()
    assert back.published == Published(execution_rate=D("86.19"), funding_score=D("8.62"),
                                       weight_total=D(100), total_score=D("98.62"))


def test_an_unsure_cell_makes_the_import_exit_1_and_is_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    seed1: Form
) -> None:
    """The reader's doubt (a clipped or unreadable cell) is passed on, never hidden."""
    import perfeval_gui.pdfread

    note = Note("第3页 (x=120, y=340)", "文字超出单元格边框，可能被截断，已留空")
    monkeypatch.setattr(perfeval_gui.pdfread, "read_pdf",
                        lambda path: [ImportedForm(seed1, "第3页", 1, (note,), page=3)])
    source = tmp_path / "x.pdf"
    source.write_bytes(b"%PDF-1.4 stand-in")
    code, out, err = run(capsys, "import", str(source))
    assert code == 1
    assert out == f"{source}（第3页）→ {tmp_path / 'x.json'}\n"
    assert err == (f"{source}（第3页）：1 处未能读取，已留空：\n"
                   "  第3页 (x=120, y=340)：文字超出单元格边框，可能被截断，已留空\n")
    code, out, _ = run(capsys, "check", "--json", str(source))
    assert code == 0  # a warning, not an error
    finding = json.loads(out)["findings"][0]
    assert (finding["code"], finding["severity"]) == ("unread-cell", "warning")


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "文件为空"), (b"this is not a PDF at all", "不是 PDF 文件")],
)
def test_a_bad_pdf_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, reason: str
) -> None:
    source = tmp_path / "坏.pdf"
    source.write_bytes(data)
    for command in ("import", "check", "summary"):
        code, _, err = run(capsys, command, str(source))
        assert code == 2, command
        assert reason in err and "Traceback" not in err and err.count("\n") == 1, command
    assert not source.with_suffix(".json").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_pdf_returns_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.pdf"
    os.mkfifo(fifo)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "perfeval_gui", "check", str(fifo)],
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 2 and time.monotonic() - started < 30
    assert "命名管道（FIFO）" in done.stderr.decode("utf-8")


# --- perfeval check -------------------------------------------------------------------------


def test_check_reports_every_form_with_its_page(
    capsys: pytest.CaptureFixture[str], disclosure: Path
) -> None:
    code, out, _ = run(capsys, "check", str(disclosure))
    assert code == 0
    blocks = out.split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].startswith(f"== {disclosure}（第2页）\n项目名称：重点企业服务（2022 年度）\n")
    assert "执行率 65.79%　资金得分 6.58　分值合计 100　总分 85.58　自评等级 良" in blocks[0]
    assert blocks[1].startswith(f"== {disclosure}（第4页）\n项目名称：促进企业发展（2022 年度）\n")
    assert "published-mismatch" not in out  # our replica prints what it computes
    assert "PDF 上印出：执行率 65.79%　资金得分 6.58　分值合计 100　总分 85.58" in blocks[0]


def test_check_json_adds_project_name_and_source_with_page(
    capsys: pytest.CaptureFixture[str], disclosure: Path, seed1_path: Path
) -> None:
    code, out, _ = run(capsys, "check", "--json", str(disclosure), str(seed1_path))
    assert code == 0
    one, two, plain = (json.loads(line) for line in out.splitlines())
    assert (one["file"], one["project_name"], one["grade"]) == (
        f"{disclosure}（第2页）", "重点企业服务", "良")
    assert one["source"] == {"path": str(disclosure), "sheet": "第2页", "index": 1, "page": 2}
    assert two["source"] == {"path": str(disclosure), "sheet": "第4页", "index": 1, "page": 4}
    assert plain["source"] == {"path": str(seed1_path), "sheet": None, "index": None,
                               "page": None}
    assert (one["execution_rate"], one["total_score"]) == ("65.79", "85.58")


def test_check_finds_the_misprinted_rate(
    capsys: pytest.CaptureFixture[str], misprinted: Path
) -> None:
    code, out, _ = run(capsys, "check", "--json", str(misprinted))
    assert code == 0  # a warning
    result = json.loads(out)
    found = [f for f in result["findings"] if f["code"] == "published-mismatch"]
    assert found == [{"severity": "warning", "code": "published-mismatch",
                      "message": "执行率印为 86.19%，按数据计算为 86.18%",
                      "location": "funding.execution_rate"}]
    assert result["execution_rate"] == "86.18"  # the figure is recomputed, not the printed one
    code, out, _ = run(capsys, "check", str(misprinted))
    lines = out.splitlines()
    assert lines[3:5] == [  # recomputed, then as printed
        "执行率 86.18%　资金得分 8.62　分值合计 100　总分 98.62　自评等级 优",
        "PDF 上印出：执行率 86.19%　资金得分 8.62　分值合计 100　总分 98.62",
    ]
    assert ("  [警告] published-mismatch（funding.execution_rate）：执行率印为 86.19%，"
            "按数据计算为 86.18%") in out.splitlines()


def test_check_of_the_imported_file_still_finds_it(
    capsys: pytest.CaptureFixture[str], misprinted: Path
) -> None:
    """The printed figures travel with the .json (format v2)."""
    assert run(capsys, "import", str(misprinted))[0] == 0
    imported = misprinted.with_suffix(".json")
    code, out, _ = run(capsys, "check", str(imported))
    assert code == 0
    assert "执行率印为 86.19%，按数据计算为 86.18%" in out
    # Saving the imported form unchanged gives the same bytes.
    assert dumps_form(load_form(imported)) == imported.read_bytes()


# --- perfeval summary -----------------------------------------------------------------------


def test_summary_rolls_up_a_disclosure(
    capsys: pytest.CaptureFixture[str], disclosure: Path
) -> None:
    code, out, _ = run(capsys, "summary", "--json", str(disclosure))
    assert code == 0
    *forms, totals = (json.loads(line) for line in out.splitlines())
    assert [(f["file"], f["source"]["page"], f["project_name"]) for f in forms] == [
        (f"{disclosure}（第2页）", 2, "重点企业服务"),
        (f"{disclosure}（第4页）", 4, "促进企业发展"),
    ]
    assert totals["totals"]["forms"] == 2
    assert (totals["totals"]["annual_budget"], totals["totals"]["execution_rate"]) == (
        "1562800.00", "88.73")


def test_a_folder_scan_passes_over_pdfs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed1_path: Path, seed1: Form
) -> None:
    """A folder's PDFs are mostly printouts of the forms beside them: not counted twice."""
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "a.json").write_bytes(seed1_path.read_bytes())
    _replica(folder / "a.pdf", seed1)
    code, out, _ = run(capsys, "summary", "--json", str(folder))
    assert code == 0
    assert json.loads(out.splitlines()[-1])["totals"]["forms"] == 1
