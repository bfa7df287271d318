"""The open document: one ``Form`` object, its file, its undo stack, and what it implies.

The Form is the single source of truth. It is treated as immutable: every edit
builds a new Form that shares all untouched parts with the old one (so undo can
keep both cheaply and restore the old one exactly) and goes through a
QUndoCommand. Views never hold their own copy of a value; they read the Form
when ``changed`` tells them what moved.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from perfeval_gui import figures
from perfeval_gui import rules as _rules
from perfeval_gui.fieldpath import ROOT, FieldPath, Part
from perfeval_gui.model import (
    FUNDING_COLUMNS,
    Form,
    FundingRow,
    Indicator,
    validation_error_parts,
)
from perfeval_gui.spec import STANDARD
from perfeval_gui.ui.commands import RowsCommand, SetValueCommand
from perfeval_gui.ui.labels import spec_text, unit_label

if TYPE_CHECKING:
    from perfeval_gui.rules import Finding, Suggestion

def get_at(form: Form, path: FieldPath) -> Any:
    """The value at a field path (``funding.total.executed`` → that Decimal or None)."""
    obj: Any = form
    for part in path.parts:
        if obj is None:
            return None
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


def _replace(obj: Any, parts: tuple[Part, ...], value: Any) -> Any:
    head, rest = parts[0], parts[1:]
    if isinstance(obj, list):
        assert isinstance(head, int)
        items = list(obj)
        items[head] = _replace(items[head], rest, value) if rest else value
        return items
    assert isinstance(obj, BaseModel) and isinstance(head, str)
    if not rest:
        copy = obj.model_copy()
        setattr(copy, head, value)  # validate_assignment: the model decides what is valid
        return copy
    return obj.model_copy(update={head: _replace(getattr(obj, head), rest, value)})


def replace_at(form: Form, path: FieldPath, value: Any) -> Form:
    """A new Form with ``value`` at ``path``, validated by the model; shares everything else.

    Raises ValueError with a Chinese one-line message when the model refuses the value.
    """
    try:
        new: Form = _replace(form, path.parts, value)  # a copy of the Form's own type
        return new
    except ValidationError as exc:
        raise ValueError(validation_error_parts(exc)[1]) from None


def _same(old: Any, new: Any) -> bool:
    """Equal as written to the file (Decimal 20 and 20.00 differ there)."""
    if type(old) is not type(new):
        return False
    if isinstance(old, Decimal):
        return str(old) == str(new)
    return bool(old == new)


def _value_at(form: Form, path: FieldPath) -> Any:
    """The value an extra finding's cell holds (the form itself for ROOT: no cell)."""
    try:
        return get_at(form, path)
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def _still(form: Form, path: FieldPath, value: Any) -> bool:
    """An extra finding stays: it has no cell, or its cell holds what it held at load."""
    if path == ROOT:
        return True
    return _same(value, _value_at(form, path))


_SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

LIVE_CHECK_ROWS = 300
"""Up to this many indicators, findings refresh on the very next event-loop turn."""

CODE_CELLS: dict[str, FieldPath] = {"weights-not-100": FieldPath.of("weight_total")}
"""Findings about the form as a whole that still have a cell on screen (the 分值合计 cell)."""


def finding_cell(finding: Finding) -> FieldPath:
    """Field path of the cell a finding concerns (ROOT when none); see CODE_CELLS."""
    return finding.location or CODE_CELLS.get(finding.code, ROOT)


ChangeKind = Literal["value", "cells", "rows", "all"]


@dataclass(frozen=True, slots=True)
class Change:
    """What an edit touched, so that views refresh only that (and the computed cells).

    ``value``: one field (``path``); ``cells``: many fields, the same rows (a paste, a
    merged-cell rename); ``rows``: the indicator list was restructured (``select`` = rows
    to select afterwards); ``all``: a whole new form (open, new).
    """

    kind: ChangeKind
    path: FieldPath = ROOT
    select: tuple[int, ...] = field(default=())

    @property
    def indicator_row(self) -> int | None:
        """Row of an ``indicators[i]…`` value change, else None."""
        return self.path.indicator_row if self.kind == "value" else None


