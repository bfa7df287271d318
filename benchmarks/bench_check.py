"""Wall time of the real ``perfeval check`` process on one form, and its heaviest imports.

Run:  .venv/bin/python benchmarks/bench_check.py [-n 30] [--install both] [FILE]

For each install (``--install``: the dev venv as is, a realistic wheel install in a
temp venv with .pyc files, or both; see _timing.py) prints min / median / max wall
time over N runs of the console script beside a bare interpreter of the same venv,
then the top imports by cumulative time from ``python -X importtime`` (of the last
install). The goal (issue 2, Speed) is well under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from _timing import SEED, Install, add_install_arguments, installs, timed


def import_offenders(install: Install, form: Path, top: int) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of the slowest imports of one check run."""
    code = f"from perfeval_gui.cli import main; main(['check', {str(form)!r}])"
    done = subprocess.run(
        [str(install.python), "-X", "importtime", "-c", code],
        capture_output=True, text=True, check=False, env=install.env,
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
    parser.add_argument("form", nargs="?", type=Path, default=SEED)
    parser.add_argument("-n", "--runs", type=int, default=30)
    parser.add_argument("--top", type=int, default=15)
    add_install_arguments(parser)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_check_") as tmp:
        chosen = installs(args, Path(tmp))
        for install in chosen:
            argv = [*install.script("perfeval"), "check", str(args.form)]
            timed(argv, 3, install.env, ok=(0, 1))  # warm the OS file cache
            times = timed(argv, args.runs, install.env, ok=(0, 1))  # 1: error findings
            bare = timed([str(install.python), "-c", "pass"], max(5, args.runs // 2), install.env)
            print(f"== {install.label}")
            print(f"command: {' '.join(argv)}")
            print(f"perfeval check, {args.runs} runs: {times.ms()}")
            print(f"bare interpreter of this venv (python -c pass): {bare.ms()}")
        if os.cpu_count() and hasattr(os, "getloadavg"):
            print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        last = chosen[-1]
        print(f"\ntop {args.top} imports by cumulative time, {last.label}")
        print("(µs self | cumulative | module):")
        for self_us, cumulative, name in import_offenders(last, args.form, args.top):
            print(f"{self_us:>9} | {cumulative:>9} | {name}")


if __name__ == "__main__":
    main()
