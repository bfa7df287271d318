"""Issue 10, items 3, 4 and 7: the auto-summed total explains itself, Qt's own dialogs in
the interface language, file dialogs' start folder, recent files with their folder, zoom
keys, 剪切/复制/粘贴 in the 编辑 menu, and the language menu with its restart prompt."""

from __future__ import annotations

import re
import sys
import time
from decimal import Decimal
from pathlib import Path

from helpers import shown, type_text
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QToolTip,
    QWidget,
)

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import load_form
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui.app import install_translations
from perfeval_gui.ui.file_actions import CANCEL, SAVE, short_folder
from perfeval_gui.ui.restart import restart_command, start_detached
from perfeval_gui.ui.settings import Settings, documents_folder, fonts_folder

HINT = "总额由下面三行自动合计；要按发布数填写请取消勾选"


# --- item 3: typing into the auto-summed total ----------------------------------------------


def _auto_summed(make_window, seed2_path):
    window = make_window()
    assert window.load_path(seed2_path)
    view = window.form_view
    view.auto_total.setChecked(True)
    assert window.document.form.funding.total is None
    return window, view


def test_typing_into_the_auto_summed_total_says_why(make_window, seed2_path):
    window, view = _auto_summed(make_window, seed2_path)
    table, model = view.funding_table, view.funding_model
    cell = model.index(0, fm.COL_ANNUAL)
    before = shown(table, 0, fm.COL_ANNUAL)
    steps = window.document.undo_stack.count()
    table.setFocus()
    table.setCurrentIndex(cell)
    QTest.keyClick(table, "3")  # the clerk starts typing the published figure
    assert window.statusBar().currentMessage() == HINT
    assert QToolTip.isVisible() and QToolTip.text() == HINT
    # nothing changed, no editor, no box, and the cursor stayed on the cell
    assert shown(table, 0, fm.COL_ANNUAL) == before
    assert window.document.undo_stack.count() == steps
    assert not table.cell_delegate.open_editors()
    assert table.currentIndex() == cell
    assert QApplication.activeModalWidget() is None
    # the cell's own tooltip says the same
    assert HINT in cell.data(Qt.ItemDataRole.ToolTipRole).split("\n")
    QToolTip.hideText()


def test_f2_and_double_click_on_the_total_say_why_too(make_window, seed2_path):
    window, view = _auto_summed(make_window, seed2_path)
    table, model = view.funding_table, view.funding_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, fm.COL_EXECUTED))
    QTest.keyClick(table, Qt.Key.Key_F2)
    assert window.statusBar().currentMessage() == HINT
    window.statusBar().clearMessage()
    rect = table.visualRect(model.index(0, fm.COL_INITIAL))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.statusBar().currentMessage() == HINT
    QToolTip.hideText()


def test_computed_rate_explains_itself_and_labels_stay_silent(make_window, seed2_path):
    window, view = _auto_summed(make_window, seed2_path)
    table, model = view.funding_table, view.funding_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, fm.COL_RATE))
    QTest.keyClick(table, "5")
    assert window.statusBar().currentMessage() == "执行率 = 全年执行数 ÷ 全年预算数"
    window.statusBar().clearMessage()
    table.setCurrentIndex(model.index(1, fm.COL_SCORE))  # a — cell of a 其中 row
    QTest.keyClick(table, "5")
    assert window.statusBar().currentMessage() == ""
    QToolTip.hideText()


