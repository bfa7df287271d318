"""What the reader takes from one PDF page: its characters with their boxes, and its rules.

PDFium (pypdfium2) gives both: the text page's characters (one ctypes call per box,
about 3 ms for a page of the form) and the page's path objects, whose straight segments
are the table's ruling lines, whether drawn as strokes (ReportLab, LibreOffice) or as thin
filled rectangles (Excel's and WPS's PDF export). Nothing here knows the form.

Coordinates are PDF points with the origin at the page's bottom left, as PDFium gives them.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field
from typing import Any, Final

PDFIUM_LOCK: Final = threading.RLock()
"""PDFium is not thread-safe: every call into it from this package holds this lock (the
window reads PDFs on a worker thread; its printing and preview should hold it too)."""
RULE_THICKNESS: Final = 2.5
"""A filled rectangle thinner than this (points) is a ruling line, not a shaded area."""
MIN_RULE: Final = 2.0
"""Shorter segments are ticks or glyph parts, not rules."""
CUT_TOLERANCE: Final = 0.05
"""A glyph reaching this far (points) past the side of its clip was cut by it."""
UNREADABLE: Final = frozenset("\ufffd\ufffe\uffff\x00")
"""What PDFium gives for a glyph without a Unicode mapping."""


@dataclass(slots=True)
class Char:
    """One character and its loose box (the font's advance box, so adjacent glyphs touch)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    cut: bool = False
    """The glyph runs past the side of its clip: the producer cut the string there
    (LibreOffice draws a string too long for its cell only as far as the cell)."""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class PageContent:
    """One page: size, characters in reading order, horizontal and vertical rules."""

    number: int
    """1-based."""
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    """(y, x0, x1) with x0 < x1."""
    vertical: list[tuple[float, float, float]] = field(default_factory=list)
    """(x, y0, y1) with y0 < y1."""
    images: int = 0
    """Image objects on the page (a scan is one image and no text)."""


def read_page(pdf: Any, index: int) -> PageContent:
    """The content of page ``index`` (0-based) of an open ``pypdfium2.PdfDocument``."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        width, height = page.get_size()  # as displayed (rotation applied)
        content = PageContent(index + 1, float(width), float(height))
        hidden = _read_text(page, content, raw)
        _read_paths(page, content, raw)
        if hidden:
            _drop_hidden(content, hidden)
        rotation = page.get_rotation() % 360
        if rotation:
            _upright(content, rotation, page.get_mediabox())
    finally:
        page.close()
    return content


def _upright(content: PageContent, rotation: int, box: tuple[float, float, float, float]
             ) -> None:
    """Coordinates as the page is displayed, for a page with /Rotate (a landscape table
    stored sideways): PDFium gives boxes and paths in the unrotated page space."""
    left, bottom, right, top = box
    w, h = right - left, top - bottom

    def turn(x: float, y: float) -> tuple[float, float]:
        x, y = x - left, y - bottom
        if rotation == 90:
            return y, w - x
        if rotation == 180:
            return w - x, h - y
        return h - y, x  # 270

    for char in content.chars:
        (ax, ay), (bx, by) = turn(char.x0, char.y0), turn(char.x1, char.y1)
        char.x0, char.x1 = min(ax, bx), max(ax, bx)
        char.y0, char.y1 = min(ay, by), max(ay, by)
    segments = [((x0, y), (x1, y)) for y, x0, x1 in content.horizontal] + \
               [((x, y0), (x, y1)) for x, y0, y1 in content.vertical]
    content.horizontal, content.vertical = [], []
    for p, q in segments:
        _add_segment(content, turn(*p), turn(*q))


def _read_text(page: Any, content: PageContent, raw: Any) -> list[Char]:
    """Reads the characters into ``content``; returns those drawn wholly outside their
    clip (in the text layer but not on paper, see ``_drop_hidden``)."""
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        rect = raw.FS_RECTF()
        get_unicode = raw.FPDFText_GetUnicode
        loose_box = raw.FPDFText_GetLooseCharBox
        chars = content.chars
        high: tuple[Char, int] | None = None  # a character's first UTF-16 half, just read
        clips: dict[int, tuple[float, float, float, float] | None] = {}
        hidden: list[Char] = []
        clipped = _mark_unmapped(page, handle, content, raw, clips)
        for i in range(count):
            code = get_unicode(handle, i)
            if high is not None and 0xDC00 <= code < 0xE000:
                # PDFium gives a character beyond the BMP (𠮷, an emoji) as a surrogate
                # pair: the second half completes the character read just before.
                char, first = high
                char.text = chr(0x10000 + ((first - 0xD800) << 10) + code - 0xDC00)
                if loose_box(handle, i, rect) and rect.right > char.x1:
                    char.x1 = rect.right
                high = None
                continue
            high = None
            if code in (10, 13):
                continue
            if not loose_box(handle, i, rect):
                continue
            if rect.right - rect.left <= 0.01 and code == 32:
                continue  # a space PDFium made up between words, not one in the file
            # A control code is a glyph number given for want of a Unicode map (a Type3
            # font without /ToUnicode): unreadable, as PDFium's own U+FFFD.
            text = chr(code) if 0x20 <= code < 0x110000 and not 0xD800 <= code < 0xE000 \
                and not 0x7F <= code < 0xA0 else " " if code == 9 else "\ufffd"
            chars.append(Char(text, rect.left, rect.bottom, rect.right, rect.top))
            clip = _clip_box(raw.FPDFText_GetTextObject(handle, i), clips, raw) \
                if clipped else None
            if clip is None:
                pass
            elif rect.right < clip[0] - 1 or rect.left > clip[2] + 1 \
                    or rect.top < clip[1] - 1 or rect.bottom > clip[3] + 1:
                hidden.append(chars[-1])
            elif rect.right > clip[2] + CUT_TOLERANCE or rect.left < clip[0] - CUT_TOLERANCE:
                chars[-1].cut = True
            if 0xD800 <= code < 0xDC00:
                high = (chars[-1], code)  # unreadable unless its second half follows
    finally:
        textpage.close()
    return hidden


def _mark_unmapped(page: Any, textpage: Any, content: PageContent, raw: Any,
                   clips: dict[int, tuple[float, float, float, float] | None]) -> bool:
    """An unreadable character where a text object draws glyphs that give no text at all:
    PDFium leaves them out of the text page (LibreOffice draws 𠀀 from a fallback font
    without a Unicode map), so the cell would be read short without a word. Returns
    whether a text object reaches past its clip (else no character's clip is looked up)."""
    clipped = False
    handle = page.raw
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, top = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        bounds = raw.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom),
                                           ctypes.byref(right), ctypes.byref(top))
        if not clipped and bounds and raw.FPDFPageObj_GetClipPath(obj):
            clip = _clip_box(obj, clips, raw)
            clipped = clip is not None and (
                left.value < clip[0] - CUT_TOLERANCE or right.value > clip[2] + CUT_TOLERANCE
                or bottom.value < clip[1] - 1 or top.value > clip[3] + 1)
        if raw.FPDFTextObj_GetText(obj, textpage, None, 0) > 2:
            continue  # > 2: more than the terminating NUL (UTF-16)
        if bounds and right.value - left.value > 0.5 and top.value - bottom.value > 0.5:
            content.chars.append(Char("\ufffd", left.value, bottom.value, right.value,
                                      top.value))
    return clipped


