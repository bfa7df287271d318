"""What the grid models share: item roles, cell kinds, colours, and typed-input handling.

A typed number is parsed by numbers.parse_number_input and assigned through the
document (and so validated by the model). A refused entry is kept on screen, in
red, with the Chinese reason as its tooltip, so nothing typed is lost; the Form
keeps its previous value until the entry is corrected.
"""

from __future__ import annotations

import html
from enum import IntEnum
from typing import Any, Final

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.numbers import NumberInputError, parse_number_input
from perfeval_gui.ui.document import FormDocument
from perfeval_gui.ui.labels import header_line


class Role(IntEnum):
    """Custom item data roles of the grid models."""

    KIND = Qt.ItemDataRole.UserRole + 1
    """CellKind of an input cell (which editor the delegate opens)."""
    PATH = Qt.ItemDataRole.UserRole + 2
    """Model field path of the cell ('indicators[2].score'); '' for labels."""
    ERROR = Qt.ItemDataRole.UserRole + 3
    """True when an error finding concerns the cell or a typed entry was refused."""
    COMPUTED = Qt.ItemDataRole.UserRole + 4
    """True for a computed, read-only figure."""
    PLACEHOLDER = Qt.ItemDataRole.UserRole + 5
    """Grey hint drawn in an empty cell (not its text: never copied, measured or printed)."""


class CellKind:
    NUMBER: Final = "number"
    TEXT: Final = "text"
    MULTILINE: Final = "multiline"
    LEVEL1: Final = "level1"
    LEVEL2: Final = "level2"
    GRADE: Final = "grade"


COMPUTED_BG: Final = QColor("#e6e6e6")
LABEL_BG: Final = QColor("#f3f1ea")
ERROR_BG: Final = QColor("#fbdada")
REJECTED_BG: Final = QColor("#ffb3b3")
ERROR_PEN: Final = QColor("#d01010")
WARN_FG: Final = QColor("#a05a00")

Editable = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
ReadOnly = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

AnyIndex = QModelIndex | QPersistentModelIndex