def test_after_unticking_the_typed_total_is_taken(make_window, seed2_path):
    window, view = _auto_summed(make_window, seed2_path)
    table, model = view.funding_table, view.funding_model
    view.auto_total.setChecked(False)  # 取消勾选: the total is typed from now on
    assert model.locked_hint(0, fm.COL_ANNUAL) is None
    assert HINT not in str(model.index(0, fm.COL_ANNUAL).data(Qt.ItemDataRole.ToolTipRole))
    table.setFocus()
    table.setCurrentIndex(model.index(0, fm.COL_ANNUAL))
    QTest.keyClick(table, "3")  # opens the editor with the key, as on any input cell
    editors = table.cell_delegate.open_editors()
    assert editors
    type_text(editors[0][0], "80000")
    QTest.keyClick(editors[0][0], Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.document.form.funding.total is not None
    assert window.document.form.funding.total.annual_budget == Decimal(380000)
    assert window.statusBar().currentMessage() != HINT


# --- item 4: Qt's own dialogs, where file dialogs start, recent files' folders ---------------


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


def test_qt_own_buttons_follow_the_interface_language(qapp):
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (qt_dir / "qtbase_zh_CN.qm").is_file()  # shipped with PySide6
    try:
        installed = install_translations(qapp, "zh")
        assert _cancel_text() == "取消"
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
        assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
        assert QCoreApplication.translate("QPrintDialog", "Print") == "打印"
        english = install_translations(qapp, "en")
        assert _cancel_text() == "Cancel"  # the Chinese catalogue was taken out
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
        assert not set(map(id, installed)) & set(map(id, english))
        again = install_translations(qapp, "zh")
        assert _cancel_text() == "取消"
        assert len(again) == 2  # Qt's catalogue and its gaps: ours is the Chinese source
    finally:
        install_translations(qapp, "zh")


def _english_words(widget: QWidget) -> list[str]:
    """Texts of the labels, buttons and headers a user reads that still hold English."""
    texts = [w.text() for w in widget.findChildren(QLabel)]
    texts += [w.text() for w in widget.findChildren(QAbstractButton)]
    for view in widget.findChildren(QHeaderView):
        model = view.model()
        texts += [str(model.headerData(i, view.orientation())) for i in range(view.count())]
    return sorted({t for t in texts if re.search("[A-Za-z]{3,}", t.replace("&", ""))})


def test_qt_own_dialogs_read_chinese_to_the_last_label(qapp, tmp_path):
    """Qt 6.11 renamed "Look in:" to "&Look in:" and its zh_CN catalogue lags behind: the
    file dialog showed 'Look in:' and 'Files of type:' in English until qtbase_gaps_zh_CN."""
    install_translations(qapp, "zh")
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "打开", str(tmp_path), "自评表文件 (*.json)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        dialog.show()
        QApplication.processEvents()
        labels = [w.text() for w in dialog.findChildren(QLabel)]
        assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
        assert _english_words(dialog) == []
        dialog.close()
        dialog.deleteLater()
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "保存修改", "是否保存？",
                      buttons.Save | buttons.Discard | buttons.Cancel)
    box.show()
    QApplication.processEvents()
    assert _english_words(box) == []
    assert {b.text() for b in box.buttons()} >= {"取消"}
    box.close()


def test_file_dialogs_start_in_documents_not_the_working_folder(
    make_window, seed1_path, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    window = make_window(show=False)
    documents = documents_folder()
    expected = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not Path(expected or "/nonexistent").is_dir():
        expected = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)
    assert documents == expected
    assert window.files.start_dir() == documents != str(tmp_path)
    assert Path(fonts_folder()).is_dir()  # the print-font dialog: never "" either
    # a bundled example open: its folder (inside the program) is not offered either
    assert window.load_path(seed1_path)
    assert window.files.start_dir() == documents
    # a form opened from a folder: that folder, also after New (the last folder used)
    folder = tmp_path / "2022年 绩效"
    folder.mkdir()
    mine = folder / "自评表.json"
    mine.write_bytes(seed1_path.read_bytes())
    assert window.open_file(mine)
    assert window.files.start_dir() == str(folder.resolve())
    window.new_file()
    assert window.files.start_dir() == str(folder.resolve())
    # the last folder was removed since: documents again
    mine.unlink()
    folder.rmdir()
    assert window.files.start_dir() == documents


