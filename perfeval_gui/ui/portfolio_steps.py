"""The steps of reading a portfolio, for ``portfolio_jobs.BackgroundJob``; no Qt here.

Reading a form is pure Python (JSON, the model's validation, the rules): on a thread of the
window's process it holds the GIL, and every call Qt makes into Python (a cell's text, a
timer) then waits for it: the window stutters. A large folder is therefore read in a child
process (``python -m perfeval_gui.ui.portfolio_steps``), which sends its rows back as
pickled batches over a pipe; the window's worker thread only waits on the pipe (no GIL),
and the GUI thread unpickles a batch at a time (``Packed``). A small folder (under
``CHILD_FROM`` files), or a frozen build (no interpreter to start), is read on the thread.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, Final

from perfeval_gui.portfolio.rows import Entry, Unreadable
from perfeval_gui.portfolio.scanner import LISTING_TICK, read_entries, walk

CHILD_FROM: Final = 400
"""Folders with at least this many files are read in a child process."""
PACK_EVERY: Final = 25
"""Rows per pickled batch from the child (~2 ms to unpickle on the GUI thread)."""
HEADER: Final = 8
COUNT: Final = 4
"""A batch on the pipe: its size (HEADER bytes), its number of steps (COUNT), the pickle."""

Stamp = tuple[int, int, int]
"""(mtime_ns, size, inode): a file changed when its stamp did."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a job: what it produced (or None) and the progress (total 0: unknown)."""

    item: object | None
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class Found:
    """The rows of one file (none: it is gone), its ``file_key`` and its stamp."""

    key: str
    entries: tuple[Entry, ...]
    stamp: Stamp | None


@dataclass(frozen=True, slots=True)
class Folders:
    """Folders to watch (a scan's or a refresh's), and folders gone (watched no more: a
    folder moved away keeps its watch, under its old name, until it is let go)."""

    paths: tuple[str, ...]
    gone: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Packed:
    """Pickled ``Step``s from the child process, unpickled on the GUI thread."""

    data: bytes


def file_key(path: str) -> str:
    """The name a file's rows are found by: links resolved, so that a save through another
    route (the editor writes the real path) finds the row. Touches the disk."""
    try:
        return os.path.normcase(os.path.realpath(path))
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))


def stamp_of(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def folders_under(roots: Iterable[str]) -> list[str]:
    """The folders under ``roots`` (roots included), each once, hidden ones left out."""
    found: list[str] = []
    seen: set[str] = set()
    for root in roots:
        for folder, subfolders, _files in os.walk(root, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:
                subfolders.clear()
                continue
            seen.add(real)
            found.append(folder)
            subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "~$")))
    return found


def found_of(item: str | Unreadable) -> Found:
    """The rows of one listed item (a file to read, or a path already refused)."""
    if isinstance(item, Unreadable):
        return Found(file_key(item.file), (item,), None)
    return Found(file_key(item), tuple(read_entries(item)), stamp_of(item))


def read_steps(items: Sequence[str | Unreadable], start: int = 0) -> Iterator[Step]:
    total = len(items)
    for done, item in enumerate(items[start:], start=start + 1):
        yield Step(found_of(item), done, total)


def scan_steps(roots: list[str], exclude: Sequence[str] = (), *, child: bool = True
               ) -> Iterator[Step]:
    """The rows under ``roots`` (``Found`` per file, in the order ``portfolio.scan`` reads
    them), then the folders to watch. ``exclude``: files passed over (the roll-ups written
    from the list); ``child``: a large folder is read in a child process."""
    items: list[str | Unreadable] = []
    for item in walk(roots, exclude):
        items.append(item)
        if len(items) % LISTING_TICK == 0:
            yield Step(None, 0, 0)
    yield from read_all_steps(items, child=child)
    total = len(items)
    yield Step(Folders(tuple(folders_under(r for r in roots if os.path.isdir(r)))),
               total, total)


def read_all_steps(items: list[str | Unreadable], *, child: bool = True) -> Iterator[Step]:
    """Read ``items``: in a child process when there are CHILD_FROM or more (and a Python
    to start one), else on this thread."""
    if child and len(items) >= CHILD_FROM and not getattr(sys, "frozen", False):
        yield from child_steps(items)
    else:
        yield from read_steps(items)


def child_steps(items: list[str | Unreadable]) -> Iterator[Step]:
    """Read ``items`` in a child process; its batches come back as ``Packed`` steps. Closing
    the generator (cancel) kills the child: it only reads, so nothing is left half done.
    A child that cannot start or dies on the way leaves the rest to this thread: every
    file is listed whatever happens to the helper process."""
    import perfeval_gui

    package_root = os.path.dirname(os.path.dirname(os.path.abspath(perfeval_gui.__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "perfeval_gui.ui.portfolio_steps"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except (OSError, ValueError):
        yield from read_steps(items)
        return
    assert proc.stdin is not None and proc.stdout is not None
    received = 0
    try:
        try:
            proc.stdin.write(pickle.dumps(items))
            proc.stdin.close()
        except OSError:  # the child is already gone: read below
            pass
        while (packet := _read_packet(proc.stdout)) is not None:
            count, data = packet
            received += count
            yield Step(Packed(data), 0, 0)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
    if received < len(items):  # the child died on the way (or never read): go on here
        yield from read_steps(items, received)


def _read_packet(stream: IO[bytes]) -> tuple[int, bytes] | None:
    """(steps in the batch, the pickled batch), or None at the end of the stream."""
    header = stream.read(HEADER + COUNT)
    if len(header) < HEADER + COUNT:
        return None
    size = int.from_bytes(header[:HEADER], "big")
    data = stream.read(size)
    return (int.from_bytes(header[HEADER:], "big"), data) if len(data) == size else None


def unpack(packed: Packed) -> list[Step]:
    steps: list[Step] = pickle.loads(packed.data)  # our own child's rows
    return steps


def _pickle_by_fields() -> None:
    """Pickle the rows' frozen dataclasses as ``Class(*fields)``: unpickling them (on the
    GUI thread) then skips dataclasses' generic ``__setstate__``, half the cost. Only the
    child registers this; the window's process unpickles with the classes' constructors."""
    import copyreg
    import dataclasses

    from perfeval_gui.fieldpath import FieldPath
    from perfeval_gui.portfolio.rows import FormRow
    from perfeval_gui.rules import Finding

    def by_fields(names: tuple[str, ...]) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
        def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
            return type(obj), tuple(getattr(obj, n) for n in names)

        return reduce

    for cls in (Step, Found, FormRow, Unreadable, Finding, FieldPath):
        copyreg.pickle(cls, by_fields(tuple(f.name for f in dataclasses.fields(cls))))


def _child_main() -> None:
    """In the child: read the pickled list on stdin, send the steps back in batches."""
    _pickle_by_fields()
    items: list[str | Unreadable] = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    batch: list[Step] = []
    last = time.monotonic()
    for step in read_steps(items):
        batch.append(step)
        now = time.monotonic()
        if len(batch) >= PACK_EVERY or now - last > 0.05:
            _send(out, batch)
            batch, last = [], now
    if batch:
        _send(out, batch)


def _send(out: BinaryIO, batch: list[Step]) -> None:
    data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(len(data).to_bytes(HEADER, "big") + len(batch).to_bytes(COUNT, "big") + data)
    out.flush()


if __name__ == "__main__":
    from perfeval_gui.ui.portfolio_steps import _child_main as run  # the real module's classes

    run()
