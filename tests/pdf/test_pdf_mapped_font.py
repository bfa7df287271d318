"""A font restored from the parsed-font cache subsets exactly like a freshly parsed one.

The restored face reads its glyf table through a view of the memory-mapped file
(``_GlyphTable``) instead of copying the 17 MB table for every subset; composite
glyphs, whose component references the subsetter rewrites, must come out the same.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from perfeval_gui.assets import font_path
from perfeval_gui.pdf.font_cache import _GlyphTable, _MappedFace, make_ttfont


def test_the_glyph_table_view_slices_like_bytes():
    data = bytes(range(256)) * 4
    view = _GlyphTable(data, 100, 500)
    assert len(view) == 500
    for start, stop in [(0, 10), (490, 500), (495, 520), (20, 10), (0, 0), (-5, None)]:
        assert view[start:stop] == data[100:600][start:stop]
    with pytest.raises(TypeError):
        view[3]  # type: ignore[index]


def test_restored_font_subsets_composite_glyphs_like_a_parsed_one(tmp_path: Path):
    parsed = make_ttfont("MappedTestA", font_path(), 0, tmp_path)
    restored = make_ttfont("MappedTestB", font_path(), 0, tmp_path)
    assert isinstance(restored.face, _MappedFace)
    assert not isinstance(parsed.face, _MappedFace)
    face = parsed.face
    glyf = face.get_table_pos("glyf")[0]
    raw = face._ttf_data

    def composite(code: int) -> bool:
        glyph = face.charToGlyph[code]
        start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
        return end - start > 2 and struct.unpack(">h", raw[glyf + start:glyf + start + 2])[0] < 0

    codes = sorted(face.charToGlyph)
    composites = [c for c in codes if composite(c)][:120]
    assert len(composites) == 120  # UMing builds many characters from components
    subset = [0, *composites, *codes[1000:1100:3]]
    assert restored.face.makeSubset(subset) == parsed.face.makeSubset(subset)
