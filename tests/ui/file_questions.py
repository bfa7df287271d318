"""Answering the file actions' questions (locked, changed, read-only …) for the clerk in tests."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest


class Questions:
    """Records every window.ask_choice; answers from ``answers[kind]`` (a list, used in order)."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str, list[str]]] = []
        self.answers: dict[str, list[str]] = {}

    def kinds(self) -> list[str]:
        return [kind for kind, *_ in self.asked]

    def text(self, kind: str) -> str:
        return next(text for k, _title, text, _keys in self.asked if k == kind)

    def __call__(
        self, kind: str, title: str, text: str, choices: Sequence[tuple[str, str]]
    ) -> str:
        self.asked.append((kind, title, text, [key for key, _ in choices]))
        pending = self.answers.get(kind)
        if not pending:
            raise AssertionError(f"unexpected question {kind!r}: {text}")
        return pending.pop(0)


def answering(window: object, questions: Questions | None = None) -> Questions:
    """Make ``window``'s file questions go to ``questions`` (a new recorder by default)."""
    questions = questions or Questions()
    window.ask_choice = questions  # type: ignore[attr-defined]
    return questions


_HOLDER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from perfeval_gui.ui.file_lock import FormLock
    lock = FormLock(Path(sys.argv[1]))
    print(lock.acquire().value, flush=True)
    sys.stdin.read()  # hold until the test closes our stdin (or kills us)
    lock.release()
    """
)


@contextlib.contextmanager
def lock_held_by_another_process(path: Path, user: str = "zhang-san") -> Iterator[
    subprocess.Popen[str]
]:
    """A second perfeval-gui process (another user's) holding the lock on ``path``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOGNAME": user, "USER": user}
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "acquired"
        yield proc
    finally:
        if proc.poll() is None:
            assert proc.stdin is not None
            proc.stdin.close()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """``folder`` refuses new files: mode 0555, or (as root, who ignores modes) immutable."""
    folder.chmod(0o555)
    immutable = False
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            try:
                done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
            except FileNotFoundError:
                done = None
            if done is None or done.returncode != 0:
                pytest.skip("no way to make a folder read-only here (root without chattr)")
            immutable = True
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)
