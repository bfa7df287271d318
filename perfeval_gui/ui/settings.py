"""Persistent preferences (window geometry, recent files, print font, language) through QSettings.

Always an INI file under the user scope, so tests can redirect every read and
write with ``QSettings.setPath(IniFormat, UserScope, tmp)`` and never touch the
user's real settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION: Final = "perfeval"
APPLICATION: Final = "perfeval-gui"
MAX_RECENT: Final = 8
LANGUAGES: Final = ("zh", "en")
"""Interface languages: Chinese is the source language (no translation loaded), English a .qm."""
DEFAULT_LANGUAGE: Final = "zh"


_in_use: list[str] = [DEFAULT_LANGUAGE]


def language_in_use() -> str:
    """The interface language of this run (install_translations): the stored choice, or
    ``--lang``; it differs from Settings.language() after a choice awaiting a restart."""
    return _in_use[0]


def note_language_in_use(language: str) -> None:
    _in_use[0] = language if language in LANGUAGES else DEFAULT_LANGUAGE


def documents_folder() -> str:
    """The user's documents folder, else the home folder: where file dialogs open before
    any file was used (Qt's default, the working folder, is the program's own folder)."""
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


def fonts_folder() -> str:
    """Where the print-font dialog opens: a fonts folder of the system, else documents."""
    for folder in QStandardPaths.standardLocations(QStandardPaths.StandardLocation.FontsLocation):
        if folder and Path(folder).is_dir():
            return folder
    return documents_folder()


class Settings:
    """Typed access to the few values the window remembers."""

    def __init__(self) -> None:
        self._qs = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @property
    def qsettings(self) -> QSettings:
        return self._qs

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue("window/geometry", data)

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, data: QByteArray) -> None:
        self._qs.setValue("window/state", data)

    def findings_collapsed(self) -> bool | None:
        """Whether the findings dock shows only its summary line (None: never chosen)."""
        value = self._qs.value("window/findings_collapsed")
        if value is None:
            return None
        return str(value).lower() in ("true", "1")

    def set_findings_collapsed(self, collapsed: bool) -> None:
        self._qs.setValue("window/findings_collapsed", bool(collapsed))

    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        # QSettings gives a str for a one-item list (INI/registry), a list otherwise
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(v) for v in items if v][:MAX_RECENT]

    def add_recent_file(self, path: str | Path) -> list[str]:
        """Put ``path`` first in the list (no duplicates); returns the new list."""
        text = str(Path(path).resolve())
        files = [text, *[f for f in self.recent_files() if f != text]][:MAX_RECENT]
        self._qs.setValue("files/recent", files)
        return files

    def remove_recent_file(self, path: str | Path) -> None:
        text = str(path)
        self._qs.setValue("files/recent", [f for f in self.recent_files() if f != text])

    def clear_recent_files(self) -> None:
        self._qs.setValue("files/recent", [])

    def print_font(self) -> str | None:
        """Path of a TrueType font to print with instead of the shipped one (None = default)."""
        value = self._qs.value("print/font", "")
        return str(value) if value else None

    def set_print_font(self, path: str | None) -> None:
        self._qs.setValue("print/font", path or "")

    def print_grade(self) -> bool:
        """Whether PDF, preview and print add a 自评等级 row under 总分 (off: the paper form)."""
        return str(self._qs.value("print/grade", "false")).lower() in ("true", "1")

    def set_print_grade(self, on: bool) -> None:
        self._qs.setValue("print/grade", bool(on))

    def last_directory(self) -> str:
        return str(self._qs.value("files/last_directory", "") or "")

    def set_last_directory(self, path: str | Path) -> None:
        self._qs.setValue("files/last_directory", str(path))

    def zoom(self) -> float:
        value = self._qs.value("view/zoom", 1.0)  # a str when read back from an INI file
        if not isinstance(value, (str, int, float)):
            return 1.0
        try:
            return float(value)
        except ValueError:
            return 1.0

    def set_zoom(self, zoom: float) -> None:
        self._qs.setValue("view/zoom", zoom)

    def language(self) -> str:
        """The interface language chosen in 视图 → 语言 (applied at the next start)."""
        value = str(self._qs.value("view/language", DEFAULT_LANGUAGE) or "")
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown interface language: {language!r}")
        self._qs.setValue("view/language", language)

    def sync(self) -> None:
        self._qs.sync()
