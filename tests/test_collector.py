"""The command line keeps the cyclic collector out of start-up work and leaves no trace.

``perfeval`` pauses the collector while its modules are imported and freezes them
(see perfeval_gui/_collector.py); a caller running commands in-process must get the
collector back exactly as it was.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from perfeval_gui._collector import collector_paused, frozen_objects_released
from perfeval_gui.cli import main


@pytest.fixture
def collector_as_usual():
    """Collector on, nothing frozen; restored whatever the test does."""
    enabled = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    yield
    gc.unfreeze()
    if not enabled:
        gc.disable()


def test_paused_inside_and_restored_after(collector_as_usual):
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still paused after the inner block
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()  # switched off by the caller: stays off


def test_paused_is_restored_when_the_block_raises(collector_as_usual):
    with pytest.raises(ZeroDivisionError), collector_paused(then_freeze=True):
        _ = 1 / 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing frozen for a block that failed


def test_then_freeze_sets_existing_objects_aside_until_released(collector_as_usual):
    with frozen_objects_released():
        with collector_paused(then_freeze=True):
            kept = [object() for _ in range(10)]
        assert gc.get_freeze_count() > len(kept)
        assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_objects_frozen_by_the_caller_stay_frozen(collector_as_usual):
    gc.freeze()
    before = gc.get_freeze_count()
    with frozen_objects_released(), collector_paused(then_freeze=True):
        pass
    assert gc.get_freeze_count() >= before > 0


@pytest.mark.parametrize("command", ["check", "pdf"])
def test_a_command_leaves_the_collector_as_it_found_it(
    collector_as_usual, capsys, tmp_path: Path, seed1_path: Path, command: str
):
    target = tmp_path / "out.pdf"
    argv = [command, str(seed1_path), *(["-o", str(target)] if command == "pdf" else [])]
    assert main(argv) == 0
    if command == "check":
        assert "总分 85.58" in capsys.readouterr().out
    else:
        assert target.read_bytes().startswith(b"%PDF-")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
