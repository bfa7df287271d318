"""Forms for the portfolio tests: a budget, an execution, scores, a unit, written to disk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from perfeval_gui.fileio import save_form
from perfeval_gui.model import Form, Funding, FundingRow, Indicator
from perfeval_gui.portfolio.rows import Entry
from perfeval_gui.portfolio.scanner import scan


def make_form(name: str = "项目", *, unit: str = "元", budget: str | None = None,
              executed: str | None = None, scores: Sequence[str | None] = (),
              year: int = 2024, unit_name: str = "某某单位") -> Form:
    """A form with a typed 年度资金总额 row and one indicator per score (weight 90 / n)."""
    n = max(1, len(scores))
    weight = (Decimal(90) / n).quantize(Decimal("0.000001"))
    return Form(
        year=year,
        project_name=name,
        competent_department="某某局",
        implementing_unit=unit_name,
        funding=Funding(unit=unit, weight=Decimal(10),
                        total=FundingRow(annual_budget=budget, executed=executed)),
        indicators=[Indicator(level1="产出指标", level2="数量指标", name=f"指标{i}",
                              target="≥1", weight=weight,
                              score=None if s is None else Decimal(s))
                    for i, s in enumerate(scores)],
    )


def write(path: Path, form: Form) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    save_form(form, path)
    return path


def entries(paths: Iterable[Path | str]) -> list[Entry]:
    """Every row a scan of ``paths`` yields, in order."""
    return [s.entry for s in scan([str(p) for p in paths]) if s.entry is not None]
