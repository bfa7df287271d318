"""Autosave and crash recovery: what was typed survives a crash and is offered, exactly, once."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from perfeval_gui.fileio import dumps_form, loads_form
from perfeval_gui.model import Form
from perfeval_gui.ui.autosave import Autosaver
from perfeval_gui.ui.recovery import RecoveryItem, RecoveryStore, pid_alive
from perfeval_gui.ui.restore_dialog import offer_restore, restore_message_box

CRASHING_EDITOR = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from perfeval_gui.ui.recovery import RecoveryStore

    folder, data_file, original, mode = sys.argv[1:5]
    store = RecoveryStore(Path(folder))
    store.save(Path(data_file).read_bytes(), Path(original) if original else None)
    print(store.path_for_session(), flush=True)
    if mode == "crash":
        os._exit(3)  # no clean-up of any kind, as in a crash or a kill -9
    sys.stdin.readline()  # stay alive until the test says otherwise
    """
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "recovery"


@pytest.fixture
def typed(seed1: Form) -> bytes:
    """An unsaved form as the window would autosave it, with text that is hard to keep."""
    form = seed1.model_copy(
        update={"project_name": "重点企业服务 <b>&amp; 𠀀 😀\t第二行\n", "year": 2023}
    )
    return dumps_form(form)


