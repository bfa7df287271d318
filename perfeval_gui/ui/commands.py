"""Undo commands: every edit swaps one immutable Form for another.

Keeping the whole before/after Form (which share all untouched parts) makes undo
restore the previous state exactly, whatever the edit was: a cell, a row
operation or the auto-sum switch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from perfeval_gui.model import Form

if TYPE_CHECKING:
    from perfeval_gui.ui.document import Change, FormDocument


class FormEditCommand(QUndoCommand):
    """Replace the document's Form by ``after``; undo puts ``before`` back."""

    def __init__(
        self, document: FormDocument, before: Form, after: Form, change: Change, text: str
    ) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._change = change

    @property
    def change(self) -> Change:
        return self._change

    def redo(self) -> None:
        self._document.apply(self._after, self._change)

    def undo(self) -> None:
        self._document.apply(self._before, self._change)


class SetValueCommand(FormEditCommand):
    """One cell or field changed (the common case; named for the undo history view)."""


class RowsCommand(FormEditCommand):
    """Indicator rows added, inserted, deleted, duplicated or moved."""
