"""Issue 9: a save never silently destroys a change someone else made to the file meanwhile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from file_questions import answering
from PySide6.QtWidgets import QApplication

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import dumps_form, load_form
from perfeval_gui.ui.file_actions import CANCEL, OVERWRITE, RELOAD, SAVE_AS

NAME = FieldPath.parse("project_name")


def _copy(src: Path, folder: Path, name: str = "form.json") -> Path:
    target = folder / name
    shutil.copyfile(src, target)
    return target


def _other_program_writes(path: Path, project_name: str, *, replace: bool = True) -> bytes:
    """Another editor saves ``path`` (by default as most do: a new file renamed over it)."""
    form = load_form(path).model_copy(update={"project_name": project_name})
    data = dumps_form(form)
    if replace:
        tmp = path.with_name(path.name + ".other~")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    else:
        path.write_bytes(data)
    return data


def _settle(qtbot, ms: int = 400) -> None:
    qtbot.wait(ms)
    QApplication.processEvents()


def test_save_over_a_file_changed_by_another_program_asks_first(
    make_window, seed1_path, tmp_path
):
    """Reproduces 'last writer wins silently': today Save overwrote the other program's edit."""
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    questions = answering(window)
    window.open_file(path)
    window.document.set_value(NAME, "本窗口的修改")
    theirs = _other_program_writes(path, "其他程序的修改", replace=False)

    questions.answers["changed"] = [CANCEL]
    assert not window.save()
    assert path.read_bytes() == theirs
    assert window.isWindowModified()
    text = questions.text("changed")
    assert "form.json" in text and f"{len(theirs):,} 字节" in text
    assert questions.asked[0][3] == [SAVE_AS, OVERWRITE, RELOAD, CANCEL]

    questions.answers["changed"] = [SAVE_AS]
    other = tmp_path / "mine.json"
    window.ask_save_path = lambda suggested: str(other)
    assert window.save()
    assert path.read_bytes() == theirs
    assert load_form(other).project_name == "本窗口的修改"
    assert window.document.path == other.resolve()


def test_overwrite_after_confirming(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    questions = answering(window)
    window.open_file(path)
    window.document.set_value(NAME, "本窗口的修改")
    _other_program_writes(path, "其他程序的修改")
    questions.answers["changed"] = [OVERWRITE]
    assert window.save()
    assert load_form(path).project_name == "本窗口的修改"
    window.document.set_value(NAME, "再改一次")
    assert window.save()  # the file is now what we wrote: no second question
    assert questions.kinds() == ["changed"]


def test_reload_takes_the_other_version(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    questions = answering(window)
    window.open_file(path)
    window.document.set_value(NAME, "本窗口的修改")
    _other_program_writes(path, "其他程序的修改")
    questions.answers["changed"] = [RELOAD]
    assert not window.save()
    assert window.document.form.project_name == "其他程序的修改"
    assert not window.isWindowModified()
    assert window.form_view.project_name.text() == "其他程序的修改"


def test_the_same_bytes_rewritten_is_not_a_conflict(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    answering(window)  # any question fails the test
    window.open_file(path)
    path.write_bytes(path.read_bytes())
    os.utime(path, (1_000_000, 1_000_000))
    window.document.set_value(NAME, "改了")
    assert window.save()
    assert load_form(path).project_name == "改了"


def test_our_own_saves_raise_no_notice(make_window, qtbot, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    answering(window)
    window.open_file(path)
    for text in ("一", "二", "三"):
        window.document.set_value(NAME, text)
        assert window.save()
        _settle(qtbot)
    assert window.files.notice.notice_text() == ""


def test_the_watcher_tells_when_another_program_saves(make_window, qtbot, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    questions = answering(window)
    window.open_file(path)
    notice = window.files.notice
    data = _other_program_writes(path, "第一次外部修改")  # replaced by rename
    qtbot.waitUntil(lambda: notice.notice_text() != "", timeout=5000)
    assert "已被其他程序或窗口修改" in notice.notice_text()
    assert f"{len(data):,} 字节" in notice.notice_text()
    assert notice.button_texts() == ["重新载入", "忽略"]
    notice.press("忽略")
    assert notice.notice_text() == ""
    # The rename dropped the file from QFileSystemWatcher; a second change is still seen.
    _other_program_writes(path, "第二次外部修改")
    qtbot.waitUntil(lambda: notice.notice_text() != "", timeout=5000)
    notice.press("重新载入")  # nothing unsaved here: no question
    assert window.document.form.project_name == "第二次外部修改"
    assert questions.asked == []
    _settle(qtbot)
    assert notice.notice_text() == ""


def test_reload_from_the_notice_asks_when_there_are_unsaved_edits(
    make_window, qtbot, seed1_path, tmp_path
):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    questions = answering(window)
    window.open_file(path)
    window.document.set_value(NAME, "本窗口的修改")
    _other_program_writes(path, "外部修改", replace=False)
    notice = window.files.notice
    qtbot.waitUntil(lambda: notice.notice_text() != "", timeout=5000)
    questions.answers["reload"] = [CANCEL]
    notice.press("重新载入")
    assert window.document.form.project_name == "本窗口的修改"
    questions.answers["changed"] = [CANCEL]  # and saving later still asks
    assert not window.save()


def test_the_watcher_tells_when_the_file_disappears(make_window, qtbot, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    answering(window)
    window.open_file(path)
    path.unlink()
    notice = window.files.notice
    qtbot.waitUntil(lambda: notice.notice_text() != "", timeout=5000)
    assert "已被删除或移走" in notice.notice_text()
    window.document.set_value(NAME, "重新创建")
    assert window.save()  # nothing on disk to destroy: saved where it was
    assert load_form(path).project_name == "重新创建"
    _settle(qtbot)
    assert window.files.watcher.is_watching()  # and watched again


def test_a_write_right_after_our_save_is_still_noticed(tmp_path):
    """The identity kept after a save hashes our bytes, not whatever the disk has by then."""
    from perfeval_gui.filestate import identify
    from perfeval_gui.ui.file_actions import _written_identity

    path = tmp_path / "f.json"
    path.write_bytes(b"ours")
    assert _written_identity(path, b"ours") == identify(path)
    path.write_bytes(b"theirs, a moment later")
    kept = _written_identity(path, b"ours")
    now = identify(path)
    assert kept is not None and now is not None
    assert not now.same_content(kept)  # so the next save asks
