"""QA of this session's window features (brief qa-window): a clerk's use and fault tests.

Undo/redo after paste (rows added/removed), drag and cut; hostile clipboard text; F7 and
File → 新建 while a cell editor is open (typed text never lost); 新建 → 从已有 with bad files.
"""

from __future__ import annotations

import os
from pathlib import Path

from helpers import open_editor, type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfeval_gui.fileio import dumps_form
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.file_actions import CANCEL
from perfeval_gui.ui.indicator_rows import PASTE_TEMPLATE_ROWS, REMOVE_ROWS
from perfeval_gui.ui.new_form_dialog import EXISTING, NEW_FORM, SKELETON


def paste_at(window, row: int, column: int, text: str) -> None:
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    QApplication.clipboard().setText(text)
    table.setFocus()
    table.setCurrentIndex(model.index(row, column))
    QTest.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def names(window) -> list[str]:
    return [i.name for i in window.document.form.indicators]


def undo_all_and_redo(window, before: str) -> None:
    """Undo back to ``before`` then redo to what it was after."""
    stack = window.document.undo_stack
    after = dumps_form(window.document.form)
    steps = stack.index()
    while stack.canUndo():
        stack.undo()
    assert dumps_form(window.document.form) == before
    for _ in range(steps):
        stack.redo()
    assert dumps_form(window.document.form) == after


def test_paste_that_adds_rows_undoes_and_redoes_exactly(make_window, seed1_path, fail_on_uncaught):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    count = len(window.document.form.indicators)
    block = "\r\n".join(f"产出指标\t数量指标\t指标{n}\t≥{n}\t{n}\t1\t1\t" for n in range(count + 5))
    paste_at(window, 0, im.COL_LEVEL1, block)
    assert len(window.document.form.indicators) == count + 5
    undo_all_and_redo(window, before)


def test_paste_removing_template_rows_undoes_and_redoes(
    make_window, dialogs, fail_on_uncaught
):
    window = make_window()
    dialogs.choice_answers[NEW_FORM] = [SKELETON]
    window.new_action.trigger()
    before = dumps_form(window.document.form)
    dialogs.choice_answers[PASTE_TEMPLATE_ROWS] = [REMOVE_ROWS]
    block = "产出指标\t数量指标\t甲\t≥1\t1\t10\t10\t\r\n\t\t乙\t≥1\t1\t10\t10\t"
    paste_at(window, 0, im.COL_LEVEL1, block)
    assert names(window) == ["甲", "乙"]
    undo_all_and_redo(window, before)


def test_hostile_clipboard_text_pastes_literally_and_undoes(
    make_window, seed1_path, fail_on_uncaught
):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    odd = ["<b>粗</b>", "😀指标", "𠀀𪚥", '含"引号', "a\tb", "两\n行"]
    block = "\n".join(
        "\t".join(['"' + c.replace('"', '""') + '"' if any(x in c for x in '\t\n"') else c])
        for c in odd
    )
    paste_at(window, 0, im.COL_NAME, block)
    got = names(window)[: len(odd)]
    # emoji and markup kept literally (or refused visibly); the cells with tabs/newlines whole
    assert got[0] == "<b>粗</b>" and got[2] == "𠀀𪚥" and got[3] == '含"引号'
    undo_all_and_redo(window, before)



def test_drag_onto_the_total_row_or_itself_changes_nothing(
    make_window, seed1_path, fail_on_uncaught
):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    header = view.indicator_table.verticalHeader()
    before = names(window)
    steps = window.document.undo_stack.count()
    footer = view.indicator_model.footer_row
    header.moveSection(footer, 0)  # the 总分 row dragged to the top
    QApplication.processEvents()
    assert names(window) == before and window.document.undo_stack.count() == steps
    header.moveSection(1, 1)
    assert names(window) == before
    header.moveSection(0, footer)  # a row dropped on the 总分 row: goes last
    QApplication.processEvents()
    assert names(window)[-1] == before[0]
    assert [header.logicalIndex(v) for v in range(header.count())] == list(range(header.count()))
    window.document.undo_stack.undo()
    assert names(window) == before


def test_cut_then_undo_gives_the_cells_back(make_window, seed1_path, fail_on_uncaught):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, im.COL_NAME))
    name = names(window)[0]
    window.edit_actions.cut()
    assert names(window)[0] == "" and QApplication.clipboard().text() == name
    window.document.undo_stack.undo()
    assert dumps_form(window.document.form) == before


