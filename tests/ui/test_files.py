"""Files in the window: open/save bytes, prompts, malformed files, drag and drop, recent files."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import shown, type_into_cell
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import dumps_form, load_form
from perfeval_gui.model import blank_form
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.main_window import CANCEL, DISCARD, SAVE


def _copy(src: Path, folder: Path, name: str = "form.json") -> Path:
    target = folder / name
    shutil.copyfile(src, target)
    return target


def test_open_then_save_without_edits_writes_the_same_bytes(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    original = path.read_bytes()
    window = make_window()
    assert window.open_file(path)
    assert window.save()
    assert path.read_bytes() == original
    other = tmp_path / "copy.json"
    window.ask_save_path = lambda suggested: str(other)
    assert window.save_as()
    assert other.read_bytes() == original
    assert window.windowTitle() == "copy.json[*] — perfeval-gui"


def test_new_is_blank_with_catalogue(make_window, dialogs, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    dialogs.choice_answers["new_form"] = ["skeleton"]  # 标准框架 (tests/ui/test_new_form.py)
    window.new_action.trigger()
    assert window.document.form == blank_form()
    assert window.document.path is None
    table = window.form_view.indicator_table
    assert shown(table, 0, im.COL_LEVEL1) == "产出指标"
    assert shown(table, window.form_view.indicator_model.footer_row, im.COL_WEIGHT) == "10"
    assert window.windowTitle() == "未命名[*] — perfeval-gui"


def test_unsaved_changes_prompt_on_close(make_window, dialogs, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    window.open_file(path)
    model = window.form_view.funding_model
    type_into_cell(window.form_view.funding_table, model.index(0, fm.COL_EXECUTED), "260000")
    assert window.isWindowModified()

    dialogs.save_answers.append(CANCEL)
    assert not window.close()
    assert window.isVisible()
    assert dialogs.save_questions == 1
    assert load_form(path).funding.total.executed == 250000  # untouched

    dialogs.save_answers.append(SAVE)
    assert window.close()
    assert dialogs.save_questions == 2
    assert load_form(path).funding.total.executed == 260000
    assert path.read_bytes() == dumps_form(window.document.form)


def test_discard_on_new_and_open_asks_first(make_window, dialogs, seed1_path, seed2_path):
    window = make_window()
    window.load_path(seed1_path)
    window.document.set_value(FieldPath.parse("project_name"), "改了")
    dialogs.save_answers.append(CANCEL)
    window.new_file()
    assert window.document.form.project_name == "改了"
    dialogs.save_answers.append(DISCARD)
    dialogs.open_paths.append(str(seed2_path))
    assert window.open_file()
    assert window.document.form == load_form(seed2_path)
    assert not window.isWindowModified()
    assert dialogs.save_questions == 2


def test_malformed_file_shows_error_and_keeps_current_form(
    make_window, dialogs, seed1_path, tmp_path
):
    window = make_window()
    window.load_path(seed1_path)
    window.document.set_value(FieldPath.parse("project_name"), "未保存的修改")
    form_before = window.document.form
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "perfeval-selfeval", "version": 1, "year": 2022, "indicators": [')
    dialogs.save_answers.append(DISCARD)
    assert not window.open_file(bad)
    assert len(dialogs.errors) == 1
    _title, text = dialogs.errors[0]
    assert "bad.json" in text and "文件不完整" in text
    assert window.document.form is form_before
    assert window.document.path == seed1_path.resolve()
    assert window.form_view.project_name.text() == "未保存的修改"


def test_malformed_file_on_command_line_leaves_blank_form(make_window, dialogs, tmp_path):
    bad = tmp_path / "weights.json"
    bad.write_text(
        '{"format": "perfeval-selfeval", "version": 1, "indicators": [{"weight": "-1"}]}',
        encoding="utf-8",
    )
    window = make_window()
    dialogs.choice_answers["repair"] = [CANCEL]  # offered for repair; the clerk declines
    assert not window.open_from_command_line(bad)
    assert [kind for kind, _ in dialogs.questions] == ["repair"]
    assert "第 1 行指标的分值不能为负数" in dialogs.questions[0][1]
    assert window.document.form == blank_form()
    assert window.isVisible()


def test_drop_a_json_file_opens_it(make_window, seed2_path, tmp_path):
    path = _copy(seed2_path, tmp_path, "dropped.json")
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.path == path.resolve()
    assert window.document.form == load_form(path)


def test_recent_files_are_remembered(make_window, seed1_path, seed2_path, tmp_path):
    a = _copy(seed1_path, tmp_path, "a.json")
    b = _copy(seed2_path, tmp_path, "b.json")
    window = make_window()
    window.open_file(a)
    window.open_file(b)
    assert window.settings.recent_files()[:2] == [str(b.resolve()), str(a.resolve())]
    window._fill_recent_menu()
    texts = [act.text() for act in window.recent_menu.actions()]
    assert texts[0].startswith("&1 b.json — ") and texts[1].startswith("&2 a.json — ")
    window.recent_menu.actions()[1].trigger()
    assert window.document.path == a.resolve()


def test_save_failure_keeps_form_modified(make_window, dialogs, seed1_path, tmp_path):
    window = make_window()
    window.load_path(seed1_path)
    window.document.set_value(FieldPath.parse("project_name"), "x")
    assert not window.save_to(tmp_path / "missing-dir" / "f.json")
    assert dialogs.errors
    assert window.isWindowModified()


def test_geometry_and_zoom_remembered(make_window):
    first = make_window()
    first.resize(1000, 700)
    first.form_view.set_zoom(1.2)
    first.close()
    second = make_window()
    assert second.form_view.zoom == 1.2
    assert second.settings.geometry() is not None


def test_save_commits_the_cell_being_typed(make_window, seed1_path, tmp_path):
    from helpers import open_editor, type_text

    path = _copy(seed1_path, tmp_path)
    window = make_window()
    window.open_file(path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    editor = open_editor(table, model.index(0, im.COL_DEVIATION))
    editor.selectAll()
    type_text(editor, "尚未按回车的说明")
    assert window.save()  # Ctrl+S while the editor is still open
    assert load_form(path).indicators[0].deviation == "尚未按回车的说明"


def test_huge_and_odd_numbers_are_refused_in_chinese(make_window, seed1_path):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.funding_table, window.form_view.funding_model
    index = model.index(1, fm.COL_INITIAL)
    for text, reason in (
        ("10000000000000000", "最大值"),
        ("1e999", "不是有效的数字"),
        ("1,2345", "千位分隔符"),
        ("0.1234567", "小数位数"),
    ):
        type_into_cell(table, index, text)
        assert reason in window.statusBar().currentMessage(), text
        assert shown(table, 1, fm.COL_INITIAL) == text
    type_into_cell(table, index, "１，２３４．５ ")
    assert window.document.form.funding.current_year_appropriation.initial_budget == 1234.5
    assert shown(table, 1, fm.COL_INITIAL) == "1,234.50"
