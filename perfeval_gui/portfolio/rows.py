"""One row of the portfolio per form (its figures, grade and findings), or per file that
could not be read (with the reason); and the columns every roll-up shows them in.

A row keeps what the list, the totals and the exports need, not the Form itself: 10,000
forms stay a few MB. Every figure comes from ``figures`` (the window, the PDF and
``perfeval check`` show the same), every finding from ``rules``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from perfeval_gui import figures
from perfeval_gui.figures import SelfGrade, Unit
from perfeval_gui.file_errors import quote_name
from perfeval_gui.model import Form
from perfeval_gui.rules import Finding, check
from perfeval_gui.spec import SELF_GRADE_NAME, STANDARD, YEAR_NAME


@dataclass(frozen=True, slots=True)
class FormRow:
    """A form found in the portfolio, as the list shows it. Amounts are in the form's own
    ``unit`` (``amount_in`` converts them); figures as the form shows them."""

    file: str
    """The path as found (the given folder joined with the names below it)."""
    project_name: str
    competent_department: str
    implementing_unit: str
    year: int
    unit: Unit
    annual_budget: Decimal | None
    """全年预算数 of the 年度资金总额 row (typed, or summed from the 其中 rows)."""
    executed: Decimal | None
    execution_rate: Decimal | None
    """Percent, 2 decimals; None for —."""
    funding_score: Decimal
    weight_total: Decimal
    total_score: Decimal
    grade: SelfGrade | None
    """None: nothing scored yet (figures.form_grade)."""
    findings: tuple[Finding, ...]
    sheet: str | None = None
    """For a form read from a workbook: its sheet."""
    index: int | None = None
    """For a form read from a workbook: which form of its sheet (1 for the first)."""
    place: str | None = None
    """For a form read from a workbook: ``Sheet1`` or ``Sheet1 第 2 个表`` (a PDF: ``第3页``)."""
    page: int | None = None
    """For a form read from a published PDF: the page it starts on (1-based)."""

    @property
    def label(self) -> str:
        """The file as ``perfeval check`` names the form: ``book.xlsx（Sheet1）`` for a
        workbook's form."""
        return self.file if self.place is None else f"{self.file}（{self.place}）"

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def codes(self) -> frozenset[str]:
        """The finding codes of this form (each once)."""
        return frozenset(f.code for f in self.findings)

    def amount_in(self, value: Decimal | None, unit: Unit) -> Decimal | None:
        """One of this row's amounts in ``unit``, converted exactly (figures.convert_amount)."""
        if value is None or unit == self.unit:
            return value
        return figures.convert_amount(value, unit)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file (or folder) of the portfolio that could not be read: listed, never hidden."""

    file: str
    reason: str
    """Why, in the clerk's words, without the name (``文件不完整：…``)."""
    detail: str = ""
    """The same with the field path of a refused value, for ``--json`` (else the reason)."""

    @property
    def label(self) -> str:
        return self.file

    @property
    def message(self) -> str:
        """One line: the quoted, escaped name, then the reason (as FormFileError words it)."""
        return f"{quote_name(self.file)}：{self.reason}"


Entry = FormRow | Unreadable
"""What the portfolio lists: a form, or a file it could not read."""


def form_row(form: Form, file: str, notes: Sequence[Finding] = (), *, sheet: str | None = None,
             index: int | None = None, place: str | None = None,
             page: int | None = None) -> FormRow:
    """The row of ``form`` found in ``file``; ``notes``: findings of the reading itself (a
    workbook's unread cells), listed before the rules' findings as ``perfeval check`` does."""
    computed = figures.compute(form)
    return FormRow(
        file=file,
        project_name=form.project_name,
        competent_department=form.competent_department,
        implementing_unit=form.implementing_unit,
        year=form.year,
        unit=form.funding.unit,
        annual_budget=computed.total_row.annual_budget,
        executed=computed.total_row.executed,
        execution_rate=computed.execution_rate,
        funding_score=computed.funding_score,
        weight_total=computed.weight_total,
        total_score=computed.total_score,
        grade=figures.form_grade(form),
        findings=(*notes, *check(form)),
        sheet=sheet,
        index=index,
        place=place,
        page=page,
    )


# --- the columns of the list and of every roll-up ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the portfolio: its key (a FormRow attribute, or ``errors`` …) and its
    header (the spec's label where the form has one)."""

    key: str
    label: str
    kind: str = "text"
    """text, year, amount, rate, score, grade, count."""


_FUNDING: Final = STANDARD.funding
COLUMNS: Final[tuple[Column, ...]] = (
    *(Column(h.key, h.label) for h in STANDARD.header),
    Column("year", YEAR_NAME, "year"),
    Column("annual_budget", _FUNDING.column("annual_budget").label, "amount"),
    Column("executed", _FUNDING.column("executed").label, "amount"),
    Column("execution_rate", _FUNDING.column_of_kind("rate").label, "rate"),
    Column("funding_score", "资金得分", "score"),
    Column("total_score", STANDARD.indicators.total_label, "score"),
    Column("grade", SELF_GRADE_NAME, "grade"),
    Column("errors", "错误", "count"),
    Column("warnings", "警告", "count"),
    Column("file", "文件"),
    Column("place", "位置"),
    Column("problem", "说明"),
)
"""项目名称 … 自评等级, errors, warnings, file, the place in a workbook, and why a file could
not be read: the order of the list, the .xlsx, the .csv and the PDF summary."""


def column(key: str) -> Column:
    return next(c for c in COLUMNS if c.key == key)
