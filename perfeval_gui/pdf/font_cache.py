"""Keep parsed fonts on disk, so printing skips ReportLab's slow parse of a 21 MB .ttc.

ReportLab parses a font's cmap and metrics in pure Python: for the 21 MB UMing
that is most of the cost of printing one form. The parsed tables are plain
numbers and strings, so they are kept on disk (marshal, not pickle: loading
one cannot run code) keyed by the font file's path, size and mtime and by the
ReportLab version; the raw font bytes are memory-mapped from the font file
itself, and subsetting reads only the glyphs it keeps (``_MappedFace``).
Anything unexpected (another ReportLab, a damaged cache) falls back to parsing.
Which font to use, and registering it with ReportLab, is ``fonts``' job.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import marshal
import mmap
import os
from pathlib import Path
from typing import Any, Final
from weakref import WeakKeyDictionary

import platformdirs
import reportlab
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from perfeval_gui._collector import collector_paused
from perfeval_gui.fileio import write_bytes_atomic

_APP_NAME: Final = "perfeval-gui"
"""The cache folder's name under the user's cache directory."""

_CACHE_FORMAT: Final = 2
_FONT_STATE: Final = frozenset({"face", "encoding", "state"})


def font_cache_dir() -> Path | None:
    """Where parsed fonts are kept; ``PERFEVAL_FONT_CACHE=off`` disables, a path overrides.

    Otherwise the user's cache folder (platformdirs): ~/.cache/perfeval-gui/fonts on Linux.
    """
    setting = os.environ.get("PERFEVAL_FONT_CACHE", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    if setting:
        return Path(setting)
    return Path(platformdirs.user_cache_dir(_APP_NAME, appauthor=False)) / "fonts"


def _cache_file(folder: Path, path: Path, index: int) -> Path:
    stat = path.stat()
    key = f"{_CACHE_FORMAT}|{reportlab.Version}|{path}|{stat.st_size}|{stat.st_mtime_ns}|{index}"
    return folder / (hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
                     + ".marshal")


def _to_plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, TTFNameBytes) else value


def _packed(value: Any) -> tuple[Any, ...] | None:
    """Big int→int / int→float tables and int lists as arrays: 5× faster to load than marshal."""
    if isinstance(value, dict) and len(value) > 256 and all(type(k) is int for k in value):
        kinds = {type(v) for v in value.values()}
        code = "q" if kinds == {int} else "d" if kinds == {float} else None
        if code is not None:
            return ("dict", code, array.array("q", value).tobytes(),
                    array.array(code, value.values()).tobytes())
    if isinstance(value, list) and len(value) > 256 and all(type(v) is int for v in value):
        return ("list", "q", array.array("q", value).tobytes())
    return None


def _unpacked(packed: tuple[Any, ...]) -> Any:
    if packed[0] == "dict":
        keys = array.array("q")
        keys.frombytes(packed[2])
        values = array.array(packed[1])
        values.frombytes(packed[3])
        return dict(zip(keys, values, strict=True))
    values = array.array(packed[1])
    values.frombytes(packed[2])
    return values.tolist()


def _store(font: TTFont, target: Path) -> None:
    face = vars(font.face)
    plain: dict[str, Any] = {}
    packed: dict[str, tuple[Any, ...]] = {}
    for key, value in face.items():
        if key in ("_ttf_data", "_pdfScale"):
            continue
        as_array = _packed(value)
        if as_array is not None:
            packed[key] = as_array
        else:
            plain[key] = _to_plain(value)
    record = {
        "face": plain,
        "packed": packed,
        "names": [k for k, v in face.items() if isinstance(v, TTFNameBytes)],
        "font": {k: v for k, v in vars(font).items() if k not in _FONT_STATE},
        "font_keys": sorted(vars(font)),
        "face_keys": sorted(face),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, marshal.dumps(record))
    _prune(target.parent, keep=target)


_CACHE_KEEP: Final = 6
"""Parsed fonts kept on disk (one per font file and install path; each ~1.7 MB)."""


def _prune(folder: Path, keep: Path) -> None:
    """Drop the least recently used cache files beyond _CACHE_KEEP, so the folder cannot grow."""
    with contextlib.suppress(OSError):
        entries = sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[_CACHE_KEEP:]:
            if stale != keep:
                stale.unlink(missing_ok=True)


def _font_bytes(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes, memory-mapped: subsetting reads only the glyphs it needs."""
    with open(path, "rb") as handle:
        try:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return handle.read()


class _GlyphTable:
    """The glyf table of a memory-mapped font: slicing copies only the bytes asked for.

    ReportLab's subsetter takes ``get_table("glyf")`` and slices each glyph it keeps
    out of it. Sliced from the file's bytes, the table would first be copied whole:
    17 MB of UMing, ~10 ms, once per 256-character subset of every PDF.
    """

    __slots__ = ("_data", "_length", "_start")

    def __init__(self, data: bytes | mmap.mmap, start: int, length: int) -> None:
        self._data = data
        self._start = start
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: slice) -> bytes:
        if not isinstance(key, slice):
            raise TypeError("the glyf table is read by slices")
        start, stop, step = key.indices(self._length)
        if step != 1:
            raise ValueError("the glyf table is read by contiguous slices")
        return bytes(self._data[self._start + start:self._start + max(start, stop)])


class _MappedFace(TTFontFace):
    """A face restored from the parsed-font cache, its glyphs read from the mapped file."""

    def get_table(self, tag: str) -> Any:
        if tag == "glyf":
            start, length = self.get_table_pos(tag)
            return _GlyphTable(self._ttf_data, start, length)  # type: ignore[attr-defined]
        return super().get_table(tag)  # type: ignore[no-untyped-call]


def _restore(name: str, path: Path, source: Path) -> TTFont | None:
    try:
        record = marshal.loads(source.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    face = _MappedFace.__new__(_MappedFace)
    attrs = dict(record["face"])
    for key, packed in record["packed"].items():
        attrs[key] = _unpacked(packed)
    for key in record["names"]:
        attrs[key] = TTFNameBytes(attrs[key])
    vars(face).update(attrs)
    face.filename = str(path)
    # Private attributes TTFontFace.__init__ sets; types-reportlab does not declare them.
    face._ttf_data = _font_bytes(path)  # type: ignore[attr-defined]
    scale = 1000 / face.unitsPerEm
    face._pdfScale = (  # type: ignore[attr-defined]
        (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * scale)
    )
    font = TTFont.__new__(TTFont)
    vars(font).update(record["font"])
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    if sorted(vars(font)) != record["font_keys"] or sorted(vars(face)) != record["face_keys"]:
        return None
    return font


def make_ttfont(name: str, path: Path, index: int, cache: Path | None) -> TTFont:
    """A ReportLab TTFont for ``path``/``index``, from the parsed-font cache when it can be."""
    target = None
    if cache is not None:
        with contextlib.suppress(OSError):
            target = _cache_file(cache, path, index)
            if target.exists():
                # ~100 000 objects that live as long as the font (see _collector).
                with contextlib.suppress(Exception), collector_paused():
                    restored = _restore(name, path, target)
                    if restored is not None:
                        os.utime(target)  # recently used: kept by _prune
                        return restored
    with collector_paused():
        font = TTFont(name, str(path), subfontIndex=index)
    if target is not None:
        with contextlib.suppress(Exception):  # a read-only home must not stop printing
            _store(font, target)
    return font
