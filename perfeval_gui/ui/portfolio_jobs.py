"""Long work of 项目一览 (scanning folders, checking, exporting) on a worker thread.

``BackgroundJob`` iterates a generator of ``Step``s on a daemon thread and hands what it
yields to the GUI thread in batches, polled by a timer (never a queued signal per row:
10,000 of them would flood the event loop; never a Qt object touched by the worker).
A batch is capped so that the GUI thread's share of each tick stays within a frame.
Cancelling sets a flag the worker checks between steps; the generator is then closed on
the worker thread, so its ``finally`` blocks run there. The steps themselves (and reading
a large folder in a child process) are ``portfolio_steps``'s.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal

from perfeval_gui.ui.portfolio_steps import Packed, Step, unpack

POLL_MS: Final = 10
BATCH_LIMIT: Final = 300
"""At most this many items per tick (about 5 ms of the GUI thread's time for rows)."""
EMIT_EVERY_S: Final = 0.2
DRAIN_BUDGET_S: Final = 0.005
"""…and no more taken once this long has gone on unpickling a child's batches."""

class BackgroundJob(QObject):
    """Runs ``steps()`` on a worker thread; ``produced(list)`` batches of the steps' items on
    the GUI thread, ``progressed(done, total)``, then ``ended(cancelled, error)``."""

    produced = Signal(list)
    progressed = Signal(int, int)
    ended = Signal(bool, str)

    def __init__(self, steps: Callable[[], Iterator[Step]], parent: QObject | None = None,
                 prepare: Callable[[object], object] | None = None) -> None:
        """``prepare``: applied to each item on the GUI thread as it is taken off the queue,
        within the tick's budget (work the receiver would otherwise do all at once)."""
        super().__init__(parent)
        self._make_steps = steps
        self._prepare = prepare
        self._queue: deque[Step] = deque()
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._error = ""
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)
        self._ended = False
        self.started_at = 0.0
        self._items: list[object] = []
        self._last: Step | None = None
        self._emitted = self._progressed = 0.0

    @property
    def running(self) -> bool:
        return self._thread is not None and not self._ended

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        self.started_at = time.perf_counter()
        self._thread = threading.Thread(target=self._work, name="perfeval-portfolio",
                                        daemon=True)
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        """Stop after the current step (one file's read); what was produced stays."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the worker (tests, closing the window); True when it has ended."""
        return self._finished.wait(timeout)

    def _work(self) -> None:
        steps: Iterator[Step] | None = None
        try:
            steps = self._make_steps()
            for step in steps:
                self._queue.append(step)
                if self._cancel.is_set():
                    break
                time.sleep(0)  # hand the GIL over: the GUI thread never waits a switch interval
        except Exception as exc:  # reported as one line, never a traceback
            self._error = f"{type(exc).__name__}: {exc}"
        finally:
            if steps is not None and hasattr(steps, "close"):
                try:
                    steps.close()
                except Exception as exc:
                    self._error = self._error or f"{type(exc).__name__}: {exc}"
            self._finished.set()

    def _drain(self) -> None:
        """Take a tick's worth of steps off the queue; every EMIT_EVERY_S hand what was taken
        to the GUI thread (each hand-over repaints the list: ~10–30 ms at 10,000 rows, so
        not 40 times a second); end when the worker has."""
        finished = self._finished.is_set()  # before draining: nothing is queued after it
        deadline = time.perf_counter() + DRAIN_BUDGET_S
        taken = 0
        while self._queue and taken < BATCH_LIMIT and time.perf_counter() < deadline:
            step = self._queue.popleft()
            for one in unpack(step.item) if isinstance(step.item, Packed) else [step]:
                self._last = one
                taken += 1
                if one.item is not None:
                    prepare = self._prepare
                    self._items.append(one.item if prepare is None else prepare(one.item))
        done = finished and not self._queue
        now = time.perf_counter()
        if self._items and (done or now - self._emitted >= EMIT_EVERY_S):
            items, self._items = self._items, []
            self._emitted = now
            self.produced.emit(items)
        if self._last is not None and (done or now - self._progressed >= EMIT_EVERY_S):
            self._progressed = now
            self.progressed.emit(self._last.done, self._last.total)
        if done:
            self._timer.stop()
            self._ended = True
            self.ended.emit(self._cancel.is_set(), self._error)
