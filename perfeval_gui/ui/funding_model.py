"""The 项目资金 block as a 4 × 7 grid, exactly as on paper.

Rows: 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金.
Columns: row label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
Only the total row carries 分值, 执行率 and 得分; the 其中 rows show — in 分值 and 得分.
The total row is computed (grey, read-only) while it is auto-summed.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from perfeval_gui.model import FUNDING_COLUMNS, FUNDING_SOURCES, FundingRow
from perfeval_gui.numbers import (
    DASH,
    amount_places,
    format_amount,
    format_plain,
    format_rate,
    format_score,
)
from perfeval_gui.ui.cells import (
    CellKind,
    Editable,
    FormTableModel,
    ReadOnly,
)
from perfeval_gui.ui.document import Change, FormDocument
from perfeval_gui.ui.labels import header_line

ROW_KEYS: Final = ("total", *FUNDING_SOURCES)
COL_LABEL, COL_INITIAL, COL_ANNUAL, COL_EXECUTED, COL_WEIGHT, COL_RATE, COL_SCORE = range(7)
AMOUNT_COLUMNS: Final = {COL_INITIAL: 0, COL_ANNUAL: 1, COL_EXECUTED: 2}


class FundingModel(FormTableModel):
    """Table model over ``document.form.funding`` and the funding figures."""

    def __init__(self, document: FormDocument, parent: QObject | None = None) -> None:
        super().__init__(document, parent)
        self._headers = [
            "",
            QCoreApplication.translate("FundingModel", "年初预算数"),
            QCoreApplication.translate("FundingModel", "全年预算数"),
            QCoreApplication.translate("FundingModel", "全年执行数"),
            QCoreApplication.translate("FundingModel", "分值"),
            QCoreApplication.translate("FundingModel", "执行率"),
            QCoreApplication.translate("FundingModel", "得分"),
        ]
        self._row_labels = [
            QCoreApplication.translate("FundingModel", "年度资金总额"),
            QCoreApplication.translate("FundingModel", "其中：当年财政拨款"),
            QCoreApplication.translate("FundingModel", "上年结转资金"),
            QCoreApplication.translate("FundingModel", "其他资金"),
        ]
        document.changed.connect(self._on_changed)
        self._error_marks: frozenset[str] = frozenset()
        document.findingsChanged.connect(self._on_findings)

    # --- structure -----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._headers[section]
            return self._row_labels[section]
        return None

    def path(self, row: int, column: int) -> str:
        """Model field path of a cell ('' for labels and computed cells without a field)."""
        if column in AMOUNT_COLUMNS:
            return f"funding.{ROW_KEYS[row]}.{FUNDING_COLUMNS[AMOUNT_COLUMNS[column]]}"
        if row == 0 and column == COL_WEIGHT:
            return "funding.weight"
        if row == 0 and column == COL_RATE:
            return "funding.execution_rate"
        if row == 0 and column == COL_SCORE:
            return "funding.score"
        return ""

    def cell_name(self, row: int, column: int) -> str:
        return f"{self._row_labels[row]} · {header_line(self._headers[column])}"

    def index_for_path(self, path: str) -> QModelIndex:
        for row in range(4):
            for column in range(7):
                if self.path(row, column) == path:
                    return self.index(row, column)
        if path == "funding.total" or path == "funding":
            return self.index(0, COL_LABEL)
        return QModelIndex()

    def _is_input(self, row: int, column: int) -> bool:
        if column in AMOUNT_COLUMNS:
            return row > 0 or self.document.form.funding.total is not None
        return row == 0 and column == COL_WEIGHT

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Editable if self._is_input(index.row(), index.column()) else ReadOnly

    # --- data ----------------------------------------------------------------------
    def _row(self, row: int) -> FundingRow:
        if row == 0:
            return self.document.figures.total_row
        funding_row: FundingRow = getattr(self.document.form.funding, ROW_KEYS[row])
        return funding_row

    def _display(self, row: int, column: int) -> str:
        funding = self.document.form.funding
        figures = self.document.figures
        if column == COL_LABEL:
            return self._row_labels[row]
        if column in AMOUNT_COLUMNS:
            value = getattr(self._row(row), FUNDING_COLUMNS[AMOUNT_COLUMNS[column]])
            return format_amount(value, amount_places(self.document.form))
        if column == COL_WEIGHT:
            return format_plain(funding.weight) if row == 0 else DASH
        if column == COL_RATE:
            return format_rate(figures.execution_rate) if row == 0 else ""
        if column == COL_SCORE:
            return format_score(figures.funding_score) if row == 0 else DASH
        return ""

    def _edit(self, row: int, column: int) -> str:
        if column in AMOUNT_COLUMNS:
            value = getattr(self._row(row), FUNDING_COLUMNS[AMOUNT_COLUMNS[column]])
        elif column == COL_WEIGHT:
            value = self.document.form.funding.weight
        else:
            return self._display(row, column)
        return "" if value is None else format(value, "f")

    def _is_label(self, row: int, column: int) -> bool:
        return column == COL_LABEL

    def _alignment(self, row: int, column: int) -> Qt.AlignmentFlag:
        if column == COL_LABEL:
            return Qt.AlignmentFlag.AlignLeft
        if column in AMOUNT_COLUMNS:
            return Qt.AlignmentFlag.AlignRight
        return Qt.AlignmentFlag.AlignHCenter

    def _kind(self, row: int, column: int) -> str | None:
        return CellKind.NUMBER

    def _explanations(self, row: int, column: int) -> list[str]:
        if row == 0 and column in AMOUNT_COLUMNS and self.document.form.funding.total is None:
            return [
                QCoreApplication.translate(
                    "FundingModel", "自动合计：其中三项之和（可切换为手工填写）"
                )
            ]
        if row == 0 and column == COL_RATE:
            return [QCoreApplication.translate("FundingModel", "执行率 = 全年执行数 ÷ 全年预算数")]
        if row == 0 and column == COL_SCORE:
            return [
                QCoreApplication.translate("FundingModel", "资金得分 = min(执行率, 100%) × 分值")
            ]
        return []

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
        self.dataChanged.emit(self.index(0, 0), self.index(3, 6))
