"""``perfeval-gui FILE`` through main(): the real start-up path, in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

_RUN_MAIN = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    import perfeval_gui.ui.app as appmod

    boxes = []
    def warning(parent, title, text, *args, **kwargs):
        boxes.append(text)
        return QMessageBox.StandardButton.Ok
    QMessageBox.warning = staticmethod(warning)

    def report():
        app = QApplication.instance()
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        form = window.document.form
        print("TITLE", window.windowTitle())
        print("ROWS", len(form.indicators), "NAME", repr(form.project_name))
        print("BOXES", boxes)
        app.quit()

    create = appmod.create_application
    def create_and_schedule(argv=None):
        app = create(argv)
        QTimer.singleShot(500, report)
        return app
    appmod.create_application = create_and_schedule
    sys.exit(appmod.main(sys.argv[1:]))
    """
)


def _main(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_DATA_HOME": str(tmp / "data"),
    }
    return subprocess.run(
        [sys.executable, "-c", _RUN_MAIN, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_malformed_file_on_the_command_line_shows_error_and_blank_form(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "perfeval-selfeval", "version": 1, "year": "二〇二二"}', encoding="utf-8"
    )
    result = _main(tmp_path, str(bad))
    assert result.returncode == 0, result.stderr
    assert "TITLE 未命名[*] — perfeval-gui" in result.stdout
    assert "ROWS 6 NAME ''" in result.stdout  # blank form: the standard catalogue
    assert "bad.json: year" in result.stdout


def test_file_on_the_command_line_opens(tmp_path, seed1_path):
    result = _main(tmp_path, str(seed1_path))
    assert result.returncode == 0, result.stderr
    assert "TITLE seed1_key_enterprise_service.json[*] — perfeval-gui" in result.stdout
    assert "NAME '重点企业服务'" in result.stdout
    assert "BOXES []" in result.stdout