def run_editor(folder: Path, data: bytes, original: str, mode: str, tmp_path: Path):
    data_file = tmp_path / "typed.bin"
    data_file.write_bytes(data)
    return subprocess.Popen(
        [sys.executable, "-c", CRASHING_EDITOR, str(folder), str(data_file), original, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    assert not pid_alive(process.pid)
    return process.pid


def write_orphan(
    folder: Path, pid: int, data: bytes, meta: dict | bytes | None, stamp: str = "20260101T080000"
) -> Path:
    """A recovery file as a session with ``pid`` leaves it, lock-less (it never ran Qt here)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"recovery-{pid}-{stamp}-0123abcd"
    path = folder / f"{stem}.json"
    path.write_bytes(data)
    if meta is not None:
        raw = meta if isinstance(meta, bytes) else json.dumps(meta).encode()
        (folder / f"{stem}.meta.json").write_bytes(raw)
    return path


# --- the session's own file --------------------------------------------------------------


def test_save_writes_the_bytes_and_a_sidecar(folder: Path, typed: bytes) -> None:
    store = RecoveryStore(folder)
    original = Path("/srv/共享/2023 自评表.json")

    store.save(typed, original)

    path = store.path_for_session()
    assert path.parent == folder
    assert path.name.startswith(f"recovery-{os.getpid()}-")
    assert path.read_bytes() == typed
    assert loads_form(path.read_bytes()).year == 2023  # a form file in its own right
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text("utf-8"))
    assert meta["original"] == str(original)
    assert meta["pid"] == os.getpid()
    assert meta["size"] == len(typed)
    assert datetime.fromisoformat(meta["saved_at"]) <= datetime.now(UTC)
    assert path.with_name(path.stem + ".lock").exists()  # held while the session runs
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_sessions_get_distinct_files(folder: Path) -> None:
    assert RecoveryStore(folder).path_for_session() != RecoveryStore(folder).path_for_session()


def test_clear_session_and_close(folder: Path, typed: bytes) -> None:
    store = RecoveryStore(folder)
    store.save(typed)
    store.clear_session()
    assert not store.has_session_file()
    assert [p.suffix for p in folder.iterdir()] == [".lock"]  # the session still runs
    store.close()
    assert list(folder.iterdir()) == []


def test_default_folder_is_named_recovery(qapp: object) -> None:
    assert RecoveryStore().folder.name == "recovery"


# --- Autosaver --------------------------------------------------------------------------


def test_autosave_writes_after_the_interval_and_only_on_change(
    qtbot, folder: Path, typed: bytes
) -> None:
    store = RecoveryStore(folder)
    unsaved: dict[str, bytes | None] = {"data": None}
    saver = Autosaver(store, lambda: unsaved["data"], interval_ms=20)
    writes: list[Path] = []
    saver.saved.connect(writes.append)
    saver.start()
    assert saver.is_active()

    qtbot.wait(120)  # several ticks with nothing unsaved: nothing written
    assert not store.has_session_file()
    assert writes == []

    unsaved["data"] = typed
    qtbot.waitUntil(store.has_session_file, timeout=2000)
    assert store.path_for_session().read_bytes() == typed
    assert writes == [store.path_for_session()]

    mtime = store.path_for_session().stat().st_mtime_ns
    qtbot.wait(150)  # more ticks, nothing changed: no rewrite
    assert len(writes) == 1
    assert store.path_for_session().stat().st_mtime_ns == mtime

    edited = typed.replace(b"2023", b"2024")
    unsaved["data"] = edited
    qtbot.waitUntil(lambda: store.path_for_session().read_bytes() == edited, timeout=2000)
    assert len(writes) == 2

    unsaved["data"] = None  # the user saved: the recovery file goes
    qtbot.waitUntil(lambda: not store.has_session_file(), timeout=2000)
    saver.stop()
    assert not saver.is_active()


def test_flush_rewrites_a_file_removed_behind_its_back(folder: Path, typed: bytes) -> None:
    store = RecoveryStore(folder)
    saver = Autosaver(store, lambda: typed)
    assert saver.flush() is True
    assert saver.flush() is False  # unchanged
    store.clear_session()  # e.g. the window cleared it after a save, then undo brought it back
    assert saver.flush() is True
    assert store.path_for_session().read_bytes() == typed


def test_flush_records_the_original_path(folder: Path, typed: bytes) -> None:
    store = RecoveryStore(folder)
    original: dict[str, Path | None] = {"path": None}
    saver = Autosaver(store, lambda: typed, get_original=lambda: original["path"])
    assert saver.flush()
    original["path"] = Path("/data/另存为.json")  # Save As: same bytes, new file
    assert saver.flush()
    meta = json.loads(
        store.path_for_session().with_suffix("").with_suffix(".meta.json").read_text()
    )
    assert meta["original"] == "/data/另存为.json"


def test_autosave_failure_is_reported_not_raised(tmp_path: Path, typed: bytes) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = RecoveryStore(blocker / "recovery")
    saver = Autosaver(store, lambda: typed)
    messages: list[str] = []
    saver.failed.connect(messages.append)

    assert saver.flush() is False

    assert len(messages) == 1
    assert messages[0].startswith("自动保存失败")


# --- orphans after a crash ---------------------------------------------------------------


def test_a_crashed_editor_is_found_and_its_bytes_restored_exactly(
    qapp: object, folder: Path, typed: bytes, tmp_path: Path
) -> None:
    original = "/srv/共享/表 1.json"
    editor = run_editor(folder, typed, original, "crash", tmp_path)
    crashed_file = Path(editor.stdout.readline().strip())
    assert editor.wait(timeout=60) == 3
    assert crashed_file.with_name(crashed_file.stem + ".lock").exists()  # left behind

    store = RecoveryStore(folder)
    items = store.find_orphans()

    assert len(items) == 1
    item = items[0]
    assert item.path == crashed_file
    assert item.data == typed
    assert item.original == Path(original)
    assert item.pid == editor.pid
    assert datetime.now(UTC) - item.saved_at < timedelta(minutes=5)
    assert loads_form(item.data).project_name.startswith("重点企业服务 <b>&amp; 𠀀 😀")

    store.adopt(item)
    assert store.path_for_session().read_bytes() == typed
    assert not crashed_file.exists()
    assert sorted(p.name for p in folder.iterdir() if p.stem.startswith(crashed_file.stem)) == []
    assert store.find_orphans() == []
    assert RecoveryStore(folder).find_orphans() == []  # the adopting session is alive


def test_a_running_editor_is_not_offered_until_it_dies(
    qapp: object, folder: Path, typed: bytes, tmp_path: Path
) -> None:
    editor = run_editor(folder, typed, "", "live", tmp_path)
    try:
        live_file = Path(editor.stdout.readline().strip())
        assert live_file.read_bytes() == typed
        assert RecoveryStore(folder).find_orphans() == []
        assert live_file.exists()  # looking did not break its lock
    finally:
        editor.kill()
        editor.wait(timeout=60)

    items = RecoveryStore(folder).find_orphans()
    assert [item.path for item in items] == [live_file]
    assert items[0].original is None
    assert items[0].display_name() == "未命名"


def test_a_handwritten_file_of_a_dead_process_is_found(folder: Path, typed: bytes) -> None:
    pid = dead_pid()
    saved_at = datetime(2026, 1, 1, 8, 0, 5, tzinfo=UTC)
    meta = {
        "format": "perfeval-gui-recovery",
        "version": 1,
        "pid": pid,
        "original": "C:\\Users\\财务\\自评表.json",
        "saved_at": saved_at.isoformat(),
        "sha256": hashlib.sha256(typed).hexdigest(),
    }
    path = write_orphan(folder, pid, typed, meta)

    [item] = RecoveryStore(folder).find_orphans()

    assert item.path == path
    assert item.data == typed
    assert item.saved_at == saved_at
    assert str(item.original) == "C:\\Users\\财务\\自评表.json"


def test_the_live_sessions_own_file_is_not_offered(folder: Path, typed: bytes) -> None:
    store = RecoveryStore(folder)
    store.save(typed)
    assert store.find_orphans() == []
    # Another window of the same running editor holds its lock too.
    assert RecoveryStore(folder).find_orphans() == []


def test_a_lockless_file_of_a_running_pid_is_offered_only_when_old(
    folder: Path, typed: bytes
) -> None:
    path = write_orphan(folder, os.getpid(), typed, None)
    assert RecoveryStore(folder).find_orphans() == []
    three_days_ago = time.time() - 3 * 24 * 3600
    os.utime(path, (three_days_ago, three_days_ago))
    [item] = RecoveryStore(folder).find_orphans()
    assert item.data == typed
    assert item.saved_at.timestamp() == pytest.approx(three_days_ago, abs=1)


def test_discard_deletes_the_orphans_files(
    qapp: object, folder: Path, typed: bytes, tmp_path: Path
) -> None:
    editor = run_editor(folder, typed, "", "crash", tmp_path)
    editor.stdout.readline()
    editor.wait(timeout=60)
    store = RecoveryStore(folder)
    [item] = store.find_orphans()

    store.discard(item)

    assert list(folder.iterdir()) == []
    assert store.find_orphans() == []


def test_corrupt_and_unreadable_files_are_skipped_quietly(
    folder: Path, typed: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    pid = dead_pid()
    junk = [
        write_orphan(folder, pid, b"\x00\xff\xfe junk", None, "20260101T000001"),
        write_orphan(folder, pid, typed[: len(typed) // 2], None, "20260101T000002"),
        write_orphan(folder, pid, b"", None, "20260101T000003"),
        write_orphan(folder, pid, b"[" * 100_000, None, "20260101T000004"),
        write_orphan(
            folder, pid, b'{"format": "perfeval-selfeval", "version": 99}', None, "20260101T000005"
        ),
    ]
    good = write_orphan(folder, pid, typed, b"{not json", "20260101T000006")
    write_orphan(
        folder,
        pid,
        typed,
        {"format": "perfeval-gui-recovery", "original": 42, "saved_at": "yesterday", "pid": "x"},
        "20260101T000007",
    )
    (folder / f"recovery-{pid}-20260101T000008-0123abcd.json").mkdir()  # not a file
    (folder / "recovery-notes.json").write_bytes(typed)  # not one of ours
    (folder / "recovery-1-20260101T000009-0123abcd.json").symlink_to(folder / "missing")

    items = RecoveryStore(folder).find_orphans()

    assert sorted(item.path.name for item in items) == [
        good.name,
        f"recovery-{pid}-20260101T000007-0123abcd.json",
    ]
    assert all(item.data == typed and item.original is None for item in items)
    assert all(path.exists() for path in junk)  # skipped, not deleted
    assert "not a readable form" in caplog.text


def test_leftovers_of_dead_sessions_are_swept_but_never_data(folder: Path, typed: bytes) -> None:
    live = RecoveryStore(folder)
    live.save(typed)
    pid = dead_pid()
    orphan = write_orphan(folder, pid, typed, None, "20260101T000001")
    stem = f"recovery-{pid}-20260101T000002-0123abcd"
    leftovers = [
        folder / f".{stem}.json.x1y2z3.tmp",  # a write cut short by the crash
        folder / f".{stem}.meta.json.a_b.tmp",
        folder / f"{stem}.meta.json",  # sidecar whose data is gone
    ]
    for path in leftovers:
        path.write_bytes(typed[:100])
    before_live = sorted(p.name for p in folder.iterdir() if live.path_for_session().stem in p.name)

    items = RecoveryStore(folder).find_orphans()

    assert [item.path for item in items] == [orphan]
    assert not any(path.exists() for path in leftovers)
    after_live = sorted(p.name for p in folder.iterdir() if live.path_for_session().stem in p.name)
    assert after_live == before_live  # the running session keeps its data, sidecar and lock
    assert len(after_live) == 3


def test_missing_folder_has_no_orphans(tmp_path: Path) -> None:
    assert RecoveryStore(tmp_path / "nowhere").find_orphans() == []


# --- offering -----------------------------------------------------------------------------


@pytest.fixture
def two_orphans(folder: Path, typed: bytes) -> list[RecoveryItem]:
    pid = dead_pid()
    write_orphan(folder, pid, typed, None, "20260101T000001")
    newer = write_orphan(
        folder,
        pid,
        typed,
        {"format": "perfeval-gui-recovery", "original": "/d/年度表.json"},
        "20260101T000002",
    )
    later = time.time() + 60
    os.utime(newer, (later, later))
    items = RecoveryStore(folder).find_orphans()
    assert len(items) == 2
    assert items[0].path == newer  # newest first
    return items


def test_message_box_lists_time_and_file_name(
    qapp: object, two_orphans: list[RecoveryItem]
) -> None:
    box, choices = restore_message_box(None, two_orphans)
    text = box.text() + box.informativeText()
    assert "2 份" in text
    assert "年度表.json" in text
    assert "未命名" in text
    assert two_orphans[0].saved_at.astimezone().strftime("%Y-%m-%d %H:%M") in text
    assert sorted(button.text() for button in choices) == sorted(["恢复", "丢弃", "稍后"])
    assert box.defaultButton().text() == "恢复"


def _click_soon(name: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        [button] = [b for b in box.buttons() if b.objectName() == name]
        button.click()

    QTimer.singleShot(0, click)


@pytest.mark.parametrize("choice", ["restore", "discard", "later"])
def test_offer_restore_with_the_message_box(
    qapp: object, folder: Path, two_orphans: list[RecoveryItem], choice: str
) -> None:
    store = RecoveryStore(folder)
    _click_soon(choice)

    chosen = offer_restore(None, store, store.find_orphans())

    left = store.find_orphans()
    if choice == "restore":
        assert chosen == two_orphans[0]
        assert left == two_orphans  # the caller adopts it once it is shown
    elif choice == "discard":
        assert chosen is None
        assert left == []
        assert list(folder.iterdir()) == []
    else:
        assert chosen is None
        assert left == two_orphans


def test_no_orphans_asks_nothing(make_window, dialogs, folder: Path) -> None:
    window = make_window(recovery_dir=folder, show=False)
    assert window.offer_recovery() is False
    assert dialogs.restore_offers == []  # the question is not asked at all


# --- typed texts the form file cannot hold --------------------------------------------------


def test_pending_entries_travel_in_the_sidecar_with_their_data(
    folder: Path, typed: bytes
) -> None:
    from perfeval_gui.ui.recovery import PendingEntry

    pid = dead_pid()
    entries = [
        PendingEntry("indicators[1].score", "12..5", "“12..5”不是有效的数字"),
        PendingEntry("goals.actual", "带<b>标记</b>\n与控制字符\x07", "含有控制字符"),
    ]
    store = RecoveryStore(folder)
    store.save(typed, None, entries)
    session = store.path_for_session()
    meta = json.loads(session.with_name(session.stem + ".meta.json").read_text("utf-8"))
    stem = f"recovery-{pid}-20260101T000001-0123abcd"
    folder.joinpath(f"{stem}.json").write_bytes(typed)
    folder.joinpath(f"{stem}.meta.json").write_text(json.dumps(meta))
    stale = f"recovery-{pid}-20260101T000002-0123abcd"  # a sidecar of other bytes
    folder.joinpath(f"{stale}.json").write_bytes(typed.replace(b"2023", b"2024"))
    folder.joinpath(f"{stale}.meta.json").write_text(json.dumps(meta))
    junk = f"recovery-{pid}-20260101T000003-0123abcd"  # malformed entries are left out
    folder.joinpath(f"{junk}.json").write_bytes(typed)
    bad = {**meta, "pending": [{"path": 3}, "x", {"path": "year", "text": "202"}]}
    folder.joinpath(f"{junk}.meta.json").write_text(json.dumps(bad))

    items = {item.path.stem: item for item in RecoveryStore(folder).find_orphans()}

    assert list(items[stem].pending) == entries
    assert items[stale].pending == ()
    assert [(e.path, e.text, e.reason) for e in items[junk].pending] == [("year", "202", "")]
    adopter = RecoveryStore(folder)
    adopted: list[object] = []
    adopter.on_adopt.append(adopted.append)
    adopter.adopt(items[stem])
    assert adopted == [items[stem]]  # the window shows them once the form is on screen
    assert stem not in {i.path.stem for i in RecoveryStore(folder).find_orphans()}  # adopted
    own = json.loads(
        adopter.path_for_session().with_suffix("").with_suffix(".meta.json").read_text()
    )
    assert [e["text"] for e in own["pending"]] == [e.text for e in entries]  # kept on adopting
