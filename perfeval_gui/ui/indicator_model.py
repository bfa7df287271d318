"""The 绩效指标 table: one row per 三级指标, then the 总分 row, as on paper.

Columns are the spec's (``spec.STANDARD.indicators``): the paper's columns with the
rule-based 建议得分 and the 评价等级 chooser inserted beside the entered score. A
committed cell refreshes only its own row, the 总分 row and (via the funding model)
nothing else, so a 200-row form stays within a frame.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from perfeval_gui.fieldpath import ROOT, FieldPath
from perfeval_gui.model import Indicator, merged_groups
from perfeval_gui.numbers import format_points, format_score
from perfeval_gui.spec import GRADE_LABELS, STANDARD
from perfeval_gui.ui.cells import (
    WARN_FG,
    CellKind,
    Editable,
    FormTableModel,
    ReadOnly,
    Role,
)
from perfeval_gui.ui.document import Change, FormDocument
from perfeval_gui.ui.labels import grade_labels, header_line, self_grade_label, spec_text

TABLE: Final = STANDARD.indicators
COLUMNS: Final = TABLE.columns
COLUMN_COUNT: Final = len(COLUMNS)
COL_LEVEL1 = TABLE.index("level1")
COL_LEVEL2 = TABLE.index("level2")
COL_NAME = TABLE.index("name")
COL_TARGET = TABLE.index("target")
COL_ACTUAL = TABLE.index("actual")
COL_WEIGHT = TABLE.index("weight")
COL_SCORE = TABLE.index("score")
COL_SUGGESTED = TABLE.index("suggested")
COL_GRADE = TABLE.index("grade")
COL_DEVIATION = TABLE.index("deviation")
"""Columns the grid treats specially (merging, the grade chooser, the 总分 row); every
other column is handled by its kind alone."""

FIELDS: Final[dict[int, str]] = {i: c.field for i, c in enumerate(COLUMNS) if c.field}
COLUMN_OF_FIELD: Final = {name: col for col, name in FIELDS.items()}
_CELL_KINDS: Final[dict[str, str]] = {
    "level1": CellKind.LEVEL1,
    "level2": CellKind.LEVEL2,
    "longtext": CellKind.MULTILINE,
    "text": CellKind.TEXT,
    "weight": CellKind.NUMBER,
    "score": CellKind.NUMBER,
    "grade": CellKind.GRADE,
}
"""The editor the delegate opens for each kind of column of the spec."""
KINDS: Final[dict[int, str]] = {
    i: _CELL_KINDS[c.kind] for i, c in enumerate(COLUMNS) if c.kind in _CELL_KINDS
}
_ALIGN: Final = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}
_NUMBER_COLUMNS: Final = frozenset(
    i for i, c in enumerate(COLUMNS) if c.kind in ("weight", "score")
)
_WEIGHT_TOTAL: Final = FieldPath.of("weight_total")
_TOTAL_SCORE: Final = FieldPath.of("total_score")

_HANDLED_ROLES: Final = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        *Role,
    }
)


class IndicatorModel(FormTableModel):
    """Table model over ``document.form.indicators`` plus the 总分 footer row."""

    spansChanged = Signal()
    """一级/二级 values changed: the view must re-merge cells."""

    def __init__(self, document: FormDocument, parent: QObject | None = None) -> None:
        super().__init__(document, parent)
        self._headers = [spec_text(c.header) for c in COLUMNS]
        self._tooltips = [spec_text(c.tooltip) if c.tooltip else None for c in COLUMNS]
        self._total_label = spec_text(TABLE.total_label)
        self._row_number_tip = QCoreApplication.translate(
            "IndicatorModel", "拖动行号可移动该行；点击行号选中整行"
        )
        self._grade_labels = grade_labels()
        self._error_marks: dict[int, frozenset[FieldPath]] = {}
        self.group_edits = True
        """Editing a merged 一级/二级 cell renames all its rows (off while pasting cell by cell)."""
        self._snapshot = document.form.indicators
        self._count = len(self._snapshot)
        document.changed.connect(self._on_changed)
        document.findingsChanged.connect(self._on_findings)

    # --- structure -----------------------------------------------------------------
    @property
    def indicator_count(self) -> int:
        """Indicator rows the views know of (equals the form's count outside notifications)."""
        return self._count

    @property
    def footer_row(self) -> int:
        return self.indicator_count

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.indicator_count + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._headers[section]
            return str(section + 1) if section < self.indicator_count else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._tooltips[section]
            if section < self.indicator_count:
                return self._row_number_tip
        return None

    def path(self, row: int, column: int) -> FieldPath:
        if row >= self.indicator_count:
            if column == COL_WEIGHT:
                return _WEIGHT_TOTAL
            if column == COL_SCORE:
                return _TOTAL_SCORE
            return ROOT
        field = FIELDS.get(column)
        return FieldPath.indicator(row, field) if field else ROOT

    def cell_name(self, row: int, column: int) -> str:
        header = header_line(self._headers[column])
        return (
            QCoreApplication.translate("IndicatorModel", "第 %1 行 · %2")
            .replace("%1", str(row + 1))
            .replace("%2", header)
        )

    def index_for_path(self, path: FieldPath) -> QModelIndex:
        row = path.indicator_row
        if row is not None:
            if 0 <= row < self.indicator_count:
                field = path.parts[2] if len(path.parts) > 2 else None
                return self.index(row, COLUMN_OF_FIELD.get(str(field), COL_NAME))
            return QModelIndex()
        if path == _WEIGHT_TOTAL or path.parts == ("indicators",):
            return self.index(self.footer_row, COL_WEIGHT)
        if path == _TOTAL_SCORE:
            return self.index(self.footer_row, COL_SCORE)
        return QModelIndex()

    def indicator(self, row: int) -> Indicator | None:
        items = self.document.form.indicators
        return items[row] if 0 <= row < len(items) else None

    def _grade_enabled(self, row: int) -> bool:
        indicator = self.indicator(row)
        if indicator is None:
            return False
        if indicator.grade is not None:
            return True
        suggestion = self.document.suggestion(row)
        return suggestion is None or suggestion.kind == "qualitative"

    def _is_input(self, row: int, column: int) -> bool:
        if row >= self.indicator_count or column == COL_SUGGESTED:
            return False
        if column == COL_GRADE:
            return self._grade_enabled(row)
        return True

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Editable if self._is_input(index.row(), index.column()) else ReadOnly

    # --- spans ---------------------------------------------------------------------
    def spans(self) -> list[tuple[int, int, int]]:
        """(row, column, row count) of the merged 一级/二级 cells (model.merged_groups)."""
        groups = merged_groups(self.document.form.indicators)
        out: list[tuple[int, int, int]] = []
        for column, level in ((COL_LEVEL1, 0), (COL_LEVEL2, 1)):
            start = 0
            while start < len(groups):
                key, end = groups[start][level], start + 1
                while key is not None and end < len(groups) and groups[end][level] == key:
                    end += 1
                if end - start > 1:
                    out.append((start, column, end - start))
                start = end
        return out

    def edit_paths(self, index: QModelIndex | QPersistentModelIndex) -> tuple[FieldPath, ...]:
        """A merged 一级/二级 cell is renamed for every row it spans (see _commit)."""
        row, column = index.row(), index.column()
        if column in (COL_LEVEL1, COL_LEVEL2) and row < self.indicator_count and self.group_edits:
            field = FIELDS[column]
            return tuple(FieldPath.indicator(r, field) for r in self.span_rows(row, column))
        return super().edit_paths(index)

    def span_rows(self, row: int, column: int) -> list[int]:
        """All rows of the merged cell containing (row, column) (just ``row`` when not merged)."""
        for top, col, count in self.spans():
            if col == column and top <= row < top + count:
                return list(range(top, top + count))
        return [row]

    # --- data ----------------------------------------------------------------------
    def _display(self, row: int, column: int) -> str:
        if row >= self.indicator_count:
            if column == COL_LEVEL1:
                return self._total_label
            figures = self.document.figures
            if column == COL_WEIGHT:
                return format_points(figures.weight_total, "entered")
            if column == COL_SCORE:
                return format_points(figures.total_score, "computed")
            if column == COL_SUGGESTED:  # 自评等级 beside 总分 (the row's last, merged cell)
                return (
                    QCoreApplication.translate("IndicatorModel", "自评等级：%1")
                    .replace("%1", self_grade_label(self.document.form, figures.total_score))
                )
            return ""
        indicator = self.document.form.indicators[row]
        if column == COL_SUGGESTED:
            suggestion = self.document.suggestion(row)
            return (
                format_score(suggestion.score)
                if suggestion and suggestion.score is not None
                else ""
            )
        if column == COL_GRADE:
            return self._grade_labels.get(indicator.grade or "", "")
        if column in _NUMBER_COLUMNS:
            return format_points(getattr(indicator, FIELDS[column]), "entered")
        text: str = getattr(indicator, FIELDS[column])  # the remaining columns are Text fields
        return text

    def _edit(self, row: int, column: int) -> Any:
        indicator = self.indicator(row)
        if indicator is None or column == COL_SUGGESTED:
            return self._display(row, column)
        value = getattr(indicator, FIELDS[column])
        if column in _NUMBER_COLUMNS:
            return "" if value is None else format(value, "f")
        return value or ""  # never None: an invalid QVariant costs a None reference (PySide 6.12)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role not in _HANDLED_ROLES:
            return None  # painting asks ~8 roles per cell: answer the unused ones at once
        return super().data(index, role)

    def _is_label(self, row: int, column: int) -> bool:
        return row >= self.indicator_count and column == COL_LEVEL1  # the 总分 label

    def _alignment(self, row: int, column: int) -> Qt.AlignmentFlag:
        if row >= self.indicator_count and column == COL_SUGGESTED:
            return Qt.AlignmentFlag.AlignLeft  # 自评等级, read right after the 总分
        return _ALIGN[COLUMNS[column].align]

    def _kind(self, row: int, column: int) -> str | None:
        return KINDS.get(column)

    def _grade_hint(self, row: int) -> tuple[str, str] | None:
        """(placeholder, tooltip line) of an empty 评价等级 cell: grey because the numbers give
        the score (quantitative), or offered because only a grade can (qualitative)."""
        indicator = self.indicator(row)
        suggestion = self.document.suggestion(row)
        if indicator is None or indicator.grade is not None or suggestion is None:
            return None
        actual = spec_text(COLUMNS[COL_ACTUAL].header)
        target = spec_text(COLUMNS[COL_TARGET].header)
        grades = grade_labels()
        if suggestion.kind == "quantitative":
            return (
                QCoreApplication.translate("IndicatorModel", "按数值计分"),
                QCoreApplication.translate(
                    "IndicatorModel",
                    "定量指标：%1可与%2比较，建议得分按公式计算，不需要评价等级",
                ).replace("%1", actual).replace("%2", target),
            )
        return (
            QCoreApplication.translate("IndicatorModel", "请选择等级"),
            QCoreApplication.translate(
                "IndicatorModel",
                "定性指标：%1无法与%2按数值比较，请选择评价等级；建议得分按等级给出："
                "%3 80%–100%，%4 60%–80%（不含 80%），%5 0–60%（不含 60%）",
            ).replace("%1", actual).replace("%2", target)
            .replace("%3", grades["achieved"]).replace("%4", grades["partial"])
            .replace("%5", grades["not_achieved"]),
        )

    def _extra_data(self, row: int, column: int, role: int) -> Any:
        if role == Role.PLACEHOLDER:
            hint = self._grade_hint(row) if column == COL_GRADE else None
            return hint[0] if hint else None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == COL_SUGGESTED
            and row < self.indicator_count
        ):
            suggestion = self.document.suggestion(row)
            if suggestion is not None and suggestion.met is False:
                return QBrush(WARN_FG)
        return None

    def _explanations(self, row: int, column: int) -> list[str]:
        lines: list[str] = []
        if row < self.indicator_count and column in (COL_SUGGESTED, COL_SCORE, COL_GRADE):
            hint = self._grade_hint(row) if column == COL_GRADE else None
            if hint is not None:
                lines.append(hint[1])
            suggestion = self.document.suggestion(row)
            if suggestion is not None and suggestion.explanation:
                lines.append(suggestion.explanation)
            if suggestion is not None and suggestion.band is not None and column == COL_GRADE:
                low, high = suggestion.band
                band = (
                    QCoreApplication.translate("IndicatorModel", "该等级的得分范围：%1–%2")
                    if suggestion.top_included
                    else QCoreApplication.translate(
                        "IndicatorModel", "该等级的得分范围：不低于 %1 且低于 %2"
                    )
                )
                lines.append(
                    band.replace("%1", format_score(low)).replace("%2", format_score(high))
                )
        elif row >= self.indicator_count and column == COL_WEIGHT:
            lines.append(
                QCoreApplication.translate("IndicatorModel", "分值合计 = 资金分值 + 各指标分值")
            )
        elif row >= self.indicator_count and column == COL_SCORE:
            lines.append(
                QCoreApplication.translate("IndicatorModel", "总分 = 资金得分 + 各指标得分")
            )
        elif row >= self.indicator_count and column == COL_SUGGESTED:
            lines.append(
                QCoreApplication.translate(
                    "IndicatorModel",
                    "自评等级按总分评定：优 ≥ 90，良 80–90（不含 90），中 60–80（不含 80），"
                    "差 < 60；尚未评分时显示 —",
                )
            )
        return lines

    def _commit(
        self, index: QModelIndex | QPersistentModelIndex, row: int, column: int, value: Any
    ) -> bool:
        label = (
            QCoreApplication.translate("IndicatorModel", "编辑第 %1 行 · %2")
            .replace("%1", str(row + 1))
            .replace("%2", header_line(self._headers[column]))
        )
        path = self.path(row, column)
        if column in _NUMBER_COLUMNS:
            return self.commit_number(index, path, value, label)
        if column == COL_GRADE:
            grade = value if value in GRADE_LABELS else None
            return self.commit_value(index, path, grade, label)
        text = "" if value is None else str(value)
        if column in (COL_LEVEL1, COL_LEVEL2):
            rows = self.span_rows(row, column) if self.group_edits else [row]
            if len(rows) > 1:
                return self._commit_group(index, rows, FIELDS[column], text, label)
        return self.commit_value(index, path, text, label)

    def _commit_group(
        self,
        index: QModelIndex | QPersistentModelIndex,
        rows: list[int],
        field: str,
        text: str,
        label: str,
    ) -> bool:
        """A merged 一级/二级 cell is one value on paper: renaming it renames every row it spans."""
        try:
            self.document.set_values([(FieldPath.indicator(r, field), text) for r in rows], label)
        except ValueError as exc:
            return self._reject(index, text, str(exc))
        self._accepted(index)
        return True

    # --- refresh -------------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        if change.kind == "all":
            self.beginResetModel()
            self.clear_rejected()
            self._error_marks = {}
            self._snapshot = self.document.form.indicators
            self._count = len(self._snapshot)
            self.endResetModel()
            self.spansChanged.emit()
            return
        if change.kind == "rows":
            self._restructure()
            return
        # Same rows, new objects for the edited ones: keep the snapshot in step, or the next
        # row operation would take edited rows for replaced ones (and drop their refused
        # entries and heights).
        self._snapshot = self.document.form.indicators
        if change.kind == "cells":
            last = max(self.indicator_count - 1, 0)
            self.dataChanged.emit(self.index(0, 0), self.index(last, COLUMN_COUNT - 1))
            self.spansChanged.emit()
            footer = self.footer_row
            self.dataChanged.emit(self.index(footer, 0), self.index(footer, COLUMN_COUNT - 1))
            return
        row = change.indicator_row
        if row is not None:
            field = str(change.path.leaf)
            if field in ("level1", "level2") or row >= self.indicator_count:
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
                self.spansChanged.emit()
            else:
                # Only this cell and what derives from it (suggestion, grade): repainting the
                # whole row would repaint every row under its merged 一级 cell too.
                column = COLUMN_OF_FIELD.get(field, COL_NAME)
                first = min(column, COL_SUGGESTED)
                last = max(column, COL_GRADE)
                self.dataChanged.emit(self.index(row, first), self.index(row, last))
        footer = self.footer_row  # 分值合计, 总分 and the 自评等级 beside it
        self.dataChanged.emit(self.index(footer, COL_WEIGHT), self.index(footer, COL_SUGGESTED))

    def _restructure(self) -> None:
        """Turn a changed indicator list into row removals and insertions.

        Rows are compared by identity (an edit replaces only the objects it touches), so
        an insert, delete, duplicate or move becomes one removed and/or one inserted
        block: the view keeps every other row's height, selection and any refused entry.
        """
        old, new = self._snapshot, self.document.form.indicators
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] is new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[len(old) - 1 - suffix] is new[len(new) - 1 - suffix]:
            suffix += 1
        removed = len(old) - prefix - suffix
        inserted = len(new) - prefix - suffix
        if removed:
            self.beginRemoveRows(QModelIndex(), prefix, prefix + removed - 1)
            self._count -= removed
            self._shift_rejected(prefix, removed, -removed)
            self.endRemoveRows()
        if inserted:
            self.beginInsertRows(QModelIndex(), prefix, prefix + inserted - 1)
            self._count += inserted
            self._shift_rejected(prefix, 0, inserted)
            self.endInsertRows()
        self._snapshot = new
        self._count = len(new)
        self._error_marks = {}
        footer = self.footer_row
        self.dataChanged.emit(self.index(footer, 0), self.index(footer, COLUMN_COUNT - 1))
        self.spansChanged.emit()

    def _shift_rejected(self, start: int, dropped: int, delta: int) -> None:
        """Keep refused entries with their rows when rows are removed or inserted above them."""
        shifted: dict[tuple[int, int], tuple[str, str]] = {}
        for (row, column), entry in self._rejected.items():
            if row < start:
                shifted[(row, column)] = entry
            elif row >= start + dropped:
                shifted[(row + delta, column)] = entry
        self._rejected = shifted

    def _on_findings(self) -> None:
        """Repaint only rows whose error marks changed (tooltips are read on hover anyway)."""
        rows: dict[int, set[FieldPath]] = {}
        footer = self.footer_row
        for path in self.document.error_paths:
            row = path.indicator_row
            if row is not None:
                rows.setdefault(row, set()).add(path)
            elif path in (_WEIGHT_TOTAL, _TOTAL_SCORE):
                rows.setdefault(footer, set()).add(path)
        marks = {row: frozenset(paths) for row, paths in rows.items()}
        previous = self._error_marks
        self._error_marks = marks
        touched = [
            row
            for row in marks.keys() | previous.keys()
            if marks.get(row) != previous.get(row) and row <= footer
        ]
        if touched:
            self.dataChanged.emit(
                self.index(min(touched), 0), self.index(max(touched), COLUMN_COUNT - 1)
            )
