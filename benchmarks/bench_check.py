"""Wall time of the real ``perfeval check`` process on one form, and its heaviest imports.

Run:  .venv/bin/python benchmarks/bench_check.py [-n 30] [FILE]

Prints min / median / max wall time over N runs of the installed console script
(falling back to ``python -m perfeval_gui``), then the top imports by cumulative
time from ``python -X importtime``. The goal (issue 2, Speed) is well under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FORM = ROOT / "resources" / "examples" / "seed1_key_enterprise_service.json"


def command() -> list[str]:
    """The console script next to this interpreter, else ``python -m perfeval_gui``."""
    script = Path(sys.executable).with_name("perfeval")
    if script.exists():
        return [str(script)]
    found = shutil.which("perfeval")
    return [found] if found else [sys.executable, "-m", "perfeval_gui"]


def _children_cpu() -> float:
    """User + system CPU seconds of finished children (POSIX); 0 where unavailable."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall_times(argv: list[str], runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall time of each run; CPU time per run is appended to ``cpu`` (robust to a busy box)."""
    times = []
    for _ in range(runs):
        cpu_before = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(_children_cpu() - cpu_before)
        if done.returncode not in (0, 1):
            sys.exit(f"{argv} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    return times


def import_offenders(form: Path, top: int) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of the slowest imports of one check run."""
    code = f"from perfeval_gui.cli import main; main(['check', {str(form)!r}])"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True, text=True, check=False, env=env,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:"):].split("|", 2)
        rows.append((int(self_us), int(cumulative), name.rstrip()))
    rows.sort(key=lambda r: r[1], reverse=True)
    return rows[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("form", nargs="?", type=Path, default=DEFAULT_FORM)
    parser.add_argument("-n", "--runs", type=int, default=30)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    argv = [*command(), "check", str(args.form)]
    wall_times(argv, 3)  # warm the OS file cache and the .pyc files
    cpu: list[float] = []
    times = wall_times(argv, args.runs, cpu)
    baseline = wall_times([sys.executable, "-c", "pass"], max(5, args.runs // 3))
    print(f"command: {' '.join(argv)}")
    print(
        f"perfeval check, {args.runs} runs: min {min(times) * 1000:.0f} ms, "
        f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    if any(cpu):
        print(
            f"CPU time (user+sys) per run: min {min(cpu) * 1000:.0f} ms, "
            f"median {statistics.median(cpu) * 1000:.0f} ms"
        )
    if os.cpu_count() and hasattr(os, "getloadavg"):
        print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"bare interpreter (python -c pass): median {statistics.median(baseline) * 1000:.0f} ms")
    print(f"\ntop {args.top} imports by cumulative time (µs self | cumulative | module):")
    for self_us, cumulative, name in import_offenders(args.form, args.top):
        print(f"{self_us:>9} | {cumulative:>9} | {name}")


if __name__ == "__main__":
    main()
