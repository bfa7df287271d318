"""Choose and load the printout's font: the shipped UMing, a user-chosen TrueType font, a fallback.

Each font is registered with ReportLab once per process and cached (parsing is
slow; ``font_cache`` keeps parsed fonts on disk between runs). Characters the
chosen font lacks are drawn with the shipped font when it has them, otherwise as
a visible placeholder; the renderer reports both (see ``GlyphResolver``).
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics

from perfeval_gui import assets
from perfeval_gui.pdf.font_cache import font_cache_dir, make_ttfont

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
# Format characters (ZWJ, ZWNJ, soft hyphen, bidi marks, BOM, tags …) steer a shaping
# engine; ReportLab has none and draws each code point's glyph as it stands. Fonts that
# map them (UMing draws U+200C/U+200D as boxed "ZWNJ"/"ZWJ" glyphs, 1 em wide) would
# print a visible box, so they are dropped whether or not a font has a glyph for them.
_FORMAT: Final = "Cf"


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
        """Text as it will be drawn: tabs as spaces, \\r\\n as \\n, unknown glyphs as 〓,
        format characters (ZWJ …) dropped."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\t", "    ")
        memo = self._memo
        if all(memo.get(c) == c for c in text):  # every character seen and drawn as itself
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
        if unicodedata.category(char) == _FORMAT:
            return ""
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
