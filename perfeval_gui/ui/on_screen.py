"""What is on screen but not (yet) in the document, for autosave and restore.

Text typed in an open cell editor, a header field or a goals box reaches the document
only when it is committed (Enter, Tab, leaving the field); a refused entry (red) never
does. Autosave must keep all of it without disturbing the editor (its cursor, selection
and focus) or the undo stack, so nothing here commits: ``recovery_snapshot`` reads the
texts and builds a separate Form with them applied. A text that the form file cannot hold
(``12..5`` in a number cell, a control character) goes into the recovery sidecar as a
``PendingEntry``; ``show_pending`` puts such entries back on screen as refused entries.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.model import YEAR_MAX, YEAR_MIN, Form
from perfeval_gui.numbers import parse_number_input
from perfeval_gui.spec import GRADE_LABELS
from perfeval_gui.ui.cells import CellKind, Role, one_line
from perfeval_gui.ui.delegates import CellDelegate
from perfeval_gui.ui.document import get_at, replace_at
from perfeval_gui.ui.recovery import PendingEntry

if TYPE_CHECKING:
    from perfeval_gui.ui.form_view import FormView

logger = logging.getLogger(__name__)

YEAR_KIND = "year"
"""Kind of the 年度 box's typed text (the other kinds are the cells' CellKind)."""


@dataclass(frozen=True, slots=True)
class ScreenText:
    """Text on screen that the document does not hold (typed, not committed, or refused)."""

    paths: tuple[FieldPath, ...]  # the fields it goes to (a merged 一级 cell: all its rows)
    text: str  # as shown
    kind: str  # CellKind, or YEAR_KIND
    value: Any  # what committing would hand the model (a grade's key, else the text)


def _same_text(shown: object, held: object) -> bool:
    """Equal as a text box shows them (a QPlainTextEdit turns CR LF, CR, U+2028/9 into LF):
    a form opened with CR LF in 实际完成情况 has nothing pending until something is typed."""

    def flat(value: object) -> str:
        text = "" if value is None else str(value)
        for line_break in ("\r\n", "\r", "\u2028", "\u2029"):
            text = text.replace(line_break, "\n")
        return text

    return flat(shown) == flat(held)


def screen_texts(view: FormView) -> list[ScreenText]:
    """Every text on the page that differs from the document's form, in reading order."""
    form = view.document.form
    texts: list[ScreenText] = []
    typed_year = view.year_spin.cleanText().strip()
    if typed_year and typed_year != str(form.year):
        texts.append(ScreenText((FieldPath.of("year"),), typed_year, YEAR_KIND, typed_year))
    for path, widget in view.field_widgets.items():
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if not _same_text(text, get_at(form, path)):
            texts.append(ScreenText((path,), text, CellKind.TEXT, text))
    for table, model in view.grids:
        editing: set[tuple[int, int]] = set()
        for editor, index in table.cell_delegate.open_editors():
            editing.add((index.row(), index.column()))
            value = CellDelegate.editor_value(editor)
            held = index.data(Qt.ItemDataRole.EditRole)  # a refused entry's own text, if any
            if model.rejected(index) is None and _same_text(value, held):
                continue
            text = "" if value is None else str(value)
            texts.append(ScreenText(model.edit_paths(index), text, _kind(index), value))
        for index, text in model.rejected_cells():
            if (index.row(), index.column()) not in editing:  # the editor's text is newer
                texts.append(ScreenText(model.edit_paths(index), text, _kind(index), text))
    return texts


def _kind(index: QModelIndex) -> str:
    kind = index.data(Role.KIND)
    return str(kind) if kind else CellKind.TEXT


def _value(text: ScreenText) -> Any:
    """The value committing ``text`` would set (raises ValueError, Chinese, when refused)."""
    if text.kind == CellKind.NUMBER:
        return parse_number_input(text.text)
    if text.kind == CellKind.GRADE:
        return text.value if text.value in GRADE_LABELS else None
    if text.kind == YEAR_KIND:
        if not text.text.isdigit() or not YEAR_MIN <= int(text.text) <= YEAR_MAX:
            raise ValueError(
                QCoreApplication.translate("OnScreen", "年度应为 %1–%2 之间的四位数")
                .replace("%1", str(YEAR_MIN))
                .replace("%2", str(YEAR_MAX))
            )
        return int(text.text)
    return text.text


def apply_texts(form: Form, texts: Sequence[ScreenText]) -> tuple[Form, list[PendingEntry]]:
    """``form`` with each text applied as its commit would; the refused ones as entries."""
    refused: list[PendingEntry] = []
    for text in texts:
        try:
            value = _value(text)
            new = form
            for path in text.paths:
                new = replace_at(new, path, value)
        except (ValueError, TypeError, IndexError, AttributeError) as exc:
            # Kept, not dropped: the sidecar carries it and a restore shows it in red.
            reason = str(exc) if isinstance(exc, ValueError) else type(exc).__name__
            refused.append(PendingEntry(str(text.paths[0]), text.text, one_line(reason)))
            continue
        form = new
    return form, refused


def recovery_form(view: FormView) -> tuple[Form, tuple[PendingEntry, ...]] | None:
    """What autosave keeps: the form with every on-screen text applied, and the texts it
    cannot hold; None when the document is saved and nothing is typed on top of it."""
    texts = screen_texts(view)
    if not texts and not view.document.is_modified():
        return None
    form, refused = apply_texts(view.document.form, texts)
    return form, tuple(refused)


def pending_entries(view: FormView) -> tuple[PendingEntry, ...]:
    """The on-screen texts the recovery form cannot hold (for the recovery sidecar)."""
    unsaved = recovery_form(view)
    return () if unsaved is None else unsaved[1]


def show_pending(view: FormView, entries: Sequence[PendingEntry]) -> int:
    """Put restored pending entries back on screen as refused entries; how many were shown.

    One that has no place any more (an unfinished year, a row since removed) is told in
    the status bar (``view.notice``) with its text and reason, never dropped silently.
    """
    shown = 0
    for entry in entries:
        path = FieldPath.parse(entry.path)  # lenient: a damaged path matches no cell
        if path and view.mark_refused(path, entry.text, entry.reason):
            shown += 1
            continue
        view.notice.emit(
            QCoreApplication.translate("OnScreen", "恢复时未能放回表格的输入：“%1”（%2）")
            .replace("%1", one_line(entry.text)[:80])
            .replace("%2", one_line(entry.reason)[:80])
        )
    return shown
