"""Reading a large folder in a child process: the same rows as ``portfolio.scan``, and every
file still listed when the child cannot start or dies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_portfolio_window import make_form, write

from perfeval_gui.portfolio.scanner import scan, walk
from perfeval_gui.ui import portfolio_steps
from perfeval_gui.ui.portfolio_steps import Found, Packed, child_steps, unpack


def rows(steps) -> list:
    found = []
    for step in steps:
        for one in unpack(step.item) if isinstance(step.item, Packed) else [step]:
            if isinstance(one.item, Found):
                found.extend(one.item.entries)
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "f"
    for i in range(60):
        write(root / f"{i:03d}.json", make_form(f"项目{i}", budget="1", executed="1",
                                                score=str(i)))
    (root / "bad.json").write_text("[]", encoding="utf-8")
    return root


def test_child_rows_equal_the_scan(folder):
    expected = [s.entry for s in scan([str(folder)]) if s.entry is not None]
    assert rows(child_steps(list(walk([str(folder)])))) == expected


@pytest.mark.parametrize("program", ["/nonexistent/python", shutil.which("false") or "false"])
def test_a_child_that_cannot_start_or_dies_leaves_the_reading_to_the_thread(
        folder, monkeypatch, program):
    expected = [s.entry for s in scan([str(folder)]) if s.entry is not None]
    monkeypatch.setattr(portfolio_steps.sys, "executable", program)
    assert rows(child_steps(list(walk([str(folder)])))) == expected
