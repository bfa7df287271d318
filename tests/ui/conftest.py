"""Window tests: offscreen Qt, settings and recovery files in tmp dirs, no blocking dialogs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every QSettings (INI, user scope) of the test goes to a fresh folder."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


class DialogRecorder:
    """Stands in for the window's message boxes and file dialogs."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.save_answers: list[str] = []
        self.save_questions = 0
        self.open_paths: list[str | None] = []
        self.save_paths: list[str | None] = []
        self.pdf_paths: list[str | None] = []
        self.restore_offers: list[list[object]] = []
        self.restore_choice: str = "restore"
        self.dialogs: list[object] = []
        self.typed_total_questions: list[str] = []
        self.typed_total_answers: list[bool] = []
        self.rejected_questions: list[list[str]] = []
        self.rejected_answers: list[bool] = []
        """Answers to 'refused entries would be lost: continue?' (default: continue)."""
        """Answers to 'replace the typed 年度资金总额 by the sums?' (default: yes)."""
        self.unit_questions: list[tuple[str, str, str]] = []
        self.unit_answers: list[str] = []
        """Answers to '元/万元 changed: convert the amounts?' (default: 'convert')."""
        self.conversion_refusals: list[str] = []
        self.questions: list[tuple[str, str]] = []
        self.choice_answers: dict[str, list[str]] = {}
        """Answers to the window's file questions (ask_choice) by kind; unexpected → fail."""


@pytest.fixture
def fail_on_uncaught() -> Iterator[list[str]]:
    """An exception in a Qt slot is only printed by PySide: make it fail the test."""
    caught: list[str] = []
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: object) -> None:
        caught.append(f"{kind.__name__}: {value}")

    sys.excepthook = hook  # type: ignore[assignment]
    yield caught
    sys.excepthook = previous
    assert not caught, caught


@pytest.fixture
def dialogs() -> DialogRecorder:
    return DialogRecorder()


@pytest.fixture
def make_window(qtbot, tmp_path: Path, dialogs: DialogRecorder):
    """Build MainWindows whose questions are answered by ``dialogs`` (never a real box)."""
    from perfeval_gui.ui.app import create_application
    from perfeval_gui.ui.main_window import MainWindow
    from perfeval_gui.ui.recovery import RecoveryStore

    create_application()
    made: list[MainWindow] = []

    def factory(recovery_dir: Path | None = None, show: bool = True) -> MainWindow:
        store = RecoveryStore(recovery_dir or tmp_path / "recovery")
        window = MainWindow(recovery_store=store)

        def ask_save_changes() -> str:
            dialogs.save_questions += 1
            if not dialogs.save_answers:
                raise AssertionError("unexpected 'save changes?' question")
            return dialogs.save_answers.pop(0)

        def ask_restore(items: list[object]) -> object | None:
            dialogs.restore_offers.append(list(items))
            return items[0] if dialogs.restore_choice == "restore" else None

        window.ask_save_changes = ask_save_changes
        window.show_error = lambda title, text: dialogs.errors.append((title, text))
        window.show_info = lambda title, text: dialogs.infos.append((title, text))
        window.ask_open_path = lambda: dialogs.open_paths.pop(0)
        window.ask_source_path = lambda: dialogs.open_paths.pop(0)  # 新建 → 从已有自评表开始
        window.ask_save_path = lambda suggested: dialogs.save_paths.pop(0)
        window.ask_pdf_path = lambda suggested: dialogs.pdf_paths.pop(0)
        window.ask_restore = ask_restore

        def ask_discard_typed_total(details: str) -> bool:
            dialogs.typed_total_questions.append(details)
            return dialogs.typed_total_answers.pop(0) if dialogs.typed_total_answers else True

        window.form_view.ask_discard_typed_total = ask_discard_typed_total

        def ask_convert_amounts(old_unit: str, new_unit: str, example: str) -> str:
            dialogs.unit_questions.append((old_unit, new_unit, example))
            return dialogs.unit_answers.pop(0) if dialogs.unit_answers else "convert"

        window.form_view.ask_convert_amounts = ask_convert_amounts
        window.form_view.show_conversion_refused = dialogs.conversion_refusals.append

        def ask_discard_rejected(lines: list[str]) -> bool:
            dialogs.rejected_questions.append(list(lines))
            return dialogs.rejected_answers.pop(0) if dialogs.rejected_answers else True

        window.ask_discard_rejected = ask_discard_rejected

        def ask_choice(kind: str, title: str, text: str, choices: object) -> str:
            """A real box would wait for a click that never comes: fail instead."""
            dialogs.questions.append((kind, text))
            answers = dialogs.choice_answers.get(kind)
            if not answers:
                raise AssertionError(f"unexpected question {kind!r}: {text}")
            return answers.pop(0)

        window.ask_choice = ask_choice
        window.exec_dialog = dialogs.dialogs.append
        if show:
            window.resize(1280, 900)
            window.show()
            window.activateWindow()
            qtbot.waitExposed(window)
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        made.append(window)
        return window

    yield factory
    for window in made:
        window.document.undo_stack.setClean()
        window.document._restored = False
        window.close()
        window.deleteLater()