def test_recent_files_show_their_folder(make_window, seed1_path, tmp_path):
    window = make_window(show=False)
    paths = []
    for year in ("2022", "2023"):
        folder = tmp_path / year
        folder.mkdir()
        paths.append(folder / "自评表.json")
        paths[-1].write_bytes(seed1_path.read_bytes())
        assert window.open_file(paths[-1])
    window._fill_recent_menu()
    menu = window.recent_menu
    first, second = menu.actions()[:2]
    assert menu.toolTipsVisible()
    # same name, told apart by the folder (cut from the left when long)
    assert first.text().startswith("&1 自评表.json — ") and first.text().endswith("2023")
    assert second.text().startswith("&2 自评表.json — ") and second.text().endswith("2022")
    assert first.toolTip() == str(paths[1].resolve())
    assert short_folder("/a/b/c.json") == "/a/b"
    long = "/" + "很长的文件夹名" * 10 + "/2022/自评表.json"
    shown_folder = short_folder(long)
    assert len(shown_folder) == 40 and shown_folder.startswith("…")
    assert shown_folder.endswith("/2022")


# --- item 7: zoom keys, 剪切/复制/粘贴, the language menu ---------------------------------------

_M = Qt.KeyboardModifier


def test_zoom_keys_as_in_office_programs(make_window):
    window = make_window()
    view = window.form_view
    strings = [k.toString() for k in window.zoom_in_action.shortcuts()]
    assert {"Ctrl+=", "Ctrl++", "Ctrl+Shift+=", "Ctrl+Shift++"} <= set(strings)
    view.indicator_table.setFocus()
    for key, modifiers in (
        (Qt.Key.Key_Equal, _M.ControlModifier),
        (Qt.Key.Key_Plus, _M.ControlModifier | _M.KeypadModifier),  # Ctrl + keypad +
        (Qt.Key.Key_Plus, _M.ControlModifier | _M.ShiftModifier),  # Ctrl+Shift+= (US layout)
        (Qt.Key.Key_Equal, _M.ControlModifier | _M.ShiftModifier),
    ):
        before = view.zoom
        QTest.keyClick(view.indicator_table, key, modifiers)
        assert view.zoom > before, (key, modifiers)
    before = view.zoom
    QTest.keyClick(view.indicator_table, Qt.Key.Key_Minus, _M.ControlModifier | _M.KeypadModifier)
    assert view.zoom < before
    QTest.keyClick(view.indicator_table, Qt.Key.Key_0, _M.ControlModifier)
    assert view.zoom == 1.0


def _edit_menu(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    return {a.text(): a for a in menu.actions()}, menu


def test_edit_menu_cut_copy_paste_on_the_grid(make_window, seed1_path):
    window = make_window()
    assert window.load_path(seed1_path)
    actions, menu = _edit_menu(window)
    cut, copy, paste = actions["剪切(&T)"], actions["复制(&C)"], actions["粘贴(&P)"]
    assert [a.shortcut() for a in (cut, copy, paste)] == [
        QKeySequence(QKeySequence.StandardKey.Cut),
        QKeySequence(QKeySequence.StandardKey.Copy),
        QKeySequence(QKeySequence.StandardKey.Paste),
    ]
    view = window.form_view
    table, model = view.funding_table, view.funding_model
    # the keyboard outside the form (nowhere to copy from): disabled
    window.findings_panel.setFocus()
    QApplication.clipboard().setText("")
    menu.aboutToShow.emit()
    assert not copy.isEnabled() and not cut.isEnabled() and not paste.isEnabled()

    table.setFocus()
    table.setCurrentIndex(model.index(1, fm.COL_INITIAL))  # 当年财政拨款 · 年初预算数
    table.selectionModel().select(
        model.index(1, fm.COL_ANNUAL), table.selectionModel().SelectionFlag.Select
    )
    menu.aboutToShow.emit()
    assert copy.isEnabled() and cut.isEnabled() and not paste.isEnabled()
    original = window.document.form.funding.current_year_appropriation
    steps = window.document.undo_stack.count()
    QTest.keyClick(table, Qt.Key.Key_X, _M.ControlModifier)  # Ctrl+X reaches 剪切
    assert QApplication.clipboard().text().rstrip("\r\n") == "650,000.00\t650,000.00"
    row = window.document.form.funding.current_year_appropriation
    assert row.initial_budget is None and row.annual_budget is None
    assert window.document.undo_stack.count() == steps + 1  # one step
    assert window.document.undo_stack.undoText() == "剪切"
    assert paste.isEnabled()  # the clipboard has text now
    window.document.undo_stack.undo()
    assert window.document.form.funding.current_year_appropriation == original

    # 复制 from the menu, 粘贴 onto the 其他资金 row
    copy.trigger()
    assert QApplication.clipboard().text().rstrip("\r\n") == "650,000.00\t650,000.00"
    table.setCurrentIndex(model.index(3, fm.COL_INITIAL))
    paste.trigger()
    other = window.document.form.funding.other_funds
    assert other.initial_budget == other.annual_budget == Decimal(650000)


def test_cut_of_computed_cells_only_copies(make_window, seed1_path):
    window = make_window()
    assert window.load_path(seed1_path)
    table, model = window.form_view.funding_table, window.form_view.funding_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, fm.COL_RATE))
    steps = window.document.undo_stack.count()
    window.edit_actions.cut()
    assert QApplication.clipboard().text().rstrip("\r\n") == "65.79%"
    assert window.document.undo_stack.count() == steps
    assert "只复制" in window.statusBar().currentMessage()


