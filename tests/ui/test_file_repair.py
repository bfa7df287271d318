"""A sound file with values the form cannot hold opens for repair: each bad value is shown
red in its own cell with its reason, nothing is lost, and saving after the fix works."""

from __future__ import annotations

import json
from pathlib import Path

from file_questions import answering
from PySide6.QtCore import Qt

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import load_form
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.file_actions import CANCEL, OPEN


def _bad_copy(seed1_path: Path, tmp_path: Path) -> Path:
    data = json.loads(seed1_path.read_text(encoding="utf-8"))
    data["indicators"][1]["weight"] = "-5"
    data["funding"]["total"]["executed"] = "10000000000000000"
    path = tmp_path / "坏值.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_bad_values_open_for_repair_and_show_red_in_their_cells(
    make_window, dialogs, seed1_path, tmp_path
):
    path = _bad_copy(seed1_path, tmp_path)
    window = make_window()
    questions = answering(window)
    questions.answers["repair"] = [OPEN]
    assert window.load_path(path)
    assert questions.kinds() == ["repair"]
    assert "年度资金总额·全年执行数超出允许的最大值" in questions.text("repair")
    assert "另有 1 处" in questions.text("repair")
    view = window.form_view
    weight = view.indicator_model.index(1, im.COL_WEIGHT)
    assert weight.data() == "-5"  # the file's text, kept on screen
    assert "负数" in weight.data(Qt.ItemDataRole.ToolTipRole)
    assert view.indicator_model.rejected(weight) is not None
    executed = view.funding_model.index_for_path(FieldPath.parse("funding.total.executed"))
    assert executed.data() == "10000000000000000"
    assert window.document.form.indicators[1].weight is None  # not in the form until fixed
    assert window.document.is_modified()  # the form differs from the file
    assert window.document.path == path
    # The clerk fixes both cells; the file is saved with the corrected values.
    view.indicator_model.setData(weight, "20", Qt.ItemDataRole.EditRole)
    view.funding_model.setData(executed, "250000", Qt.ItemDataRole.EditRole)
    assert not view.pending_rejections()
    assert window.save()
    saved = load_form(path)
    assert str(saved.indicators[1].weight) == "20"
    assert str(saved.funding.total.executed) == "250000"


def test_declining_repair_changes_nothing(make_window, dialogs, seed1_path, tmp_path):
    path = _bad_copy(seed1_path, tmp_path)
    window = make_window()
    before = window.document.form
    questions = answering(window)
    questions.answers["repair"] = [CANCEL]
    assert not window.load_path(path)
    assert window.document.form is before
    assert window.document.path is None