def _drop_hidden(content: PageContent, hidden: list[Char]) -> None:
    """Drops the characters clipped away inside the page's ruled area. LibreOffice prints
    the text of a merged cell cut by a page break on both pages, clipped to the cell's part
    on each: a clipped copy below the last rule is how the reader finds the cell's text
    (kept), one inside the table would land in another cell (the 总分 row) and is not on
    paper."""
    if not content.horizontal or not content.vertical:
        return
    bottom = min(y for y, _x0, _x1 in content.horizontal)
    top = max(y for y, _x0, _x1 in content.horizontal)
    left = min(x for x, _y0, _y1 in content.vertical)
    right = max(x for x, _y0, _y1 in content.vertical)
    inside = {id(c) for c in hidden if left < c.cx < right and bottom < c.cy < top}
    if inside:
        content.chars = [c for c in content.chars if id(c) not in inside]


def _clip_box(obj: Any, cache: dict[int, tuple[float, float, float, float] | None],
              raw: Any) -> tuple[float, float, float, float] | None:
    """The box (left, bottom, right, top) a text object is clipped to, or None (cached
    per object)."""
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if key in cache:
        return cache[key]
    box: tuple[float, float, float, float] | None = None
    clip = raw.FPDFPageObj_GetClipPath(obj) if key else None
    if clip:
        x, y = ctypes.c_float(), ctypes.c_float()
        for n in range(raw.FPDFClipPath_CountPaths(clip)):
            xs: list[float] = []
            ys: list[float] = []
            for s in range(raw.FPDFClipPath_CountPathSegments(clip, n)):
                segment = raw.FPDFClipPath_GetPathSegment(clip, n, s)
                if raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                    xs.append(x.value)
                    ys.append(y.value)
            if not xs:
                continue
            part = (min(xs), min(ys), max(xs), max(ys))
            box = part if box is None else (max(box[0], part[0]), max(box[1], part[1]),
                                             min(box[2], part[2]), min(box[3], part[3]))
    cache[key] = box
    return box


def _read_paths(page: Any, content: PageContent, raw: Any) -> None:
    handle = page.raw
    count = raw.FPDFPage_CountObjects(handle)
    matrix = raw.FS_MATRIX()
    x = ctypes.c_float()
    y = ctypes.c_float()
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, top = ctypes.c_float(), ctypes.c_float()
    for i in range(count):
        obj = raw.FPDFPage_GetObject(handle, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            content.images += 1
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value:
            # A filled shape: a rule only when it is a thin rectangle.
            if not fill.value or not raw.FPDFPageObj_GetBounds(
                    obj, ctypes.byref(left), ctypes.byref(bottom),
                    ctypes.byref(right), ctypes.byref(top)):
                continue
            w, h = right.value - left.value, top.value - bottom.value
            if h <= RULE_THICKNESS and w >= MIN_RULE:
                content.horizontal.append(((top.value + bottom.value) / 2,
                                           left.value, right.value))
            elif w <= RULE_THICKNESS and h >= MIN_RULE:
                content.vertical.append(((left.value + right.value) / 2,
                                         bottom.value, top.value))
            continue
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        start: tuple[float, float] | None = None
        previous: tuple[float, float] | None = None
        for s in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, s)
            raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = previous = point
                continue
            if kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
                _add_segment(content, previous, point)
            previous = point
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_segment(content, point, start)
                previous = start


def _add_segment(content: PageContent, p: tuple[float, float], q: tuple[float, float]) -> None:
    """A straight piece of a stroked path as a horizontal or vertical rule (others ignored)."""
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= MIN_RULE:
        content.horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= MIN_RULE:
        content.vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
