"""项目一览 in the window over 10,000 forms: wall time to a filled list and the longest stall of
the GUI thread while scanning, beside the bare ``portfolio.scan()`` in the same run.

Run:  .venv/bin/python benchmarks/bench_portfolio_window.py [--count 10000] [--keep DIR]

Builds ``count`` small forms (one indicator, every third in 万元, 100 to a folder) in a
temporary folder, times ``list(scan([folder]))``, then opens the folder in a
``PortfolioWindow`` offscreen and runs the event loop until the scan and the totals are
done. A 1 ms precise timer on the GUI thread records the gaps between its ticks: the
longest gap is the longest the window could not respond (one frame is 16.7 ms at 60 Hz).
Also printed: time to the first row and to 1,000 rows, and the stalls over 16.7 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from perfeval_gui.fileio import dumps_form
from perfeval_gui.model import Form, Funding, FundingRow, Indicator
from perfeval_gui.portfolio.scanner import scan

FRAME_MS = 1000 / 60


def build(folder: Path, count: int) -> None:
    """``count`` small forms under ``folder``, 100 per subfolder."""
    for i in range(count):
        unit = "万元" if i % 3 == 2 else "元"
        budget = Decimal(1000 + i) if unit == "元" else Decimal(1000 + i) / 10000
        form = Form(
            year=2024, project_name=f"项目{i:05d}", competent_department=f"部门{i % 37}",
            implementing_unit=f"单位{i % 101}",
            funding=Funding(unit=unit, weight=Decimal(10),
                            total=FundingRow(annual_budget=budget, executed=budget * 9 / 10)),
            indicators=[Indicator(level1="产出指标", level2="数量指标", name="完成数",
                                  target="≥1", actual="1", weight=Decimal(90),
                                  score=Decimal(i % 91))],
        )
        sub = folder / f"单位{i // 100:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"自评表{i:05d}.json").write_bytes(dumps_form(form))


def bare_scan(folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    rows = sum(1 for s in scan([str(folder)]) if s.entry is not None)
    return time.perf_counter() - start, rows


def window_scan(folder: Path) -> dict[str, float]:
    from PySide6.QtCore import QObject, Qt, QTimer, Signal
    from PySide6.QtWidgets import QApplication

    from perfeval_gui.ui.portfolio_window import PortfolioWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])

    class Files(QObject):
        saved = Signal(object)

    class Editor:
        """Stands in for the main window (nothing is opened here)."""

        files = Files()

        def open_file(self, path: object = None) -> bool:
            return False

        def import_workbook(self, path: object = None) -> bool:
            return False

        def _font_spec(self) -> None:
            return None

        def raise_(self) -> None: ...
        def activateWindow(self) -> None: ...

    window = PortfolioWindow(Editor())  # type: ignore[arg-type]
    window.show()
    app.processEvents()
    gaps: list[float] = []
    marks: dict[str, float] = {}
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        if gaps[-1] > FRAME_MS and os.environ.get("BENCH_GAPS"):
            print(f"  gap {gaps[-1]:5.0f} ms at {now - start:5.2f} s, "
                  f"{window.model.rowCount()} rows, job {window.job is not None}")
        last[0] = now
        rows = window.model.rowCount()
        if rows and "first" not in marks:
            marks["first"] = now
        if rows >= 1000 and "1000" not in marks:
            marks["1000"] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(tick)
    start = time.perf_counter()
    window.open_folder(str(folder))
    last[0] = time.perf_counter()
    timer.start()
    while window.job is not None or window._totals.busy or window.totals is None:
        app.processEvents()
        time.sleep(0.0005)
    end = time.perf_counter()
    timer.stop()
    during = gaps[1:]  # the first gap includes starting the timer
    result = {
        "wall": end - start,
        "rows": float(window.model.rowCount()),
        "first": marks.get("first", end) - start,
        "thousand": marks.get("1000", end) - start,
        "stall": max(during, default=0.0),
        "over_frame": float(sum(1 for g in during if g > FRAME_MS)),
        "ticks": float(len(during)),
    }
    # sorting all the rows by 总分 on a click, and filtering by typing
    t = time.perf_counter()
    window.view.sortByColumn(8, Qt.SortOrder.DescendingOrder)
    result["sort"] = time.perf_counter() - t
    t = time.perf_counter()
    window.filter_edit.setText("部门3")
    window.apply_filter()
    result["filter"] = time.perf_counter() - t
    window.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", help="build the forms here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="perfeval-bench-") as tmp:
        folder = Path(args.keep or tmp) / "forms"
        folder.mkdir(parents=True, exist_ok=True)
        if not any(folder.iterdir()):
            t = time.perf_counter()
            build(folder, args.count)
            print(f"built {args.count} forms in {time.perf_counter() - t:.1f} s")
        scan_s, rows = bare_scan(folder)
        print(f"portfolio.scan():        {scan_s:6.2f} s  ({rows} rows)")
        r = window_scan(folder)
        print(f"window, filled list:     {r['wall']:6.2f} s  ({int(r['rows'])} rows; "
              f"{r['wall'] / scan_s:.2f}× the bare scan)")
        print(f"  first row after        {r['first'] * 1000:6.0f} ms; 1,000 rows after "
              f"{r['thousand'] * 1000:.0f} ms")
        print(f"  longest GUI stall      {r['stall']:6.1f} ms  ({int(r['over_frame'])} of "
              f"{int(r['ticks'])} timer gaps over one frame, {FRAME_MS:.1f} ms)")
        print(f"  sort {int(r['rows']):,} by 总分 {r['sort'] * 1000:6.0f} ms; filter by typing "
              f"{r['filter'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
