"""Helpers for the printout tests: forms built to stress the layout, and PDF inspection."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from perfeval_gui.model import Form, Indicator

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without any whitespace: a wrapped cell reads as one string again."""
    return _SPACE.sub("", text)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def many_indicators(form: Form, count: int) -> Form:
    """``form`` with ``count`` indicators in four 一级/二级 groups, every 7th with a long note."""
    groups = [("产出指标", "数量指标"), ("产出指标", "质量指标"),
              ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
    out = form.model_copy(deep=True)
    out.indicators = [
        Indicator(
            level1=groups[i * 4 // count][0],
            level2=groups[i * 4 // count][1],
            name=f"第{i + 1}号指标",
            target=">90%",
            actual="95%",
            weight=Decimal("1.5"),
            score=Decimal("1.25"),
            deviation="" if i % 7 else "受疫情影响，部分活动延期举办，下一年度将加强计划管理。",
        )
        for i in range(count)
    ]
    return out


@pytest.fixture
def sixty(seed1: Form) -> Form:
    return many_indicators(seed1, 60)


@pytest.fixture(name="squash")
def _squash_fixture():
    return squash


@pytest.fixture(name="page_texts")
def _page_texts_fixture():
    return page_texts


@pytest.fixture(name="many_indicators")
def _many_indicators_fixture():
    return many_indicators
