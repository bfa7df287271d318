"""Autosave keeps everything on screen: text still being typed, refused entries, and soon.

Regression tests for: autosave wrote only committed cells (text typed into 实际完成情况,
or into a cell whose editor was still open, was lost in a crash); the first write came up
to 60 s after an edit, whatever the edit; a failed autosave flashed in the status bar for
10 s and was forgotten.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import open_editor, type_into_cell, type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import FormFileError, dumps_form, loads_form, os_reason
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui import recovery as recovery_module
from perfeval_gui.ui.autosave import Autosaver
from perfeval_gui.ui.recovery import RecoveryStore

pytestmark = pytest.mark.usefixtures("fail_on_uncaught")

TYPED = "已完成，服务企业 120 家；<b>满意度</b> &amp; 88%"


def _recovered(window):
    """The form in the session's recovery file, read back from disk, and its sidecar."""
    path = window.recovery_store.path_for_session()
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text("utf-8"))
    return loads_form(path.read_bytes()), meta


def _as_crashed_session(window, folder: Path) -> Path:
    """This session's recovery files, copied as a crashed editor (a dead pid) leaves them."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    stem = f"recovery-{process.pid}-20260101T080000-0123abcd"
    folder.mkdir()
    data = window.recovery_store.path_for_session()
    shutil.copyfile(data, folder / f"{stem}.json")
    shutil.copyfile(data.with_name(data.stem + ".meta.json"), folder / f"{stem}.meta.json")
    return folder


@pytest.fixture
def opened(make_window, seed1_path: Path, tmp_path: Path):
    form_path = tmp_path / "表.json"
    shutil.copyfile(seed1_path, form_path)
    window = make_window()
    assert window.open_file(form_path)
    yield window
    window.form_view.commit_pending()  # what is still typed, before the window is closed


def test_text_typed_in_actual_goals_is_autosaved_without_leaving_the_field(opened, qtbot):
    window, view = opened, opened.form_view
    edit = view.goals_actual
    QTest.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(edit, TYPED)
    edit.moveCursor(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
    before = window.document.form
    cursor = (edit.textCursor().position(), edit.textCursor().anchor())
    assert window.autosaver.is_scheduled()  # a keystroke schedules a write
    assert not window.recovery_store.has_session_file()

    # Nothing else happens: the debounce alone writes it, seconds later, not a minute.
    qtbot.waitUntil(window.recovery_store.has_session_file, timeout=6000)

    form, meta = _recovered(window)
    assert form.goals.actual == before.goals.actual + TYPED
    assert form.indicators == before.indicators
    assert meta["original"] == str(window.document.path)
    assert "pending" not in meta
    # The editor is undisturbed: focus, cursor, selection; nothing was committed or pushed.
    assert QApplication.focusWidget() is edit
    assert (edit.textCursor().position(), edit.textCursor().anchor()) == cursor
    assert window.document.form is before
    assert window.document.undo_stack.count() == 0
    type_text(edit, "。")  # typing goes on where it was: the selected last character replaced
    assert edit.toPlainText() == before.goals.actual + TYPED[:-1] + "。"


def test_an_open_cell_editor_is_autosaved_and_stays_open(opened):
    window, view = opened, opened.form_view
    table, model = view.indicator_table, view.indicator_model
    index = model.index(2, im.COL_NAME)
    editor = open_editor(table, index)
    type_text(editor, "正在输入的指标名称")
    assert window.autosaver.is_scheduled()

    assert window.autosaver.flush()

    form, _meta = _recovered(window)
    assert form.indicators[2].name == "正在输入的指标名称"
    assert table.state() == table.State.EditingState
    assert QApplication.focusWidget() is editor
    assert window.document.form.indicators[2].name != "正在输入的指标名称"  # not committed
    assert window.document.undo_stack.count() == 0
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.document.form.indicators[2].name == "正在输入的指标名称"


def test_a_merged_level_cell_being_typed_renames_all_its_rows_in_the_copy(opened):
    window, view = opened, opened.form_view
    table, model = view.indicator_table, view.indicator_model
    editor = open_editor(table, model.index(0, im.COL_LEVEL1))  # 产出指标 over rows 0–2
    editor.lineEdit().selectAll()
    type_text(editor.lineEdit(), "新一级")  # not a catalogue prefix: no completion
    assert window.autosaver.flush()
    form, _meta = _recovered(window)
    assert [ind.level1 for ind in form.indicators[:4]] == ["新一级"] * 3 + ["效益指标"]


def test_a_header_field_being_typed_is_autosaved(opened):
    window, view = opened, opened.form_view
    QTest.mouseClick(view.implementing_unit, Qt.MouseButton.LeftButton)
    view.implementing_unit.selectAll()
    type_text(view.implementing_unit, "新的实施单位")
    assert window.autosaver.flush()
    form, _meta = _recovered(window)
    assert form.implementing_unit == "新的实施单位"
    assert QApplication.focusWidget() is view.implementing_unit
    assert view.implementing_unit.cursorPosition() == len("新的实施单位")


def test_a_number_that_does_not_parse_goes_to_the_sidecar_and_comes_back_red(
    opened, make_window, tmp_path
):
    window, view = opened, opened.form_view
    table, model = view.indicator_table, view.indicator_model
    score = model.index(1, im.COL_SCORE)
    editor = open_editor(table, score)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, "12..5")

    assert window.autosaver.flush()

    form, meta = _recovered(window)
    assert form.indicators[1].score == window.document.form.indicators[1].score  # unchanged
    [entry] = meta["pending"]
    assert entry["path"] == "indicators[1].score"
    assert entry["text"] == "12..5"
    assert "数字" in entry["reason"]

    # After a crash the next start shows it where it was typed, refused (red), not lost.
    folder = _as_crashed_session(window, tmp_path / "crashed")
    second = make_window(recovery_dir=folder)
    assert second.offer_recovery()
    index = second.form_view.indicator_model.index(1, im.COL_SCORE)
    assert second.form_view.indicator_model.rejected(index)[0] == "12..5"
    assert index.data(Qt.ItemDataRole.DisplayRole) == "12..5"
    assert second.form_view.pending_rejections()  # saving or closing will ask about it


def test_a_refused_entry_already_on_screen_is_autosaved(opened):
    window, view = opened, opened.form_view
    type_into_cell(view.indicator_table, view.indicator_model.index(3, im.COL_WEIGHT), "十五")
    assert window.autosaver.is_scheduled()
    assert window.autosaver.flush()
    _form, meta = _recovered(window)
    assert [(e["path"], e["text"]) for e in meta["pending"]] == [("indicators[3].weight", "十五")]


def test_a_committed_edit_is_scheduled_at_once_not_at_the_next_minute(opened):
    window = opened
    assert window.autosaver.is_active()  # the safety net still runs
    window.autosaver.flush()  # what opening the file scheduled: nothing unsaved
    assert not window.autosaver.is_scheduled()
    window.document.set_value(FieldPath.parse("project_name"), "改了名")
    assert window.autosaver.is_scheduled()
    window.autosaver._debounce.timeout.emit()  # what the debounce timer does when it fires
    form, _meta = _recovered(window)
    assert form.project_name == "改了名"


def test_typing_without_a_pause_is_still_written_every_few_seconds(qtbot, tmp_path, seed1):
    store = RecoveryStore(tmp_path / "recovery")
    texts = iter(range(10_000))
    current = {"data": dumps_form(seed1)}
    saver = Autosaver(
        store, lambda: current["data"], interval_ms=60_000, debounce_ms=100, max_delay_ms=250
    )
    writes: list[Path] = []
    saver.saved.connect(writes.append)
    for _ in range(60):  # a key every 15 ms for 0.9 s: the debounce alone would never fire
        current["data"] = dumps_form(seed1.model_copy(update={"project_name": str(next(texts))}))
        saver.touch()
        qtbot.wait(15)
    assert len(writes) >= 2
    assert loads_form(store.path_for_session().read_bytes()).project_name != "0"


# --- a failed autosave is shown until one succeeds ------------------------------------------


def test_a_failed_autosave_shows_a_bar_until_an_autosave_succeeds(make_window, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the recovery folder's parent should be")
    window = make_window(recovery_dir=blocker / "recovery")
    bar = window.autosave_bar
    assert not bar.isVisible()
    window.document.set_value(FieldPath.parse("project_name"), "崩溃前的修改")

    assert not window.autosaver.flush()

    assert bar.isVisible()
    text = bar.message()
    assert text.startswith("自动保存失败")
    assert os_reason(OSError(errno.ENOTDIR, "")) in text  # the reason, in Chinese
    assert "请尽快保存" in text and "\n" not in text
    QApplication.processEvents()
    assert bar.isVisible()  # persistent: not a 10 s status message
    assert window.autosaver._retry.isActive()  # and tried again without waiting for an edit

    blocker.unlink()  # the clerk frees the folder
    window.autosaver._retry.timeout.emit()

    assert not bar.isVisible()
    assert loads_form(window.recovery_store.path_for_session().read_bytes()).project_name == (
        "崩溃前的修改"
    )


def test_a_full_disk_is_reported_in_the_bar_and_retry_clears_it(opened, monkeypatch):
    window = opened
    real_write = recovery_module.write_bytes_atomic

    def full_disk(path, data):
        reason = os_reason(OSError(errno.ENOSPC, "No space left on device"))
        raise FormFileError(str(path), f"无法写入：{reason}")

    monkeypatch.setattr(recovery_module, "write_bytes_atomic", full_disk)
    window.document.set_value(FieldPath.parse("project_name"), "满盘")
    assert not window.autosaver.flush()
    assert "磁盘空间已满" in window.autosave_bar.message()
    assert "自动保存" not in window.statusBar().currentMessage()  # not a passing message

    monkeypatch.setattr(recovery_module, "write_bytes_atomic", real_write)
    [retry] = [a for a in window.autosave_bar.actions() if a.text() == "立即重试"]
    retry.trigger()
    assert window.autosave_bar.message() == ""
    assert window.recovery_store.has_session_file()


# --- a real crash, in a child process --------------------------------------------------------

_TYPING_EDITOR = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QSettings, Qt, QEvent
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[3])
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from perfeval_gui.ui.app import create_application
    from perfeval_gui.ui.main_window import MainWindow
    from perfeval_gui.ui.recovery import RecoveryStore
    from perfeval_gui.ui import indicator_model as im

    def type_text(widget, text):
        for char in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)

    app = create_application()
    window = MainWindow(recovery_store=RecoveryStore(sys.argv[1]))
    window.show()
    window.activateWindow()
    app.processEvents()
    window.load_path(Path(sys.argv[2]))
    view = window.form_view
    table, model = view.indicator_table, view.indicator_model
    table.setFocus()
    table.setCurrentIndex(model.index(4, im.COL_SCORE))
    type_text(table, "1")  # opens the editor
    [(editor, _index)] = table.cell_delegate.open_editors()
    type_text(editor, "O")  # a letter O: refused, stays red
    QTest.keyClick(editor, Qt.Key.Key_Return)
    app.processEvents()
    view.goals_actual.setFocus()
    type_text(view.goals_actual, sys.argv[4])  # never committed: the focus stays there
    session = window.recovery_store.path_for_session()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # only the event loop runs: no flush() is called
        app.processEvents()
        time.sleep(0.05)
        if session.exists() and sys.argv[4].encode() in session.read_bytes():
            break
    print("WRITTEN" if session.exists() else "NOT WRITTEN", flush=True)
    time.sleep(600)  # until killed
    """
)


def test_a_killed_editor_loses_no_typed_text(make_window, dialogs, seed1_path, tmp_path):
    folder = tmp_path / "recovery"
    form_path = tmp_path / "表.json"
    shutil.copyfile(seed1_path, form_path)
    typed = "实际完成：服务企业 155 家（未离开输入框）"
    child = subprocess.Popen(
        [sys.executable, "-c", _TYPING_EDITOR, str(folder), str(form_path), str(tmp_path), typed],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        line = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert line == "WRITTEN", child.stderr.read()

    window = make_window(recovery_dir=folder)
    assert window.offer_recovery()
    view = window.form_view
    assert typed in window.document.form.goals.actual
    assert typed in view.goals_actual.toPlainText()
    model = view.indicator_model
    assert model.rejected(model.index(4, im.COL_SCORE))[0] == "1O"
    assert window.document.path == form_path
    assert window.isWindowModified()
