"""Findings panel, PDF export, print preview, crash recovery, the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pypdf
from helpers import type_into_cell

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import dumps_form, load_form
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import Role
from perfeval_gui.ui.findings_panel import CODE_ROLE


def _codes(window):
    model = window.findings_panel.model
    return [model.index(i).data(CODE_ROLE) for i in range(model.rowCount())]


def test_findings_listed_and_clicking_selects_the_cell(make_window, seed1_path, qtbot):
    window = make_window()
    window.load_path(seed1_path)
    codes = _codes(window)
    assert "sources-mismatch" in codes
    panel = window.findings_panel
    panel.list.clicked.emit(panel.model.index(codes.index("sources-mismatch")))
    current = window.form_view.funding_table.currentIndex()
    assert (current.row(), current.column()) == (0, fm.COL_ANNUAL)
    panel.activate_row(codes.index("score-off-rule"))
    current = window.form_view.indicator_table.currentIndex()
    assert current.column() == im.COL_SCORE


def test_error_finding_marks_the_cell_and_updates_live(make_window, seed1_path, qtbot):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    index = model.index(0, im.COL_SCORE)
    assert not index.data(Role.ERROR)
    type_into_cell(table, index, "25")  # weight is 20
    score = FieldPath.parse("indicators[0].score")
    qtbot.waitUntil(lambda: score in window.document.error_paths, timeout=2000)
    assert index.data(Role.ERROR)
    assert "score-exceeds-weight" in _codes(window)
    assert "错误 1" in window.findings_panel.summary.text() or "错误" in (
        window.findings_panel.summary.text()
    )
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not window.document.error_paths, timeout=2000)
    assert not index.data(Role.ERROR)


def test_export_pdf_writes_the_replica(make_window, seed1_path, tmp_path, dialogs):
    window = make_window()
    window.load_path(seed1_path)
    target = tmp_path / "out.pdf"
    dialogs.pdf_paths.append(str(target))
    assert window.export_pdf()
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "重点企业服务" in text
    assert "85.58" in text
    assert not dialogs.errors


def test_print_preview_shows_the_pdf_pages(make_window, seed1_path, dialogs):
    window = make_window()
    window.load_path(seed1_path)
    window.preview_action.trigger()
    assert len(dialogs.dialogs) == 1
    dialog = dialogs.dialogs[0]
    assert dialog.page_count() >= 1
    dialog.close()
    assert not dialogs.errors


_CRASHING_EDITOR = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[3])
    from perfeval_gui.ui.app import create_application
    from perfeval_gui.ui.main_window import MainWindow
    from perfeval_gui.ui.recovery import RecoveryStore
    from perfeval_gui.fieldpath import FieldPath
    app = create_application()
    window = MainWindow(recovery_store=RecoveryStore(sys.argv[1]))
    window.show()
    window.load_path(__import__("pathlib").Path(sys.argv[2]))
    window.document.set_value(FieldPath.parse("project_name"), "崩溃前未保存的修改")
    assert window.autosaver.flush()
    os._exit(3)  # a crash: no close, no cleanup
    """
)


