"""Editor speed: start-up, cell commit → updated figures on a 200-indicator form, memory.

Run:  .venv/bin/python benchmarks/bench_ui.py [-n 10] [--edits 100]

Prints:
1. process wall time of ``perfeval-gui --smoke-test SEED`` (window shown offscreen with
   seed 1, events processed, exit) beside a bare PySide6 window process, min / median;
2. in-process time from QApplication to a shown window with seed 1 loaded and painted;
3. on a 200-indicator form: time from committing one cell (what the delegate does:
   ``model.setData``) until the figures on screen are updated (synchronous part), and
   until the event loop has also repainted and refreshed the findings; row insert time;
4. RSS after opening the 200-indicator form (issue 4, Speed: goal < 16 ms per commit).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _timing import SEED, timed

BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication([])\n"
    "w = QWidget(); w.resize(1280, 900); w.show()\n"
    "for _ in range(5): app.processEvents()\n"
)


def _stats(times: list[float]) -> str:
    return f"min {min(times) * 1000:7.1f} ms   median {statistics.median(times) * 1000:7.1f} ms"


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_startup(runs: int) -> None:
    tmp = tempfile.mkdtemp(prefix="bench-ui-")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": tmp,
        "XDG_CONFIG_HOME": tmp,
        "XDG_DATA_HOME": tmp,
    }
    script = Path(sys.executable).with_name("perfeval-gui")
    gui = [str(script)] if script.exists() else [sys.executable, "-m", "perfeval_gui.ui.app"]
    bare = timed([sys.executable, "-c", BARE_WINDOW], runs, env).walls
    ours = timed([*gui, "--smoke-test", str(SEED)], runs, env).walls
    print(f"1. process wall time (offscreen), {runs} runs")
    print(f"   bare PySide6 window           {_stats(bare)}")
    print(
        f"   perfeval-gui --smoke-test     {_stats(ours)}   "
        f"(x{statistics.median(ours) / statistics.median(bare):.1f} of bare)"
    )


def big_form(count: int = 200):
    from perfeval_gui.fileio import load_form

    seed = load_form(SEED)
    indicators = []
    for i in range(count):
        base = seed.indicators[i % len(seed.indicators)]
        indicators.append(
            base.model_copy(
                update={"name": f"{base.name} {i + 1}", "level1": f"{base.level1}{i // 12}"}
            )
        )
    weight = Decimal(90) / count
    indicators = [
        ind.model_copy(update={"weight": weight.quantize(Decimal("0.000001"))})
        for ind in indicators
    ]
    return seed.model_copy(update={"indicators": indicators})


def in_process(edits: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp(prefix="bench-ui-")
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from perfeval_gui.ui.app import create_application
    from perfeval_gui.ui.main_window import MainWindow
    from perfeval_gui.ui.recovery import RecoveryStore

    t_import = time.perf_counter()
    create_application()
    window = MainWindow(recovery_store=RecoveryStore(Path(tmp) / "recovery"))
    window.resize(1280, 900)
    window.show()
    window.load_path(SEED)
    for _ in range(3):
        QApplication.processEvents()
    window.grab()  # force a full paint
    t_shown = time.perf_counter()
    print("2. in-process start-up with seed 1")
    print(
        f"   imports {1000 * (t_import - t0):.1f} ms, QApplication → shown and painted "
        f"{1000 * (t_shown - t_import):.1f} ms, total {1000 * (t_shown - t0):.1f} ms"
    )

    from perfeval_gui.ui import indicator_model as im

    rss_before = _rss_mb()
    form = big_form(200)
    t = time.perf_counter()
    window.document.load(form, None)
    window.form_view._fit_all_rows()  # normally deferred by 30 ms after a load
    for _ in range(3):
        QApplication.processEvents()
    load_ms = 1000 * (time.perf_counter() - t)
    model = window.form_view.indicator_model
    table = window.form_view.indicator_table
    # Scroll to the middle, as someone working on rows 95-104 would be: edited cells are
    # on screen, so the timings include repainting them.
    window.form_view.select_indicator_rows([104])
    QApplication.processEvents()
    visible = table.visibleRegion().boundingRect()
    shown_rows = {table.rowAt(y) for y in range(visible.top(), visible.bottom(), 10)}
    print(
        "   rows on screen:",
        min(shown_rows - {-1}, default=None),
        max(shown_rows, default=None),
        visible,
    )
    assert {95, 104} <= shown_rows, "edited rows are not on screen"

    sync_times: list[float] = []
    paint_times: list[float] = []
    full_times: list[float] = []
    document = window.document
    for i in range(edits):
        row = 95 + (i * 3) % 10
        index = model.index(row, im.COL_SCORE)
        value = str(Decimal(i + 1) / 1000)  # a new value every time
        start = time.perf_counter()
        assert model.setData(index, value)  # what the delegate does on Enter
        total_text = model.index(model.footer_row, im.COL_SCORE).data()
        sync = time.perf_counter()
        # The event loop turn that follows: repaint first (findings are deferred) …
        pending = document._findings_timer.isActive()
        document._findings_timer.stop()
        QApplication.processEvents()
        painted = time.perf_counter()
        # … then the next turn: rule checks, findings panel, error marks, their repaint.
        if pending:
            document.refresh_findings()
        QApplication.processEvents()
        end = time.perf_counter()
        assert total_text == f"{document.figures.total_score:.2f}"
        sync_times.append(sync - start)
        paint_times.append(painted - start)
        full_times.append(end - start)
    table.viewport().update()
    t = time.perf_counter()
    window.form_view.select_indicator_rows([50])
    window.form_view.insert_row_action.trigger()
    QApplication.processEvents()
    insert_ms = 1000 * (time.perf_counter() - t)
    t = time.perf_counter()
    window.document.refresh_findings()
    findings_ms = 1000 * (time.perf_counter() - t)

    def ms(values: list[float]) -> str:
        values = sorted(values)
        p95 = values[int(0.95 * (len(values) - 1))]
        return (
            f"median {1000 * statistics.median(values):6.2f} ms   p95 {1000 * p95:6.2f} ms   "
            f"max {1000 * values[-1]:6.2f} ms"
        )

    print(f"3. 200-indicator form (load + lay out {load_ms:.0f} ms), {edits} score commits")
    print(f"   commit → figures in the models         {ms(sync_times)}")
    print(f"   commit → figures repainted on screen   {ms(paint_times)}")
    print(f"   … + findings, marks, panel repainted   {ms(full_times)}")
    print(
        f"   rule check alone {findings_ms:.2f} ms, insert a row (incl. re-merge, findings) "
        f"{insert_ms:.1f} ms"
    )
    print(
        f"4. RSS after opening the 200-indicator form: {_rss_mb():.1f} MB "
        f"(seed 1 window: {rss_before:.1f} MB)"
    )
    window.document.undo_stack.setClean()
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=10, help="process start-up runs")
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--skip-process", action="store_true")
    args = parser.parse_args()
    if not args.skip_process:
        process_startup(args.n)
    in_process(args.edits)


if __name__ == "__main__":
    main()
