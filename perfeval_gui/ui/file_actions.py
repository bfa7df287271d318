"""New, Open, Save, Save As, recent files and drops for the window, and what keeps saves safe.

The promise is that no save silently destroys another: a file being opened is
locked beside it (``file_lock``), so a second opener is told who has it; what the
file was when read or last written (``filestate.FileIdentity``) is compared with
the disk before every save; a watcher (``file_watch``) says when someone else
changed it; a read-only file opens read-only and Save becomes Save As. Reads run
off the GUI thread (``file_loader``). Every question goes through the window's
``ask_choice`` and every error through its ``show_error``, so tests answer for the clerk.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QStatusBar, QWidget

from perfeval_gui.fileio import (
    FormFileError,
    Refused,
    dumps_form,
    is_read_only,
    save_form,
    visible,
)
from perfeval_gui.filestate import FileIdentity, absolute, identify, identity_of_bytes
from perfeval_gui.model import Form, blank_form
from perfeval_gui.ui.cells import plain_tooltip
from perfeval_gui.ui.file_loader import LoadOutcome, load_in_background
from perfeval_gui.ui.file_lock import FormLock, LockOwner, LockState
from perfeval_gui.ui.file_watch import FileWatcher, NoticeBar
from perfeval_gui.ui.on_screen import show_pending
from perfeval_gui.ui.recovery import PendingEntry
from perfeval_gui.ui.settings import documents_folder

if TYPE_CHECKING:
    from perfeval_gui.rules import Finding
    from perfeval_gui.ui.document import FormDocument
    from perfeval_gui.ui.form_view import FormView
    from perfeval_gui.ui.settings import Settings

APP_TITLE: Final = "perfeval-gui"
SAVE: Final = "save"
DISCARD: Final = "discard"
CANCEL: Final = "cancel"
# Answers to the questions of FileActions.ask (the first of each list is the safe default).
OPEN: Final = "open"
READ_ONLY: Final = "read_only"
COPY: Final = "copy"
OVERWRITE: Final = "overwrite"
SAVE_AS: Final = "save_as"
RELOAD: Final = "reload"
NAME_LIMIT: Final = 80
LINE_LIMIT: Final = 400
FOLDER_LIMIT: Final = 40
"""Characters of a recent file's folder shown in the menu (the tooltip has the full path)."""


class FileHost(Protocol):
    """What the file actions need of the window (MainWindow; tests replace the ask_* methods)."""

    document: FormDocument
    form_view: FormView
    settings: Settings
    recent_menu: QMenu

    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...
    def setWindowTitle(self, title: str) -> None: ...
    def ask_save_changes(self) -> str: ...
    def ask_discard_rejected(self, lines: list[str]) -> bool: ...
    def show_error(self, title: str, text: str) -> None: ...
    def ask_open_path(self) -> str | None: ...
    def ask_save_path(self, suggested: str) -> str | None: ...
    def ask_choice(
        self, kind: str, title: str, text: str, choices: Sequence[tuple[str, str]]
    ) -> str: ...
    def _clear_recovery(self) -> None: ...