def test_recovery_offered_after_a_crash(make_window, dialogs, seed1_path, tmp_path):
    folder = tmp_path / "recovery"
    result = subprocess.run(
        [sys.executable, "-c", _CRASHING_EDITOR, str(folder), str(seed1_path), str(tmp_path)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 3, result.stderr.decode(errors="replace")
    assert list(folder.glob("recovery-*.json"))

    window = make_window(recovery_dir=folder)
    assert window.offer_recovery()
    assert len(dialogs.restore_offers) == 1
    form = window.document.form
    assert form.project_name == "崩溃前未保存的修改"
    assert form.indicators == load_form(seed1_path).indicators
    assert window.isWindowModified()
    assert window.document.path == seed1_path  # it knows which file it belongs to
    assert window.form_view.project_name.text() == "崩溃前未保存的修改"
    # The orphan was adopted: another start does not offer it again.
    second = make_window(recovery_dir=folder)
    assert not second.offer_recovery()
    assert len(dialogs.restore_offers) == 1


def test_autosave_writes_unsaved_form_and_clears_after_save(make_window, seed1_path, tmp_path):
    window = make_window()
    path = tmp_path / "f.json"
    path.write_bytes(seed1_path.read_bytes())
    window.open_file(path)
    assert window.autosaver.is_active()
    assert not window.autosaver.flush()  # nothing unsaved
    window.document.set_value(FieldPath.parse("implementing_unit"), "新单位")
    assert window.autosaver.flush()
    recovery = window.recovery_store.path_for_session()
    assert recovery.read_bytes() == dumps_form(window.document.form)
    assert window.save()
    assert not recovery.exists()


def _run_app(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp),
        "XDG_DATA_HOME": str(tmp),
        "HOME": str(tmp),
    }
    return subprocess.run(
        [sys.executable, "-m", "perfeval_gui.ui.app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_command_line_version_and_smoke_test(seed1_path, tmp_path):
    version = _run_app("--version", tmp=tmp_path)
    assert version.returncode == 0 and "perfeval-gui" in version.stdout
    smoke = _run_app("--smoke-test", str(seed1_path), tmp=tmp_path)
    assert smoke.returncode == 0, smoke.stderr
    assert "rate=65.79%" in smoke.stdout and "total=85.58" in smoke.stdout
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe junk")
    failed = _run_app("--smoke-test", str(bad), tmp=tmp_path)
    assert failed.returncode == 1
    assert "bad.json" in failed.stderr


def test_tab_order_follows_the_paper(make_window):
    window = make_window()
    view = window.form_view
    chain = [
        view.year_spin,
        view.project_name,
        view.competent_department,
        view.implementing_unit,
        view.unit_combo,
        view.auto_total,
        view.funding_table,
        view.goals_expected,
        view.goals_actual,
        view.indicator_table,
    ]
    seen = []
    widget = view.year_spin
    for _ in range(500):
        if widget in chain and widget not in seen:
            seen.append(widget)
        widget = widget.nextInFocusChain()
        if widget is view.year_spin:
            break
    assert seen == chain


def test_print_sends_the_exported_pdf_bytes(make_window, seed1_path, tmp_path, monkeypatch):
    import perfeval_gui.ui.printing as printing

    sent = []
    monkeypatch.setattr(printing, "print_pdf_bytes", lambda data, parent: sent.append(data) or True)
    window = make_window()
    window.load_path(seed1_path)
    window.document.set_value(FieldPath.parse("project_name"), "打印的项目")
    window.print_action.trigger()
    assert len(sent) == 1
    exported = tmp_path / "same.pdf"
    assert window.export_pdf(exported)
    assert sent[0] == exported.read_bytes()  # what goes to the printer is the exported PDF
    assert "打印的项目" in pypdf.PdfReader(exported).pages[0].extract_text()


def test_restore_question_discard_removes_the_files(make_window, seed1_path, tmp_path):
    from datetime import UTC, datetime

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from perfeval_gui.ui.main_window import MainWindow
    from perfeval_gui.ui.recovery import RecoveryItem

    window = make_window()
    orphan = window.recovery_store.folder / "recovery-999999-20260101T000000-abcdef12.json"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(seed1_path.read_bytes())
    item = RecoveryItem(orphan, orphan.read_bytes(), None, datetime.now(UTC), 999999)

    def answer(text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, lambda: answer("稍后"))
    assert MainWindow.ask_restore(window, [item]) is None
    assert orphan.exists()
    QTimer.singleShot(0, lambda: answer("恢复"))
    assert MainWindow.ask_restore(window, [item]) is item
    QTimer.singleShot(0, lambda: answer("丢弃"))
    assert MainWindow.ask_restore(window, [item]) is None
    assert not orphan.exists()


def test_real_save_question_maps_the_buttons(make_window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from perfeval_gui.ui.main_window import CANCEL, DISCARD, SAVE, MainWindow

    window = make_window()

    def answer(text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "未命名" in box.text()
        next(b for b in box.buttons() if b.text() == text).click()

    for text, expected in (("保存", SAVE), ("丢弃", DISCARD), ("取消", CANCEL)):
        QTimer.singleShot(0, lambda t=text: answer(t))
        assert MainWindow.ask_save_changes(window) == expected
