"""项目一览's totals line: worked out off the GUI thread, written in the clerk's words.

``portfolio.totals`` over 10,000 rows takes ~80 ms, five frames: it runs on a worker thread
over a snapshot of the rows (frozen dataclasses) and the filter (a plain value), and the
result is picked up by a timer. A request while one is running is remembered and run
next, so the line always ends up matching the list.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from perfeval_gui.figures import Unit
from perfeval_gui.numbers import format_rate, format_score
from perfeval_gui.portfolio.rows import Entry, column
from perfeval_gui.portfolio.totals import GRADES, Totals, totals
from perfeval_gui.ui.labels import spec_text, unit_label
from perfeval_gui.ui.portfolio_model import FilterSpec, amount_text

POLL_MS: Final = 20
SWITCH_S: Final = 0.0005
"""While the totals are worked out, the GIL changes hands at least this often (Python's
default is 5 ms): every call Qt makes into Python (a cell's text while painting, a timer)
waits for the GIL, and a repaint makes hundreds of them."""
CODES_SHOWN: Final = 8
"""Finding codes listed on the line (most frequent first); the rest as …."""

Request = tuple[list[Entry], list[str], FilterSpec, Unit]


class TotalsWorker(QObject):
    """``ready(Totals)`` for the latest ``request``."""

    ready = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next: Request | None = None
        self._box: list[Totals] = []
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._switch: float | None = None
        """The interpreter's switch interval to restore once the totals are done."""

    @property
    def busy(self) -> bool:
        return self._thread is not None or self._next is not None

    def request(self, entries: list[Entry], hays: list[str], spec: FilterSpec,
                unit: Unit) -> None:
        self._next = (entries, hays, spec, unit)
        if self._thread is None:
            self._start()

    def _start(self) -> None:
        request, self._next = self._next, None
        if request is None:
            return
        self._thread = threading.Thread(target=_compute, args=(request, self._box.append),
                                        name="perfeval-totals", daemon=True)
        if self._switch is None:  # see SWITCH_S
            self._switch = sys.getswitchinterval()
            sys.setswitchinterval(min(self._switch, SWITCH_S))
        self._thread.start()
        self._timer.start()

    def _poll(self) -> None:
        if self._thread is None or self._thread.is_alive():
            return
        self._thread = None
        result = self._box.pop() if self._box else None
        if self._next is not None:  # the rows or the filter changed meanwhile: again
            self._start()
            return
        self._timer.stop()
        if self._switch is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None
        if result is not None:
            self.ready.emit(result)


def _compute(request: Request, put: Callable[[Totals], None]) -> None:
    entries, hays, spec, unit = request
    if spec.active:
        entries = [e for e, h in zip(entries, hays, strict=True) if spec.accepts(e, h)]
    put(totals(entries, unit))


def totals_text(result: Totals, filtered: bool) -> str:
    """Two lines: the money and the scores; the grades and the finding codes."""
    unit = unit_label(result.unit)
    head = (QCoreApplication.translate("PortfolioTotals", "筛选结果") if filtered
            else QCoreApplication.translate("PortfolioTotals", "合计"))
    first = (
        QCoreApplication.translate(
            "PortfolioTotals",
            "%1（%2 个表，%3 个文件无法读取）：%B %4 %U · %E %5 %U · "
            "总执行率 %6 · 平均总分 %7 · 总分中位数 %8")
        .replace("%B", spec_text(column("annual_budget").label))
        .replace("%E", spec_text(column("executed").label))
        .replace("%1", head)
        .replace("%2", str(result.forms))
        .replace("%3", str(result.unreadable))
        .replace("%4", amount_text(result.annual_budget) or "—")
        .replace("%5", amount_text(result.executed) or "—")
        .replace("%6", format_rate(result.execution_rate))
        .replace("%7", format_score(result.mean_score) or "—")
        .replace("%8", format_score(result.median_score) or "—")
        .replace("%U", unit)
    )
    grades = " · ".join(f"{spec_text(g)} {result.grades.get(g, 0)}" for g in GRADES)
    second = (QCoreApplication.translate("PortfolioTotals",
                                         "自评等级：%1 · 未评 %2 ｜ 有错误的表 %3")
              .replace("%1", grades).replace("%2", str(result.ungraded))
              .replace("%3", str(result.forms_with_errors)))
    if result.codes:
        codes = list(result.codes.items())
        comma = QCoreApplication.translate("PortfolioTotals", "，")
        shown = comma.join(f"{code} {n}" for code, n in codes[:CODES_SHOWN])
        if len(codes) > CODES_SHOWN:
            shown += comma + "…"
        second += QCoreApplication.translate("PortfolioTotals", " ｜ 问题（表数）：%1").replace(
            "%1", shown)
    return f"{first}\n{second}"
