"""Keeping 项目一览 in step with the disk: watching the folders, re-reading what changed.

``QFileSystemWatcher`` watches every folder of the portfolio (files added, removed,
renamed; an atomic save is a rename, so most saves show up here) and, up to
``FILE_WATCH_LIMIT``, the files themselves (a file rewritten in place). Events are
gathered for ``SETTLE_MS`` (an editor writes in several steps, a copy brings many files),
then ``refresh_steps`` compares each touched folder with what the list knows, on the
worker thread: a file whose stamp (time, size, inode) changed is read again, a new file
is read, a vanished one is dropped, a new subfolder is scanned.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from perfeval_gui.portfolio.rows import Unreadable
from perfeval_gui.portfolio.scanner import is_candidate
from perfeval_gui.ui.portfolio_steps import (
    Folders,
    Found,
    Stamp,
    Step,
    file_key,
    read_all_steps,
    scan_steps,
    stamp_of,
)

SETTLE_MS: Final = 300
FILES_PER_TURN: Final = 200
FILE_WATCH_LIMIT: Final = 4000
"""Files watched one by one (beyond this only their folders: inotify watches are a shared
resource); a file rewritten in place without a folder event then waits for 检查全部."""


class FolderWatcher(QObject):
    """``touched(folders, files)`` once events have settled."""

    touched = Signal(list, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_folder)
        self._watcher.fileChanged.connect(self._on_file)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._emit)
        self._folders: set[str] = set()
        self._files: set[str] = set()
        self._watched_folders: set[str] = set()
        self._pending_files: list[str] = []
        self._add_timer = QTimer(self)
        self._add_timer.setInterval(0)
        self._add_timer.timeout.connect(self._add_some)

    def clear(self) -> None:
        for paths in (self._watcher.directories(), self._watcher.files()):
            if paths:
                self._watcher.removePaths(paths)
        self._watched_folders.clear()
        self._pending_files = []
        self._add_timer.stop()
        self._folders.clear()
        self._files.clear()
        self._timer.stop()

    @property
    def folders(self) -> set[str]:
        return set(self._watched_folders)

    def add_folders(self, folders: Iterable[str]) -> None:
        new = [f for f in folders if f not in self._watched_folders]
        if new:
            self._watcher.addPaths(new)
            self._watched_folders.update(new)

    def remove_folders(self, folders: Iterable[str]) -> None:
        gone = [f for f in folders if f in self._watched_folders]
        if gone:
            self._watcher.removePaths(gone)
            self._watched_folders.difference_update(gone)

    def add_files(self, files: Iterable[str]) -> None:
        """Watch ``files`` too (re-adding is harmless), while under the limit; added a few
        hundred per turn of the event loop (each is a system call)."""
        self._pending_files.extend(files)
        if not self._add_timer.isActive():
            self._add_timer.start()

    def _add_some(self) -> None:
        room = FILE_WATCH_LIMIT - len(self._watcher.files())
        chunk, self._pending_files = (self._pending_files[:FILES_PER_TURN],
                                      self._pending_files[FILES_PER_TURN:])
        wanted = [f for f in chunk[:max(0, room)] if os.path.isfile(f)]
        if wanted:
            self._watcher.addPaths(wanted)
        if room <= len(chunk) or not self._pending_files:
            self._pending_files = []
            self._add_timer.stop()

    def _on_folder(self, path: str) -> None:
        self._folders.add(path)
        self._timer.start()

    def _on_file(self, path: str) -> None:
        self._files.add(path)
        self._timer.start()

    def _emit(self) -> None:
        folders, files = sorted(self._folders), sorted(self._files)
        self._folders.clear()
        self._files.clear()
        self.touched.emit(folders, files)


def _under(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder to go into
        return False


def refresh_steps(folders: list[str], files: list[str],
                  known: Mapping[str, tuple[str, Stamp | None]], watched: set[str],
                  exclude: Sequence[str] = ()) -> Iterator[Step]:
    """What changed in ``folders`` and ``files`` since the list read them, as ``Found`` (new
    rows of a file; none: gone) and ``Folders`` (new subfolders to watch). The files to
    read again are read together at the end (many of them in a child process).

    ``known``: file_key → (file as listed, stamp when read); ``watched``: folders watched;
    ``exclude``: files passed over (the roll-ups written from the list)."""
    total = len(folders) + len(files)
    by_file = {file: key for key, (file, _stamp) in known.items()}
    seen: set[str] = {file_key(path) for path in exclude}
    to_read: list[str | Unreadable] = []
    new_folders: list[str] = []
    gone_folders: list[str] = []

    def changed(path: str, key: str) -> bool:
        """Whether ``path`` is to be read (new or changed); each file once."""
        if key in seen:
            return False
        seen.add(key)
        return key not in known or known[key][1] != stamp_of(path)

    def gone(key: str) -> Step | None:
        if key in seen:
            return None
        seen.add(key)
        return Step(Found(key, (), None), 0, total)

    for path in files:
        key = by_file.get(path) or file_key(path)
        if stamp_of(path) is None:
            if key in known and (step := gone(key)) is not None:
                yield step
        elif changed(path, key):
            to_read.append(path)
    for folder in folders:
        inside = [file for file in by_file if _under(file, folder)]
        try:
            with os.scandir(folder) as listing:
                names = {e.name: _is_dir(e) for e in listing
                         if not e.name.startswith((".", "~$"))}
        except OSError:  # the folder is gone (or unreadable now): its files go with it
            names = {}
        for file in inside:  # gone: a file of this folder, or anything under a vanished one
            first = os.path.relpath(file, folder).split(os.sep)[0]
            if first not in names and (step := gone(by_file[file])) is not None:
                yield step
        gone_folders += [w for w in watched if (w == folder and not names) or (
            _under(w, folder) and os.path.relpath(w, folder).split(os.sep)[0] not in names)]
        for name, is_dir in sorted(names.items()):
            path = os.path.join(folder, name)
            if is_dir:
                if path not in watched:
                    new_folders.append(path)
            elif is_candidate(name) and changed(path, by_file.get(path) or file_key(path)):
                to_read.append(path)
    yield from read_all_steps(to_read)
    for folder in new_folders:
        for step in scan_steps([folder], exclude):
            if not (isinstance(step.item, Found) and step.item.key in seen):
                yield step
    yield Step(Folders((), tuple(f for f in gone_folders if not os.path.isdir(f))), total, total)
