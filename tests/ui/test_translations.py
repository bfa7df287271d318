"""Issue 4: a Chinese interface by default, English from the shipped catalogue.

Four kinds of checks: the window really switches language (setting and ``--lang``), the
shipped .ts is complete and the .qm says the same, the .ts is what lupdate extracts from
the code today, and no Chinese literal in perfeval_gui/ui escapes tr()/translate().
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Final, get_args

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import run_main
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QComboBox, QStyleOptionViewItem

import perfeval_gui.ui as ui_package
from perfeval_gui.assets import resource_path
from perfeval_gui.fileio import dumps_form
from perfeval_gui.model import Funding
from perfeval_gui.spec import GRADE_LABELS
from perfeval_gui.ui import funding_model as fm
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.app import _parse, create_application, install_translations
from perfeval_gui.ui.labels import grade_labels, header_line, unit_label, unit_labels
from perfeval_gui.ui.settings import Settings

TS = resource_path("translations", "perfeval_gui_en.ts")
QM = resource_path("translations", "perfeval_gui_en.qm")
UI_DIR = Path(ui_package.__file__).parent
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chinese_afterwards(qapp: QApplication) -> Iterator[QApplication]:
    """Whatever a test installs, the next test starts with the default (Chinese) interface."""
    yield qapp
    install_translations(qapp, "zh")


def _menu_titles(window: object) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]  # type: ignore[attr-defined]


# --- the window in each language -----------------------------------------------------


def test_default_interface_is_chinese(make_window):
    window = make_window(show=False)
    assert Settings().language() == "zh"
    assert _menu_titles(window) == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert window.findings_panel.windowTitle() == "检查结果"
    assert window.new_action.text() == "新建(&N)"
    assert window.language_actions["zh"].isChecked()
    assert not window.language_actions["en"].isChecked()


def test_english_from_the_stored_setting(make_window, chinese_afterwards, seed1_path):
    settings = Settings()
    settings.set_language("en")
    settings.sync()
    create_application()  # what start-up does: reads the stored language
    window = make_window(show=False)
    assert _menu_titles(window) == ["&File", "&Edit", "&View", "&Help"]
    assert window.findings_panel.windowTitle() == "Findings"
    assert window.new_action.text() == "&New"
    assert window.save_action.text() == "&Save"
    assert window.export_pdf_action.text() == "&Export PDF…"
    assert window.language_menu.title() == "&Language: English"  # the language in use
    assert window.language_actions["en"].isChecked()
    # the chrome is English, the form's content stays as typed (Chinese seed data)
    assert window.load_path(seed1_path)
    assert window.document.form.project_name == "重点企业服务"
    assert window.form_view.title_label.text() == (
        "Project Expenditure Performance Self-Evaluation Form"
    )


def test_language_menu_stores_the_choice_for_the_next_start(make_window, dialogs):
    window = make_window(show=False)
    assert window.language_menu.title() == "语言(&L)：中文"
    dialogs.choice_answers["restart"] = ["later", "later"]
    window.language_actions["en"].trigger()
    assert Settings().language() == "en"
    assert window.language_actions["en"].isChecked()
    assert window.language_actions["en"].text() == "English（重启后生效）"
    assert window.language_menu.title() == "语言(&L)：中文"  # still the one in use
    assert len(dialogs.questions) == 1
    kind, text = dialogs.questions[0]
    assert kind == "restart"
    # said in the current language and in the one just chosen
    assert "重新启动" in text and "when perfeval-gui is restarted" in text
    # the running window is not rebuilt: still Chinese until restarted
    assert _menu_titles(window)[0] == "文件(&F)"
    window.language_actions["en"].trigger()  # same choice again: asked again, 稍后 again
    assert len(dialogs.questions) == 2
    window.language_actions["zh"].trigger()  # back to the language in use: nothing to ask
    assert Settings().language() == "zh"
    assert len(dialogs.questions) == 2
    assert window.language_actions["en"].text() == "English"


def test_unknown_stored_language_falls_back_to_chinese(make_window):
    settings = Settings()
    settings.qsettings.setValue("view/language", "xx")
    settings.sync()
    assert Settings().language() == "zh"
    with pytest.raises(ValueError, match="xx"):
        settings.set_language("xx")
    assert _menu_titles(make_window(show=False))[0] == "文件(&F)"


def test_install_translations_replaces_the_previous_language(chinese_afterwards):
    app = chinese_afterwards
    english = install_translations(app, "en")
    assert len(english) == 2  # qtbase_en and ours
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
    chinese = install_translations(app, "zh")
    # Qt's qtbase_zh_CN and its gaps (qtbase_gaps_zh_CN): Chinese is our source language
    assert len(chinese) == 2
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"
    # Qt's own strings follow the language too (standard buttons)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_lang_option():
    assert _parse(["--lang", "en"]).lang == "en"
    assert _parse([]).lang is None
    with pytest.raises(SystemExit):
        _parse(["--lang", "fr"])


def test_lang_en_on_the_command_line(tmp_path, seed1_path):
    """The real start-up path: ``perfeval-gui --lang en FILE`` in a child process."""
    result = run_main(tmp_path, "--lang", "en", str(seed1_path))
    assert result.returncode == 0, result.stderr
    assert "MENUS ['&File', '&Edit', '&View', '&Help']" in result.stdout
    assert "DOCK Findings" in result.stdout
    assert "NAME '重点企业服务'" in result.stdout
    # --lang is for this run only: nothing stored
    assert "language" not in "".join(p.read_text() for p in tmp_path.rglob("*.ini"))


# --- the grids, grades and units in English ---------------------------------------------


def test_label_mappings_follow_the_model(chinese_afterwards):
    """The literal label tables of ui/labels.py cannot drift from the model's codes."""
    assert list(grade_labels()) == list(GRADE_LABELS)  # same keys, same order (the chooser)
    assert grade_labels() == GRADE_LABELS  # Chinese interface: the model's own wording
    assert list(unit_labels()) == list(get_args(Funding.model_fields["unit"].annotation))
    assert unit_labels() == {"元": "元", "万元": "万元"}
    install_translations(chinese_afterwards, "en")
    assert grade_labels() == {
        "achieved": "Annual target achieved",
        "partial": "Partly achieved, with some effect",
        "not_achieved": "Not achieved, poor effect",
    }
    assert (unit_label("元"), unit_label("万元"), unit_label("美元")) == (
        "yuan",
        "10k yuan",
        "美元",
    )
    # joiners of translated text follow the language too
    assert QCoreApplication.translate("FormTable", "；") == "; "
    assert QCoreApplication.translate("FormView", "：") == ": "


