"""Fault test of saving and reading: repeats each fault and counts what became of the file.

Run:  .venv/bin/python benchmarks/fault_save.py [--kills 300] [--rounds 50] [--seed N]

Scenarios (POSIX; the parts that need root or a tmpfs say so and are skipped otherwise):

1. kill: a child process saves a large form (~1.6 MB, old and new version alternately)
   in a loop and is SIGKILLed after a random delay, ``--kills`` times. After each kill the
   target must be byte-identical to the old or the new version; the next save must leave
   no temporary file behind (the kill's leftover is swept).
2. full disk: a 1 MB tmpfs (``mount -t tmpfs``, root only), partly filled at random;
   saves that do not fit must fail with "磁盘空间已满", the old file intact, no leftovers.
3. read-only: a 0444 file (refused, unchanged); a folder that forbids new files, as a
   user without root's powers (forked child dropped to nobody): a writable file in it is
   saved in place, a read-only one refused, a new file refused and nothing created.
4. two writers: two processes save their own version of the form alternately while a
   third reads it: every read must be a complete form, the end state one of the two.
5. FIFO: ``load_form`` and ``perfeval check`` on a named pipe must return at once with
   the message (exit code 2).
6. symlink loop: ``load_form`` and ``perfeval check`` give one Chinese line (exit code 2).

Prints a table of counts; exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfeval_gui.fileio import (
    FormFileError,
    dumps_form,
    load_form,
    loads_form,
    save_form,
    write_bytes_atomic,
)
from perfeval_gui.model import Form, Indicator

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534


@dataclass
class Row:
    scenario: str
    trials: int = 0
    ok: int = 0
    notes: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def check(self, passed: bool, what: str = "") -> None:
        self.trials += 1
        self.ok += passed
        if not passed:
            self.counts[f"FAILED {what}"] += 1

    @property
    def failed(self) -> int:
        return self.trials - self.ok


def big_form(tag: str, rows: int = 2500) -> Form:
    """A form of ~1.6 MB: many indicators with long Chinese texts."""
    note = f"{tag}：受疫情影响部分活动延期举办，下一年度将加强计划管理，确保按期完成。" * 4
    return Form(
        project_name=f"故障测试{tag}",
        indicators=[
            Indicator(level1="产出指标", level2="数量指标", name=f"第{i}号指标{tag}",
                      target="≥90%", actual="95%", weight=Decimal("0.04"),
                      score=Decimal("0.04"), deviation=note)
            for i in range(rows)
        ],
    )


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def fork_loop(body: Callable[[], None]) -> int:
    """A forked child running ``body`` forever (until killed); returns once it has started."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.write(write_end, b"1")
            os.close(write_end)
            body()
        finally:
            os._exit(0)
    os.close(write_end)
    os.read(read_end, 1)
    os.close(read_end)
    return pid