def _typing_open(window) -> None:
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    editor = open_editor(table, model.index(0, im.COL_NAME))
    editor.selectAll()
    type_text(editor, "正在输入")


def test_f7_with_a_cell_editor_open_keeps_the_typed_text(make_window, seed1_path, fail_on_uncaught):
    window = make_window()
    window.load_path(seed1_path)
    _typing_open(window)
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_F7)
    QApplication.processEvents()
    assert names(window)[0] == "正在输入"


def test_new_form_with_a_cell_editor_open_asks_and_keeps_the_typed_text(
    make_window, dialogs, seed1_path, fail_on_uncaught
):
    window = make_window()
    window.load_path(seed1_path)
    _typing_open(window)
    dialogs.choice_answers[NEW_FORM] = [SKELETON]
    dialogs.save_answers.append(CANCEL)
    window.new_action.trigger()
    QApplication.processEvents()
    assert dialogs.save_questions == 1
    assert names(window)[0] == "正在输入"


def test_new_from_existing_with_broken_fifo_or_huge_files_keeps_the_form(
    make_window, dialogs, seed1_path, tmp_path: Path, fail_on_uncaught
):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:
        out.truncate(300 * 1024 * 1024)
    folder = tmp_path / "dir.json"
    folder.mkdir()
    for path in (broken, empty, fifo, huge, folder):
        dialogs.choice_answers[NEW_FORM] = [EXISTING]
        dialogs.open_paths.append(str(path))
        window.new_action.trigger()
        QApplication.processEvents()
        assert dumps_form(window.document.form) == before, path
    assert len(dialogs.errors) == 5, dialogs.errors


def test_language_restart_with_a_cell_editor_open_keeps_the_typed_text(
    make_window, dialogs, seed1_path, fail_on_uncaught
):
    from perfeval_gui.ui.main_window import RESTART

    window = make_window()
    window.load_path(seed1_path)
    started: list[list[str]] = []
    window.start_program = lambda program, arguments: started.append(arguments) or True
    _typing_open(window)
    dialogs.choice_answers[RESTART] = [RESTART]
    dialogs.save_answers.append(CANCEL)
    window.choose_language("en" if window.settings.language() != "en" else "zh_CN")
    QApplication.processEvents()
    assert dialogs.save_questions == 1 and started == []
    assert window.isVisible() and names(window)[0] == "正在输入"


def _odd_folder(root: Path) -> Path:
    from perfeval_gui.fileio import save_form
    from perfeval_gui.model import blank_form

    root.mkdir()
    save_form(blank_form(2024), root / "good.json")
    (root / "empty.json").write_bytes(b"")
    os.mkfifo(root / "fifo.json")
    (root / "loop").symlink_to(root)
    (root / "sub").mkdir()
    (root / "sub" / "back").symlink_to(root)
    return root


def test_portfolio_on_a_folder_with_a_loop_a_fifo_and_an_empty_file(
    make_window, qtbot, tmp_path, fail_on_uncaught
):
    window = make_window()
    root = _odd_folder(tmp_path / "odd")
    assert window.open_folder(root)
    portfolio = window.portfolio
    qtbot.waitUntil(lambda: portfolio.job is None, timeout=10000)
    files = sorted(str(e.file) for e in portfolio.model.entries)  # type: ignore[attr-defined]
    assert any("good.json" in f for f in files)
    assert any("empty.json" in f for f in files)  # listed with its reason, not hidden


