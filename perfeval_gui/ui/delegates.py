"""In-place editors of the grid cells, chosen by the cell's kind (cells.Role.KIND).

Numbers get a plain line edit: the tolerant parsing happens on commit in the
model, so that a refused entry can say why instead of silently eating keys.
一级/二级 get editable combo boxes fed by the standard catalogue; the grade a
fixed chooser. Cells concerned by an error finding get a red outline.

The delegate also knows which editor is open on which cell and what it holds, so that
autosave can keep text being typed without committing it (``open_editors``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from perfeval_gui.model import MAX_TEXT_LENGTH
from perfeval_gui.spec import LEVEL1_CATALOGUE
from perfeval_gui.ui.cells import ERROR_PEN, CellKind, Role
from perfeval_gui.ui.labels import grade_labels

AnyIndex = QModelIndex | QPersistentModelIndex


def _all_level2() -> list[str]:
    return [name for names in LEVEL1_CATALOGUE.values() for name in names]


class CellDelegate(QStyledItemDelegate):
    """One delegate for every grid; the model says which editor each cell needs."""

    editorEdited = Signal()
    """The text of an open editor changed (typed, not yet committed)."""
    lockedEdit = Signal(QModelIndex)
    """A key was typed (or F2, a double click) on a computed cell: the key is taken here
    (no keyboard search moving the cursor away) and the page says why nothing happens."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open: dict[int, tuple[QWidget, QPersistentModelIndex]] = {}

    def open_editors(self) -> list[tuple[QWidget, QModelIndex]]:
        """The editors open now, each with its cell (normally at most one)."""
        return [
            (editor, QModelIndex(index))  # type: ignore[call-overload]  # stub lacks this ctor
            for editor, index in self._open.values()
            if index.isValid()  # a closed editor is gone from _open (destroyEditor)
        ]

    @staticmethod
    def editor_value(editor: QWidget) -> object:
        """What committing ``editor`` would hand the model (see setModelData)."""
        if isinstance(editor, QComboBox) and not editor.isEditable():
            return editor.currentData()
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QLineEdit):
            return editor.text()
        return None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = self._make_editor(parent, index)
        key = id(editor)
        self._open[key] = (editor, QPersistentModelIndex(index))
        editor.destroyed.connect(lambda _obj=None, key=key: self._open.pop(key, None))
        if isinstance(editor, QComboBox) and editor.isEditable():
            editor.editTextChanged.connect(self.editorEdited)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self.editorEdited)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self.editorEdited)
        elif isinstance(editor, QLineEdit):
            editor.textEdited.connect(self.editorEdited)
        return editor

    def destroyEditor(self, editor: QWidget, index: AnyIndex) -> None:
        self._open.pop(id(editor), None)
        super().destroyEditor(editor, index)

    def _make_editor(self, parent: QWidget, index: AnyIndex) -> QWidget:
        kind = index.data(Role.KIND)
        if kind in (CellKind.LEVEL1, CellKind.LEVEL2):
            combo = QComboBox(parent)
            combo.setEditable(True)
            line = combo.lineEdit()
            if line is not None:
                line.setMaxLength(MAX_TEXT_LENGTH)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            if kind == CellKind.LEVEL1:
                combo.addItems(list(LEVEL1_CATALOGUE))
            else:
                # sibling(), not siblingAtColumn(): QPersistentModelIndex lacks the latter
                level1_index = index.sibling(index.row(), 0)
                level1 = str(level1_index.data(Qt.ItemDataRole.EditRole) or "").strip()
                combo.addItems(list(LEVEL1_CATALOGUE.get(level1, ())) or _all_level2())
            return combo
        if kind == CellKind.GRADE:
            combo = QComboBox(parent)
            combo.addItem(self.tr("（未评定）"), "")
            for key, label in grade_labels().items():
                combo.addItem(label, key)
            return combo
        if kind == CellKind.MULTILINE:
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            return edit
        editor = QLineEdit(parent)
        editor.setMaxLength(MAX_TEXT_LENGTH)  # Qt's default (32767) would cut long texts silently
        if kind == CellKind.NUMBER:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox) and not editor.isEditable():
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QComboBox):
            editor.setEditText("" if value is None else str(value))
            line = editor.lineEdit()
            if line is not None:  # typing replaces the cell, as in the number cells and Excel
                line.selectAll()
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()
        else:  # pragma: no cover
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox) and not editor.isEditable():
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:  # pragma: no cover
            super().setModelData(editor, model, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Multi-line cells: Enter commits, as elsewhere; Alt/Shift+Enter breaks the line;
        Tab / Shift+Tab commit and move to the next / previous input cell (Qt leaves Tab to
        text editors, which then jumped out of the grid)."""
        if (
            isinstance(editor, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            hint = QAbstractItemDelegate.EndEditHint
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, hint.EditPreviousItem if backwards else hint.EditNextItem)
            return True
        if (
            isinstance(editor, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            modifiers = event.modifiers()
            if modifiers & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
                editor.insertPlainText("\n")
                return True
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(editor, event)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        """An attempt to edit a computed (grey) cell is answered, not silently dropped.

        The view hands every edit attempt to the delegate before it checks that the cell
        is editable (QAbstractItemView.edit), so this is where a refused one is seen.
        """
        if (
            index.isValid()
            and not model.flags(index) & Qt.ItemFlag.ItemIsEditable
            and index.data(Role.COMPUTED)
            and _is_edit_attempt(event)
        ):
            self.lockedEdit.emit(model.index(index.row(), index.column()))
            return True
        return super().editorEvent(event, model, option, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, max(0, 80 - rect.height()))
        editor.setGeometry(rect)

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """An empty cell with a hint (cells.Role.PLACEHOLDER) shows it grey and italic."""
        super().initStyleOption(option, index)
        if option.text:
            return
        hint = index.data(Role.PLACEHOLDER)
        if not hint:
            return
        option.text = str(hint)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        font = QFont(option.font)
        font.setItalic(True)
        option.font = font
        palette = QPalette(option.palette)
        palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.PlaceholderText))
        option.palette = palette

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        if index.data(Role.ERROR):
            painter.save()
            pen = QPen(ERROR_PEN)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


def _is_edit_attempt(event: QEvent) -> bool:
    """A typed character, F2 or a double click: what opens an editor on an input cell."""
    if event.type() == QEvent.Type.MouseButtonDblClick:
        return True
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    if event.key() == Qt.Key.Key_F2:
        return True
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    held |= Qt.KeyboardModifier.MetaModifier
    text = event.text()
    return bool(text) and text.isprintable() and not event.modifiers() & held
