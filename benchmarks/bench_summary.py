"""``perfeval summary`` over 1,000 and 10,000 generated forms beside ``perfeval check`` over
the same files: process wall time and peak memory (max RSS).

Run:  .venv/bin/python benchmarks/bench_summary.py [--counts 1000 10000] [-n 3]

The forms are the two seeds, alternately, each with its own name and amounts, every third
in 万元, 100 to a folder. ``check`` is given the files (it takes no folders); ``summary``
the root folder, so its time includes walking the folders. Both print one line per form
to /dev/null. The goal (issue 12): summary within 1.5× of check. Also timed, for
information: ``summary --json`` beside ``check --json``, and ``summary -o`` writing the
.xlsx, .csv and PDF roll-ups. POSIX only (wall and RSS from ``os.wait4``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _timing import SEED, add_install_arguments, installs

from perfeval_gui.figures import convert_amounts
from perfeval_gui.fileio import dumps_form, load_form
from perfeval_gui.model import FundingRow

SEED2 = SEED.with_name("seed2_enterprise_development.json")


def generate(folder: Path, count: int) -> list[str]:
    """``count`` forms under ``folder`` (100 per subfolder); their paths."""
    seeds = [load_form(SEED), load_form(SEED2)]
    paths = []
    for i in range(count):
        form = seeds[i % 2].model_copy(deep=True)
        form.project_name = f"{form.project_name}（第 {i + 1} 号）"
        scale = Decimal(1 + i % 97)
        total = form.funding.total
        if total is not None and total.annual_budget is not None and total.executed is not None:
            form.funding.total = FundingRow(initial_budget=total.initial_budget,
                                            annual_budget=total.annual_budget * scale,
                                            executed=total.executed * scale)
        if i % 3 == 2:
            form = convert_amounts(form, "万元")
        sub = folder / f"单位{i // 100:03d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"自评表{i + 1:05d}.json"
        path.write_bytes(dumps_form(form))
        paths.append(str(path))
    return paths


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one run of ``argv``; output to /dev/null."""
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE, env=env)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:4])}… exited {proc.returncode}: "
                         f"{err.decode(errors='replace')[:800]}")
    return wall, usage.ru_maxrss / 1024  # KB on Linux


def runs(argv: list[str], env: dict[str, str], n: int) -> tuple[float, float]:
    """(median wall, max peak RSS MB) over ``n`` runs."""
    results = [measure(argv, env) for _ in range(n)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    if not hasattr(os, "wait4"):
        raise SystemExit("bench_summary needs os.wait4 (POSIX)")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("-n", "--runs", type=int, default=3)
    parser.add_argument("--outputs", action="store_true",
                        help="also time summary -o .xlsx / .csv / .pdf")
    add_install_arguments(parser)
    parser.set_defaults(install="dev")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_summary_") as tmp:
        install = installs(args, Path(tmp))[0]
        perfeval = install.script("perfeval")
        print(f"== {install.label}; median of {args.runs} runs; peak = max RSS")
        for count in args.counts:
            root = Path(tmp) / f"forms{count}"
            root.mkdir()
            started = time.perf_counter()
            files = generate(root, count)
            print(f"\n{count} forms generated in {time.perf_counter() - started:.1f} s")
            n = args.runs if count <= 1000 else max(1, args.runs - 1)
            pairs = [
                ("check FILES", [*perfeval, "check", *files],
                 "summary DIR", [*perfeval, "summary", str(root)]),
                ("check --json FILES", [*perfeval, "check", "--json", *files],
                 "summary --json DIR", [*perfeval, "summary", "--json", str(root)]),
            ]
            for base_label, base, label, argv in pairs:
                base_wall, base_rss = runs(base, install.env, n)
                wall, rss = runs(argv, install.env, n)
                print(f"  {base_label:<20} {base_wall:7.2f} s  {base_rss:6.0f} MB")
                print(f"  {label:<20} {wall:7.2f} s  {rss:6.0f} MB"
                      f"   ({wall / base_wall:.2f}× the wall, {rss / base_rss:.2f}× the memory)")
            if args.outputs:
                for suffix in ("xlsx", "csv", "pdf"):
                    out = Path(tmp) / f"out{count}.{suffix}"
                    argv = [*perfeval, "summary", str(root), "-o", str(out), "--force"]
                    wall, rss = runs(argv, install.env, 1)
                    print(f"  summary -o .{suffix:<5}      {wall:7.2f} s  {rss:6.0f} MB"
                          f"   ({out.stat().st_size / 1024:.0f} KB)")
        if hasattr(os, "getloadavg"):
            print(f"\nload average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
