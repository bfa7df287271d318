"""帮助 → 填表说明: the guide is docs/user-guide.md, every finding code has its section, F1 and a
finding's 说明 open it there, links and the find box work (issue 10, item 5)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from perfeval_gui import rules
from perfeval_gui.assets import example_path, guide_path
from perfeval_gui.ui.findings_panel import CODE_ROLE
from perfeval_gui.ui.help_window import HelpWindow, parse_guide, slug
from tests.ui.helpers import type_text

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "user-guide.md"
ALL_CODES = sorted({*rules.CODES, rules.UNREAD_CODE})


@pytest.fixture
def help_window(qtbot) -> HelpWindow:
    from perfeval_gui.ui.app import create_application

    create_application()
    window = HelpWindow()
    qtbot.addWidget(window)
    window.resize(760, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def heading_in_view(window: HelpWindow, anchor: str) -> bool:
    """The heading named ``anchor`` is the first thing the reader sees (top of the page)."""
    block = window.heading_block(anchor)
    assert block is not None, anchor
    layout = window.browser.document().documentLayout()
    top = layout.blockBoundingRect(block).top() - window.browser.verticalScrollBar().value()
    return 0 <= top < window.browser.viewport().height() / 3


# --- the guide's text ----------------------------------------------------------------------
def test_shipped_guide_is_docs_user_guide() -> None:
    """One file: the package resource the window shows is docs/user-guide.md itself."""
    assert guide_path().read_bytes() == GUIDE.read_bytes()


SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_finding_code_has_a_section(code: str) -> None:
    """Anchor, heading with the code and its severity as the panel shows it, 含义 and 改法."""
    text = GUIDE.read_text(encoding="utf-8")
    section = re.search(
        rf'^<a id="{re.escape(code)}"></a>\n### {re.escape(code)}\u3000.+?（(.+?)）\n\n(.+?)'
        r"(?=\n<a id=|\Z)",
        text, re.M | re.S,
    )
    assert section is not None, f"no section for {code}"
    severity = rules.CODES.get(code, "warning")  # unread-cell is a warning (workbook.Note)
    assert section.group(1) == SEVERITY_WORDS[severity]
    assert "**含义**" in section.group(2) and "**改法**" in section.group(2)


def test_every_link_in_the_guide_has_its_target() -> None:
    guide = parse_guide(GUIDE.read_text(encoding="utf-8"))
    anchors = {a for names in guide.heading_anchors for a in names}
    links = re.findall(r"\]\(#([^)]+)\)", guide.markdown)
    assert links and set(links) <= anchors, sorted(set(links) - anchors)


def test_parse_guide_moves_anchors_to_headings_outside_code() -> None:
    guide = parse_guide(
        '# 标题\n<a id="x"></a>\n## Second part\n```\n<a id="no"></a>\n# not a heading\n```\n'
    )
    assert guide.heading_anchors == (("标题",), ("x", "second-part"))
    assert '<a id="x">' not in guide.markdown and '<a id="no"></a>' in guide.markdown
    assert slug("`grade-band`　得分不在范围内（警告）") == "grade-band得分不在范围内警告"


def test_each_code_scrolls_the_window_to_its_heading(help_window: HelpWindow) -> None:
    bar = help_window.browser.verticalScrollBar()
    for code in ALL_CODES:
        block = help_window.heading_block(code)
        assert block is not None and block.text().startswith(code), code
        bar.setValue(0)
        assert help_window.show_anchor(code)
        # at the top of the page, or as high as the page's end lets it go
        assert heading_in_view(help_window, code) or bar.value() == bar.maximum(), code


def test_unreadable_guide_says_so(qtbot, tmp_path: Path) -> None:
    window = HelpWindow(path=tmp_path / "missing.md")
    qtbot.addWidget(window)
    assert "无法读取填表说明" in window.browser.toPlainText()
    assert not window.show_anchor("grade-band")


# --- opening it from the main window -------------------------------------------------------
def test_f1_opens_the_guide_beside_the_form(make_window, qtbot) -> None:
    window = make_window()
    window.form_view.project_name.setFocus()
    QTest.keyClick(window.form_view.project_name, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible())
    helper = window.help_window
    assert helper is not None and not helper.isModal()
    assert QApplication.activeModalWidget() is None
    assert "填表说明" in helper.browser.toPlainText()[:20]
    # not modal: the form still takes typing while the guide is open
    window.activateWindow()
    window.form_view.project_name.setFocus()
    type_text(window.form_view.project_name, "体育中心")
    assert window.form_view.project_name.text().endswith("体育中心")
    assert window.help_action in window.menuBar().actions()[-1].menu().actions()


def test_explain_on_a_finding_opens_its_section(make_window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "seed1.json"
    shutil.copyfile(example_path(), path)
    window = make_window()
    assert window.open_file(path)
    panel = window.findings_panel
    codes = [panel.model.index(r).data(CODE_ROLE) for r in range(panel.model.rowCount())]
    row = codes.index("score-off-rule")
    menu = panel.finding_menu(row)
    (explain,) = [a for a in menu.actions() if a.objectName() == "explainFinding"]
    assert explain.text().startswith("说明")
    explain.trigger()
    helper = window.help_window
    assert helper is not None and helper.isVisible()
    QApplication.processEvents()
    assert helper.browser.verticalScrollBar().value() > 0
    assert heading_in_view(helper, "score-off-rule")

    # F1 with a finding selected in the list opens that finding's section
    row = codes.index("sources-mismatch")
    window.activateWindow()  # the clerk clicks back into the form's window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.list.setFocus()
    panel.list.setCurrentIndex(panel.model.index(row))
    QTest.keyClick(panel.list, Qt.Key.Key_F1)
    QApplication.processEvents()
    assert heading_in_view(helper, "sources-mismatch")


# --- inside the guide ----------------------------------------------------------------------
def _link_point(window: HelpWindow, href: str) -> QPoint:
    """Where on screen the first link to ``href`` is drawn."""
    block = window.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(window.browser.document())
                cursor.setPosition(fragment.position() + 1)
                return window.browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_a_link_scrolls_to_its_section_and_back_returns(help_window: HelpWindow, qtbot) -> None:
    bar = help_window.browser.verticalScrollBar()
    assert bar.value() == 0
    QTest.mouseClick(help_window.browser.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, _link_point(help_window, "#autosave"))
    assert heading_in_view(help_window, "autosave") and bar.value() > 0
    assert help_window.back_button.isEnabled()
    help_window.back_button.click()
    assert bar.value() == 0 and not help_window.back_button.isEnabled()
    bar.setValue(bar.maximum())
    help_window.top_button.click()  # 目录: back to the contents
    assert heading_in_view(help_window, "contents")


def test_find_box_finds_next_and_says_when_nothing_is_there(help_window: HelpWindow) -> None:
    QTest.keySequence(help_window, "Ctrl+F")
    assert help_window.find_edit.hasFocus()
    type_text(help_window.find_edit, "四舍五入")
    first = help_window.browser.textCursor()
    assert first.selectedText() == "四舍五入"
    QTest.keyClick(help_window.find_edit, Qt.Key.Key_Return)
    second = help_window.browser.textCursor()
    assert second.selectedText() == "四舍五入" and second.position() > first.position()
    assert len(help_window.browser.extraSelections()) >= 2  # every match highlighted
    help_window.find_edit.clear()
    type_text(help_window.find_edit, "没有这个词xyz")
    assert help_window.find_status.text() == "未找到"