def test_closing_the_editor_mid_scan_of_2000_forms(make_window, qtbot, tmp_path, fail_on_uncaught):
    from perfeval_gui.fileio import dumps_form
    from perfeval_gui.model import blank_form

    root = tmp_path / "many"
    data = dumps_form(blank_form(2024))
    for i in range(2000):
        folder = root / str(i // 200)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{i:04d}.json").write_bytes(data)
    window = make_window()
    window.open_folder(root)
    portfolio = window.portfolio
    assert portfolio.job is not None
    qtbot.wait(50)
    window.close()
    QApplication.processEvents()
    assert portfolio.job is None and not portfolio.isVisible()
    qtbot.wait(300)


def test_dragging_a_row_while_typing_keeps_the_typed_text(
    make_window, seed1_path, fail_on_uncaught
):
    from test_row_drag import drag_row_number

    window = make_window()
    window.load_path(seed1_path)
    before = names(window)
    _typing_open(window)
    drag_row_number(window.form_view.indicator_table.verticalHeader(), 2, 0)
    assert "正在输入" in names(window)
    assert sorted(names(window)) == sorted(["正在输入", *before[1:]])


def test_check_button_while_typing_keeps_the_typed_text(
    make_window, dialogs, fail_on_uncaught
):
    window = make_window()
    dialogs.choice_answers[NEW_FORM] = [SKELETON]
    window.new_action.trigger()
    _typing_open(window)
    QTest.mouseClick(window.findings_panel.check_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert names(window)[0] == "正在输入"


def test_hostile_numbers_pasted_into_the_funding_grid_undo_cleanly(
    make_window, seed1_path, fail_on_uncaught
):
    from perfeval_gui.ui import funding_model as fm

    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    table, model = window.form_view.funding_table, window.form_view.funding_model
    table.setFocus()
    row = next(r for r in range(model.rowCount())
               if model.flags(model.index(r, fm.COL_ANNUAL)) & Qt.ItemFlag.ItemIsEditable)
    table.setCurrentIndex(model.index(row, fm.COL_ANNUAL))
    for text in ("1e999999", "NaN", "inf", "１２３", "٣", "-0", "9" * 400, "😀", "<b>5</b>"):
        table.paste(text)
        QApplication.processEvents()
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
    assert dumps_form(window.document.form) == before



def test_zoom_keys_while_typing_keep_the_typed_text(make_window, seed1_path, fail_on_uncaught):
    window = make_window()
    window.load_path(seed1_path)
    _typing_open(window)
    editor = window.focusWidget()
    for key, mod in ((Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier),
                     (Qt.Key.Key_Equal, Qt.KeyboardModifier.ShiftModifier),
                     (Qt.Key.Key_Minus, Qt.KeyboardModifier.NoModifier)):
        QTest.keyClick(window.focusWidget() or editor, key,
                       Qt.KeyboardModifier.ControlModifier | mod)
        QApplication.processEvents()
    window.form_view.commit_pending()
    assert names(window)[0] == "正在输入"




def test_a_window_deleted_while_it_has_the_keyboard_prints_no_traceback(
    qtbot, tmp_path: Path, seed1_path, fail_on_uncaught
):
    """The edit menu followed the keyboard into a window being destroyed: its slot asked
    the half-deleted window for its focus widget (RuntimeError printed on stderr)."""
    from perfeval_gui.ui.app import create_application
    from perfeval_gui.ui.main_window import MainWindow
    from perfeval_gui.ui.recovery import RecoveryStore

    create_application()
    window = MainWindow(recovery_store=RecoveryStore(tmp_path / "recovery"))
    window.load_path(seed1_path)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.form_view.indicator_table.setFocus()
    QApplication.processEvents()
    window.deleteLater()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is None, timeout=2000)
    QApplication.processEvents()


def test_new_from_existing_with_bad_workbooks_and_pdfs_keeps_the_form(
    make_window, dialogs, seed1_path, tmp_path: Path, fail_on_uncaught
):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    paths = []
    for name in ("fifo.xlsx", "fifo.pdf"):
        os.mkfifo(tmp_path / name)
        paths.append(tmp_path / name)
    for name, data in (("empty.pdf", b""), ("junk.pdf", b"%PDF-1.7\n" + b"\x00" * 5000),
                       ("empty.xlsx", b""), ("junk.xlsx", b"PK\x03\x04" + b"\xff" * 5000),
                       ("text.pdf", "不是PDF".encode())):
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    for path in paths:
        dialogs.choice_answers[NEW_FORM] = [EXISTING]
        dialogs.open_paths.append(str(path))
        window.new_action.trigger()
        QApplication.processEvents()
        assert dumps_form(window.document.form) == before, path
    assert len(dialogs.errors) == len(paths), dialogs.errors
    assert all("Traceback" not in text for _title, text in dialogs.errors)


def test_paste_on_an_empty_form_and_in_the_middle_of_the_skeleton(
    make_window, dialogs, fail_on_uncaught
):
    from perfeval_gui.ui.new_form_dialog import EMPTY

    window = make_window()
    dialogs.choice_answers[NEW_FORM] = [EMPTY]
    window.new_action.trigger()
    before = dumps_form(window.document.form)
    paste_at(window, 0, im.COL_LEVEL1, "产出指标\t数量指标\t甲\r\n\t\t乙\r\n")  # on the 总分 row
    assert [(i.level1, i.level2, i.name) for i in window.document.form.indicators] == [
        ("产出指标", "数量指标", "甲"), ("产出指标", "数量指标", "乙")]
    undo_all_and_redo(window, before)

    dialogs.choice_answers[NEW_FORM] = [SKELETON]
    window.document.undo_stack.setClean()
    window.new_action.trigger()
    before = dumps_form(window.document.form)
    dialogs.choice_answers[PASTE_TEMPLATE_ROWS] = [REMOVE_ROWS]
    paste_at(window, 3, im.COL_LEVEL1, "效益指标\t社会效益指标\t丙\t≥1\t1\t10\t10\t")
    assert [(i.level1, i.level2, i.name) for i in window.document.form.indicators] == [
        ("效益指标", "社会效益指标", "丙")]
    table = window.form_view.indicator_table
    assert table.currentIndex().row() == 0
    undo_all_and_redo(window, before)


def test_list_double_click_while_typing_asks_and_keeps_the_typed_text(
    make_window, dialogs, qtbot, tmp_path, seed1_path, fail_on_uncaught
):
    from test_portfolio_window import column, folder_of_forms, open_list

    window = make_window()
    form_copy = tmp_path / "mine.json"
    form_copy.write_bytes(seed1_path.read_bytes())
    window.load_path(form_copy)
    portfolio = open_list(window, qtbot, folder_of_forms(tmp_path / "forms"))
    window.activateWindow()
    _typing_open(window)
    dialogs.save_answers.append(CANCEL)
    row = column(portfolio, "project_name").index("丙项目")
    portfolio.open_entry(portfolio.proxy.entry_at(row))
    QApplication.processEvents()
    assert dialogs.save_questions == 1
    assert names(window)[0] == "正在输入" and window.document.path == form_copy.resolve()


def test_closing_the_editor_during_a_batch_pdf_export(make_window, qtbot, tmp_path,
                                                      fail_on_uncaught):
    from test_portfolio_window import make_form, open_list, write

    root = tmp_path / "forms"
    for i in range(60):
        write(root / f"f{i:03d}.json", make_form(f"项目{i}", budget="10", executed="5",
                                                 score="80"))
    window = make_window()
    portfolio = open_list(window, qtbot, root)
    out = tmp_path / "pdfs"
    out.mkdir()
    portfolio.view.selectAll()
    assert portfolio.export_pdfs(str(out))
    qtbot.wait(100)
    window.close()
    QApplication.processEvents()
    assert portfolio.job is None and not portfolio.isVisible()
    qtbot.wait(300)
    assert not [p for p in out.iterdir() if not p.name.endswith(".pdf")]  # no temp left


def test_huge_wide_and_control_character_pastes(make_window, seed1_path, fail_on_uncaught):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    notes: list[str] = []
    window.form_view.indicator_table.pasteClipped.connect(notes.append)
    paste_at(window, 0, im.COL_NAME, "长" * 1_000_000)
    paste_at(window, 1, im.COL_NAME, "\t".join(["宽"] * 10_000))
    paste_at(window, 2, im.COL_NAME, "控\x00制\x1b符\u202e反")
    paste_at(window, 3, im.COL_NAME, "\r".join(["旧", "Mac"]))
    model = window.form_view.indicator_model
    shown = [str(model.index(r, im.COL_NAME).data(Qt.ItemDataRole.DisplayRole)) for r in range(4)]
    # refused texts (too long, control characters) stay in their cells, shown refused
    assert len(shown[0]) == 1_000_000 and shown[2] == "控\x00制\x1b符\u202e反"
    assert shown[1] == "宽" and names(window)[3] == "旧"  # CR alone ends a row (old Mac)
    assert notes == ["粘贴内容超出表格：0 行、9994 个单元格未粘贴"]  # 6 paper columns from 三级
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
    assert dumps_form(window.document.form) == before


def test_f7_and_new_with_a_refused_number_being_typed_keep_it(
    make_window, dialogs, seed1_path, fail_on_uncaught
):
    window = make_window()
    window.load_path(seed1_path)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    editor = open_editor(table, model.index(0, im.COL_WEIGHT))
    editor.selectAll()
    type_text(editor, "二十")
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_F7)
    QApplication.processEvents()
    index = model.index(0, im.COL_WEIGHT)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "二十"  # kept, shown refused
    dialogs.choice_answers[NEW_FORM] = [SKELETON]
    dialogs.rejected_answers.append(False)  # 'refused entries would be lost': go back
    window.new_action.trigger()
    QApplication.processEvents()
    assert dialogs.rejected_questions and window.document.path is not None
    assert model.index(0, im.COL_WEIGHT).data(Qt.ItemDataRole.DisplayRole) == "二十"


