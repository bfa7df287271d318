"""Next year's form: exactly the listed fields kept, exactly the others cleared, and the
clerk told which in the spec's words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_gui.model import (
    FUNDING_COLUMNS,
    FUNDING_SOURCES,
    PUBLISHED_FIGURES,
    YEAR_MAX,
    Form,
    FundingRow,
)
from perfeval_gui.portfolio.next_year import CARRIED, CLEARED, next_year, next_year_name

KEPT = {"project_name", "competent_department", "implementing_unit", "funding.unit",
        "funding.weight", "goals.expected", "indicators.level1", "indicators.level2",
        "indicators.name", "indicators.target", "indicators.weight"}
EMPTIED = {"funding.total", *(f"funding.{s}.{c}" for s in FUNDING_SOURCES for c in FUNDING_COLUMNS),
           "goals.actual", "indicators.actual", "indicators.score", "indicators.grade",
           "indicators.deviation",
           # A published PDF's printed figures belong to that year's form only.
           *(f"published.{key}" for key in PUBLISHED_FIGURES)}
SAME = {"format", "version"}


def leaves(model: type, prefix: str = "") -> set[str]:
    """Every field of the file format, nested models opened (a list by its item's fields)."""
    from typing import get_args

    from pydantic import BaseModel

    out: set[str] = set()
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        path = f"{prefix}{name}"
        inner = [a for a in (info.annotation, *get_args(info.annotation))
                 if isinstance(a, type) and issubclass(a, BaseModel)]
        if inner and path != "funding.total":
            out |= leaves(inner[0], f"{path}.")
        else:
            out.add(path)
    return out


def test_the_lists_cover_every_field_of_the_format() -> None:
    """A new field in the model must be classified here (kept or cleared) to pass."""
    assert leaves(Form) == KEPT | EMPTIED | SAME | {"year"}
    assert not KEPT & EMPTIED


def test_seed_next_year_keeps_and_clears_exactly_the_listed_fields(seed1: Form) -> None:
    seed1 = seed1.model_copy(update={"funding": seed1.funding.model_copy(
        update={"unit": "万元", "weight": Decimal("12")})})
    for ind in seed1.indicators[:2]:
        assert ind.actual and ind.score is not None
    new, carried, cleared = next_year(seed1)
    assert new.year == seed1.year + 1 == 2023
    assert (new.format, new.version) == (seed1.format, seed1.version)
    for key in ("project_name", "competent_department", "implementing_unit"):
        assert getattr(new, key) == getattr(seed1, key) != ""
    assert new.funding.unit == "万元" and new.funding.weight == Decimal("12")
    assert new.goals.expected == seed1.goals.expected != ""
    assert seed1.goals.actual and new.goals.actual == ""
    assert seed1.funding.total is not None and new.funding.total is None  # auto-summed
    for source in FUNDING_SOURCES:
        assert getattr(new.funding, source) == FundingRow()
    assert len(new.indicators) == len(seed1.indicators)
    for old, ind in zip(seed1.indicators, new.indicators, strict=True):
        for key in ("level1", "level2", "name", "target", "weight"):
            assert getattr(ind, key) == getattr(old, key)
        assert (ind.actual, ind.score, ind.grade, ind.deviation) == ("", None, None, "")
    assert carried == ["年度（2022 → 2023）", *CARRIED]
    assert cleared == list(CLEARED)
    assert new == Form.model_validate(new.to_json_data())  # a valid form, as saved


def test_graded_rows_lose_their_grade(seed2: Form) -> None:
    first = seed2.indicators[0].model_copy(update={"grade": "partial", "deviation": "原因"})
    form = seed2.model_copy(update={"indicators": [first, *seed2.indicators[1:]]})
    new, _, _ = next_year(form)
    assert (new.indicators[0].grade, new.indicators[0].deviation) == (None, "")
    assert all(i.grade is None and i.score is None for i in new.indicators)


def test_the_lists_name_the_cells_in_the_clerk_s_words() -> None:
    assert CARRIED == (
        "项目名称", "主管部门", "实施单位", "项目资金·金额单位", "项目资金·分值",
        "年度总体目标·预期目标", "绩效指标·一级指标", "绩效指标·二级指标", "绩效指标·三级指标",
        "绩效指标·年度指标值", "绩效指标·分值",
    )
    assert CLEARED == (
        "项目资金·年初预算数", "项目资金·全年预算数", "项目资金·全年执行数",
        "年度总体目标·实际完成情况", "绩效指标·实际完成值", "绩效指标·得分",
        "绩效指标·评价等级", "绩效指标·偏差原因分析及改进措施",
    )


def test_the_last_year_the_format_allows_has_no_next() -> None:
    with pytest.raises(ValueError, match=f"年度 {YEAR_MAX} 已是允许的最后一年"):
        next_year(Form(year=YEAR_MAX))


@pytest.mark.parametrize(("name", "year", "expected"), [
    ("自评表2024.json", 2024, "自评表2025.json"),
    ("2024年度 重点项目.json", 2024, "2025年度 重点项目.json"),
    ("2024-2024.json", 2024, "2024-2025.json"),  # the last one moves on
    ("项目12024.json", 2024, "项目12024-2025.json"),  # 12024 is not the year
    ("重点企业服务.json", 2022, "重点企业服务-2023.json"),
    ("无扩展名", 2022, "无扩展名-2023.json"),
])
def test_next_year_name(name: str, year: int, expected: str) -> None:
    assert next_year_name(name, year, year + 1) == expected
