"""Keep Python's cyclic garbage collector out of the way of start-up work.

A ``perfeval`` command builds a few hundred thousand objects that all live
until the process ends: pydantic's schemas and validators, ReportLab's tables,
the parsed font (~100 000 lists, tuples and numbers from the font cache). Their
allocation keeps triggering collections that free nothing, and each later one
walks them again; the full collection that loading the font triggers walks
every object in the process. Measured on the 2-core box (min over 25 runs of
``perfeval pdf`` on seed 1): 275 ms with the collector left alone, 226 ms with
the imports and the font load paused and the imported objects frozen.
Reference counting frees everything as usual meanwhile; only reference cycles
wait, and the collector still runs for the objects each form creates.

At exit the interpreter runs full collections once more, walking every object
left (~90 ms of a ``perfeval pdf`` run, ~25 ms of ``perfeval check``): a process
that is about to end anyway sets them all aside first (``objects_frozen_at_exit``).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused(*, then_freeze: bool = False) -> Iterator[None]:
    """No cyclic collection inside the block; the collector's previous state is restored.

    ``then_freeze``: before the collector resumes, every object that exists is left
    out of all later collections (``gc.freeze``), for objects that live until exit
    anyway (modules, classes, models). It must happen inside the pause: the first
    collection after it would otherwise walk everything the block built.
    ``frozen_objects_released`` undoes it around a whole command.
    """
    enabled = gc.isenabled()  # False when nested, or switched off by the caller
    gc.disable()
    try:
        yield
        if then_freeze:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def frozen_objects_released() -> Iterator[None]:
    """Hand objects frozen inside the block back to the collector when it ends.

    So calling a command in-process (tests, scripts) leaves no lasting change; if
    objects were already frozen on entry (a caller about to fork), they stay so.
    """
    frozen_before = gc.get_freeze_count()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def objects_frozen_at_exit() -> None:
    """Freeze every object when the interpreter starts exiting, so that its final
    collections skip them; for a process that ends after one command.

    Exit still closes files, runs atexit handlers and clears modules; only reference
    cycles are left for the operating system to reclaim, whose ``__del__`` Python does
    not promise to run at exit anyway. Registered once however often it is called.
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