class FileActions(QObject):
    """The open file's life in one window: load, lock, watch, check, save, release."""

    saved = Signal(Path)
    """A form was written to this file (项目一览 updates its row)."""

    def __init__(self, host: FileHost) -> None:
        super().__init__(host.window())
        self.host = host
        self.lock: FormLock | None = None
        self.identity: FileIdentity | None = None
        """The file as last read or written by this window (None: unknown or no file)."""
        self.read_only = False
        self.loading = False
        self.imported_from: str | None = None
        """The workbook's file name while an imported form is unsaved (the title says so)."""
        self.today: Callable[[], date] = date.today
        """The clock a new form's year comes from (last year); tests set their own date."""
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self._on_changed_on_disk)
        self.watcher.removed.connect(self._on_removed_from_disk)
        self.notice = NoticeBar(host.window())
        app = QCoreApplication.instance()
        if app is not None:  # quitting without closing the window (session end) frees it too
            app.aboutToQuit.connect(self.release)

    @property
    def document(self) -> FormDocument:
        return self.host.document

    def _status(self, text: str, ms: int = 4000) -> None:
        self.host.statusBar().showMessage(one_line(text), ms)

    # --- questions (answered by the window's ask_choice) -----------------------------
    def ask(self, kind: str, title: str, text: str, choices: Sequence[tuple[str, str]]) -> str:
        """The window's ``ask_choice`` (tests and the smoke test answer there)."""
        return self.host.ask_choice(kind, title, text, choices)

    # --- names and the title ----------------------------------------------------------
    def display_name(self) -> str:
        path = self.document.path
        if path is not None:
            return shown_name(path.name)
        if self.imported_from is not None:
            return self.tr("%1 (导入)").replace("%1", shown_name(self.imported_from))
        return self.tr("未命名")

    def window_title(self) -> str:
        name = self.display_name()
        if self.read_only:
            name = self.tr("%1（只读）").replace("%1", name)
        return f"{name}[*] — {APP_TITLE}"

    def start_dir(self) -> str:
        """Where a file dialog opens: the open form's folder, else the last folder used,
        else the user's documents folder; never the working folder (for a clerk who
        started from a shortcut, that is the program's own) nor the bundled examples'."""
        candidates = [self.document.path.parent] if self.document.path is not None else []
        if last := self.host.settings.last_directory():
            candidates.append(Path(last))
        for folder in candidates:
            with contextlib.suppress(OSError, ValueError):
                if folder.is_absolute() and folder.is_dir() and not is_bundled(folder):
                    return str(folder)
        return documents_folder()

    # --- replacing the form -------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when the current form may be replaced (saved, discarded, or unmodified)."""
        view = self.host.form_view
        view.commit_pending()
        rejected = view.pending_rejections()
        if rejected and not self.host.ask_discard_rejected(rejected):
            view.show_first_rejection()
            return False
        if not self.document.is_modified():
            return True
        answer = self.host.ask_save_changes()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def new_file(self, skeleton: bool = True) -> bool:
        """A new untitled form of last year (``today``): the standard skeleton or no rows.

        File → 新建 asks which first (``new_form_dialog``); this is the answer carried out.
        """
        if self.loading or not self.maybe_save():
            return False
        self.start_new(blank_form(skeleton=skeleton, today=self.today()))
        if skeleton:
            self._status(self.tr("已新建自评表（标准框架）"))
        else:
            self._status(self.tr("已新建空白自评表"))
        return True

    def start_new(self, form: Form, *, modified: bool = False) -> None:
        """Make ``form`` the window's new untitled form, its findings waiting for the first
        edit (``FormDocument.unfilled``); ``modified``: closing it asks to save."""
        self._install(
            form, None, None, read_only=False, lock=None, modified=modified, unfilled=True
        )

    def open_file(self, path: str | Path | None = None) -> bool:
        """Open a form (asking for the file when ``path`` is None); on failure nothing changes."""
        if self.loading or not self.maybe_save():
            return False
        if path is None:
            path = self.host.ask_open_path()
            if path is None:
                return False
        return self.load_path(Path(path))

    def load_path(self, path: Path, *, quiet: bool = False) -> bool:
        """Read ``path`` into the window without asking to save first (off the GUI thread)."""
        if self.loading:
            return False
        target = absolute(path)
        encoding = "utf-8"
        outcome = self._read(path)
        if outcome.encoding is not None and not quiet:  # GBK text, say: offer to read it so
            label = outcome.encoding.upper()
            answer = self.ask(
                "encoding",
                self.tr("文本编码"),
                one_line(outcome.error or "")
                + "\n"
                + self.tr("按 %1 编码打开它吗？保存时将存为 UTF-8。").replace("%1", label),
                [(OPEN, self.tr("按 %1 打开").replace("%1", label)), (CANCEL, self.tr("取消"))],
            )
            if answer != OPEN:
                return False
            encoding = outcome.encoding
            outcome = self._read(path, encoding)
        if outcome.repairable and not quiet:  # bad values in a sound file: offer repair
            answer = self.ask(
                "repair",
                self.tr("文件中有无法采用的取值"),
                one_line(outcome.error or "")
                + "\n"
                + self.tr(
                    "打开它以便修改吗？无法采用的取值会显示在各自的格子里（红色），改正后保存。"
                ),
                [(OPEN, self.tr("打开并修改")), (CANCEL, self.tr("取消"))],
            )
            if answer != OPEN:
                return False
            outcome = self._read(path, encoding, repair=True)
        if outcome.cancelled:
            self._status(self.tr("已取消打开 %1").replace("%1", shown_name(path.name)), 8000)
            return False
        if outcome.loaded is None:
            message = one_line(outcome.error or "")
            with contextlib.suppress(OSError, ValueError):
                if not os.path.lexists(path):  # a vanished recent file leaves the list
                    self.host.settings.remove_recent_file(str(target))
            if not quiet:
                self.host.show_error(self.tr("无法打开文件"), message)
            self._status(message, 8000)
            return False
        loaded = outcome.loaded
        bundled = is_bundled(target)
        if loaded.read_only:  # we will not write it: no lock to take, nothing to ask
            lock, read_only = None, True
        elif bundled:  # an example shipped with the program: no lock in its install folder
            lock, read_only = None, False
        else:
            choice, lock = self._lock_for_open(target)
            if choice == CANCEL:
                return False
            if choice == COPY:
                self._install(loaded.form, None, None, read_only=False, lock=None, modified=True)
                self._status(self.tr("已打开副本（未命名，尚未保存）"), 8000)
                return True
            read_only = choice == READ_ONLY
        repaired = bool(loaded.refused)
        self._install(
            loaded.form, target, loaded.identity, read_only=read_only, lock=lock,
            modified=repaired,
        )
        self._remember(target)
        if repaired:
            self._show_refused(loaded.refused)
            return True
        if read_only:
            shown = shown_name(target.name)
            self._status(self.tr("已以只读方式打开 %1；保存时请另存为").replace("%1", shown))
        elif lock is None and not bundled:
            self._status(
                self.tr(
                    "已打开 %1；无法在该文件夹中创建锁文件，其他人同时打开时不会得到提示"
                ).replace("%1", shown_name(path.name)),
                10000,
            )
        else:
            self._status(self.tr("已打开 %1").replace("%1", shown_name(path.name)))
        return True

    def _show_refused(self, refused: tuple[Refused, ...]) -> None:
        """Values read for repair: each shown red in its cell with its reason, as if typed
        and refused, so nothing of the file is lost and the clerk fixes them in place."""
        entries = [PendingEntry(str(r.location), r.text, r.reason) for r in refused]
        show_pending(self.host.form_view, entries)
        self._status(
            self.tr("有 %1 处取值无法采用，已标成红色，请改正后保存").replace(
                "%1", str(len(refused))
            ),
            15000,
        )

    def _read(self, path: Path, encoding: str = "utf-8", *, repair: bool = False) -> LoadOutcome:
        label = self.tr("正在读取 %1 …").replace("%1", shown_name(path.name))
        self.loading = True
        try:
            return load_in_background(self.host.window(), path, label, encoding, repair=repair)
        finally:
            self.loading = False

    def _lock_for_open(self, path: Path) -> tuple[str, FormLock | None]:
        """(OPEN | READ_ONLY | COPY | CANCEL, the lock now held for ``path`` if any)."""
        if self.lock is not None and self.lock.held and self.lock.path == path:
            return OPEN, self.lock  # this window already has it: reopening it
        lock = FormLock(path)
        state = lock.acquire()
        if state == LockState.ACQUIRED:
            return OPEN, lock
        if state == LockState.UNAVAILABLE:  # read-only folder or medium: open unlocked
            return OPEN, None
        answer = self.ask(
            "locked",
            self.tr("文件正在使用"),
            self._locked_text(path, lock.owner()),
            [
                (READ_ONLY, self.tr("以只读方式打开")),
                (COPY, self.tr("打开副本")),
                (CANCEL, self.tr("取消")),
            ],
        )
        return answer, None

    def _locked_text(self, path: Path, owner: LockOwner) -> str:
        who = shown_name(owner.user) if owner.user else self.tr("未知用户")
        host = shown_name(owner.host) if owner.host else self.tr("未知计算机")
        when = owner.since
        if when is not None and when.tzinfo is not None:
            when = when.astimezone()  # their clock, shown in ours
        since = when.strftime("%Y-%m-%d %H:%M") if when is not None else self.tr("未知时间")
        text = (
            self.tr("“%1”已被 %2（计算机 %3）自 %4 起打开编辑。")
            .replace("%1", shown_name(path.name))
            .replace("%2", who)
            .replace("%3", host)
            .replace("%4", since)
        )
        if owner.this_process:
            text += self.tr("（就在本程序的另一个窗口中）")
        return text + self.tr("同时保存会互相覆盖。可以只读打开，或打开一个未命名的副本。")

    def _install(
        self,
        form: Form,
        path: Path | None,
        identity: FileIdentity | None,
        *,
        read_only: bool,
        lock: FormLock | None,
        modified: bool = False,
        imported_from: str | None = None,
        extra_findings: Sequence[Finding] = (),
        unfilled: bool = False,
    ) -> None:
        """Make ``form`` the window's document, releasing the previous file's lock.

        ``imported_from``: the workbook an unsaved imported form came from (its name is
        in the title); ``extra_findings``: the import's notes, shown until edited or saved;
        ``unfilled``: a new form, its findings held back until the first edit.
        """
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock
        self.identity = identity
        self.read_only = read_only
        self.imported_from = imported_from
        self.notice.dismiss()
        self.document.load(
            form, path, modified=modified, extra_findings=extra_findings, unfilled=unfilled
        )
        self.watcher.watch(path, identity)
        self.host._clear_recovery()

    def _remember(self, path: Path) -> None:
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            self.host.settings.add_recent_file(path)
            self.host.settings.set_last_directory(path.parent)

    def adopt_restored(self, original: Path | None) -> None:
        """A recovered form belonging to ``original`` was restored: lock and watch that file.

        What the file was at the crash is unknown; its state now is the baseline, so a
        later change by someone else is still noticed. If another holder has it, the
        form stays read-only (its recovered text is kept; Save leads to Save As).
        """
        if original is None:  # a never-saved form: no file to lock or watch
            self.release()
            self.read_only, self.identity = False, None
            self.host.setWindowTitle(self.window_title())
            return
        path = absolute(original)
        lock = FormLock(path)
        state = LockState.UNAVAILABLE if is_bundled(path) else lock.acquire()
        if self.lock is not None:
            self.lock.release()
        self.lock = lock if state == LockState.ACQUIRED else None
        self.read_only = state == LockState.HELD or is_read_only(path)
        try:
            self.identity = identify(path)
        except (OSError, ValueError):
            self.identity = None
        self.watcher.watch(path, self.identity)
        self.host.setWindowTitle(self.window_title())

    def release(self) -> None:
        """The window closes: give the file free and stop watching it."""
        self.watcher.watch(None, None)
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # --- saving ------------------------------------------------------------------------
    def save(self) -> bool:
        self.host.form_view.commit_pending()
        if self.document.path is None or self.read_only:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        self.host.form_view.commit_pending()
        current = self.document.path
        if current is not None:
            suggested = str(current)
        else:
            name = self.document.form.project_name.strip() or self.tr("自评表")
            suggested = str(Path(self.start_dir() or ".") / f"{safe_name(name)}.json")
        path = self.host.ask_save_path(suggested)
        if path is None:
            return False
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write atomically, after making sure no one else's work is overwritten unasked.

        On failure or refusal the old file is intact and the form stays modified.
        """
        target = absolute(path)
        lock, go_on = self._lock_for_save(target)
        if not go_on:
            return False
        try:
            decision = self._check_before_writing(target)
            if decision != OVERWRITE:
                if lock is not None and lock is not self.lock:
                    lock.release()
                if decision == SAVE_AS:
                    return self.save_as()
                if decision == RELOAD:
                    self.load_path(target)
                return False
            try:
                # fileio refuses a read-only file unless told: the clerk was asked above.
                save_form(self.document.form, path, overwrite_read_only=True)
            except FormFileError as exc:
                self.host.show_error(self.tr("无法保存"), one_line(str(exc)))
                if lock is not None and lock is not self.lock:
                    lock.release()
                return False
        except BaseException:
            if lock is not None and lock is not self.lock:
                lock.release()
            raise
        self._after_save(target, lock)
        return True

    def _lock_for_save(self, target: Path) -> tuple[FormLock | None, bool]:
        """The lock to hold on ``target`` after saving, and whether to go on at all."""
        if self.lock is not None and self.lock.held and self.lock.path == target:
            return self.lock, True
        lock = FormLock(target)
        state = lock.acquire()
        if state == LockState.ACQUIRED:
            return lock, True
        if state == LockState.UNAVAILABLE:
            return None, True
        text = self._locked_text(target, lock.owner()) + self.tr("仍要覆盖它吗？")
        answer = self.ask(
            "overwrite_locked",
            self.tr("文件正在使用"),
            text,
            [(CANCEL, self.tr("取消")), (OVERWRITE, self.tr("仍然覆盖"))],
        )
        return None, answer == OVERWRITE

    def _check_before_writing(self, target: Path) -> str:
        """OVERWRITE when writing ``target`` destroys nothing unasked; else the clerk's choice."""
        if is_read_only(target):
            answer = self.ask(
                "overwrite_read_only",
                self.tr("文件是只读的"),
                self.tr("“%1”是只读文件。仍要用当前内容替换它吗？").replace(
                    "%1", shown_name(target.name)
                ),
                [(CANCEL, self.tr("取消")), (OVERWRITE, self.tr("仍然替换"))],
            )
            if answer != OVERWRITE:
                return CANCEL
        if target != self.document.path or self.identity is None:
            return OVERWRITE
        try:
            now = identify(target)
        except (OSError, ValueError):
            return OVERWRITE  # not a readable file any more: the write reports the problem
        if now is None or now.same_content(self.identity):
            return OVERWRITE
        return self.ask(
            "changed",
            self.tr("文件已被修改"),
            self._changed_text(target, now)
            + self.tr("覆盖将丢失对方的修改；重新载入将丢失本窗口未保存的修改。"),
            [
                (SAVE_AS, self.tr("另存为…")),
                (OVERWRITE, self.tr("覆盖")),
                (RELOAD, self.tr("重新载入")),
                (CANCEL, self.tr("取消")),
            ],
        )

    def _changed_text(self, path: Path, now: FileIdentity) -> str:
        from datetime import datetime

        when = datetime.fromtimestamp(now.mtime_ns / 1e9).strftime("%Y-%m-%d %H:%M:%S")
        return (
            self.tr("“%1”在打开后已被其他程序或窗口修改（现在：%2，%3 字节）。")
            .replace("%1", shown_name(path.name))
            .replace("%2", when)
            .replace("%3", f"{now.size:,}")
        )

    def _after_save(self, target: Path, lock: FormLock | None) -> None:
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock
        self.imported_from = None
        self.identity = _written_identity(target, dumps_form(self.document.form))
        self.read_only = is_read_only(target)
        self.notice.dismiss()
        self.document.mark_saved(target)
        self.watcher.watch(target, self.identity)
        self.host._clear_recovery()
        self._remember(target)
        rejected = self.host.form_view.pending_rejections()
        if rejected:
            self._status(
                self.tr("已保存到 %1；注意：%2 处标红的无效输入没有保存，请修改")
                .replace("%1", str(target))
                .replace("%2", str(len(rejected))),
                10000,
            )
        else:
            self._status(self.tr("已保存到 %1").replace("%1", str(target)))
        self.saved.emit(target)

    # --- someone else changed the file ----------------------------------------------------
    def _on_changed_on_disk(self, now: FileIdentity) -> None:
        path = self.document.path
        if path is None:
            return
        self.notice.show_notice(
            self._changed_text(path, now) + self.tr("保存前会先询问。"),
            [(self.tr("重新载入"), self.reload), (self.tr("忽略"), self.notice.dismiss)],
        )

    def _on_removed_from_disk(self) -> None:
        path = self.document.path
        if path is None:
            return
        self.notice.show_notice(
            self.tr("“%1”已被删除或移走；保存将重新创建它。").replace("%1", shown_name(path.name)),
            [(self.tr("另存为…"), self.save_as), (self.tr("忽略"), self.notice.dismiss)],
        )

    def reload(self) -> bool:
        """Read the file again from disk (asking first when this window has unsaved edits)."""
        path = self.document.path
        if path is None:
            return False
        if self.document.is_modified():
            answer = self.ask(
                "reload",
                self.tr("重新载入"),
                self.tr("重新载入将丢失本窗口未保存的修改。继续吗？"),
                [(CANCEL, self.tr("取消")), (RELOAD, self.tr("重新载入"))],
            )
            if answer != RELOAD:
                return False
        return self.load_path(path)

    # --- recent files and drops --------------------------------------------------------
    def fill_recent_menu(self) -> None:
        menu = self.host.recent_menu
        menu.clear()
        menu.setToolTipsVisible(True)  # the full path; hidden in menus unless asked for
        files = self.host.settings.recent_files()
        for number, path in enumerate(files, start=1):
            # 'name — folder': each year's 自评表.json sits in its own folder
            name = f"{shown_name(Path(path).name)} — {short_folder(path)}"
            act = menu.addAction(f"&{number} {name.replace('&', '&&')}")  # 'R&D': no mnemonic
            act.setToolTip(plain_tooltip(shown_name(path, LINE_LIMIT)) or "")
            act.setStatusTip(shown_name(path, LINE_LIMIT))
            act.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if files:
            menu.addSeparator()
            clear = menu.addAction(self.tr("清除列表"))
            clear.triggered.connect(lambda _checked=False: self.host.settings.clear_recent_files())
        menu.setEnabled(bool(files))


