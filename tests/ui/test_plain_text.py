"""User text is shown as typed, never rendered as markup (tooltips, the restore question).

Regression tests for: a finding quoting an indicator named ``<b>x</b>`` showed a bold
"x" in the cell's and the findings list's tooltips (Qt guesses rich text with
Qt::mightBeRichText); a recovered file's name with markup was rendered in the box.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.ui import indicator_model as im
from perfeval_gui.ui.cells import plain_tooltip
from perfeval_gui.ui.findings_panel import CODE_ROLE
from perfeval_gui.ui.recovery import RecoveryItem
from perfeval_gui.ui.restore_dialog import restore_message_box

pytestmark = pytest.mark.usefixtures("fail_on_uncaught")

MARKUP = "<b>x</b> &amp; <i>y</i>"


def displayed(text: str) -> str:
    """What a tooltip or an AutoText label shows for ``text``: Qt's own guess decides."""
    if QtGui.Qt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _shown_tooltip(widget, pos: QPoint) -> str:
    """Hover ``pos`` of ``widget`` as the mouse would; the text the tooltip shows."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    return displayed(QToolTip.text())


@pytest.mark.parametrize(
    "text",
    [MARKUP, "第 1 行指标“<b>x</b>”的得分 25", "<p>段落</p>\n第二行 <br>", "a < b > c", ""],
)
def test_plain_tooltip_shows_every_character(qapp, text: str) -> None:
    assert displayed(plain_tooltip(text) or "") == text


def test_a_plain_text_stays_as_it_is(qapp) -> None:
    assert plain_tooltip("得分 18 超过分值 10") == "得分 18 超过分值 10"
    assert plain_tooltip("a &amp; b") == "a &amp; b"  # Qt shows this literally already
    assert plain_tooltip(None) is None


@pytest.fixture
def seed1_copy(seed1_path: Path, tmp_path: Path) -> Path:
    """A private copy: another editor (a parallel test run) may hold the shared file's lock."""
    copy = tmp_path / seed1_path.name
    copy.write_bytes(seed1_path.read_bytes())
    return copy


def test_a_cell_tooltip_quoting_markup_shows_the_literal_characters(
    make_window, seed1_copy: Path, qtbot
) -> None:
    window = make_window()
    window.load_path(seed1_copy)
    document = window.document
    document.set_value(FieldPath.parse("indicators[0].name"), "<b>x</b>")
    document.set_value(FieldPath.parse("indicators[0].score"), Decimal(25))  # over its weight
    score = FieldPath.parse("indicators[0].score")
    qtbot.waitUntil(lambda: score in document.error_paths, timeout=2000)
    table = window.form_view.indicator_table
    index = window.form_view.indicator_model.index(0, im.COL_SCORE)

    message = "第 1 行指标“<b>x</b>”的得分 25 超过分值 20"
    assert message in displayed(index.data(Qt.ItemDataRole.ToolTipRole))
    assert message in _shown_tooltip(table.viewport(), table.visualRect(index).center())

    panel = window.findings_panel
    model = panel.model
    row = [model.index(i).data(CODE_ROLE) for i in range(model.rowCount())].index(
        "score-exceeds-weight"
    )
    item = model.index(row)
    assert message in displayed(item.data(Qt.ItemDataRole.ToolTipRole))
    assert item.data(Qt.ItemDataRole.DisplayRole) == message  # the list paints plain text
    panel.set_collapsed(False)
    panel.list.scrollTo(item)
    rect = panel.list.visualRect(item)
    assert message in _shown_tooltip(panel.list.viewport(), rect.center())


def test_a_refused_entry_tooltip_quoting_markup_is_literal(make_window, seed1_copy: Path) -> None:
    window = make_window()
    window.load_path(seed1_copy)
    view = window.form_view
    assert view.mark_refused(FieldPath.parse("project_name"), "名", f"恢复的“{MARKUP}”")
    assert displayed(view.project_name.toolTip()) == f"恢复的“{MARKUP}”"
    index = view.indicator_model.index(2, im.COL_WEIGHT)
    assert view.mark_refused(FieldPath.parse("indicators[2].weight"), MARKUP, f"“{MARKUP}”不是数字")
    assert displayed(index.data(Qt.ItemDataRole.ToolTipRole)) == f"“{MARKUP}”不是数字"
    assert index.data(Qt.ItemDataRole.DisplayRole) == MARKUP


def test_the_restore_question_shows_file_names_literally(qapp) -> None:
    item = RecoveryItem(
        path=Path("/tmp/recovery-1-20260101T000000-0123abcd.json"),
        data=b"{}",
        original=Path("/d/<b>粗体 &amp; R&D.json"),
        saved_at=datetime(2026, 1, 1, tzinfo=UTC),
        pid=1,
    )
    box, _choices = restore_message_box(None, [item])
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "<b>粗体 &amp; R&D.json" in box.informativeText()