def test_edit_menu_acts_on_a_text_field(make_window, seed1_path):
    window = make_window()
    assert window.load_path(seed1_path)
    field = window.form_view.project_name
    field.setFocus()
    field.selectAll()
    actions, menu = _edit_menu(window)
    menu.aboutToShow.emit()
    assert actions["复制(&C)"].isEnabled() and actions["剪切(&T)"].isEnabled()
    actions["复制(&C)"].trigger()
    assert QApplication.clipboard().text() == "重点企业服务"
    field.setCursorPosition(len(field.text()))
    actions["粘贴(&P)"].trigger()
    assert field.text() == "重点企业服务重点企业服务"
    window.form_view.commit_pending()
    assert window.document.form.project_name == "重点企业服务重点企业服务"


def test_language_switch_offers_a_restart_and_restarts(
    make_window, dialogs, seed1_path, tmp_path, monkeypatch
):
    window = make_window()
    mine = tmp_path / "自评表.json"
    mine.write_bytes(seed1_path.read_bytes())
    assert window.open_file(mine)
    assert window.language_menu.title() == "语言(&L)：中文"
    assert window.language_actions["zh"].isChecked()
    started: list[tuple[str, list[str]]] = []
    window.start_program = lambda program, arguments: started.append((program, arguments)) or True
    dialogs.choice_answers["restart"] = ["restart"]
    window.document.set_value(FieldPath.parse("project_name"), "改过的名字")
    dialogs.save_answers.append(SAVE)  # the normal close asks to save, as on quitting
    window.language_actions["en"].trigger()
    assert dialogs.save_questions == 1
    assert load_form(mine).project_name == "改过的名字"  # saved before restarting
    assert not window.isVisible()
    assert started == [(sys.executable, ["-m", "perfeval_gui.ui", str(mine.resolve())])]
    assert Settings().language() == "en"


def test_restart_cancelled_at_the_save_question_keeps_the_window(make_window, dialogs):
    window = make_window()
    started: list[object] = []
    window.start_program = lambda program, arguments: started.append(program) or True
    window.document.set_value(FieldPath.parse("project_name"), "未保存")
    dialogs.choice_answers["restart"] = ["restart"]
    dialogs.save_answers.append(CANCEL)
    window.language_actions["en"].trigger()
    assert window.isVisible() and started == []
    assert window.document.form.project_name == "未保存"
    assert window.statusBar().currentMessage() == "没有重启：窗口未关闭"


def test_restart_command_drops_the_old_language_option(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["perfeval-gui", "--lang", "en", "old.json"])
    assert restart_command(None) == (sys.executable, ["-m", "perfeval_gui.ui"])
    assert restart_command(Path("/x/新.json")) == (
        sys.executable, ["-m", "perfeval_gui.ui", "/x/新.json"],
    )
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert restart_command(None) == (sys.executable, [])


def test_start_detached_really_starts_a_program(qapp, tmp_path):
    marker = tmp_path / "started.txt"
    code = f"open({str(marker)!r}, 'w').write('ok')"
    assert start_detached(sys.executable, ["-c", code])
    deadline = time.monotonic() + 20
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists()
    assert not start_detached(str(tmp_path / "no-such-program"), [])
