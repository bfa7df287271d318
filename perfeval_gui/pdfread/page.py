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
        _read_text(page, content, raw)
        _read_paths(page, content, raw)
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


def _read_text(page: Any, content: PageContent, raw: Any) -> None:
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        rect = raw.FS_RECTF()
        get_unicode = raw.FPDFText_GetUnicode
        loose_box = raw.FPDFText_GetLooseCharBox
        chars = content.chars
        for i in range(count):
            code = get_unicode(handle, i)
            if code in (10, 13):
                continue
            if not loose_box(handle, i, rect):
                continue
            if rect.right - rect.left <= 0.01 and code == 32:
                continue  # a space PDFium made up between words, not one in the file
            text = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 \
                else "\ufffd"
            chars.append(Char(text, rect.left, rect.bottom, rect.right, rect.top))
    finally:
        textpage.close()


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