def one_line(text: str) -> str:
    """A message fit for a tooltip or the status bar: no line breaks, no control characters."""
    return "".join(c if c.isprintable() else (" " if c in "\n\r\t" else "?") for c in text)


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip showing ``text`` literally, whatever user text it quotes.

    Qt renders a tooltip as rich text when ``Qt.mightBeRichText`` guesses so: a finding
    quoting an indicator named ``<b>x</b>`` showed a bold x. Such a text is escaped
    into an explicit rich text that displays the characters as typed; any other text is
    returned unchanged (Qt shows it as plain text already).
    """
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    lines = html.escape(text, quote=False).split("\n")
    return "<p style='white-space:pre-wrap'>" + "<br/>".join(lines) + "</p>"


class FormTableModel(QAbstractTableModel):
    """Base of the funding and indicator models: rejected entries and number commits."""

    inputRejected = Signal(QModelIndex, str)
    """A typed entry was refused: (cell, Chinese reason)."""

    def __init__(self, document: FormDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rejected: dict[tuple[int, int], tuple[str, str]] = {}

    def rejected(self, index: AnyIndex) -> tuple[str, str] | None:
        """(typed text, reason) of a refused entry still shown in the cell."""
        return self._rejected.get((index.row(), index.column()))

    def clear_rejected(self) -> None:
        self._rejected.clear()

    def rejected_cells(self) -> list[tuple[QModelIndex, str]]:
        """Cells still showing a refused entry, in reading order, with the typed text."""
        return [
            (self.index(row, column), text)
            for (row, column), (text, _reason) in sorted(self._rejected.items())
        ]

    def cell_name(self, row: int, column: int) -> str:
        """A short Chinese name of a cell for messages ('第 3 行 · 得分')."""
        header = self.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        return header_line(str(header or ""))

    def mark_refused(self, index: AnyIndex, text: str, reason: str) -> None:
        """Show ``text`` in the cell as a refused entry (a restored pending entry)."""
        self._reject(index, text, reason)

    def edit_paths(self, index: AnyIndex) -> tuple[FieldPath, ...]:
        """The fields a commit of the cell sets (a merged 一级 cell: every row's)."""
        return (self.path(index.row(), index.column()),)

    def _reject(self, index: AnyIndex, text: str, reason: str) -> bool:
        reason = one_line(reason)
        self._rejected[(index.row(), index.column())] = (text, reason)
        self.dataChanged.emit(index, index)
        self.inputRejected.emit(index.sibling(index.row(), index.column()), reason)  # a QModelIndex
        return False

    def _accepted(self, index: AnyIndex) -> None:
        if self._rejected.pop((index.row(), index.column()), None) is not None:
            self.dataChanged.emit(index, index)

    def commit_number(self, index: AnyIndex, path: FieldPath, text: Any, label: str) -> bool:
        """Parse typed ``text`` and set it at ``path``; a refusal stays visible with its reason."""
        raw = "" if text is None else str(text)
        try:
            value = parse_number_input(raw)
            self.document.set_value(path, value, label)
        except (NumberInputError, ValueError) as exc:
            return self._reject(index, raw, str(exc))
        self._accepted(index)
        return True

    def commit_value(self, index: AnyIndex, path: FieldPath, value: Any, label: str) -> bool:
        """Set a non-numeric value (text, grade); the model may still refuse (control chars)."""
        try:
            self.document.set_value(path, value, label)
        except ValueError as exc:
            return self._reject(index, "" if value is None else str(value), str(exc))
        self._accepted(index)
        return True

    # --- what each grid answers differently (overridden by the two models) ---------
    def path(self, row: int, column: int) -> FieldPath:
        """Field path of a cell (empty for labels and computed figures without one)."""
        raise NotImplementedError

    def _is_input(self, row: int, column: int) -> bool:
        raise NotImplementedError

    def _is_label(self, row: int, column: int) -> bool:
        """A printed label cell (beige, neither input nor computed figure)."""
        raise NotImplementedError

    def _display(self, row: int, column: int) -> str:
        raise NotImplementedError

    def _edit(self, row: int, column: int) -> Any:
        raise NotImplementedError

    def _alignment(self, row: int, column: int) -> Qt.AlignmentFlag:
        raise NotImplementedError

    def _kind(self, row: int, column: int) -> str | None:
        """CellKind of an input cell (which editor the delegate opens)."""
        raise NotImplementedError

    def _explanations(self, row: int, column: int) -> list[str]:
        """Tooltip lines after the findings: how a figure is computed, a suggestion."""
        return []

    def _extra_data(self, row: int, column: int, role: int) -> Any:
        """Roles only one grid answers (e.g. the suggestion's colour)."""
        return None

    def _commit(self, index: AnyIndex, row: int, column: int, value: Any) -> bool:
        """Apply an edit of an input cell (number, text, grade) through the document."""
        raise NotImplementedError

    # --- the shared answers ------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = 0) -> Any:
        """One place decides how every grid cell looks: refused, error, computed, label."""
        if not index.isValid():
            return None
        rejected = self.rejected_data(index, role)
        if rejected is not None:
            return rejected
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(row, column) | Qt.AlignmentFlag.AlignVCenter)
        path = self.path(row, column)
        is_error = bool(path) and path in self.document.error_paths
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._is_label(row, column):
                return QBrush(LABEL_BG)
            if is_error:
                return QBrush(ERROR_BG)
            if not self._is_input(row, column):
                return QBrush(COMPUTED_BG)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f.message for f in self.document.findings if path and f.location == path]
            lines += self._explanations(row, column)
            return plain_tooltip("\n".join(lines)) or None
        if role == Role.KIND:
            return self._kind(row, column) if self._is_input(row, column) else None
        if role == Role.PATH:
            return path
        if role == Role.ERROR:
            return is_error
        if role == Role.COMPUTED:
            return not self._is_input(row, column) and not self._is_label(row, column)
        return self._extra_data(row, column, role)

    def setData(self, index: AnyIndex, value: Any, role: int = 2) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        if not self._is_input(row, column):
            return False
        return self._commit(index, row, column, value)

    def rejected_data(self, index: AnyIndex, role: int) -> Any:
        """Display/edit/tooltip/background of a cell holding a refused entry, else None."""
        entry = self._rejected.get((index.row(), index.column()))
        if entry is None:
            return None
        text, reason = entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(reason)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(REJECTED_BG)
        if role == Role.ERROR:
            return True
        return None
