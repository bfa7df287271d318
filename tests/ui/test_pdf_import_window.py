"""File → 导入… with a published PDF: the chooser for several forms, the printed figures
kept with the form (a misprint is a finding at its cell), saved as format v2, dropping a
PDF on the window, a bad PDF changing nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
from file_questions import answering
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from perfeval_gui import figures
from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import load_form
from perfeval_gui.model import Form, Funding, FundingRow, Indicator, Published
from perfeval_gui.pdf.render import render_bytes
from perfeval_gui.ui.workbook_files import WORKBOOK_FORM

D = Decimal


def _replica(path: Path, form: Form) -> Path:
    path.write_bytes(render_bytes(form)[0])
    return path


def _two_forms(folder: Path, first: Form, second: Form) -> Path:
    out = pdfium.PdfDocument.new()
    for number, form in enumerate((first, second)):
        out.import_pages(pdfium.PdfDocument(str(_replica(folder / f"{number}.pdf", form))))
    target = folder / "决算.pdf"
    out.save(str(target))
    return target


def _misprinted(path: Path, monkeypatch) -> Path:
    """215457.6 / 250000 = 86.18 %, printed as 86.19 % (the Shanghai 2022 misprint)."""
    form = Form(
        year=2022, project_name="示例项目",
        funding=Funding(total=FundingRow(initial_budget=D(250000), annual_budget=D(250000),
                                         executed=D("215457.6"))),
        indicators=[Indicator(level1="产出指标", level2="数量指标", name="服务企业数",
                              target=">90", actual="155", weight=D(90), score=D(90))],
    )
    with monkeypatch.context() as patch:
        patch.setattr(figures, "execution_rate_percent", lambda _form: D("86.19"))
        return _replica(path, form)


def test_a_disclosure_asks_which_form_and_opens_it_unsaved(
    make_window, dialogs, seed1_path, seed2_path, tmp_path
):
    seed1, seed2 = load_form(seed1_path), load_form(seed2_path)
    pdf = _two_forms(tmp_path, seed1, seed2)
    window = make_window()
    questions = answering(window)
    questions.answers[WORKBOOK_FORM] = ["1"]
    assert window.import_workbook(pdf)
    _kind, _title, text, keys = questions.asked[0]
    assert keys == ["0", "1", "cancel"] and "决算.pdf" in text and "2" in text
    form = window.document.form
    assert form.project_name == seed2.project_name
    assert form.published == Published(execution_rate=D("96.10"), funding_score=D("9.61"),
                                       weight_total=D(100), total_score=D("93.61"))
    assert window.document.path is None and window.isWindowModified()
    assert window.windowTitle().startswith("决算.pdf (导入)")
    assert dialogs.errors == []


def test_the_chooser_shows_each_forms_page(make_window, seed1_path, seed2_path, tmp_path,
                                           qtbot):
    from perfeval_gui.portfolio.sources import read_forms
    from perfeval_gui.ui.workbook_files import FormChooser, form_choices

    pdf = _two_forms(tmp_path, load_form(seed1_path), load_form(seed2_path))
    window = make_window()
    dialog = FormChooser(window, "t", "x", [*form_choices(read_forms(str(pdf)))])
    qtbot.addWidget(dialog)
    rows = [[dialog.list.topLevelItem(r).text(c) for c in range(3)] for r in range(2)]
    assert rows == [["重点企业服务", "第1页", "第 1 个表"], ["促进企业发展", "第2页", "第 1 个表"]]
    assert dialog.list.headerItem().text(1) == "工作表或页"


def test_a_misprint_is_a_finding_at_its_cell_and_is_saved_with_the_form(
    make_window, dialogs, tmp_path, monkeypatch
):
    pdf = _misprinted(tmp_path / "上海.pdf", monkeypatch)
    window = make_window()
    assert window.import_workbook(pdf)
    document = window.document
    document.refresh_findings()
    found = [f for f in document.findings if f.code == "published-mismatch"]
    assert [(f.severity, f.message) for f in found] == [
        ("warning", "执行率印为 86.19%，按数据计算为 86.18%")
    ]
    window.findings_panel.activate_row(document.findings.index(found[0]))
    view = window.form_view
    rate_cell = view.funding_model.index_for_path(FieldPath.of("funding", "execution_rate"))
    assert rate_cell.isValid() and view.funding_table.currentIndex() == rate_cell
    # The window shows the figure it computes, never the printed one.
    assert rate_cell.data() == "86.18%"
    target = tmp_path / "上海.json"
    dialogs.save_answers.append("save")
    dialogs.save_paths.append(str(target))
    assert window.maybe_save()
    written = json.loads(target.read_bytes())
    assert written["version"] == 2
    assert written["published"]["execution_rate"] == "86.19"


def test_dropping_a_pdf_imports_it(make_window, dialogs, seed1_path, tmp_path):
    seed1 = load_form(seed1_path)
    pdf = _replica(tmp_path / "拖入.pdf", seed1)
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.document.form.project_name == seed1.project_name
    assert window.document.form.published is not None
    assert window.windowTitle().startswith("拖入.pdf (导入)")


def test_a_file_that_is_not_a_pdf_is_one_line_and_changes_nothing(
    make_window, dialogs, seed1_path, tmp_path
):
    window = make_window()
    window.load_path(seed1_path)
    before = window.document.form
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"<html>not a pdf</html>")
    assert not window.import_workbook(bad)
    assert len(dialogs.errors) == 1
    heading, text = dialogs.errors[0]
    assert heading == "无法导入" and "坏.pdf" in text and "不是 PDF 文件" in text
    assert "\n" not in text and "Traceback" not in text
    assert window.document.form == before and window.document.path == seed1_path.resolve()
