"""Issue 9: opening a form locks it (as LibreOffice does); a second opener is told who has it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from file_questions import answering, lock_held_by_another_process, read_only_folder
from PySide6.QtCore import QSysInfo

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import dumps_form, load_form
from perfeval_gui.ui.file_actions import CANCEL, COPY, OVERWRITE, READ_ONLY
from perfeval_gui.ui.file_lock import FormLock, LockState, current_user, lock_path_for

NAME = FieldPath.parse("project_name")


def _copy(src: Path, folder: Path, name: str = "form.json") -> Path:
    target = folder / name
    shutil.copyfile(src, target)
    return target


def _lock_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~lock."))


def test_opening_takes_a_lock_naming_user_host_and_time(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    assert window.open_file(path)
    assert _lock_files(tmp_path) == [".~lock.form.json#", ".~lock.form.json#.owner"]
    lines = lock_path_for(path).read_text().splitlines()  # QLockFile: pid, program, host …
    pid, host = lines[0], lines[2]
    assert int(pid) == os.getpid() and host == QSysInfo.machineHostName()
    owner = json.loads((tmp_path / ".~lock.form.json#.owner").read_text(encoding="utf-8"))
    assert owner["user"] == current_user() and owner["host"] == host
    assert owner["pid"] == os.getpid() and owner["since"][:4].isdigit()
    window.close()
    assert _lock_files(tmp_path) == []  # released on close


def test_opening_another_file_or_new_releases_the_lock(
    make_window, seed1_path, seed2_path, tmp_path
):
    a = _copy(seed1_path, tmp_path, "a.json")
    b = _copy(seed2_path, tmp_path, "b.json")
    window = make_window()
    window.open_file(a)
    window.open_file(b)
    assert _lock_files(tmp_path) == [".~lock.b.json#", ".~lock.b.json#.owner"]
    window.open_file(b)  # the same file again in the same window: no question, still locked
    assert _lock_files(tmp_path) == [".~lock.b.json#", ".~lock.b.json#.owner"]
    window.new_file()
    assert _lock_files(tmp_path) == []


def test_save_as_moves_the_lock_to_the_new_file(make_window, seed1_path, tmp_path):
    a = _copy(seed1_path, tmp_path, "a.json")
    window = make_window()
    window.open_file(a)
    window.ask_save_path = lambda suggested: str(tmp_path / "b.json")
    assert window.save_as()
    assert _lock_files(tmp_path) == [".~lock.b.json#", ".~lock.b.json#.owner"]


def test_a_file_open_in_another_process_is_offered_read_only(
    make_window, dialogs, seed1_path, tmp_path
):
    path = _copy(seed1_path, tmp_path)
    with lock_held_by_another_process(path, user="zhang-san"):
        window = make_window()
        questions = answering(window)
        questions.answers["locked"] = [READ_ONLY]
        assert window.open_file(path)
        text = questions.text("locked")
        assert "zhang-san" in text and QSysInfo.machineHostName() in text
        assert "form.json" in text and "另一个窗口" not in text
        assert any(ch.isdigit() for ch in text.split("自")[-1])  # since when
        assert questions.asked[0][3] == [READ_ONLY, COPY, CANCEL]
        assert window.document.path == path.resolve()
        assert "只读" in window.windowTitle()
        # Save leads to Save As; choosing the same file asks before overwriting theirs.
        window.document.set_value(NAME, "我的修改")
        window.ask_save_path = lambda suggested: str(path)
        questions.answers["overwrite_locked"] = [CANCEL]
        assert not window.save()
        assert "zhang-san" in questions.text("overwrite_locked")
        assert path.read_bytes() == seed1_path.read_bytes()
        assert window.isWindowModified()


def test_cancel_and_copy_when_the_file_is_locked(make_window, seed1_path, seed2_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    with lock_held_by_another_process(path):
        window = make_window()
        window.load_path(seed2_path)
        questions = answering(window)
        questions.answers["locked"] = [CANCEL, COPY]
        assert not window.open_file(path)
        assert window.document.form == load_form(seed2_path)  # nothing changed
        assert window.open_file(path)
        assert window.document.path is None  # an untitled copy
        assert window.document.form == load_form(seed1_path)
        assert window.isWindowModified()  # unsaved: closing asks
        assert window.windowTitle().startswith("未命名")
        assert _lock_files(tmp_path) == [".~lock.form.json#", ".~lock.form.json#.owner"]


def test_a_stale_lock_of_a_dead_process_is_taken_over_silently(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    with lock_held_by_another_process(path) as holder:
        holder.kill()  # SIGKILL: no chance to clean up
        holder.wait()
        assert lock_path_for(path).exists()  # a crash leaves it behind
        window = make_window()
        answering(window)  # any question fails the test
        assert window.open_file(path)
        assert "只读" not in window.windowTitle()
        assert int(lock_path_for(path).read_text().splitlines()[0]) == os.getpid()


def test_two_windows_of_one_process(make_window, dialogs, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    first, second = make_window(), make_window()
    answering(first)
    questions = answering(second)
    assert first.open_file(path)
    questions.answers["locked"] = [READ_ONLY]
    assert second.open_file(path)
    assert "另一个窗口" in questions.text("locked")
    assert current_user() in questions.text("locked")
    # The first window saves; the second's Save leads to Save As and never overwrites it.
    first.document.set_value(NAME, "第一个窗口的修改")
    assert first.save()
    second.document.set_value(NAME, "第二个窗口的修改")
    second.ask_save_path = lambda suggested: str(path)
    questions.answers["overwrite_locked"] = [CANCEL]
    assert not second.save()
    assert load_form(path).project_name == "第一个窗口的修改"
    # Once the first window closes the file is free, but it changed since the second read
    # it: overwriting the first window's save needs the clerk's word too.
    first.close()
    questions.answers["changed"] = [OVERWRITE]
    assert second.save_to(path)
    assert "form.json" in questions.text("changed")
    assert load_form(path).project_name == "第二个窗口的修改"


def test_overwrite_a_locked_file_only_when_confirmed(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    with lock_held_by_another_process(path):
        window = make_window()
        questions = answering(window)
        window.load_path(seed1_path)
        window.document.set_value(NAME, "确认覆盖")
        questions.answers["overwrite_locked"] = [OVERWRITE]
        assert window.save_to(path)
        assert load_form(path).project_name == "确认覆盖"


def test_no_lock_possible_in_a_read_only_folder_still_opens(make_window, seed1_path, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _copy(seed1_path, folder)
    window = make_window()
    answering(window)
    with read_only_folder(folder):
        assert FormLock(path).acquire() == LockState.UNAVAILABLE
        assert window.open_file(path)
        assert window.document.form == load_form(seed1_path)
        assert "锁文件" in window.statusBar().currentMessage()
        assert _lock_files(folder) == []
        window.document.set_value(NAME, "无锁也能保存")
    assert window.save()  # writable file: saved in place as usual
    assert load_form(path).project_name == "无锁也能保存"


@pytest.mark.parametrize("garbage", [b"", b"not a lock\n", b"\xff\xfe" * 100])
def test_a_foreign_or_empty_lock_file_names_nobody(tmp_path, garbage):
    path = tmp_path / "form.json"
    path.write_bytes(b"{}")
    lock_path_for(path).write_bytes(garbage)
    lock = FormLock(path)
    state = lock.acquire()
    if state == LockState.HELD:
        owner = lock.owner()
        assert owner.user == "" and not owner.this_process
    else:  # Qt treats an unreadable lock as stale and takes it over
        assert state == LockState.ACQUIRED
        lock.release()


def _restore(window, original: Path, project_name: str) -> bool:
    """Restore a recovery copy of ``original`` as after a crash (the store's find is stubbed)."""
    from datetime import UTC, datetime

    from perfeval_gui.ui.recovery import RecoveryItem

    form = load_form(original).model_copy(update={"project_name": project_name})
    item = RecoveryItem(
        path=original.with_name("recovery.json"),
        data=dumps_form(form),
        original=original,
        saved_at=datetime.now(UTC),
        pid=None,
    )
    window.recovery_store.find_orphans = lambda: [item]
    window.recovery_store.adopt = lambda _item: None
    return window.offer_recovery()


def test_a_restored_form_locks_its_file(make_window, seed1_path, tmp_path):
    path = _copy(seed1_path, tmp_path)
    window = make_window()
    answering(window)
    assert _restore(window, path, "崩溃前的修改")
    assert int(lock_path_for(path).read_text().splitlines()[0]) == os.getpid()
    assert "只读" not in window.windowTitle()
    assert window.save()
    assert load_form(path).project_name == "崩溃前的修改"


def test_a_restored_form_whose_file_is_open_elsewhere_stays_read_only(
    make_window, dialogs, seed1_path, tmp_path
):
    path = _copy(seed1_path, tmp_path)
    with lock_held_by_another_process(path):
        window = make_window()
        answering(window)
        assert _restore(window, path, "崩溃前的修改")
        assert window.document.form.project_name == "崩溃前的修改"  # nothing lost
        assert "只读" in window.windowTitle()
        dialogs.save_paths.append(None)
        assert not window.save()  # Save leads to Save As, cancelled here
        assert dialogs.save_paths == []
        assert load_form(path).project_name == load_form(seed1_path).project_name


def test_the_bundled_examples_are_never_locked(make_window, seed1_path):
    """Every window and test run opens them at once; a system install is not writable."""
    first, second = make_window(), make_window()
    answering(first), answering(second)  # no question for either
    assert first.load_path(seed1_path) and second.load_path(seed1_path)
    assert _lock_files(seed1_path.parent) == []
    assert "只读" not in second.windowTitle()