def test_header_line_joins_chinese_without_and_english_with_a_space():
    assert header_line("偏差原因分析\n及改进措施") == "偏差原因分析及改进措施"
    assert header_line("Deviation analysis\nand improvements") == (
        "Deviation analysis and improvements"
    )
    assert header_line("Level-1\nindicator") == "Level-1 indicator"
    assert header_line("得分") == "得分"
    assert header_line("") == ""


def _headers(model: object) -> list[str]:
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)  # type: ignore[attr-defined]
        for c in range(model.columnCount())  # type: ignore[attr-defined]
    ]


def test_english_grids_grades_and_units(make_window, dialogs, chinese_afterwards, seed1_path):
    """--lang en: every grid header, row label, grade and unit label is English; the data
    (seed texts) and the codes written to the file stay as they are."""
    install_translations(chinese_afterwards, "en")
    window = make_window()
    assert window.load_path(seed1_path)
    view, doc = window.form_view, window.document
    funding, indicators = view.funding_model, view.indicator_model
    assert _headers(funding) == [
        "", "Initial\nbudget", "Annual\nbudget", "Executed", "Weight", "Execution\nrate", "Score"
    ]  # fmt: skip
    assert [funding.index(r, fm.COL_LABEL).data() for r in range(4)] == [
        "Total annual funds",
        "of which: current-year appropriation",
        "Prior-year carry-over",
        "Other funds",
    ]
    assert [header_line(h) for h in _headers(indicators)] == [
        "Level-1 indicator",
        "Level-2 indicator",
        "Level-3 indicator",
        "Annual target",
        "Actual value",
        "Weight",
        "Score",
        "Suggested score",
        "Grade",
        "Deviation analysis and improvements",
    ]
    footer = indicators.footer_row
    assert indicators.index(footer, im.COL_LEVEL1).data() == "Total score"
    assert indicators.index(footer, im.COL_SCORE).data() == "85.58"
    assert indicators.index(0, im.COL_NAME).data() == "服务重点经营企业数"  # data stays Chinese
    tip = funding.index(0, fm.COL_RATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Execution rate = Executed ÷ Annual budget" in tip  # the headers, on one line
    tip = indicators.index(footer, im.COL_SCORE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Total score = funding score + indicator scores" in tip

    # the grade chooser: English labels, model codes as data; the file keeps the code
    view.add_row_action.trigger()
    row = indicators.indicator_count - 1
    assert indicators.setData(indicators.index(row, im.COL_TARGET), "及时")
    assert indicators.setData(indicators.index(row, im.COL_WEIGHT), "10")
    grade = indicators.index(row, im.COL_GRADE)
    table = view.indicator_table
    editor = table.itemDelegate().createEditor(table.viewport(), QStyleOptionViewItem(), grade)
    assert isinstance(editor, QComboBox)
    items = [(editor.itemText(i), editor.itemData(i)) for i in range(editor.count())]
    assert items[1:] == [
        ("Annual target achieved", "achieved"),
        ("Partly achieved, with some effect", "partial"),
        ("Not achieved, poor effect", "not_achieved"),
    ]
    assert not re.search(r"[\u3400-\u9fff]", items[0][0])  # （未评定） too
    editor.deleteLater()
    assert indicators.setData(grade, "partial")
    assert grade.data() == "Partly achieved, with some effect"
    assert doc.form.indicators[row].grade == "partial"
    assert "Score range for this grade: " in grade.data(Qt.ItemDataRole.ToolTipRole)
    assert indicators.setData(indicators.index(0, im.COL_DEVIATION), "原因")
    assert doc.undo_stack.undoText() == "Edit row 1 · Deviation analysis and improvements"

    # refused entries are named in English, joined with ': '
    assert not funding.setData(funding.index(1, fm.COL_INITIAL), "abc")
    assert not indicators.setData(indicators.index(4, im.COL_SCORE), "eleven")
    assert view.pending_rejections() == [
        "of which: current-year appropriation · Initial budget: abc",
        "Row 5 · Score: eleven",
    ]
    funding.clear_rejected()
    indicators.clear_rejected()

    # units: the label is translated, the stored value is not
    assert view.funding_label.text() == "Project funding\n(yuan)"
    combo = view.unit_combo
    assert [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == [
        ("yuan", "元"),
        ("10k yuan", "万元"),
    ]
    combo.setCurrentIndex(1)
    assert dialogs.unit_questions == [
        ("元", "万元", "Initial budget 650,000.00 yuan → 65.00 10k yuan")
    ]
    assert doc.form.funding.unit == "万元"
    assert '"unit": "万元"' in dumps_form(doc.form).decode("utf-8")
    assert view.funding_label.text() == "Project funding\n(10k yuan)"
    assert doc.undo_stack.undoText() == "Convert amounts to 10k yuan"
    assert window.statusBar().currentMessage() == "Amounts converted to 10k yuan (undoable)"


# --- the shipped catalogue -------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%\d|\{\d\}")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (ctx.findtext("name") or "", msg.findtext("source") or "", msg.find("translation"))
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    ]


def test_ts_is_complete():
    messages = _messages(TS)
    assert len(messages) >= 150
    for context, source, translation in messages:
        assert translation is not None, (context, source)
        assert translation.get("type") is None, (context, source, translation.get("type"))
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert not re.search(r"[\u3400-\u9fff]", text), (context, source, text)
        # %1, {0} and &-mnemonics survive translation
        assert sorted(_PLACEHOLDER.findall(source)) == sorted(_PLACEHOLDER.findall(text)), (
            context,
            source,
            text,
        )
        assert ("(&" in source) == ("&" in text.replace("&&", "")), (context, source, text)


def test_qm_matches_ts():
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, source, translation in _messages(TS):
        expected = translation.text or ""
        got = translator.translate(context, source)
        # lrelease -removeidentical leaves out translations equal to the source text
        assert got == expected or (got == "" and expected == source), (context, source, got)


def _lupdate() -> Path | None:
    name = "pyside6-lupdate.exe" if sys.platform == "win32" else "pyside6-lupdate"
    found = Path(sys.executable).with_name(name)
    return found if found.is_file() else (Path(p) if (p := shutil.which(name)) else None)


def test_ts_is_what_lupdate_extracts_today(tmp_path):
    """A string added to the code without re-running update.sh has no English yet."""
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    sources = [*sorted(str(p) for p in UI_DIR.glob("*.py")), str(UI_DIR.parent / "spec.py")]
    subprocess.run(
        [str(lupdate), "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = {(c, s) for c, s, _ in _messages(fresh)}
    shipped = {(c, s) for c, s, _ in _messages(TS)}
    assert extracted - shipped == set(), "run resources/translations/update.sh and translate"
    assert shipped - extracted == set(), "run resources/translations/update.sh (stale messages)"


def test_update_script_and_package_data_are_there():
    script = ROOT / "resources" / "translations" / "update.sh"
    assert script.is_file() and os.access(script, os.X_OK)
    text = script.read_text()
    assert "pyside6-lupdate" in text and "pyside6-lrelease" in text
    assert '"translations/*"' in (ROOT / "pyproject.toml").read_text()


# --- no Chinese literal outside tr() -----------------------------------------------------

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")

_ALLOWED_LITERALS: dict[str, str] = {
    "元": "amount unit code stored in the form file (Form.unit), data not interface",
    "万元": "amount unit code stored in the form file (Form.unit), data not interface",
    "\u3000": "ideographic space laying out the recovery list (date　name), a layout character",
}
_ALLOWED_IN: dict[tuple[str, str], str] = {
    ("app.py", "_parse"): "argparse --help text, printed before Qt and any translator load",
    ("app.py", "_window_size"): "argparse error for --size, printed before Qt loads",
    ("recovery.py", "is_form_bytes"): "pseudo file name for an error message never shown",
}
_ALLOWED_EXACT: dict[tuple[str, str], str] = {
    ("main_window.py", "中文"): "language menu: each language named in itself (endonym)",
    **{
        ("main_window.py", text): (
            "_RESTART_TEXTS: the restart question said in the language just chosen, "
            "whatever is loaded"
        )
        for text in ("界面语言将在重新启动 perfeval-gui 后更改。", "立即重启", "稍后")
    },
}
_TR_ATTRS = {"tr", "translate"}
_NOOPS = {"QT_TR_NOOP", "QT_TRANSLATE_NOOP"}


def _is_extractable_call(node: ast.Call) -> bool:
    """The call forms lupdate reads: self.tr("…"), QCoreApplication.translate("ctx", "…")."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in _NOOPS
    if not isinstance(func, ast.Attribute) or func.attr not in _TR_ATTRS:
        return False
    owner = func.value
    if func.attr == "tr":
        return isinstance(owner, ast.Name) and owner.id == "self"
    return isinstance(owner, ast.Name) and owner.id == "QCoreApplication"


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_extractable_call(node):
            exempt.update(id(n) for arg in node.args for n in ast.walk(arg))
        body = getattr(node, "body", None)
        if isinstance(body, list):  # docstrings, including attribute docstrings
            for stmt in body:
                if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                    exempt.add(id(stmt.value))
        if isinstance(node, ast.FunctionDef) and (path.name, node.name) in _ALLOWED_IN:
            exempt.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _CJK.search(node.value)
            and id(node) not in exempt
            and node.value not in _ALLOWED_LITERALS
            and (path.name, node.value) not in _ALLOWED_EXACT
        ):
            found.append((node.lineno, f"{path.name}:{node.lineno}: {node.value!r}"))
    return [text for _, text in sorted(found)]


_SPEC_TEXT: Final = ("labels.py", "spec_text")
"""The one translate() of a variable: the spec's labels, marked with QT_TRANSLATE_NOOP
where spec.py writes them (extracted by lupdate from there)."""


def _non_literal_tr(path: Path) -> list[str]:
    """tr()/translate() calls lupdate cannot read: the text is a variable, not a literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (path.name, node.name) == _SPEC_TEXT:
            exempt.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _TR_ATTRS and node.args:
                texts = node.args[: 2 if node.func.attr == "translate" else 1]
                if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in texts):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:60]}")
    return found


_UI_FILES = sorted(p.name for p in UI_DIR.glob("*.py"))


@pytest.mark.parametrize("name", _UI_FILES)
def test_no_chinese_literal_outside_tr(name):
    assert _violations(UI_DIR / name) == []


@pytest.mark.parametrize("name", _UI_FILES)
def test_tr_calls_are_extractable(name):
    assert _non_literal_tr(UI_DIR / name) == []


def test_scan_catches_what_it_should(tmp_path):
    """The scanner itself: a bare literal, a helper call and an f-string are all caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent(
            '''
            """模块说明：允许。"""
            class W:
                def f(self, x):
                    """方法说明：允许。"""
                    a = self.tr("允许")
                    b = QCoreApplication.translate("W", "允许")
                    c = "不允许"
                    d = _t("不允许")
                    e = f"也不允许{x}"
                    g = window.tr("不允许")
                    h = self.tr(x)
                    return a, b, c, d, e, g, h
            '''
        ),
        encoding="utf-8",
    )
    assert [v.split(": ", 1)[1] for v in _violations(sample)] == [
        "'不允许'",
        "'不允许'",
        "'也不允许'",
        "'不允许'",
    ]
    assert [v.split(":")[1] for v in _non_literal_tr(sample)] == ["12"]