def test_row_number_click_selects_the_row_and_cut_undoes(make_window, seed1_path,
                                                         fail_on_uncaught):
    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    table, model = window.form_view.indicator_table, window.form_view.indicator_model
    header = table.verticalHeader()
    point = header.viewport().rect().topLeft()
    point.setX(header.width() // 2)
    point.setY(header.sectionViewportPosition(1) + header.sectionSize(1) // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier,
                     pos=point.__class__(point.x(), header.sectionViewportPosition(
                         model.footer_row) + 3))
    QApplication.processEvents()
    rows = {i.row() for i in table.selectionModel().selectedIndexes()}
    assert 1 in rows
    window.edit_actions.cut()
    assert window.document.form.indicators[1].name == ""
    assert len(window.document.form.indicators) == len(load_rows(before))
    window.document.undo_stack.undo()
    assert dumps_form(window.document.form) == before


def load_rows(data: bytes) -> list[object]:
    import json

    return list(json.loads(data)["indicators"])


def test_a_paste_past_the_row_limit_is_reported_not_a_traceback(make_window, seed1_path,
                                                                fail_on_uncaught):
    from perfeval_gui.model import MAX_INDICATORS

    window = make_window()
    window.load_path(seed1_path)
    before = dumps_form(window.document.form)
    notes: list[str] = []
    window.form_view.indicator_table.pasteClipped.connect(notes.append)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    paste_at(window, 0, im.COL_NAME, "\n".join(f"名{n}" for n in range(MAX_INDICATORS + 50)))
    count = len(window.document.form.indicators)
    assert count == MAX_INDICATORS  # the rows that fit are pasted ...
    assert notes == ["粘贴内容超出表格：50 行、0 个单元格未粘贴"]  # ... the rest reported
    assert not [m for m in messages if "条目过多" in m]
    assert window.document.form.indicators[-1].name == f"名{MAX_INDICATORS - 1}"
    window.document.undo_stack.undo()
    assert dumps_form(window.document.form) == before


def test_one_name_pasted_into_a_new_form_asks_nothing(make_window, dialogs, fail_on_uncaught):
    """A single cell (a name copied from a document) is no block of whole indicators:
    it used to ask whether to delete the other 8 rows of the new form."""
    window = make_window()
    dialogs.choice_answers[NEW_FORM] = [SKELETON]
    window.new_action.trigger()
    rows = len(window.document.form.indicators)
    paste_at(window, 0, im.COL_NAME, "服务企业数\r\n")  # as Excel copies one cell
    assert [kind for kind, _text in dialogs.questions] == [NEW_FORM]
    assert names(window)[0] == "服务企业数" and len(names(window)) == rows


def test_new_form_dialog_by_keyboard(make_window, fail_on_uncaught):
    from PySide6.QtWidgets import QDialog

    from perfeval_gui.ui.new_form_dialog import EMPTY, NewFormDialog, new_form_choices

    window = make_window()
    dialog = NewFormDialog(window, "新建自评表", "新建哪一种自评表？", new_form_choices())
    dialog.show()
    QApplication.processEvents()
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Down)
    assert dialog.chosen() == EMPTY
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.show()
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    dialog.deleteLater()


