"""The editor's main window: actions and menus, findings dock, autosave and recovery.

Opening and saving files (locks, changed-on-disk checks, read-only files, reads
off the GUI thread) live in ``file_actions.FileActions``; the window wires its
actions to it. Its questions and messages (``window_questions``) and printing
(``window_printing``) are its base classes, each in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from perfeval_gui.fileio import FormFileError, dumps_form, loads_form
from perfeval_gui.model import Form, blank_form
from perfeval_gui.numbers import format_points, format_rate
from perfeval_gui.ui.document import Change, FormDocument
from perfeval_gui.ui.edit_menu import EditActions
from perfeval_gui.ui.file_actions import (
    APP_TITLE,
    CANCEL,
    DISCARD,
    SAVE,
    FileActions,
    dropped_form,
)
from perfeval_gui.ui.findings_panel import CHECK_SHORTCUT, FindingsPanel
from perfeval_gui.ui.form_view import FormView
from perfeval_gui.ui.labels import self_grade_label
from perfeval_gui.ui.restart import restart_command, start_detached
from perfeval_gui.ui.settings import Settings, language_in_use
from perfeval_gui.ui.window_printing import WindowPrinting
from perfeval_gui.ui.workbook_files import export_workbook, import_workbook

if TYPE_CHECKING:
    from perfeval_gui.ui.autosave import Autosaver
    from perfeval_gui.ui.help_window import HelpWindow
    from perfeval_gui.ui.recovery import RecoveryStore

AUTOSAVE_MS: Final = 60_000
DEFAULT_SIZE: Final = QSize(1280, 900)
WIDE_WINDOW: Final = 1280
"""Narrower windows (1024×600, 1366×768 with zoom) start with the findings below the form,
collapsed to their summary line: beside the form they would cost the form its columns."""
DOCK_WIDTH: Final = 250
DOCK_HEIGHT: Final = 170
"""Height of the findings list when it is opened below the form."""

__all__ = ["APP_TITLE", "CANCEL", "DISCARD", "SAVE", "MainWindow"]


class MainWindow(WindowPrinting):
    """One window, one document."""

    def __init__(
        self,
        settings: Settings | None = None,
        recovery_store: RecoveryStore | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.document = FormDocument(blank_form(), self, unfilled=True)
        self.form_view = FormView(self.document, self)
        self.setCentralWidget(self.form_view)
        self.findings_panel = FindingsPanel(self.document, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_panel)
        self.findings_panel.locationActivated.connect(self.form_view.select_location)
        self.help_window: HelpWindow | None = None
        self.findings_panel.explainRequested.connect(self.show_help)
        self.findings_panel.checkRequested.connect(self.check_form)
        self.setAcceptDrops(True)
        self.setWindowIcon(_app_icon())

        self._figures_label = QLabel()
        self.statusBar().addPermanentWidget(self._figures_label)
        self.files = FileActions(self)
        self._make_actions()
        self._make_menus()

        self.document.pathChanged.connect(self._update_title)
        self.document.modifiedChanged.connect(self.setWindowModified)
        self.document.changed.connect(self._on_changed)
        self.form_view.inputRejected.connect(self._on_rejected)
        self.form_view.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))

        self.form_view.set_zoom(self.settings.zoom())
        geometry = self.settings.geometry()
        self._geometry_restored = geometry is not None and self.restoreGeometry(geometry)
        if not self._geometry_restored:
            self.resize(self.default_size())
        # The user's dock layout (where the findings are, how wide, collapsed or not) comes
        # back as it was left; a first start picks one for the window's width when shown.
        state = self.settings.window_state()
        self._layout_pending = state is None or not self.restoreState(state)
        collapsed = self.settings.findings_collapsed()
        if collapsed is not None and not self._layout_pending:
            self.findings_panel.set_collapsed(collapsed)
        self.findings_panel.collapsedChanged.connect(self._on_findings_collapsed)
        self.addToolBarBreak()  # after restoreState: the notice bar never comes back shown
        self.addToolBar(self.files.notice)
        self._update_title()
        self._update_figures()

        self.recovery_store: RecoveryStore | None = None
        self.autosaver: Autosaver | None = None
        self._setup_autosave(recovery_store, autosave_ms)

    # --- actions and menus ---------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | list[str] | None = None,
        tip: str = "",
    ) -> QAction:
        act = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            act.setShortcuts(shortcut)
        elif isinstance(shortcut, str):
            act.setShortcut(QKeySequence(shortcut))
        elif isinstance(shortcut, list):
            act.setShortcuts([QKeySequence(s) for s in shortcut])
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(
            self.tr("新建(&N)"), self.new_form, key.New,
            self.tr("新建自评表：标准框架、空白表，或从已有自评表开始"),
        )
        self.check_action = self._action(
            self.tr("检查(&K)"), self.check_form, CHECK_SHORTCUT,
            self.tr("现在就检查整张表并列出问题（新建的表在填写前不显示检查结果）"),
        )
        self.open_action = self._action(self.tr("打开(&O)…"), self.open_file, key.Open)
        self.save_action = self._action(self.tr("保存(&S)"), self.save, key.Save)
        self.save_as_action = self._action(self.tr("另存为(&A)…"), self.save_as, "Ctrl+Shift+S")
        self.import_action = self._action(
            self.tr("导入(&I)…"), self.import_workbook, "Ctrl+I",
            self.tr("从 Excel/WPS 工作簿（.xlsx、.xls、.ods）或公开的 PDF 导入自评表"),
        )
        self.open_folder_action = self._action(
            self.tr("打开文件夹(&D)…"), self.open_folder, "Ctrl+Shift+O",
            self.tr("项目一览：列出文件夹（含子文件夹）中的全部自评表，可排序、筛选、汇总"),
        )
        self.next_year_action = self._action(
            self.tr("新建下一年度(&Y)…"), self.new_next_year, None,
            self.tr("由当前自评表新建下一年度的表：沿用项目和指标，清空金额和完成情况"),
        )
        self.export_xlsx_action = self._action(
            self.tr("导出 Excel(&X)…"), self.export_workbook, None,
            self.tr("把自评表导出为 Excel 工作簿（.xlsx，公式可在 Excel/WPS 中重算）"),
        )
        self.export_pdf_action = self._action(
            self.tr("导出 PDF(&E)…"), self.export_pdf, "Ctrl+E", self.tr("按纸质表格式导出 PDF")
        )
        self.preview_action = self._action(
            self.tr("打印预览(&V)…"), self.print_preview, "Ctrl+Shift+P"
        )
        self.print_action = self._action(self.tr("打印(&P)…"), self.print_form, key.Print)
        self.print_font_action = self._action(self.tr("打印字体(&F)…"), self.choose_print_font)
        self.print_grade_action = QAction(self.tr("打印自评等级(&G)"), self)
        self.print_grade_action.setCheckable(True)
        self.print_grade_action.setChecked(self.settings.print_grade())
        self.print_grade_action.setStatusTip(
            self.tr("导出 PDF、打印预览和打印时在总分下加印一行自评等级（纸质表默认没有这一行）")
        )
        self.print_grade_action.toggled.connect(self.set_print_grade)
        self.quit_action = self._action(self.tr("退出(&Q)"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.document.undo_stack
        # Own actions rather than createUndoAction(): what is being typed in a field is
        # committed first, so undo takes back that typing instead of overwriting it.
        self.undo_action = self._action(self.tr("撤销"), self.undo, key.Undo)
        self.redo_action = self._action(
            self.tr("重做"),
            self.redo,
            ["Ctrl+Y", *[k.toString() for k in QKeySequence.keyBindings(key.Redo)]],
        )
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(
            lambda text: self._undo_text(self.undo_action, self.tr("撤销"), text)
        )
        stack.redoTextChanged.connect(
            lambda text: self._undo_text(self.redo_action, self.tr("重做"), text)
        )
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())

        self.zoom_in_action = self._action(
            # Ctrl+Shift+= arrives as Ctrl+Shift++ on most layouts; Ctrl+keypad + (Ctrl+Num++)
            # reaches Ctrl++ through Qt's keypad fallback
            self.tr("放大"), self.form_view.zoom_in,
            ["Ctrl+=", "Ctrl++", "Ctrl+Shift+=", "Ctrl+Shift++"],
        )
        self.zoom_out_action = self._action(self.tr("缩小"), self.form_view.zoom_out, "Ctrl+-")
        self.zoom_reset_action = self._action(
            self.tr("实际大小"), self.form_view.zoom_reset, "Ctrl+0"
        )
        self.about_action = self._action(self.tr("关于(&A)"), self.about)
        self.help_action = self._action(
            self.tr("填表说明(&G)"), self.show_help, QKeySequence.StandardKey.HelpContents,
            self.tr("怎样填表、得分和等级从何而来、每条检查结果的含义和改法、快捷键"),
        )

    def _undo_text(self, action: QAction, verb: str, text: str) -> None:
        """Menu: '撤销 编辑第 3 行 · 得分'; toolbar: just '撤销' (a long label made it jump)."""
        action.setText(f"{verb} {text}".strip())
        action.setIconText(verb)
        action.setToolTip(action.text())

    def undo(self) -> None:
        """Undo the last edit; typing still in a field is committed first (then undone)."""
        self.form_view.commit_pending()
        self.document.undo_stack.undo()

    def redo(self) -> None:
        self.form_view.commit_pending()
        self.document.undo_stack.redo()

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addActions([self.new_action, self.open_action, self.import_action])
        file_menu.addActions([self.open_folder_action, self.next_year_action])
        self.recent_menu = file_menu.addMenu(self.tr("最近打开(&R)"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions(
            [self.export_pdf_action, self.export_xlsx_action, self.preview_action,
             self.print_action, self.print_font_action, self.print_grade_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.edit_actions = EditActions(self, self.form_view)
        edit_menu.addActions(self.edit_actions.actions)
        edit_menu.aboutToShow.connect(self.edit_actions.update_enabled)
        edit_menu.addSeparator()
        edit_menu.addActions(self.form_view.row_actions)
        edit_menu.addSeparator()
        edit_menu.addAction(self.check_action)

        view_menu = bar.addMenu(self.tr("视图(&V)"))
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        toggle = self.findings_panel.toggleViewAction()
        toggle.setText(self.tr("检查结果面板"))
        view_menu.addAction(toggle)
        self.collapse_findings_action = QAction(self.tr("检查结果只显示摘要"), self)
        self.collapse_findings_action.setCheckable(True)
        self.collapse_findings_action.setChecked(self.findings_panel.collapsed)
        self.collapse_findings_action.setStatusTip(
            self.tr("检查结果收起为一行（错误、警告、提示的个数），给表格让出位置")
        )
        self.collapse_findings_action.toggled.connect(self.findings_panel.set_collapsed)
        self.findings_panel.collapsedChanged.connect(self.collapse_findings_action.setChecked)
        view_menu.addAction(self.collapse_findings_action)
        view_menu.addSeparator()
        self.language_menu = view_menu.addMenu(self.tr("语言(&L)"))
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for code in _LANGUAGE_NAMES:
            act = QAction(group)
            act.setCheckable(True)
            act.triggered.connect(lambda _checked=False, code=code: self.choose_language(code))
            self.language_menu.addAction(act)
            self.language_actions[code] = act
        self._show_languages()

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar(self.tr("常用"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.new_action, self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.export_pdf_action, self.preview_action, self.print_action])

    def _show_languages(self) -> None:
        """语言 says the language in use (menu title); the checked item is the one chosen,
        marked as waiting for a restart while it is not the one in use."""
        in_use, chosen = language_in_use(), self.settings.language()
        self.language_menu.setTitle(
            self.tr("语言(&L)：%1").replace("%1", _LANGUAGE_NAMES[in_use])
        )
        for code, act in self.language_actions.items():
            # each language is named in itself, so it can be found whatever the window shows
            name = _LANGUAGE_NAMES[code]
            if code == chosen != in_use:
                name = self.tr("%1（重启后生效）").replace("%1", name)
            act.setText(name)
            act.setChecked(code == chosen)

    def choose_language(self, language: str) -> None:
        """Store the interface language and offer to restart: the window's texts are set
        once, when it is built, so the new language shows after a restart."""
        if language != self.settings.language():
            self.settings.set_language(language)
            self.settings.sync()
        self._show_languages()
        if language == language_in_use():
            return  # the language shown already: nothing to restart for
        # Said in the current language and in the chosen one: its reader may not read this one.
        text = self.tr("界面语言将在重新启动 perfeval-gui 后更改。")
        now, later = self.tr("立即重启"), self.tr("稍后")
        other_text, other_now, other_later = _RESTART_TEXTS[language]
        if text != other_text:
            text, now, later = (
                f"{text}\n{other_text}", f"{now} / {other_now}", f"{later} / {other_later}"
            )
        answer = self.ask_choice(RESTART, self.tr("语言"), text, [(RESTART, now), (LATER, later)])
        if answer == RESTART:
            self.restart()

    def restart(self) -> bool:
        """Close as usual (asking to save what is unsaved), then start the editor again on
        the form that was open; False when the window stays (the clerk cancelled)."""
        program, _arguments = restart_command(None)
        if not Path(program).exists():
            self.show_error(self.tr("无法重启"), self.tr("找不到程序：%1").replace("%1", program))
            return False
        if not self.close():
            self.statusBar().showMessage(self.tr("没有重启：窗口未关闭"), 8000)
            return False
        program, arguments = restart_command(self.document.path)  # after a Save As, its file
        return self.start_program(program, arguments)

    def start_program(self, program: str, arguments: list[str]) -> bool:
        """Start the editor again, detached (tests replace this)."""
        return start_detached(program, arguments)

    def show_help(self, anchor: str = "") -> None:
        """帮助 → 填表说明 (F1): the guide beside the form, not modal. F1 on a finding (or
        its 说明) opens the section on its code."""
        from perfeval_gui.ui.help_window import HelpWindow

        if not anchor and self.findings_panel.list.hasFocus():
            anchor = self.findings_panel.current_code() or ""
        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.present(anchor)

    def _fill_recent_menu(self) -> None:
        self.files.fill_recent_menu()

    # --- title, status ---------------------------------------------------------------
    def _update_title(self) -> None:
        self.setWindowTitle(self.files.window_title())
        self.setWindowModified(self.document.is_modified())

    def _on_changed(self, change: Change) -> None:
        self._update_figures()

    def _update_figures(self) -> None:
        figures = self.document.figures
        self._figures_label.setText(
            self.tr("执行率 %1　资金得分 %2　总分 %3　自评等级 %4")
            .replace("%1", format_rate(figures.execution_rate))
            .replace("%2", format_points(figures.funding_score, "computed"))
            .replace("%3", format_points(figures.total_score, "computed"))
            .replace("%4", self_grade_label(self.document.form, figures.total_score))
        )

    def _on_rejected(self, reason: str) -> None:
        self.statusBar().showMessage(self.tr("输入无效：%1").replace("%1", reason), 8000)

    # --- files -----------------------------------------------------------------------
    # The file operations live in FileActions; these names are the window's public API.
    def maybe_save(self) -> bool:
        """True when the current form may be replaced (saved, discarded, or unmodified)."""
        return self.files.maybe_save()

    def new_form(self) -> bool:
        """File → 新建: asks which kind (标准框架, 空白表, 从已有自评表开始), then makes it."""
        from perfeval_gui.ui.new_form_dialog import choose_new_form

        return choose_new_form(self.files, self)

    def new_file(self, skeleton: bool = True) -> bool:
        """A new form without asking: the standard skeleton, or (``skeleton=False``) no rows."""
        return self.files.new_file(skeleton)

    def check_form(self) -> None:
        """编辑 → 检查 (F7): what is being typed is committed, then every finding is shown."""
        self.form_view.commit_pending()
        self.document.check_now()
        panel = self.findings_panel
        panel.show()
        panel.raise_()
        self.statusBar().showMessage(panel.summary.text(), 8000)

    def open_file(self, path: str | Path | None = None) -> bool:
        """Open a form (asking for the file when ``path`` is None); on failure nothing changes."""
        return self.files.open_file(path)

    def load_path(self, path: Path, *, quiet: bool = False) -> bool:
        """Read ``path`` into the window without asking to save first."""
        return self.files.load_path(Path(path), quiet=quiet)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def save_to(self, path: Path) -> bool:
        """Write atomically; on failure the old file is intact and the form stays modified."""
        return self.files.save_to(Path(path))

    def import_workbook(self, path: str | Path | None = None) -> bool:
        """File → 导入…: a form of a workbook opens unsaved; on failure nothing changes."""
        return import_workbook(self.files, self, path)

    def export_workbook(self, path: str | Path | None = None) -> bool:
        """File → 导出 Excel…: the form as an .xlsx with live formulas."""
        return export_workbook(self.files, self, path)

    def open_folder(self, folder: str | Path | None = None) -> bool:
        """File → 打开文件夹…: 项目一览 of the folder (asked for when None), beside the editor."""
        from perfeval_gui.ui.portfolio_window import open_portfolio

        self.portfolio, opened = open_portfolio(self, getattr(self, "portfolio", None), folder)
        return opened

    def new_next_year(self) -> bool:
        """File → 新建下一年度…: next year's copy of this form opens unsaved."""
        from perfeval_gui.ui.portfolio_batch import open_next_year

        return open_next_year(self)

    def open_from_command_line(self, path: str | Path) -> bool:
        """A FILE given on the command line: on failure an error box, and a blank form stays."""
        if Path(path).is_dir():  # a folder: 项目一览 of its forms
            return self.open_folder(path)
        return self.files.load_path(Path(path))

    # --- autosave and recovery ----------------------------------------------------------
    def _setup_autosave(self, store: RecoveryStore | None, interval_ms: int) -> None:
        from perfeval_gui.ui import on_screen
        from perfeval_gui.ui.autosave import Autosaver
        from perfeval_gui.ui.autosave_bar import AutosaveWarningBar
        from perfeval_gui.ui.recovery import RecoveryStore

        self.recovery_store = store if store is not None else RecoveryStore()
        self.autosaver = Autosaver(
            self.recovery_store,
            self._unsaved_bytes,
            interval_ms,
            self,
            get_original=lambda: self.document.path,
            get_pending=lambda: on_screen.pending_entries(self.form_view),
        )
        # Written seconds after each edit or keystroke, not only on the timer; a failure
        # stays in a bar until a write succeeds again.
        self.document.changed.connect(self.autosaver.touch)
        self.document.modifiedChanged.connect(self.autosaver.touch)
        self.form_view.screenEdited.connect(self.autosaver.touch)
        self.recovery_store.on_adopt.append(
            lambda item: on_screen.show_pending(self.form_view, item.pending)
        )
        self.autosave_bar = AutosaveWarningBar.install(self, self.autosaver)
        self.autosaver.start()

    def _unsaved_bytes(self) -> bytes | None:
        """The form with what is typed on screen applied (on_screen); None when all is saved."""
        from perfeval_gui.ui.on_screen import recovery_form

        unsaved = recovery_form(self.form_view)
        return None if unsaved is None else dumps_form(unsaved[0])

    def _clear_recovery(self) -> None:
        if self.recovery_store is not None:
            self.recovery_store.clear_session()

    def offer_recovery(self) -> bool:
        """At start-up: offer to restore a form left by a crashed editor; True if restored."""
        if self.recovery_store is None:
            return False
        items = self.recovery_store.find_orphans()
        if not items:
            return False
        item = self.ask_restore(items)
        if item is None:
            return False
        try:
            form: Form = loads_form(item.data, str(item.path))
        except FormFileError as exc:
            self.show_error(self.tr("无法恢复"), str(exc))
            return False
        self.document.load(form, item.original, modified=True)
        self.files.adopt_restored(item.original)
        self.recovery_store.adopt(item)
        self.statusBar().showMessage(self.tr("已恢复未保存的内容，请及时保存"), 8000)
        return True

    # --- layout on small screens -------------------------------------------------------
    def _available_size(self) -> QSize | None:
        """Free area of the window's screen, else the primary one's; None with no screen at all.

        PySide6's stubs say neither screen() nor primaryScreen() returns None; at runtime
        both can (a window not yet on a screen, a session without screens).
        """
        screen = self.screen() or QGuiApplication.primaryScreen()  # type: ignore[truthy-bool]  # stub: screen() never None
        if screen is None:
            return None  # type: ignore[unreachable]  # stub: primaryScreen() never None
        return screen.availableGeometry().size()

    def default_size(self) -> QSize:
        """1280×900, or the screen's free area when that is smaller (1366×768, 1024×600)."""
        available = self._available_size()
        if available is None:
            return QSize(DEFAULT_SIZE)
        return DEFAULT_SIZE.boundedTo(available)

    def show_for_screen(self) -> None:
        """Show the window; maximised on a first start when the screen is below 1280×900."""
        available = self._available_size()
        small = available is not None and (
            available.width() < DEFAULT_SIZE.width() or available.height() < DEFAULT_SIZE.height()
        )
        if small and not self._geometry_restored:
            self.showMaximized()
        else:
            self.show()

    def use_default_layout(self, narrow: bool | None = None) -> None:
        """Findings beside the form (wide window) or below it as one summary line (narrow)."""
        if narrow is None:
            narrow = self.width() < WIDE_WINDOW
        dock = self.findings_panel
        if narrow:
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.set_collapsed(True)
        else:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.set_collapsed(False)
            self.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def _on_findings_collapsed(self, collapsed: bool) -> None:
        self.settings.set_findings_collapsed(collapsed)
        dock = self.findings_panel
        below = self.dockWidgetArea(dock) in (
            Qt.DockWidgetArea.BottomDockWidgetArea,
            Qt.DockWidgetArea.TopDockWidgetArea,
        )
        if not collapsed and below and not dock.isFloating():
            self.resizeDocks([dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)

    def save_layout(self) -> None:
        """Remember size, dock layout, collapsed findings and zoom (at close)."""
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_findings_collapsed(self.findings_panel.collapsed)
        self.settings.set_zoom(self.form_view.zoom)

    # --- window events ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._layout_pending:
            self._layout_pending = False
            self.use_default_layout()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.loading or not self.maybe_save():  # a read in progress: cancel it first
            event.ignore()
            return
        self.files.release()
        self.save_layout()
        self.settings.sync()
        if self.autosaver is not None:
            self.autosaver.stop()
        if self.recovery_store is not None:
            self.recovery_store.close()
        portfolio = getattr(self, "portfolio", None)
        if portfolio is not None:  # 项目一览 is a window of its own: it goes with the editor
            portfolio.close()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_form(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_form(event.mimeData().urls())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        if path.suffix.lower() == ".json":
            self.open_file(path)
        else:  # a workbook or a PDF (dropped_form takes nothing else)
            self.import_workbook(path)


RESTART: Final = "restart"
LATER: Final = "later"
_LANGUAGE_NAMES: Final = {"zh": "中文", "en": "English"}
_RESTART_TEXTS: dict[str, tuple[str, str, str]] = {
    "zh": ("界面语言将在重新启动 perfeval-gui 后更改。", "立即重启", "稍后"),
    "en": (
        "The interface language changes when perfeval-gui is restarted.",
        "Restart now",
        "Later",
    ),
}
"""The restart question and its buttons in each language itself (see choose_language)."""


def _app_icon() -> QIcon:
    from perfeval_gui.assets import resource_path

    for name in ("perfeval.svg", "perfeval.png"):
        path = resource_path("icons", name)
        if path.is_file():
            return QIcon(str(path))
    return QIcon()
