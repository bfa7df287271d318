"""Finding and reading every form under some files and folders, one row at a time.

``scan(paths)`` is a generator: it first lists the folders (recursively, following links
to folders, each folder once: a link back up the tree is listed as skipped, never
followed round), then reads each file found and yields its rows (a .json form is one
row, a workbook one per form in it, a file that cannot be read one ``Unreadable`` with
its reason). Every step carries the progress (files done of files found), so the window
can drive a progress bar from a worker thread and cancel by simply not asking for the
next step; the command line just iterates.

For the window: iterate ``scan`` on a worker thread and hand the rows to the GUI thread in
batches (every ~100 rows or ~50 ms; one queued signal per row would flood the event loop
at 10,000 forms). To cancel, set a flag the worker checks between steps and ``close()``
the generator: a step is one file's read (well under a millisecond to a few for a .json
form, longer for a large workbook), so cancelling waits at most that. Rows are frozen
dataclasses, safe to pass between threads. Measured on the 2-core box: the first row of
10,000 forms after ~60 ms, all of them in ~3.4 s; ``totals`` over them ~80 ms.

Nothing blocks on a special file: only regular files are read, through
``fileio.read_form_file`` for forms (which refuses a FIFO, a device or a socket before
opening it) and after the same check for workbooks; a symlink loop is an ``Unreadable``
(ELOOP) or a folder already seen. The same file reached twice (a link, a file given
and also inside a given folder) is read once, so no budget is counted twice.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from perfeval_gui.file_errors import not_regular, os_reason, read_reason
from perfeval_gui.fileio import FormFileError, load_form
from perfeval_gui.portfolio.rows import Entry, Unreadable, form_row
from perfeval_gui.portfolio.sources import is_form_source, read_forms
from perfeval_gui.workbook import WORKBOOK_SUFFIXES

FORM_SUFFIXES: Final = (".json", *WORKBOOK_SUFFIXES)
"""Files a folder is searched for (lower case); others (PDFs, documents) are passed over."""
LISTING_TICK: Final = 256
"""While listing, a progress step every this many files found."""
LOOP_REASON: Final = "指向已扫描过的文件夹（链接形成循环，或同一文件夹出现两次），已跳过"


@dataclass(frozen=True, slots=True)
class Scanned:
    """One step of a scan: a row (or, while listing, None) and the progress so far."""

    entry: Entry | None
    done: int
    """Files read (or refused) so far."""
    total: int
    """Files found so far; final once ``listing`` is False."""
    listing: bool = False
    """Still looking for files (``entry`` is None, ``total`` grows). One step with neither
    an entry nor ``listing`` says the listing is over: ``total`` is final from there on."""


def is_candidate(name: str) -> bool:
    """Whether a folder's entry may be a form: .json or a workbook, and not a hidden file,
    a lock or a temporary file (``.~lock.x#``, ``~$x.xlsx``, ``.x.123-abc.tmp``)."""
    return (not name.startswith((".", "~$"))) and name.lower().endswith(FORM_SUFFIXES)


def _identity(path: str, st: os.stat_result) -> tuple[int, int] | str:
    """What makes a file or folder the same one by another route: (device, inode), or the
    real path where the file system has no inode numbers (FAT, some shares on Windows)."""
    if st.st_ino:
        return (st.st_dev, st.st_ino)
    return os.path.normcase(os.path.realpath(path))


def _stat(path: str) -> os.stat_result | Unreadable:
    try:
        return os.stat(path)
    except OSError as exc:
        return Unreadable(path, read_reason(exc))
    except (ValueError, TypeError):  # a NUL or an unencodable character in the name
        return Unreadable(path, "不是有效的文件名")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether a folder's entry is (a link to) a folder; False for a link loop (ELOOP), which
    DirEntry.is_dir raises on, and for anything else that cannot be told: stat says why."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def walk(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[str | Unreadable]:
    """The files to read under ``paths`` (files as given, folders searched recursively in
    name order), and an ``Unreadable`` for each path that cannot be searched or read.
    ``exclude``: files passed over wherever they are found (the roll-up being written)."""
    seen: set[tuple[int, int] | str] = set()
    for path in exclude:
        st = _stat(path)
        if not isinstance(st, Unreadable):
            seen.add(_identity(path, st))
    for given in dict.fromkeys(paths):  # the same path given twice: once
        st = _stat(given)
        if isinstance(st, Unreadable):
            yield st
        elif stat.S_ISDIR(st.st_mode):
            yield from _folder(given, st, seen)
        elif stat.S_ISREG(st.st_mode):
            key = _identity(given, st)
            if key not in seen:
                seen.add(key)
                yield given
        else:
            yield Unreadable(given, not_regular(st.st_mode))


def _folder(root: str, st: os.stat_result, seen: set[tuple[int, int] | str]
            ) -> Iterator[str | Unreadable]:
    """Depth first, a folder's files before its subfolders, each in name order."""
    stack: list[tuple[str, os.stat_result]] = [(root, st)]
    while stack:
        folder, folder_st = stack.pop()
        key = _identity(folder, folder_st)
        if key in seen:
            yield Unreadable(folder, LOOP_REASON)
            continue
        seen.add(key)
        try:
            with os.scandir(folder) as listing:
                names = sorted((e.name, _is_dir(e)) for e in listing
                               if not e.name.startswith((".", "~$")))
        except OSError as exc:
            yield Unreadable(folder, f"无法打开文件夹：{os_reason(exc)}")
            continue
        subfolders: list[tuple[str, os.stat_result]] = []
        for name, is_dir in names:
            path = os.path.join(folder, name)
            if not is_dir and not is_candidate(name):
                continue
            found = _stat(path)
            if isinstance(found, Unreadable):  # a broken link, a link loop (ELOOP)
                yield found
            elif stat.S_ISDIR(found.st_mode):
                subfolders.append((path, found))
            elif not stat.S_ISREG(found.st_mode):
                yield Unreadable(path, not_regular(found.st_mode))
            elif (file_key := _identity(path, found)) not in seen:
                seen.add(file_key)
                yield path
        stack.extend(reversed(subfolders))


def read_entries(path: str) -> list[Entry]:
    """The rows of one file: a .json form (one), a workbook or a published PDF (one per
    form, a PDF's placed by page), or why not. A PDF is read when given as a file; a
    folder's PDFs are passed over (they are mostly printouts of the forms beside them).

    Also what the window calls to refresh the rows of a file saved or changed on disk.
    """
    if not is_form_source(path):
        try:
            form = load_form(path)
        except FormFileError as exc:
            return [Unreadable(path, exc.reason, exc.detail)]
        return [form_row(form, path)]
    from perfeval_gui.workbook.cells import WorkbookError

    st = _stat(path)  # the workbook reader opens whatever it is given: a FIFO would block
    if isinstance(st, Unreadable):
        return [st]
    if not stat.S_ISREG(st.st_mode):
        return [Unreadable(path, not_regular(st.st_mode))]
    try:
        forms = read_forms(path)
    except WorkbookError as exc:
        return [Unreadable(path, exc.reason)]
    return [
        form_row(found.form, path,
                 tuple(n.finding() for n in found.notes),
                 sheet=found.sheet, index=found.index, place=found.place, page=found.page)
        for found in forms
    ]


def scan(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[Scanned]:
    """Every row under ``paths`` (``exclude`` as ``walk``), one step at a time, with the
    progress (see the module docstring). Stopping the iteration (``close()``) cancels:
    nothing is left open."""
    found: list[str | Unreadable] = []
    for item in walk(paths, exclude):
        found.append(item)
        if len(found) % LISTING_TICK == 0:
            yield Scanned(None, 0, len(found), listing=True)
    total = len(found)
    yield Scanned(None, 0, total, listing=False)
    for done, item in enumerate(found, start=1):
        entries = [item] if isinstance(item, Unreadable) else read_entries(item)
        for entry in entries:
            yield Scanned(entry, done, total)
