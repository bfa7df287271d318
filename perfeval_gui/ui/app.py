"""``perfeval-gui [FILE]``: start the editor (``--version``, ``--smoke-test`` for packaging)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from perfeval_gui import __version__

if TYPE_CHECKING:  # Qt is imported lazily so that --version and --help stay instant
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="perfeval-gui", description="项目支出绩效自评表编辑器")
    parser.add_argument("file", nargs="?", help="要打开的自评表文件（.json），或文件夹（项目一览）")
    parser.add_argument("--version", action="version", version=f"perfeval-gui {__version__}")
    parser.add_argument(
        "--example",
        nargs="?",
        const=1,
        type=int,
        choices=(1, 2),
        metavar="N",
        help="打开自带的示例表（1：重点企业服务，2：企业发展；默认 1）",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="打开窗口（可无显示器）、载入 FILE、处理事件后退出；退出码 0 表示正常",
    )
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        help="与 --smoke-test 一起使用：把窗口截图保存到 PNG（窗口大小见 --size）",
    )
    parser.add_argument(
        "--size",
        type=_window_size,
        default=(1280, 900),
        metavar="宽x高",
        help="与 --smoke-test 一起使用：窗口大小，如 1024x600（默认 1280x900）",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="界面语言：zh 中文（默认）、en English；不写则用“视图 → 语言”中的选择",
    )
    return parser.parse_args(list(argv))


def _window_size(text: str) -> tuple[int, int]:
    """'1024x600' (also ×, X, *) → (1024, 600); small-screen layouts can be checked offscreen."""
    for sep in ("x", "X", "×", "*"):
        if sep in text:
            width, _, height = text.partition(sep)
            try:
                size = int(width), int(height)
            except ValueError:
                break
            if 200 <= size[0] <= 10000 and 200 <= size[1] <= 10000:
                return size
            break
    raise argparse.ArgumentTypeError(f"窗口大小应写成 宽x高，如 1024x600：{text}")


TRANSLATION_NAME = "perfeval_gui"
"""Our catalogues are resources/translations/perfeval_gui_<lang>.qm (Chinese is the source)."""

_QT_LOCALES = {"zh": "zh_CN", "en": "en"}


_installed: list[QTranslator] = []
"""The translators install_translations put in, so that the next call can take them out."""


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's own strings and ours for ``language``, replacing what was installed before.

    Chinese is the source language, so only Qt's qtbase_zh_CN is loaded for it; any
    other language loads perfeval_gui_<lang>.qm too. A missing catalogue is not an
    error: the interface then stays in Chinese (and Qt's dialogs in English).
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from perfeval_gui.assets import resource_path
    from perfeval_gui.ui.settings import note_language_in_use

    note_language_in_use(language)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogues = [(f"qtbase_{_QT_LOCALES.get(language, language)}", qt_dir)]
    ours = str(resource_path("translations"))
    if language == "zh":  # what Qt's own catalogue misses (see qtbase_gaps_zh_CN.ts)
        catalogues.append(("qtbase_gaps_zh_CN", ours))
    else:
        catalogues.append((f"{TRANSLATION_NAME}_{language}", ours))
    for name, folder in catalogues:
        translator = QTranslator()
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return list(_installed)


def create_application(
    argv: Sequence[str] | None = None, language: str | None = None
) -> QApplication:
    """The QApplication with names, font and translations set (reused if one exists).

    ``language`` (``--lang``) wins over the one stored in the settings (视图 → 语言).
    """
    from PySide6.QtWidgets import QApplication

    from perfeval_gui.ui.fonts import install_app_font
    from perfeval_gui.ui.settings import APPLICATION, ORGANIZATION, Settings

    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(list(argv) if argv is not None else [sys.argv[0]])
    )
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName("perfeval-gui")  # static, of QGuiApplication
    app.setApplicationVersion(__version__)
    install_app_font(app)
    install_translations(app, language or Settings().language())
    return app


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform warns about window hints it cannot apply; not worth a line."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _smoke_test(
    file: str | None,
    screenshot: str | None = None,
    size: tuple[int, int] = (1280, 900),
    language: str | None = None,
) -> int:
    """Open the window offscreen-capable, load FILE, process events, report, exit."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from perfeval_gui.ui.main_window import MainWindow
    from perfeval_gui.ui.recovery import RecoveryStore

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="perfeval-smoke-") as tmp:
        # Never touch the user's settings or recovery files from a smoke test.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = create_application([sys.argv[0]], language)
        _quiet_offscreen_warnings()

        class SmokeWindow(MainWindow):
            """No modal box in a smoke test: an error is a line on stderr."""

            def show_error(self, title: str, text: str) -> None:
                print(f"{title}: {text}", file=sys.stderr)

            def ask_choice(self, kind: str, title: str, text: str, choices: object) -> str:
                print(f"{title}: {text}", file=sys.stderr)  # a question: nobody to answer
                return "cancel"

        window = SmokeWindow(recovery_store=RecoveryStore(os.path.join(tmp, "recovery")))
        window.resize(*size)  # before show: the first show picks the layout for this width
        window.show()
        ok = True
        if file is not None:
            ok = window.load_path(Path(file))
        for _ in range(5):
            QApplication.processEvents()
        window.document.refresh_findings()
        QApplication.processEvents()
        if screenshot:
            # rows and columns are re-fitted 30 ms after a resize: shoot the settled window
            settle = time.perf_counter() + 0.2
            while time.perf_counter() < settle:
                QApplication.processEvents()
                time.sleep(0.005)
            ok = window.grab().save(screenshot) and ok
        figures = window.document.figures
        from perfeval_gui.numbers import format_rate, format_score

        print(
            f"smoke-test: {'ok' if ok else 'failed'} file={file or '-'} "
            f"indicators={len(window.document.form.indicators)} "
            f"rate={format_rate(figures.execution_rate)} "
            f"funding_score={format_score(figures.funding_score)} "
            f"total={format_score(figures.total_score)} "
            f"findings={len(window.document.findings)} "
            f"size={window.width()}x{window.height()} "
            f"hscroll={window.form_view.horizontalScrollBar().maximum()} "
            f"platform={QApplication.platformName()} "
            f"time={time.perf_counter() - started:.3f}s"
        )
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        del app
    return 0 if ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``perfeval-gui``."""
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.example is not None and args.file is None:
        from perfeval_gui.assets import EXAMPLES, example_path

        args.file = str(example_path(EXAMPLES[args.example - 1]))
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return _smoke_test(args.file, args.screenshot, args.size, args.lang)

    from PySide6.QtCore import QCoreApplication, QTimer

    from perfeval_gui.ui.main_window import MainWindow

    app = create_application(sys.argv[:1])
    if args.lang is not None:  # --lang wins over the stored choice, for this run only
        install_translations(app, args.lang)
    window = MainWindow()
    window.show_for_screen()

    def after_show() -> None:
        restored = window.offer_recovery()
        if args.file is not None:
            if restored:
                window.statusBar().showMessage(
                    QCoreApplication.translate(
                        "MainWindow", "已恢复未保存的内容；未打开 %1"
                    ).replace("%1", args.file),
                    10000,
                )
            else:
                window.open_from_command_line(args.file)

    QTimer.singleShot(0, after_show)
    return int(app.exec())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
