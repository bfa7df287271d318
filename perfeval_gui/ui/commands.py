"""Undo commands: every edit swaps one immutable Form for another.

Keeping the whole before/after Form (which share all untouched parts) makes undo
restore the previous state exactly, whatever the edit was: a cell, a row
operation or the auto-sum switch.

The commands know the document only as a ``FormHolder`` (a protocol) and carry its
``Change`` as a type parameter, so this module imports nothing from
``perfeval_gui.ui.document``, which imports it: no import cycle, not even one
hidden behind ``TYPE_CHECKING`` (the ``acyclic_siblings`` contract in pyproject.toml).
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from PySide6.QtGui import QUndoCommand

from perfeval_gui.model import Form

ChangeT = TypeVar("ChangeT")
_ChangeT_contra = TypeVar("_ChangeT_contra", contravariant=True)


class FormHolder(Protocol[_ChangeT_contra]):
    """What a command edits: the FormDocument, which installs a Form and tells its views."""

    def apply(self, form: Form, change: _ChangeT_contra, /) -> None: ...


class FormEditCommand(QUndoCommand, Generic[ChangeT]):
    """Replace the document's Form by ``after``; undo puts ``before`` back."""

    def __init__(
        self,
        document: FormHolder[ChangeT],
        before: Form,
        after: Form,
        change: ChangeT,
        text: str,
    ) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._change = change

    @property
    def change(self) -> ChangeT:
        return self._change

    def redo(self) -> None:
        self._document.apply(self._after, self._change)

    def undo(self) -> None:
        self._document.apply(self._before, self._change)


class SetValueCommand(FormEditCommand[ChangeT]):
    """One cell or field changed (the common case; named for the undo history view)."""


class RowsCommand(FormEditCommand[ChangeT]):
    """Indicator rows added, inserted, deleted, duplicated or moved."""
