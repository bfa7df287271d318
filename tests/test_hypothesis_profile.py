"""The suite's hypothesis profile (tests/conftest.py): machine load cannot fail a test."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings


@pytest.mark.skipif(
    os.environ.get("HYPOTHESIS_PROFILE", "perfeval") != "perfeval",
    reason="another hypothesis profile was chosen",
)
def test_timing_checks_are_off_also_under_a_tests_own_settings() -> None:
    own = settings(max_examples=300)  # as a test's @settings(max_examples=300) builds it
    assert own.max_examples == 300
    for active in (settings(), own):
        assert active.deadline is None
        assert HealthCheck.too_slow in active.suppress_health_check
