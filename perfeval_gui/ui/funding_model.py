"""The 项目资金 block as a grid, exactly as on paper: the spec's rows and columns.

Rows and columns come from ``spec.STANDARD.funding`` (row label, then the amount, 分值,
执行率 and 得分 columns); what a cell shows is display.funding_text's decision, shared
with the PDF. Only the row that carries the figures has 分值, 执行率 and 得分; the 其中
rows show — there. The total row is computed (grey, read-only) while it is auto-summed.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from perfeval_gui import display
from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.spec import STANDARD, FundingColumn
from perfeval_gui.ui.cells import (
    CellKind,
    Editable,
    FormTableModel,
    ReadOnly,
)
from perfeval_gui.ui.document import Change, FormDocument
from perfeval_gui.ui.labels import header_line, spec_text

BLOCK: Final = STANDARD.funding
ROWS: Final = BLOCK.rows
ROW_KEYS: Final = tuple(r.key for r in ROWS)
COLUMNS: Final[tuple[FundingColumn | None, ...]] = (None, *BLOCK.columns)
"""Grid columns: the row label (None), then the spec's columns."""
COL_LABEL: Final = 0
COL_INITIAL, COL_ANNUAL, COL_EXECUTED = (1 + BLOCK.columns.index(c) for c in BLOCK.amount_columns)
COL_WEIGHT, COL_RATE, COL_SCORE = (
    1 + BLOCK.columns.index(BLOCK.column_of_kind(k)) for k in ("weight", "rate", "score")
)
AMOUNT_COLUMNS: Final = {COL_INITIAL: 0, COL_ANNUAL: 1, COL_EXECUTED: 2}
_FIGURE_PATHS: Final = {
    "weight": FieldPath.of("funding", "weight"),
    "rate": FieldPath.of("funding", "execution_rate"),
    "score": FieldPath.of("funding", "score"),
}
"""Cells of the figures row that are not amounts (分值 is a field; 执行率, 得分 computed)."""


def auto_total_hint() -> str:
    """Why the grey 年度资金总额 takes no typing, and how to type the published figure."""
    return QCoreApplication.translate(
        "FundingModel", "总额由下面三行自动合计；要按发布数填写请取消勾选"
    )


class FundingModel(FormTableModel):
    """Table model over ``document.form.funding`` and the funding figures."""

    def __init__(self, document: FormDocument, parent: QObject | None = None) -> None:
        super().__init__(document, parent)
        self._headers = ["", *(spec_text(c.label) for c in BLOCK.columns)]
        self._row_labels = [spec_text(r.label) for r in ROWS]
        self._paths = [[self._field_path(r, c) for c in range(len(COLUMNS))]
                       for r in range(len(ROWS))]
        document.changed.connect(self._on_changed)
        self._error_marks: frozenset[FieldPath] = frozenset()
        document.findingsChanged.connect(self._on_findings)

    # --- structure -----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROWS)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._headers[section]
            return self._row_labels[section]
        return None

    @staticmethod
    def _field_path(row: int, column: int) -> FieldPath:
        spec = COLUMNS[column]
        if spec is None:
            return FieldPath()
        if spec.kind == "amount":
            return FieldPath.of("funding", ROWS[row].key, spec.key)
        return _FIGURE_PATHS[spec.kind] if ROWS[row].carries_figures else FieldPath()

    def path(self, row: int, column: int) -> FieldPath:
        """Field path of a cell (empty for labels and the — cells)."""
        return self._paths[row][column]

    def cell_name(self, row: int, column: int) -> str:
        return f"{self._row_labels[row]} · {header_line(self._headers[column])}"

    def index_for_path(self, path: FieldPath) -> QModelIndex:
        for row, paths in enumerate(self._paths):
            if path in paths:
                return self.index(row, paths.index(path))
        if path.startswith("funding") and len(path.parts) <= 2:  # funding, funding.total
            row = ROW_KEYS.index(str(path.leaf)) if path.leaf in ROW_KEYS else 0
            return self.index(row, COL_LABEL)
        return QModelIndex()

    def _is_input(self, row: int, column: int) -> bool:
        spec = COLUMNS[column]
        if spec is None:
            return False
        if spec.kind == "amount":
            return not ROWS[row].carries_figures or self.document.form.funding.total is not None
        return spec.kind == "weight" and ROWS[row].carries_figures

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Editable if self._is_input(index.row(), index.column()) else ReadOnly

    # --- data ----------------------------------------------------------------------
    def _display(self, row: int, column: int) -> str:
        spec = COLUMNS[column]
        if spec is None:
            return self._row_labels[row]
        return display.funding_text(self.document.form, self.document.figures, ROWS[row], spec)

    def _edit(self, row: int, column: int) -> str:
        spec = COLUMNS[column]
        if spec is None or spec.kind not in ("amount", "weight"):
            return self._display(row, column)
        value = display.funding_value(self.document.form, self.document.figures, ROWS[row], spec)
        return "" if value is None else format(value, "f")

    def _is_label(self, row: int, column: int) -> bool:
        return column == COL_LABEL

    def _alignment(self, row: int, column: int) -> Qt.AlignmentFlag:
        spec = COLUMNS[column]
        if spec is None:
            return Qt.AlignmentFlag.AlignLeft
        if spec.kind == "amount":
            return Qt.AlignmentFlag.AlignRight
        return Qt.AlignmentFlag.AlignHCenter

    def _kind(self, row: int, column: int) -> str | None:
        return CellKind.NUMBER

    def _explanations(self, row: int, column: int) -> list[str]:
        spec = COLUMNS[column]
        if spec is None or not ROWS[row].carries_figures:
            return []
        if spec.kind == "amount" and self.document.form.funding.total is None:
            return [auto_total_hint()]
        if spec.kind == "rate":
            return [
                QCoreApplication.translate("FundingModel", "执行率 = %1 ÷ %2")
                .replace("%1", header_line(self._headers[COL_EXECUTED]))
                .replace("%2", header_line(self._headers[COL_ANNUAL]))
            ]
        if spec.kind == "score":
            return [
                QCoreApplication.translate("FundingModel", "资金得分 = min(执行率, 100%) × 分值")
            ]
        return []

    def locked_hint(self, row: int, column: int) -> str | None:
        """What to tell a clerk who types into a computed cell of the figures row (the
        auto-summed total, 执行率, 得分); None where a keystroke needs no answer.

        Typing there used to be dropped without a word: the published total could not be
        entered and nothing said why.
        """
        if not (0 <= row < len(ROWS) and 0 <= column < len(COLUMNS)):
            return None
        if COLUMNS[column] is None or self._is_input(row, column):
            return None
        lines = self._explanations(row, column)
        return lines[0] if lines else None

    def _commit(
        self, index: QModelIndex | QPersistentModelIndex, row: int, column: int, value: Any
    ) -> bool:
        label = (
            QCoreApplication.translate("FundingModel", "编辑 %1 · %2")
            .replace("%1", self._row_labels[row])
            .replace("%2", header_line(self._headers[column]))
        )
        return self.commit_number(index, self.path(row, column), value, label)

    # --- refresh -------------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        if change.kind == "all":
            self.beginResetModel()
            self.clear_rejected()
            self.endResetModel()
        elif change.kind == "value" and not change.path.startswith("funding"):
            return
        else:
            self._refresh_all()

    def _on_findings(self) -> None:
        marks = frozenset(p for p in self.document.error_paths if p.startswith("funding"))
        if marks != self._error_marks:
            self._error_marks = marks
            self._refresh_all()

    def _refresh_all(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(len(ROWS) - 1, len(COLUMNS) - 1))