class FormDocument(QObject):
    """Holds the Form, the file it came from, the undo stack and derived data (figures, findings).

    ``changed(Change)`` fires synchronously after every edit with the figures already
    recomputed; ``findingsChanged()`` fires on the next event-loop turn (findings over a
    long form cost more than a frame and need not delay the cell that was just typed).

    A new form starts *unfilled*: its findings (every cell is still empty, so there are
    many) are held back, not shown, until the first edit or ``check_now()``; a form read
    from a file shows them at once.
    """

    changed = Signal(object)
    findingsChanged = Signal()
    pathChanged = Signal()
    modifiedChanged = Signal(bool)

    def __init__(
        self, form: Form | None = None, parent: QObject | None = None, *, unfilled: bool = False
    ) -> None:
        super().__init__(parent)
        self._form = form if form is not None else Form()
        self._unfilled = unfilled
        self._held: list[Finding] = []
        self._path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self._restored = False
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._figures = figures.compute(self._form)
        self._findings: list[Finding] = []
        self._extra: list[tuple[Finding, Any]] = []
        self._error_paths: frozenset[FieldPath] = frozenset()
        self._suggestions: dict[int, tuple[Indicator, Suggestion | None]] = {}
        self._batch_start: Form | None = None
        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.setInterval(0)
        self._findings_timer.timeout.connect(self.refresh_findings)
        self.refresh_findings()

    # --- state -------------------------------------------------------------------
    @property
    def form(self) -> Form:
        return self._form

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: Path | None) -> None:
        self._path = path
        self.pathChanged.emit()

    @property
    def figures(self) -> figures.Figures:
        return self._figures

    @property
    def findings(self) -> list[Finding]:
        return self._findings

    @property
    def unfilled(self) -> bool:
        """A new form nobody has edited yet: its findings wait (``held_findings``)."""
        return self._unfilled

    @property
    def held_findings(self) -> list[Finding]:
        """The findings an unfilled form holds back (empty once they are shown)."""
        return self._held

    def check_now(self) -> None:
        """The clerk asks for a check: findings are shown from now on, even on a new form."""
        self._unfilled = False
        self.refresh_findings()

    @property
    def extra_findings(self) -> list[Finding]:
        """Findings given with the form when it was loaded (an import's unread cells)."""
        return [finding for finding, _value in self._extra]

    @property
    def error_paths(self) -> frozenset[FieldPath]:
        """Locations of error findings, to mark their cells."""
        return self._error_paths

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(self._restored or not clean)

    def is_modified(self) -> bool:
        """Unsaved changes: the undo stack left its clean state, or the form is restored work."""
        return self._restored or not self.undo_stack.isClean()

    def suggestion(self, row: int) -> Suggestion | None:
        """The rule-based suggestion for indicator ``row``, cached per indicator object."""
        if not 0 <= row < len(self._form.indicators):
            return None
        indicator = self._form.indicators[row]
        cached = self._suggestions.get(id(indicator))
        if cached is not None and cached[0] is indicator:
            return cached[1]
        try:
            result = _rules.suggest(indicator)
        except Exception:  # a bug in a suggestion must never break editing
            result = None
        self._suggestions[id(indicator)] = (indicator, result)
        return result

    # --- applying ----------------------------------------------------------------
    def apply(self, form: Form, change: Change) -> None:
        """Install ``form`` (called by the undo commands only) and tell the views."""
        self._form = form
        if change.kind != "all":  # the clerk has entered something: findings count now
            self._unfilled = False
        self._figures = figures.compute(form)
        if self._extra:  # an import note goes once the clerk has changed its cell
            self._extra = [(f, v) for f, v in self._extra if _still(form, f.location, v)]
        if len(self._suggestions) > 2 * len(form.indicators) + 64:
            alive = {id(i) for i in form.indicators}
            self._suggestions = {k: v for k, v in self._suggestions.items() if k in alive}
        self.changed.emit(change)
        # Rule checks grow with the form: on very long forms wait for a pause in typing.
        self._findings_timer.setInterval(0 if len(form.indicators) <= LIVE_CHECK_ROWS else 150)
        self._findings_timer.start()

    def refresh_findings(self) -> None:
        """Recompute findings now (normally runs on the event loop right after an edit)."""
        self._findings_timer.stop()
        findings: list[Finding]
        try:
            findings = list(_rules.check(self._form))
        except Exception:  # pragma: no cover - never let a rule bug break editing
            findings = []
        if self._extra:  # in the rules' order: errors, warnings, notes (stable)
            extra = self.extra_findings
            findings = sorted([*extra, *findings], key=lambda f: _SEVERITY_RANK[f.severity])
        self._held = findings if self._unfilled else []
        findings = [] if self._unfilled else findings
        self._findings = findings
        self._error_paths = frozenset(
            cell for f in findings if f.severity == "error" and (cell := finding_cell(f))
        )
        self.findingsChanged.emit()

    def load(
        self,
        form: Form,
        path: Path | None,
        *,
        modified: bool = False,
        extra_findings: Sequence[Finding] = (),
        unfilled: bool = False,
    ) -> None:
        """Replace the whole document (New, Open, restore); clears the undo history.

        ``modified``: the form is unsaved work (a restored recovery file) although
        there is nothing to undo. ``extra_findings``: shown with the rules' findings
        (the cells an import could not read) until their cell is edited or the form saved.
        ``unfilled``: a new form; its findings wait for the first edit or ``check_now``.
        """
        self._unfilled = unfilled
        self.undo_stack.clear()
        self._suggestions.clear()
        self._extra = [(f, _value_at(form, f.location)) for f in extra_findings]
        self._path = path
        self._restored = modified
        self.apply(form, Change("all"))
        self.pathChanged.emit()
        self.modifiedChanged.emit(self.is_modified())
        self.refresh_findings()

    def mark_saved(self, path: Path) -> None:
        """The form now equals the file at ``path``."""
        self._restored = False
        self.undo_stack.setClean()
        self.set_path(path)
        self.modifiedChanged.emit(self.is_modified())
        if self._extra:  # the clerk has seen them and saved: the file is the form now
            self._extra = []
            self.refresh_findings()

    # --- edits (each one is an undo command) -----------------------------------------
    def set_value(self, path: FieldPath, value: Any, text: str | None = None) -> bool:
        """Set one field through the model; raises ValueError (Chinese) when refused.

        Returns False (and pushes nothing) when the value is unchanged.
        """
        if _same(get_at(self._form, path), value):
            return False
        new = replace_at(self._form, path, value)
        if _same(get_at(self._form, path), get_at(new, path)):
            return False
        if self._batch_start is not None:
            self._form = new  # shown and pushed as one step when the batch ends
            return True
        label = text or self.tr("编辑 %1").replace("%1", str(path))
        self.undo_stack.push(SetValueCommand(self, self._form, new, Change("value", path), label))
        return True

    @contextmanager
    def batch(self, text: str) -> Iterator[None]:
        """Many cell edits (a paste, clearing a selection) as one undo step and one refresh.

        Edits in the batch go straight into the form; views hear of them once, at the end
        (Change 'cells'). Row operations are not allowed inside: do them before.
        """
        if self._batch_start is not None:  # nested: the outer batch pushes
            yield
            return
        start = self._batch_start = self._form
        try:
            yield
        finally:
            end = self._form
            self._form = start
            self._batch_start = None
            if end is not start:
                self.undo_stack.push(SetValueCommand(self, start, end, Change("cells"), text))

    def set_values(self, pairs: list[tuple[FieldPath, Any]], text: str) -> bool:
        """Set several fields as one undo step (a merged 一级 cell renamed for all its rows)."""
        new = self._form
        for path, value in pairs:
            if not _same(get_at(new, path), value):
                new = replace_at(new, path, value)
        if new is self._form:
            return False
        if self._batch_start is not None:
            self._form = new
            return True
        self.undo_stack.push(SetValueCommand(self, self._form, new, Change("cells"), text))
        return True

    def _rows(self, indicators: list[Indicator], select: tuple[int, ...], text: str) -> None:
        if self._batch_start is not None:
            raise RuntimeError("row operations cannot run inside a batch of cell edits")

        try:
            new = self._form.model_copy()
            new.indicators = indicators  # validated: max length
        except ValidationError as exc:
            raise ValueError(validation_error_parts(exc)[1]) from None
        self.undo_stack.push(
            RowsCommand(self, self._form, new, Change("rows", select=select), text)
        )

    def insert_indicator(self, row: int, indicator: Indicator | None = None) -> None:
        """Insert a row before ``row`` (``len`` appends); a new row inherits 一级/二级 above it."""
        items = list(self._form.indicators)
        row = max(0, min(row, len(items)))
        if indicator is None:
            above = items[row - 1] if row > 0 else (items[0] if items else None)
            indicator = Indicator(
                level1=above.level1 if above else "", level2=above.level2 if above else ""
            )
        items.insert(row, indicator)
        self._rows(items, (row,), self.tr("插入指标行"))

    def append_indicators(self, count: int) -> None:
        """Add ``count`` empty rows at the end (a pasted block longer than the table)."""
        if count <= 0:
            return
        items = list(self._form.indicators)
        items.extend(Indicator() for _ in range(count))
        self._rows(items, (), self.tr("添加指标行"))  # the paste keeps its current cell

    def delete_indicators(self, rows: list[int]) -> None:
        wanted = sorted({r for r in rows if 0 <= r < len(self._form.indicators)})
        if not wanted:
            return
        items = [ind for i, ind in enumerate(self._form.indicators) if i not in set(wanted)]
        select = min(wanted[0], len(items) - 1)
        self._rows(items, (select,) if select >= 0 else (), self.tr("删除指标行"))

    def duplicate_indicator(self, row: int) -> None:
        items = list(self._form.indicators)
        if not 0 <= row < len(items):
            return
        items.insert(row + 1, items[row].model_copy())
        self._rows(items, (row + 1,), self.tr("复制指标行"))

    def move_indicator(self, row: int, delta: int) -> None:
        items = list(self._form.indicators)
        target = row + delta
        if not (0 <= row < len(items) and 0 <= target < len(items)):
            return
        items.insert(target, items.pop(row))
        self._rows(items, (target,), self.tr("移动指标行"))

    def typed_total_differences(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """Columns where the typed 年度资金总额 differs from the sum of its 其中 rows.

        (column key, typed, summed); empty when the total is auto-summed or agrees, i.e.
        when switching to auto-sum would lose nothing the clerk typed.
        """
        typed = self._form.funding.total
        if typed is None:
            return []
        summed = figures.summed_total_row(self._form)
        pairs = ((c, getattr(typed, c), getattr(summed, c)) for c in FUNDING_COLUMNS)
        return [(column, a, b) for column, a, b in pairs if a != b]  # None == only None

    def set_total_auto(self, auto: bool) -> bool:
        """Switch 年度资金总额 between auto-sum (None) and typed (starting from the sums).

        Raises ValueError (Chinese) when the sums cannot be typed figures (above 10^15).
        """
        if auto == (self._form.funding.total is None):
            return False
        value: FundingRow | None = None
        if not auto:
            summed = figures.summed_total_row(self._form)
            try:
                value = FundingRow.model_validate(summed.model_dump())
            except ValidationError as exc:
                reason = validation_error_parts(exc)[1]
                raise ValueError(
                    self.tr("其中三项之和无法作为手工填写的总额：%1").replace("%1", reason)
                ) from None
        text = (self.tr("%1自动合计") if auto else self.tr("%1手工填写")).replace(
            "%1", spec_text(STANDARD.funding.total_row.label)
        )
        return self.set_value(FieldPath.of("funding", "total"), value, text)

    def convert_unit(self, unit: str) -> bool:
        """Switch 元/万元 and convert every funding amount with it, as one undo step.

        The arithmetic is figures.convert_amounts; undo puts the old Form back exactly
        (amounts as typed, unit). Raises ValueError (Chinese) when an amount cannot be
        converted within the model's limits; nothing changes then.
        """
        target: figures.Unit
        if unit == "元":
            target = "元"
        elif unit == "万元":
            target = "万元"
        else:
            raise ValueError(self.tr("金额单位只能是“元”或“万元”"))
        new = figures.convert_amounts(self._form, target)
        if new is self._form:
            return False
        if self._batch_start is not None:
            self._form = new
            return True
        text = self.tr("金额换算为%1").replace("%1", unit_label(unit))
        self.undo_stack.push(
            SetValueCommand(
                self, self._form, new, Change("value", FieldPath.of("funding", "unit")), text
            )
        )
        return True
