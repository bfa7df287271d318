"""Line breaking for Chinese form text, with the 禁则 (kinsoku) rules of Chinese typesetting.

ReportLab's CJK wrap happily starts a line with ，or 。 (the published seed PDF
does exactly that), so the printout breaks lines itself: a closing mark never
starts a wrapped line, an opening mark never ends one, Latin words stay whole
unless a single word is wider than the cell, and explicit newlines are kept.
Pure functions: widths come from a ``measure`` callable, so this is testable
without a font.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Final

CLOSING: Final = frozenset(
    "，。、；：？！）》」』】”’〕〉〗〙〛｝］﹚﹜﹞…‥·々〻ゝゞ"
    ",.;:?!)]}%％‰"
)
"""Marks that must not start a line (they belong to the text before them)."""

OPENING: Final = frozenset("（《「『【“‘〔〈〖〘〚｛［﹙﹛﹝([{")
"""Marks that must not end a line (they belong to the text after them)."""

_EPSILON: Final = 1e-6

Measure = Callable[[str], float]


def _is_space(char: str) -> bool:
    return char in " \u3000"


def _is_wide(char: str) -> bool:
    """Characters between which a line may break (CJK ideographs, kana, full-width marks)."""
    return unicodedata.east_asian_width(char) in "WF" or char in OPENING or char in CLOSING


def _atoms(paragraph: str) -> list[str]:
    """Smallest pieces: a wide character, a run of spaces, or a run of narrow characters."""
    atoms: list[str] = []
    word = ""
    for char in paragraph:
        if _is_space(char):
            if word:
                atoms.append(word)
                word = ""
            if atoms and _is_space(atoms[-1][-1]):
                atoms[-1] += char
            else:
                atoms.append(char)
        elif _is_wide(char) and not (char in CLOSING and char.isascii()) and not (
            char in OPENING and char.isascii()
        ):
            if word:
                atoms.append(word)
                word = ""
            atoms.append(char)
        else:
            word += char
    if word:
        atoms.append(word)
    return atoms


def _segments(paragraph: str) -> list[str]:
    """Pieces no line break may fall inside: atoms glued by the 禁则 rules."""
    segments: list[str] = []
    for atom in _atoms(paragraph):
        if segments and atom[0] in CLOSING:
            # A closing mark joins the text before it, across any spaces in between.
            if _is_space(segments[-1][0]) and len(segments) > 1:
                spaces = segments.pop()
                segments[-1] += spaces
            segments[-1] += atom
        elif segments and segments[-1].rstrip(" \u3000")[-1:] in OPENING:
            segments[-1] += atom
        else:
            segments.append(atom)
    return segments


def _width(text: str, measure: Measure) -> float:
    return sum(measure(c) for c in text)


def _hard_break(segment: str, width: float, measure: Measure, first_room: float) -> list[str]:
    """Cut a piece wider than a line, at a character the 禁则 rules allow where possible."""
    pieces: list[str] = []
    rest = segment
    room = first_room
    while rest:
        used = 0.0
        cut = 0
        while cut < len(rest) and used + measure(rest[cut]) <= room + _EPSILON:
            used += measure(rest[cut])
            cut += 1
        if cut >= len(rest):
            pieces.append(rest)
            break
        good = cut
        while good > 0 and (rest[good] in CLOSING or rest[good - 1] in OPENING):
            good -= 1
        if good > 0:
            cut = good
        elif cut == 0:
            if room < width:  # nothing fits in what is left of this line: start a new one
                pieces.append("")
                room = width
                continue
            cut = 1  # a single character wider than the cell: draw it anyway
        pieces.append(rest[:cut])
        rest = rest[cut:]
        room = width
    return pieces


def break_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    """Wrap one paragraph (no newlines) into lines no wider than ``width`` where possible."""
    lines: list[str] = []
    line = ""
    used = 0.0
    for segment in _segments(paragraph):
        seg_width = _width(segment, measure)
        if used + seg_width <= width + _EPSILON:
            line += segment
            used += seg_width
            continue
        if _is_space(segment[0]) and segment.strip(" \u3000") == "":
            # Spaces at a break vanish.
            if line.strip(" \u3000"):
                lines.append(line.rstrip(" \u3000"))
            line, used = "", 0.0
            continue
        if line.strip(" \u3000"):
            lines.append(line.rstrip(" \u3000"))
            line, used = "", 0.0
        elif line:  # only spaces so far (typed indentation) and the word does not fit
            line, used = "", 0.0
        segment = segment.lstrip(" \u3000") if lines else segment
        seg_width = _width(segment, measure)
        if seg_width <= width + _EPSILON:
            line, used = segment, seg_width
            continue
        pieces = _hard_break(segment, width, measure, width)
        lines.extend(pieces[:-1])
        line = pieces[-1]
        used = _width(line, measure)
    if line or not lines:
        lines.append(line.rstrip(" \u3000") if lines else line)
    return lines


def break_lines(text: str, width: float, measure: Measure) -> list[str]:
    """Wrap ``text`` into lines for a cell ``width`` wide; explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(break_paragraph(paragraph, width, measure))
    return lines


def violations(lines: list[str], paragraph_starts: set[int] | None = None) -> list[str]:
    """Lines that break the 禁则 rules (for tests and self-checks): why, one string each.

    ``paragraph_starts`` holds the indexes of lines that start after an explicit
    newline (those may start with anything the user typed).
    """
    starts = paragraph_starts or {0}
    found: list[str] = []
    for i, line in enumerate(lines):
        if i not in starts and line[:1] in CLOSING:
            found.append(f"line {i} starts with {line[0]!r}: {line!r}")
        if i + 1 < len(lines) and (i + 1) not in starts and line[-1:] in OPENING:
            found.append(f"line {i} ends with {line[-1]!r}: {line!r}")
    return found
