"""The Qt binding itself: releases that corrupt the interpreter must not pass CI.

PySide6-Essentials 6.12.0 on Python 3.11 returned None/True/False without taking a
reference (every ``signal.emit()``, every Qt call returning nothing), so a long editing
session aborted with "deallocating None". pyproject.toml excludes that release; this
test fails loudly if another release brings the bug back. On 3.12+ the singletons are
immortal and their counts never move.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Emitter(QObject):
    fired = Signal()


def test_qt_calls_keep_singleton_refcounts(qtbot):
    emitter, widget = _Emitter(), QWidget()
    qtbot.addWidget(widget)
    before = {
        name: sys.getrefcount(obj)
        for name, obj in (("None", None), ("True", True), ("False", False))
    }
    for _ in range(200):
        emitter.fired.emit()
        widget.parent()
        widget.setFixedHeight(10)
        widget.isVisible()
    after = {
        name: sys.getrefcount(obj)
        for name, obj in (("None", None), ("True", True), ("False", False))
    }
    # Other code may take a few references meanwhile; a leak of one per call loses ≥ 200.
    for name in before:
        assert after[name] > before[name] - 100, (name, before[name], after[name])
