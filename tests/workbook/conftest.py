"""Fixtures of the workbook tests (helpers to build workbooks: wbhelpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def lo_dir(tmp_path: Path) -> Path:
    """A folder for LibreOffice's conversions (and its throw-away profile)."""
    out = tmp_path / "lo"
    out.mkdir()
    return out