def ask_plain(parent: QWidget, title: str, text: str, choices: Sequence[tuple[str, str]]) -> str:
    """A plain-text question box; the key of the chosen button (the first is the default).

    Closing the box (Esc, the title bar) answers CANCEL.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and user text are not markup
    box.setText(text)
    buttons: list[tuple[QPushButton, str]] = []
    for key, label in choices:
        role = (
            QMessageBox.ButtonRole.RejectRole
            if key == CANCEL
            else QMessageBox.ButtonRole.AcceptRole
        )
        buttons.append((box.addButton(label, role), key))
    if buttons:
        box.setDefaultButton(buttons[0][0])
    box.exec()
    clicked = box.clickedButton()
    return next((key for button, key in buttons if button is clicked), CANCEL)


def _written_identity(path: Path, data: bytes) -> FileIdentity | None:
    """What we just wrote to ``path``: the disk's time, our bytes' hash.

    If another program wrote in the instant after our save, the hash of our bytes
    (not of the disk's) makes the next save and the watcher notice it.
    """
    try:
        now = identify(path)
    except (OSError, ValueError):
        return None
    ours = identity_of_bytes(data, now.mtime_ns if now is not None else 0)
    return now if now is not None and now.same_content(ours) else ours


def is_bundled(path: Path) -> bool:
    """``path`` is one of the program's own files (the examples): never locked.

    A lock there would litter the installation (or fail: a system install is not
    writable), and the examples are shared by every window and test run at once.
    """
    from perfeval_gui.assets import resource_path

    try:
        return path.is_relative_to(absolute(resource_path()))
    except (OSError, ValueError, TypeError):
        return False


def dropped_form(urls: list[QUrl]) -> Path | None:
    """The first dropped local file the window opens: a form (.json), or a workbook or a
    published PDF to import."""
    from perfeval_gui.portfolio.sources import is_form_source

    for url in urls:
        name = url.toLocalFile()
        if url.isLocalFile() and (name.lower().endswith(".json") or is_form_source(name)):
            return Path(name)
    return None


def safe_name(name: str) -> str:
    """A file name from a project name (no path separators or characters Windows refuses)."""
    cleaned = "".join("_" if c in '\\/:*?"<>|\n\r\t' else c for c in name).strip(" .")
    cleaned = visible(cleaned)
    return cleaned[:80] or QCoreApplication.translate("FileActions", "自评表")


def shown_name(text: str, limit: int = NAME_LIMIT) -> str:
    """``text`` with control and bidi characters written out visibly, cut to ``limit``
    characters with … (never inside an escape).

    A newline in a file name would split a menu line or the title; a right-to-left
    override would show ``报告\\u202enosj.exe`` reordered as something else.
    """
    out: list[str] = []
    length = 0
    for char in text:
        piece = visible(char)  # fileio's escapes: \n, \u202e, \xff (as in its messages)
        if length + len(piece) > limit:
            return "".join(out) + "…"
        out.append(piece)
        length += len(piece)
    return "".join(out)


def short_folder(path: str | Path, limit: int = FOLDER_LIMIT) -> str:
    """The folder of ``path`` as a menu shows it: escaped as shown_name does, its start
    cut to … when long (the end, the folders nearest the file, tells files apart)."""
    folder = shown_name(str(Path(path).parent), LINE_LIMIT)
    return folder if len(folder) <= limit else "…" + folder[len(folder) - limit + 1 :]


def one_line(text: str, limit: int = LINE_LIMIT) -> str:
    """A message as one bounded line: the form of every error the clerk is shown."""
    return shown_name(text, limit)
