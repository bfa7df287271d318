"""Starting the editor again (视图 → 语言 → 立即重启): the command, and launching it detached."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess


def restart_command(path: Path | None) -> tuple[str, list[str]]:
    """Program and arguments that start the editor again, on ``path`` (the open form) if any.

    Not the old command line as it was: its ``--lang`` would override the language just
    chosen, and its FILE may no longer be the form that was open (New, Save As). The
    module is started with this very interpreter (pythonw on Windows: no console), or
    the bundled executable itself when frozen.
    """
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, []
    else:
        program, arguments = sys.executable, ["-m", "perfeval_gui.ui"]
    if path is not None:
        arguments.append(str(path))
    return program, arguments


def start_detached(program: str, arguments: list[str]) -> bool:
    """Start ``program`` independent of this process (it outlives the window that quits)."""
    if not program or not Path(program).exists():
        return False
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)
