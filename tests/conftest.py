"""Shared test setup: Qt runs offscreen; hypothesis ignores machine load; the examples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from perfeval_gui.assets import EXAMPLES, example_path
from perfeval_gui.fileio import load_form
from perfeval_gui.model import Form

# Timing must not fail a test: on a loaded 2-core CI machine generating inputs or running
# one example can be slow (FailedHealthCheck too_slow, DeadlineExceeded) with no change.
# The tests' own @settings (max_examples …) apply on top of this profile. Another profile
# (e.g. hypothesis' "default") can be chosen with HYPOTHESIS_PROFILE. Under CI the examples
# are derandomized: a landing run checks the same inputs every time (a new random find is
# a developer's, made on a workstation, not a coin toss on the merge).
settings.register_profile("perfeval", deadline=None, suppress_health_check=[HealthCheck.too_slow],
                          derandomize=bool(os.environ.get("CI")))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "perfeval"))


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