def as_nobody(check: Callable[[], str]) -> str:
    """``check()`` in a forked child without root's powers (as root); directly otherwise."""
    if os.geteuid() != 0:
        return check()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                result = check()
            except BaseException as exc:
                result = f"EXC {type(exc).__name__}: {exc}"
            os.write(write_end, result.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    return data.decode()


def reason_of(call: Callable[[], object]) -> str:
    try:
        call()
    except FormFileError as exc:
        return exc.reason
    return "OK"


# --- 1. kills mid-save -----------------------------------------------------------------------


def kills(folder: Path, count: int, rng: random.Random) -> Row:
    row = Row(f"SIGKILL mid-save ({count}×)")
    old, new = dumps_form(big_form("旧")), dumps_form(big_form("新"))
    target = folder / "大表.json"
    write_bytes_atomic(target, old)
    started = time.perf_counter()
    for _ in range(5):
        write_bytes_atomic(target, new)
        write_bytes_atomic(target, old)
    one_save = (time.perf_counter() - started) / 10
    row.notes.append(f"form {len(old) / 1e6:.2f} MB, one save {one_save * 1000:.0f} ms")
    leftover_sizes: list[int] = []

    def saver() -> None:
        while True:
            write_bytes_atomic(target, new)
            write_bytes_atomic(target, old)

    for _ in range(count):
        pid = fork_loop(saver)
        time.sleep(rng.uniform(0, 3 * one_save))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = target.read_bytes()
        state = "old" if data == old else "new" if data == new else "corrupt"
        row.counts[f"file is the {state} version"] += 1
        left = temps(folder)
        if left:
            row.counts["kill left a temporary file"] += 1
            leftover_sizes.extend(p.stat().st_size for p in left)
        write_bytes_atomic(target, old if state == "new" else new)  # the next save
        after = temps(folder)
        row.check(state != "corrupt" and not after, "corrupt or leftover after next save")
        row.counts["temporary files left after the next save"] += len(after)
    if leftover_sizes:
        row.notes.append(f"leftovers up to {max(leftover_sizes) / 1e6:.2f} MB, all swept")
    return row


# --- 2. full disk ----------------------------------------------------------------------------


@contextlib.contextmanager
def small_tmpfs(size: str = "1m") -> Iterator[Path | None]:
    folder = Path(tempfile.mkdtemp(prefix="perfeval-full-"))
    mounted = False
    try:
        if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount"):
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                                   str(folder)], capture_output=True, check=False)
            mounted = done.returncode == 0
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def full_disk(rounds: int, rng: random.Random) -> Row:
    row = Row(f"full disk, 1 MB tmpfs ({rounds}×)")
    small = dumps_form(big_form("小", rows=20))
    medium = dumps_form(big_form("中", rows=900))
    with small_tmpfs() as folder:
        if folder is None:
            row.notes.append("skipped: needs root and mount -t tmpfs")
            return row
        row.notes.append(f"old {len(small) / 1e3:.0f} KB, new {len(medium) / 1e3:.0f} KB")
        target = folder / "表.json"
        filler = folder / "filler.bin"
        for _ in range(rounds):
            filler.unlink(missing_ok=True)
            write_bytes_atomic(target, small)
            free = shutil.disk_usage(folder).free
            with contextlib.suppress(OSError):
                filler.write_bytes(b"\0" * rng.randrange(0, max(1, free)))
            outcome = reason_of(lambda: write_bytes_atomic(target, medium))
            data = target.read_bytes()
            if outcome == "OK":
                row.counts["fitted: saved"] += 1
                good = data == medium
            else:
                row.counts[f"refused: {outcome}"] += 1
                good = data == small and outcome == "无法写入：磁盘空间已满"
            row.check(good and not temps(folder), "old file changed or leftover")
        # A new file on a full disk: refused, nothing created.
        filler.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            filler.write_bytes(b"\0" * shutil.disk_usage(folder).free)
        fresh = folder / "新表.json"
        outcome = reason_of(lambda: write_bytes_atomic(fresh, medium))
        refused_clean = outcome == "无法写入：磁盘空间已满" and not fresh.exists()
        row.check(refused_clean and not temps(folder), "new file on a full disk")
        row.counts["new file on a full disk: refused, nothing created"] += refused_clean
    return row


# --- 3. read-only file and folder ------------------------------------------------------------


def read_only(folder: Path, rounds: int) -> list[Row]:
    old, new = dumps_form(big_form("旧", rows=30)), dumps_form(big_form("新", rows=30))
    file_row = Row(f"read-only file 0444 ({rounds}×)")
    target = folder / "只读.json"
    write_bytes_atomic(target, old)
    target.chmod(0o444)
    for _ in range(rounds):
        outcome = reason_of(lambda: write_bytes_atomic(target, new))
        file_row.counts[outcome] += 1
        file_row.check(outcome.startswith("文件是只读的") and target.read_bytes() == old
                       and not temps(folder), "overwritten")
    target.chmod(0o644)

    folder_row = Row(f"read-only folder ({rounds}× each case)")
    closed = folder / "closed"
    closed.mkdir()
    writable, locked = closed / "可写.json", closed / "只读.json"
    for path in (writable, locked):
        path.write_bytes(old)
    writable.chmod(0o666)
    locked.chmod(0o644)
    if os.geteuid() != 0:
        closed.chmod(0o555)
        folder_row.notes.append("run as a normal user (the folder is 0555)")
    else:
        folder_row.notes.append("run as nobody (forked from root; the folder is root's 0755)")
    inode = writable.stat().st_ino
    original = old

    for turn in range(rounds):
        data = (new, old)[turn % 2]  # each round writes something other than what is there

        def attempt(data: bytes = data) -> str:
            return "|".join(
                reason_of(functools.partial(write_bytes_atomic, path, data))
                for path in (writable, locked, closed / "新.json")
            )

        in_place, refused_locked, refused_new = [*as_nobody(attempt).split("|"), "", ""][:3]
        folder_row.counts["writable file: " + ("saved in place" if in_place == "OK"
                                                else in_place)] += 1
        folder_row.counts[f"read-only file: {refused_locked}"] += 1
        folder_row.counts[f"new file: {refused_new}"] += 1
        folder_row.check(
            in_place == "OK" and writable.read_bytes() == data
            and writable.stat().st_ino == inode
            and refused_locked.startswith("文件是只读的") and locked.read_bytes() == original
            and refused_new.startswith("无法写入：没有权限")
            and sorted(p.name for p in closed.iterdir()) == sorted([writable.name, locked.name]),
            "closed folder",
        )
    closed.chmod(0o755)
    return [file_row, folder_row]


# --- 4. two writers --------------------------------------------------------------------------


