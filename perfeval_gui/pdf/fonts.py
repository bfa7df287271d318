"""Font loading for the printout: the shipped UMing, a user-chosen TrueType font, a fallback.

Parsing a 21 MB .ttc is the slow part of printing, so each font is registered
with ReportLab once per process and cached. Characters the chosen font lacks
are drawn with the shipped font when it has them, otherwise as a visible
placeholder; the renderer reports both (see ``GlyphResolver``).
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import marshal
import mmap
import os
import re
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from perfeval_gui import assets
from perfeval_gui._collector import collector_paused
from perfeval_gui.fileio import write_bytes_atomic

PLACEHOLDER: Final = "〓"
"""Drawn (with the shipped font) in place of a character no available font has."""

DEFAULT_FONT_NAME: Final = "UMingCN"


class FontError(Exception):
    """The font setting cannot be used; ``str()`` is one line for the user, in Chinese."""


@dataclass(frozen=True, slots=True)
class FontSpec:
    """A TrueType font file and, for a collection (.ttc), the index of the face to use."""

    path: Path
    index: int = 0

    def __post_init__(self) -> None:
        # Unconditional: untyped callers (a str from a settings file) still get a Path,
        # and the annotation stays honest (an isinstance test would be "unreachable").
        object.__setattr__(self, "path", Path(self.path))

    @classmethod
    def default(cls) -> FontSpec:
        """The shipped AR PL UMing CN."""
        return cls(assets.font_path(), assets.DEFAULT_FONT_INDEX)

    def __str__(self) -> str:
        return f"{self.path}:{self.index}" if self.index else str(self.path)


_INDEX_SUFFIX = re.compile(r"^(?P<path>.+):(?P<index>[0-9]{1,3})$")


def parse_font_spec(text: str) -> FontSpec:
    """``PATH[:INDEX]`` → FontSpec; ``C:\\Windows\\Fonts\\simsun.ttc:1`` works too."""
    text = text.strip()
    if not text:
        raise FontError("字体设置为空：请给出 TrueType 字体文件的路径（PATH[:INDEX]）")
    match = _INDEX_SUFFIX.match(text)
    if match and not os.path.exists(text):
        return FontSpec(Path(match["path"]), int(match["index"]))
    return FontSpec(Path(text), 0)


@dataclass(frozen=True, slots=True, eq=False)
class LoadedFont:
    """A font registered with ReportLab, with what the layout needs: coverage and widths."""

    name: str
    spec: FontSpec
    ascent: float
    """Ascent as a fraction of the font size."""
    _cmap: dict[int, int] = field(repr=False)
    _widths: dict[int, float] = field(repr=False)
    _default_width: float = 1000.0

    def has(self, char: str) -> bool:
        return ord(char) in self._cmap

    def width(self, char: str) -> float:
        """Advance width of ``char`` in 1/1000 em."""
        return self._widths.get(ord(char), self._default_width)


# --- the parsed-font cache ----------------------------------------------------------------
#
# ReportLab parses a font's cmap and metrics in pure Python: for the 21 MB UMing
# that is most of the cost of printing one form. The parsed tables are plain
# numbers and strings, so they are kept on disk (marshal, not pickle: loading
# one cannot run code) keyed by the font file's path, size and mtime and by the
# ReportLab version; the raw font bytes are memory-mapped from the font file
# itself, and subsetting reads only the glyphs it keeps (``_MappedFace``).
# Anything unexpected (another ReportLab, a damaged cache) falls back to parsing.

_CACHE_FORMAT: Final = 2
_FONT_STATE: Final = frozenset({"face", "encoding", "state"})


def font_cache_dir() -> Path | None:
    """Where parsed fonts are kept; ``PERFEVAL_FONT_CACHE=off`` disables, a path overrides."""
    setting = os.environ.get("PERFEVAL_FONT_CACHE", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    if setting:
        return Path(setting)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "perfeval-gui" / "fonts"


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


_LOCK = threading.Lock()
_CACHE: dict[tuple[str, int], LoadedFont] = {}


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "postscript outlines" in text.lower() or "cff" in text.lower():
        return "这是 PostScript (CFF) 轮廓的 OpenType 字体，只支持 TrueType 轮廓的字体 (.ttf/.ttc)"
    if "embedding" in text.lower():
        return "字体的授权不允许嵌入 PDF"
    return text[:160]


def load_font(spec: FontSpec | None = None) -> LoadedFont:
    """Register ``spec`` with ReportLab (once per process) and return it; raises FontError."""
    spec = spec or FontSpec.default()
    try:
        resolved = spec.path.expanduser().resolve()
    except (OSError, RuntimeError) as exc:
        raise FontError(f"{spec.path}: 无法读取字体：{exc}") from None
    key = (str(resolved), spec.index)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        if not resolved.exists():
            raise FontError(f"{spec.path}: 字体文件不存在")
        if not resolved.is_file():
            raise FontError(f"{spec.path}: 不是字体文件（是一个文件夹）")
        if spec.index < 0:
            raise FontError(f"{spec.path}: 字体序号不能为负数")
        default = FontSpec.default()
        is_default = resolved == default.path.resolve() and spec.index == default.index
        name = DEFAULT_FONT_NAME if is_default else f"PerfEvalFont{len(_CACHE)}"
        try:
            font = make_ttfont(name, resolved, spec.index, font_cache_dir())
        except Exception as exc:  # TTFError, struct.error, OSError: never a traceback
            reason = _describe(exc)
            if "subfont" in reason.lower() or "index" in reason.lower():
                reason = f"字体集中没有序号为 {spec.index} 的字体（{reason}）"
            raise FontError(f"{spec.path}: 无法用作打印字体：{reason}") from None
        pdfmetrics.registerFont(font)
        face = font.face
        loaded = LoadedFont(
            name=name,
            spec=FontSpec(resolved, spec.index),
            ascent=face.ascent / 1000.0,
            _cmap=face.charToGlyph,
            _widths=face.charWidths,
            _default_width=float(face.defaultWidth),
        )
        _CACHE[key] = loaded
        return loaded


# Characters that take no room and need no glyph of their own (ZWJ, variation selectors, ...).
_INVISIBLE_CATEGORIES: Final = frozenset({"Cf", "Mn", "Me"})


@dataclass(slots=True)
class GlyphResolver:
    """Decides which font draws each character, and remembers what had to be substituted."""

    primary: LoadedFont
    fallback: LoadedFont | None = None
    missing: dict[str, None] = field(default_factory=dict)
    """Characters no font has (drawn as PLACEHOLDER), in order of first appearance."""
    substituted: dict[str, None] = field(default_factory=dict)
    """Characters the chosen font lacks that the fallback font drew."""
    _memo: dict[str, str] = field(default_factory=dict)

    def clean(self, text: str) -> str:
        """Text as it will be drawn: tabs as spaces, \\r\\n as \\n, unknown glyphs as 〓."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\t", "    ")
        if all(self.primary.has(c) or c == "\n" for c in text):
            return text
        # A decomposed accent (e + U+0301) has a precomposed glyph more often than not.
        text = unicodedata.normalize("NFC", text) if any(
            unicodedata.combining(c) for c in text) else text
        out: list[str] = []
        for char in text:
            mapped = self._memo.get(char)
            if mapped is None:
                mapped = self._map(char)
                self._memo[char] = mapped
            out.append(mapped)
        return "".join(out)

    def _map(self, char: str) -> str:
        if char == "\n" or self.primary.has(char):
            return char
        if self.fallback is not None and self.fallback.has(char):
            self.substituted[char] = None
            return char
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES or char == "\u00a0":
            return "" if char != "\u00a0" else " "
        self.missing[char] = None
        return PLACEHOLDER

    def font_for(self, char: str) -> LoadedFont:
        """The font that draws ``char`` (already cleaned)."""
        if self.primary.has(char) or self.fallback is None:
            return self.primary
        return self.fallback if self.fallback.has(char) else self.primary


def resolver_for(spec: FontSpec | None) -> GlyphResolver:
    """The chosen font, with the shipped UMing as fallback when another font was chosen."""
    primary = load_font(spec)
    default = load_font(None)
    return GlyphResolver(primary, None if primary is default else default)
