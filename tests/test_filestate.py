"""FileIdentity: what a form file was when loaded or saved, compared before every save."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

from perfeval_gui.filestate import FileIdentity, absolute, identify, identity_of_bytes, stat_key


def test_identity_is_size_time_and_hash(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"abc")
    info = path.stat()
    assert identify(path) == FileIdentity(3, info.st_mtime_ns, hashlib.sha256(b"abc").hexdigest())
    assert identify(path) == identity_of_bytes(b"abc", info.st_mtime_ns)
    assert stat_key(path) == (3, info.st_mtime_ns)


def test_missing_file_has_no_identity(tmp_path: Path) -> None:
    assert identify(tmp_path / "nope.json") is None
    assert identify(tmp_path / "nope" / "deeper.json") is None
    assert stat_key(tmp_path / "nope.json") is None


def test_same_size_edit_with_the_same_time_is_still_a_change(tmp_path: Path) -> None:
    """FAT keeps times to 2 s: size and time alone would miss a quick same-size edit."""
    path = tmp_path / "f.json"
    path.write_bytes(b"score: 18")
    before = identify(path)
    assert before is not None
    path.write_bytes(b"score: 10")
    os.utime(path, ns=(before.mtime_ns, before.mtime_ns))
    after = identify(path)
    assert after is not None
    assert after.same_stat(before.size, before.mtime_ns)
    assert not after.same_content(before)


def test_rewriting_the_same_bytes_is_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"same")
    before = identify(path)
    time.sleep(0.01)
    path.write_bytes(b"same")
    os.utime(path, ns=(1, 1))
    after = identify(path)
    assert before is not None and after is not None
    assert after.mtime_ns != before.mtime_ns
    assert after.same_content(before)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_at_once_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result: list[object] = []

    def run() -> None:
        try:
            result.append(identify(fifo))
        except OSError as exc:
            result.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock the stuck open before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("identify() blocked on a FIFO")
    assert len(result) == 1 and isinstance(result[0], OSError)


def test_absolute_never_raises_on_a_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    assert absolute(loop).name == "loop.json"
    assert absolute(Path("rel.json")).is_absolute()
    assert absolute("a\0b.json").name == "a\0b.json"