def test_undo_after_new_from_existing_does_not_bring_back_the_old_form(
    make_window, dialogs, seed1_path, seed2_path, fail_on_uncaught
):
    from perfeval_gui.fieldpath import FieldPath
    from perfeval_gui.ui.file_actions import DISCARD

    window = make_window()
    window.load_path(seed1_path)
    window.document.set_value(FieldPath.of("project_name"), "旧表的修改")
    dialogs.save_answers.append(DISCARD)
    dialogs.choice_answers[NEW_FORM] = [EXISTING]
    dialogs.open_paths.append(str(seed2_path))
    window.new_action.trigger()
    QApplication.processEvents()
    copy = dumps_form(window.document.form)
    assert window.document.path is None and window.document.is_modified()
    assert not window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert dumps_form(window.document.form) == copy


def test_zoom_stops_at_its_bounds_and_comes_back(make_window, seed1_path, fail_on_uncaught):
    window = make_window()
    window.load_path(seed1_path)
    view = window.form_view
    start = view.zoom
    for _ in range(60):
        window.zoom_in_action.trigger()
    high = view.zoom
    window.zoom_in_action.trigger()
    assert view.zoom == high > start
    for _ in range(120):
        window.zoom_out_action.trigger()
    low = view.zoom
    assert 0 < low < start
    window.zoom_reset_action.trigger()
    assert view.zoom == start
