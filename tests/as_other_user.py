"""Run a check as a user without root's powers, so permission tests also run as root.

Root reads and writes through any mode bits, so a test of "no permission" would pass
for the wrong reason or be skipped. As root, the check runs in a forked child that
drops to ``nobody`` (65534) first; as any other user it runs directly. It is skipped
only where neither is possible (Windows, where chmod cannot take the read right away).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

NOBODY = 65534


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def can_run_unprivileged() -> bool:
    """Whether run_unprivileged can run a check without root's powers here."""
    if os.name == "nt":
        return False
    return not _is_root() or hasattr(os, "fork")


def run_unprivileged(check: Callable[[], str]) -> str:
    """``check()``'s text, computed by a process that is not root.

    As root: a forked child drops its groups, gid and uid to nobody, runs ``check`` and
    sends back its result (or ``EXC name: message``); it never returns into pytest.
    """
    if not can_run_unprivileged():
        pytest.skip("no way to run without root's powers here (Windows)")
    if not _is_root():
        return check()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never back into pytest, whatever happens
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            assert os.geteuid() == NOBODY
            try:
                result = check()
            except BaseException as exc:
                result = f"EXC {type(exc).__name__}: {exc}"
            os.write(write_end, result.encode("utf-8", "surrogatepass"))
        finally:
            os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "surrogatepass")


@contextlib.contextmanager
def open_folder() -> Iterator[Path]:
    """A fresh folder that nobody may enter (0755 up to it), unlike pytest's 0700 tmp_path;
    its contents' own modes decide what the unprivileged check may do."""
    base = "/tmp" if os.name != "nt" else None
    folder = Path(tempfile.mkdtemp(prefix="perfeval-perm-", dir=base))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o700)
        folder.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)
