"""Fault tests of the reader's text layer: characters outside the Basic Multilingual Plane
(rare CJK of Extension B such as 𠮷, used in names of people and places, and emoji, as
LibreOffice writes them) come from PDFium as UTF-16 surrogate pairs and must be read as the
one character they are, not as two unreadable halves."""

from __future__ import annotations

from itertools import pairwise

import pypdfium2 as pdfium

from perfeval_gui.pdfread.page import read_page


def _pdf_with_text(mapping: dict[str, str]) -> bytes:
    """One page showing the codes of ``mapping`` in Helvetica, whose /ToUnicode CMap maps
    each code to the text given (as a PDF writer maps a subset font's glyphs)."""
    codes = "".join(mapping)
    pairs = "".join(f"<{ord(code):02X}> <{text.encode('utf-16-be').hex().upper()}>\n"
                    for code, text in mapping.items())
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /Q def /CMapType 2 def\n1 begincodespacerange <00> <FF> "
            f"endcodespacerange\n{len(mapping)} beginbfchar\n{pairs}endbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode()
    stream = f"BT /F1 24 Tf 72 700 Td ({codes}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    """A PDF file of the numbered objects (1 is the catalog), with its cross-reference."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_characters_beyond_the_bmp_are_read_whole() -> None:
    data = _pdf_with_text({"A": "𠮷", "B": "野", "C": "😀", "D": "家"})
    with pdfium.PdfDocument(data) as pdf:
        chars = read_page(pdf, 0).chars
    assert "".join(c.text for c in chars) == "𠮷野😀家"
    # One box per character, left to right, each as wide as its glyph.
    assert all(a.x1 <= b.x0 + 0.01 for a, b in pairwise(chars))
    assert all(c.x1 - c.x0 > 5 for c in chars)


def _type3_pdf() -> bytes:
    """A Type3 font (glyphs drawn as squares) with no /ToUnicode: PDFium gives the glyph
    codes 1 and 2 as the text, control characters, not letters."""
    glyph = b"1000 0 0 0 800 800 d1 0 0 800 800 re f"
    stream = b"BT /F1 20 Tf 72 700 Td (\x01\x02\x01) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] "
        b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /g1 6 0 R /g2 6 0 R >> "
        b"/Encoding << /Differences [1 /g1 /g2] >> /FirstChar 1 /LastChar 2 "
        b"/Widths [1000 1000] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(glyph), glyph),
    ]
    return _assemble(objects)


def test_glyph_codes_of_a_font_without_unicode_map_are_unreadable() -> None:
    with pdfium.PdfDocument(_type3_pdf()) as pdf:
        chars = read_page(pdf, 0).chars
    assert [c.text for c in chars] == ["\ufffd"] * 3