def two_writers(folder: Path, saves: int) -> Row:
    row = Row(f"two writers ({saves} saves each) + reader")
    first, second = big_form("甲", rows=300), big_form("乙", rows=300)
    target = folder / "共用.json"
    save_form(first, target)
    versions = {dumps_form(first), dumps_form(second)}

    def writer(form: Form) -> Callable[[], None]:
        def body() -> None:
            for _ in range(saves):
                save_form(form, target)
        return body

    pids = [fork_loop(writer(first)), fork_loop(writer(second))]
    reads = 0
    incomplete = 0
    while True:
        done = [os.waitpid(pid, os.WNOHANG)[0] != 0 for pid in pids]
        try:
            data = target.read_bytes()
            loads_form(data)
            ok = data in versions
        except (OSError, FormFileError):
            ok = False
        reads += 1
        incomplete += not ok
        if all(done):
            break
        pids = [pid for pid, finished in zip(pids, done, strict=True) if not finished]
    row.counts["reads while both saved"] = reads
    row.counts["reads that were not a complete form"] = incomplete
    row.trials, row.ok = reads, reads - incomplete
    end = target.read_bytes()
    row.check(end in versions and not temps(folder), "end state")
    row.counts["end state one of the two versions, no leftovers"] += row.failed == 0
    return row


# --- 5, 6. FIFO and symlink loop ----------------------------------------------------------------


def console(*args: str) -> tuple[int, str, float]:
    script = Path(sys.executable).with_name("perfeval")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "perfeval_gui"]
    started = time.perf_counter()
    done = subprocess.run([*command, *args], capture_output=True, timeout=120, check=False)
    return done.returncode, done.stderr.decode("utf-8"), time.perf_counter() - started


def fifo(folder: Path, rounds: int) -> Row:
    row = Row(f"FIFO ({rounds}× load_form, 2× CLI)")
    path = folder / "管道.json"
    os.mkfifo(path)
    slowest = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        outcome = reason_of(lambda: load_form(path))
        slowest = max(slowest, time.perf_counter() - started)
        row.check(outcome.startswith("这是一个命名管道（FIFO）"), "fifo")
    row.notes.append(f"slowest load_form {slowest * 1000:.2f} ms")
    for command in ("check", "pdf"):
        code, err, took = console(command, str(path))
        row.check(code == 2 and "命名管道" in err and "Traceback" not in err, command)
        row.notes.append(f"perfeval {command}: exit {code} in {took:.1f} s")
    return row


def symlink_loop(folder: Path, rounds: int) -> Row:
    row = Row(f"symlink loop ({rounds}× load_form, 1× CLI)")
    a, b = folder / "a.json", folder / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    for _ in range(rounds):
        outcome = reason_of(lambda: load_form(a))
        row.check(outcome.startswith("符号链接形成了循环"), "loop")
    row.notes.append(f"message: {outcome}")
    code, err, _ = console("check", str(a))
    row.check(code == 2 and "符号链接形成了循环" in err and "Traceback" not in err
              and len(err.splitlines()) == 1, "cli")
    return row


def print_table(rows: list[Row]) -> None:
    width = max(len(r.scenario) for r in rows)
    print(f"{'scenario':<{width}}  {'trials':>7}  {'ok':>7}  {'failed':>6}")
    print("-" * (width + 26))
    for r in rows:
        print(f"{r.scenario:<{width}}  {r.trials:>7}  {r.ok:>7}  {r.failed:>6}")
        for what, n in sorted(r.counts.items()):
            print(f"{'':<4}{what}: {n}")
        for note in r.notes:
            print(f"{'':<4}({note})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    if os.name != "posix":
        print("fault_save.py needs POSIX (fork, SIGKILL, FIFOs)")
        return 2
    rng = random.Random(args.seed)
    rows: list[Row] = []
    work = Path(tempfile.mkdtemp(prefix="perfeval-fault-"))
    work.chmod(0o755)  # nobody must be able to enter (read-only folder scenario)
    try:
        for name, make in (
            ("kill", lambda d: [kills(d, args.kills, rng)]),
            ("full", lambda d: [full_disk(args.rounds, rng)]),
            ("ro", lambda d: read_only(d, args.rounds)),
            ("writers", lambda d: [two_writers(d, args.rounds * 4)]),
            ("fifo", lambda d: [fifo(d, args.rounds * 2)]),
            ("loop", lambda d: [symlink_loop(d, args.rounds * 2)]),
        ):
            folder = work / name
            folder.mkdir()
            folder.chmod(0o755)
            started = time.perf_counter()
            new_rows = make(folder)
            for r in new_rows:
                r.notes.append(f"{time.perf_counter() - started:.1f} s")
            rows.extend(new_rows)
            print(f"… {name} done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    return 1 if any(r.failed for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
