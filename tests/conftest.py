"""Shared test setup: Qt runs offscreen; paths to the bundled examples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from perfeval_gui.assets import EXAMPLES, example_path
from perfeval_gui.fileio import load_form
from perfeval_gui.model import Form


@pytest.fixture
def seed1_path() -> Path:
    return example_path(EXAMPLES[0])


@pytest.fixture
def seed2_path() -> Path:
    return example_path(EXAMPLES[1])


@pytest.fixture
def seed1(seed1_path: Path) -> Form:
    return load_form(seed1_path)


@pytest.fixture
def seed2(seed2_path: Path) -> Form:
    return load_form(seed2_path)
