"""The form's labels as the reader compares them: every wording from the spec, normalized.

Built once from ``spec.STANDARD`` (labels, synonyms, the deviation parts, the title
synonyms, the unit notes and the extra rows some templates add), so that the reader
recognises exactly what the spec lists and spells no label itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from perfeval_gui.spec import DEVIATION_PARTS, GRADE_LABELS, STANDARD, FormLayout, one_line
from perfeval_gui.workbook.cells import normalize

AMOUNT: Final = "amount"


@dataclass(frozen=True)
class Labels:
    """Normalized label → what it names, per block of the form."""

    header: dict[str, str]
    """→ Form field (project_name …)."""
    funding_name: str
    """项目资金, normalized (the block's label starts with it, the unit follows)."""
    funding_columns: dict[str, str]
    """→ funding column key (initial_budget … weight, execution_rate, score)."""
    funding_rows: dict[str, str]
    """→ Funding field (total, current_year_appropriation …)."""
    goals: dict[str, str]
    """→ Goals field."""
    indicators: dict[str, str]
    """→ Indicator field (level1 … deviation, grade)."""
    improvement: str
    """改进措施: the second half of a split deviation column."""
    totals: frozenset[str]
    """The indicator table's last row (总分)."""
    titles: tuple[str, ...]
    unit_notes: tuple[str, ...]
    extra: tuple[str, ...]
    """Rows some templates add around the form (填报单位, 联系人 …): never form content."""
    grades: dict[str, str]
    """Grade label or code → grade code."""
    units: tuple[str, ...]
    """元 / 万元, longest first (万元 contains 元)."""
    every: frozenset[str]
    """All of the labels above: a cell holding one is never a value."""

    header_prefixes: tuple[tuple[str, str], ...]
    """(label + ':', field): a header cell holding its value (``项目名称：…``)."""
    header_starts: tuple[str, ...]
    """The prefixes alone, for one ``startswith`` per cell."""


def _strip_prefix(label: str, prefix: str) -> str:
    return label[len(prefix):] if label.startswith(prefix) else label


@cache
def labels(layout: FormLayout = STANDARD) -> Labels:
    """The normalized labels of ``layout`` (cached: built once per process)."""
    header = {normalize(label): h.key for h in layout.header for label in h.labels}
    funding = layout.funding
    columns = {normalize(label): c.key for c in funding.columns for label in c.labels}
    rows: dict[str, str] = {}
    source_prefix = normalize(funding.source_rows[0].label)[: -len(funding.source_rows[0].name)]
    for row in funding.rows:
        for label in row.labels:
            rows[normalize(label)] = row.key
            rows.setdefault(_strip_prefix(normalize(label), source_prefix), row.key)
    goals = {normalize(label): cell.key for cell in layout.goals.cells
             for label in (cell.label, *cell.synonyms)}
    table = layout.indicators
    indicators = {normalize(label): c.key for c in table.columns if c.field is not None
                  for label in c.labels}
    grades = {normalize(label): code for code, label in GRADE_LABELS.items()}
    grades.update({code: code for code in GRADE_LABELS})
    totals = frozenset({normalize(table.total_label)})
    titles = tuple(normalize(t) for t in (layout.title, *layout.title_synonyms))
    every = frozenset({*header, *columns, *rows, *goals, *indicators, *totals,
                       normalize(funding.name), normalize(one_line(funding.label)),
                       normalize(layout.goals.label), normalize(table.label),
                       *(normalize(s) for s in (*layout.goals.synonyms, *table.synonyms,
                                                *funding.synonyms)),
                       normalize(DEVIATION_PARTS[1])})
    return Labels(
        header=header,
        funding_name=normalize(funding.name),
        funding_columns=columns,
        funding_rows=rows,
        goals=goals,
        indicators=indicators,
        improvement=normalize(DEVIATION_PARTS[1]),
        totals=totals,
        titles=titles,
        unit_notes=tuple(normalize(n) for n in layout.unit_notes),
        extra=tuple(normalize(e) for e in layout.extra_labels),
        grades=grades,
        units=tuple(sorted(layout.units, key=len, reverse=True)),
        every=every,
        header_prefixes=tuple((label + ":", key) for label, key in header.items()),
        header_starts=tuple(label + ":" for label in header),
    )
