"""Saving: the old file or the new one, never a mixture; the file's mode kept, the umask
honoured; read-only files left alone; in place where the folder is closed; no leftovers."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import as_other_user
import pytest
from as_other_user import run_unprivileged

from perfeval_gui import safe_write
from perfeval_gui.fileio import (
    FormFileError,
    dumps_form,
    is_read_only,
    load_form,
    save_form,
    write_bytes_atomic,
)
from perfeval_gui.model import Form
from perfeval_gui.safe_write import HOST_TAG, STALE_AFTER_SECONDS, sweep_stale_temps

POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="POSIX modes and umask")


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder any user may enter (see as_other_user.open_folder)."""
    with as_other_user.open_folder() as folder:
        yield folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".bak")))


def backups() -> list[str]:
    return sorted(
        p.name for p in Path(tempfile.gettempdir()).iterdir()
        if p.name.startswith("perfeval-backup.") and str(os.getpid()) in p.name
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def saved(tmp_path: Path, seed1: Form) -> Path:
    target = tmp_path / "表.json"
    save_form(seed1, target)
    return target


@pytest.fixture
def umask() -> Iterator[Any]:
    """Set the process umask for one test (restored after)."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- the old file intact on every failure, and nothing left behind ---------------------------


@pytest.mark.parametrize(
    ("where", "error", "expected"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device"), "无法写入：磁盘空间已满"),
        ("write", OSError(errno.EDQUOT, "Disk quota exceeded"), "无法写入：超出磁盘配额"),
        ("replace", OSError(errno.EIO, "Input/output error"), "无法写入：读写磁盘出错"),
        ("close", OSError(errno.EIO, "Input/output error"), "无法写入：读写磁盘出错"),
    ],
)
def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError,
    expected: str,
) -> None:
    before = saved.read_bytes()
    real = getattr(os, where)

    def fail(*args: Any) -> Any:
        if where == "close":
            real(*args)
        raise error

    monkeypatch.setattr(os, where, fail)
    with pytest.raises(FormFileError) as info:
        save_form(seed2, saved)
    monkeypatch.undo()
    assert info.value.reason == expected
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


@pytest.mark.parametrize("where", ["write", "fsync", "replace", "fchmod"])
def test_an_interrupt_mid_save_leaves_the_old_file_and_no_temporary_file(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    before = saved.read_bytes()

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, where, interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_form(seed2, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_write_failure_translates_the_reason_but_never_the_file_name(tmp_path: Path) -> None:
    """The reason is translated by errno, so a path holding the English words stays as it is."""
    target = tmp_path / "No such file or directory" / "Permission denied.json"
    with pytest.raises(FormFileError) as info:
        write_bytes_atomic(target, b"{}")
    assert info.value.reason == "无法写入：文件或文件夹不存在"
    assert "Permission denied.json" in str(info.value)


@pytest.mark.parametrize("path", ["a\0b.json", "bad\ud800.json"])
def test_a_name_the_system_cannot_take_is_a_form_file_error(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FormFileError) as info:
        write_bytes_atomic(path, b"{}")
    assert info.value.reason == "无法写入：不是有效的文件名"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_folder_in_the_way_is_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        with pytest.raises(FormFileError) as info:
            write_bytes_atomic(target, b"{}")
        assert "目标不是普通文件" in info.value.reason
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_save_to_a_relative_path(tmp_path: Path, seed1: Form, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    save_form(seed1, "相对.json")
    assert (tmp_path / "相对.json").read_bytes() == dumps_form(seed1)
    assert leftovers(tmp_path) == []


def test_save_through_a_symlink_keeps_the_link(tmp_path: Path, seed1: Form, seed2: Form) -> None:
    real = tmp_path / "real.json"
    save_form(seed1, real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save_form(seed2, link)
    assert link.is_symlink()
    assert load_form(real).project_name == seed2.project_name
    assert leftovers(tmp_path) == []


def test_a_name_near_the_length_limit_still_saves(tmp_path: Path, seed1: Form) -> None:
    """The temporary name is longer than the target's; it is shortened to fit."""
    target = tmp_path / ("长" * 80 + ".json")  # 245 bytes in UTF-8
    save_form(seed1, target)
    assert target.read_bytes() == dumps_form(seed1)


# --- modes, owner, umask ------------------------------------------------------------------------


@POSIX_ONLY
@pytest.mark.parametrize("kept", [0o600, 0o640, 0o664, 0o604])
def test_a_save_keeps_the_files_mode(saved: Path, seed2: Form, kept: int) -> None:
    saved.chmod(kept)
    save_form(seed2, saved)
    assert load_form(saved).project_name == seed2.project_name
    assert mode(saved) == kept
    assert leftovers(saved.parent) == []


@POSIX_ONLY
@pytest.mark.parametrize(("mask", "expected"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_honours_the_umask(
    tmp_path: Path, seed1: Form, umask: Any, mask: int, expected: int
) -> None:
    """It was 0644 under umask 077: forms readable by other users of a shared PC."""
    umask(mask)
    target = tmp_path / f"新表-{mask:o}.json"
    save_form(seed1, target)
    assert mode(target) == expected


@POSIX_ONLY
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_saving_someone_elses_form_keeps_its_owner(saved: Path, seed2: Form) -> None:
    os.chown(saved, 65534, 65534)
    save_form(seed2, saved)
    info = os.stat(saved)
    assert (info.st_uid, info.st_gid) == (65534, 65534)


# --- read-only files ---------------------------------------------------------------------------


@POSIX_ONLY
def test_a_read_only_file_is_not_overwritten(saved: Path, seed2: Form) -> None:
    """A 0444 form was overwritten without asking (the rename ignores the file's mode)."""
    before = saved.read_bytes()
    saved.chmod(0o444)
    assert is_read_only(saved)
    with pytest.raises(FormFileError) as info:
        save_form(seed2, saved)
    assert info.value.reason.startswith("文件是只读的，未覆盖")
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []
    save_form(seed2, saved, overwrite_read_only=True)  # when the clerk says so
    assert load_form(saved).project_name == seed2.project_name
    assert mode(saved) == 0o444


def test_is_read_only(tmp_path: Path, saved: Path, open_folder: Path) -> None:
    assert not is_read_only(saved)
    assert not is_read_only(tmp_path / "missing.json")
    assert not is_read_only(tmp_path)
    assert not is_read_only("a\0b")
    mine = open_folder / "root-owned.json"
    mine.write_bytes(b"{}")
    mine.chmod(0o644)
    shared = open_folder / "shared.json"
    shared.write_bytes(b"{}")
    shared.chmod(0o666)
    # Someone else's 0644 file: readable, not writable for us.
    assert run_unprivileged(lambda: f"{is_read_only(mine)} {is_read_only(shared)}") == (
        "True False" if os.geteuid() == 0 else "False False"
    )


# --- a folder that forbids new files: in place, safely -----------------------------------------


@POSIX_ONLY
def test_a_closed_folder_with_a_writable_file_is_saved_in_place(
    open_folder: Path, seed1: Form, seed2: Form
) -> None:
    """No temporary file can be made beside it, but the file itself is writable: it is
    rewritten in place (same file, same mode), not refused; the backup copy is gone after."""
    target = open_folder / "共享.json"
    target.write_bytes(dumps_form(seed1))
    target.chmod(0o666)
    if os.geteuid() != 0:
        open_folder.chmod(0o555)
    inode = os.stat(target).st_ino

    def save() -> str:
        try:
            save_form(seed2, target)
        except FormFileError as exc:
            return str(exc)
        return "saved " + " ".join(backups())

    assert run_unprivileged(save) == "saved "
    assert target.read_bytes() == dumps_form(seed2)
    assert os.stat(target).st_ino == inode and mode(target) == 0o666
    assert leftovers(open_folder) == []


@POSIX_ONLY
def test_a_closed_folder_and_a_closed_file_is_a_clear_refusal(
    open_folder: Path, seed1: Form, seed2: Form
) -> None:
    target = open_folder / "他人.json"
    target.write_bytes(dumps_form(seed1))
    target.chmod(0o644)
    if os.geteuid() != 0:
        pytest.skip("needs a file owned by another user")

    def save() -> str:
        try:
            save_form(seed2, target)
        except FormFileError as exc:
            return exc.reason
        return "saved"

    assert run_unprivileged(save).startswith("文件是只读的，未覆盖")
    assert target.read_bytes() == dumps_form(seed1)


def close_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """No new file can be made beside the target (the backup in the temporary folder can)."""
    real_create = safe_write._create

    def create(folder: Path, name: str, mode: int, prefix: str = ".", suffix: str = ".tmp"):
        if suffix == ".tmp":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_create(folder, name, mode, prefix, suffix)

    monkeypatch.setattr(safe_write, "_create", create)


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(OSError(errno.ENOSPC, "full"), FormFileError), (KeyboardInterrupt(), KeyboardInterrupt)],
)
def test_a_failed_in_place_save_puts_the_old_bytes_back(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch, failure: BaseException,
    raised: type[BaseException],
) -> None:
    """The new bytes are half written when the truncate fails: the old ones go back."""
    before = saved.read_bytes()
    calls: list[int] = []
    real_truncate = os.ftruncate

    def truncate(fd: int, length: int) -> None:
        calls.append(length)
        if len(calls) == 1:
            raise failure
        real_truncate(fd, length)

    close_the_folder(monkeypatch)
    monkeypatch.setattr(os, "ftruncate", truncate)
    with pytest.raises(raised):
        write_bytes_atomic(saved, dumps_form(seed2))
    monkeypatch.undo()
    assert calls == [len(dumps_form(seed2)), len(before)]
    assert saved.read_bytes() == before
    assert backups() == [] and leftovers(saved.parent) == []


def test_an_in_place_save_that_cannot_restore_names_the_backup(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def broken(fd: int, length: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    close_the_folder(monkeypatch)
    monkeypatch.setattr(os, "ftruncate", broken)
    with pytest.raises(FormFileError) as info:
        write_bytes_atomic(saved, dumps_form(seed2))
    monkeypatch.undo()
    (backup,) = backups()
    path = Path(tempfile.gettempdir()) / backup
    try:
        assert path.read_bytes() == before
        assert info.value.reason.startswith("写入失败，原文件可能已损坏；原内容的备份在 “")
        assert backup in info.value.reason
        assert mode(path) == 0o600 or os.name == "nt"
    finally:
        path.unlink()


def test_a_sticky_folder_refusing_the_rename_is_saved_in_place(
    saved: Path, seed2: Form, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In /tmp-like folders the new file can be made but not renamed over another user's."""
    real_replace = os.replace

    def sticky(src: Any, dst: Any) -> None:
        if str(dst) == str(saved):
            raise PermissionError(errno.EPERM, "Operation not permitted")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", sticky)
    save_form(seed2, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == dumps_form(seed2)
    assert leftovers(saved.parent) == []


# --- leftovers of killed saves -----------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_temporary_files_of_ours_are_swept_on_the_next_save(
    saved: Path, seed2: Form
) -> None:
    folder = saved.parent
    dead, alive, other_host = dead_pid(), os.getpid(), f"{(int(HOST_TAG, 16) + 1) % 65536:04x}"
    names = {
        f".表.json.{dead}-{HOST_TAG}a1b2c3.tmp": "swept",  # its writer is gone
        f".other.json.{dead}-{HOST_TAG}a1b2c3.tmp": "swept",  # any form of this folder
        f".表.json.{alive}-{HOST_TAG}d4e5f6.tmp": "kept",  # a save under way
        f".表.json.{dead}-{other_host}a1b2c3.tmp": "kept",  # another computer's, young
        f".表.json.{dead}-{other_host}000000.tmp": "old-swept",
        ".表.json.abcd_123.tmp": "kept",  # an older version's, young
        ".表.json.x9y8z7w6.tmp": "old-swept",
        ".gone.json.x9y8z7w6.tmp": "old-kept",  # older format, no such form here
        ".notes.tmp": "old-kept",
        "表.json.tmp": "old-kept",
    }
    for name, fate in names.items():
        (folder / name).write_bytes(b"partial")
        if fate.startswith("old"):
            _age(folder / name, STALE_AFTER_SECONDS + 60)
    link = folder / f".link.json.{dead}-{HOST_TAG}a1b2c3.tmp"
    link.symlink_to(saved)
    save_form(seed2, saved)
    remaining = {p.name for p in folder.iterdir()}
    for name, fate in names.items():
        assert (name in remaining) == fate.endswith("kept"), name
    assert link.is_symlink() and saved.exists()


def test_sweeping_a_missing_folder_is_harmless(tmp_path: Path) -> None:
    assert sweep_stale_temps(tmp_path / "nowhere") == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL")
def test_a_save_killed_midway_leaves_the_old_file_and_its_litter_is_swept(
    saved: Path, seed2: Form
) -> None:
    """A real kill: the child is stopped dead while its temporary file is written."""
    before = saved.read_bytes()
    script = textwrap.dedent(f"""
        import os, sys, time
        from perfeval_gui import safe_write
        real = os.fsync
        def slow(fd):
            sys.stdout.write("writing\\n"); sys.stdout.flush(); time.sleep(60)
        os.fsync = slow
        safe_write.write_atomically({str(saved)!r}, b"NEW" * 100000)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline() == b"writing\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert saved.read_bytes() == before
    assert len(leftovers(saved.parent)) == 1  # what the kill left
    save_form(seed2, saved)
    assert leftovers(saved.parent) == []
    assert saved.read_bytes() == dumps_form(seed2)
