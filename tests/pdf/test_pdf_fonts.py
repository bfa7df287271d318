"""Font setting: PATH[:INDEX], clear errors for bad fonts, the once-per-process cache, fallback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from perfeval_gui.assets import font_path
from perfeval_gui.pdf import FontError, FontSpec, parse_font_spec, render_bytes
from perfeval_gui.pdf.fonts import load_font

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_parse_font_spec_path_and_index(tmp_path):
    assert parse_font_spec("/fonts/simsun.ttc:1") == FontSpec(Path("/fonts/simsun.ttc"), 1)
    assert parse_font_spec("C:\\Windows\\Fonts\\simsun.ttc:2") == FontSpec(
        Path("C:\\Windows\\Fonts\\simsun.ttc"), 2)
    assert parse_font_spec("C:\\Windows\\Fonts\\simhei.ttf") == FontSpec(
        Path("C:\\Windows\\Fonts\\simhei.ttf"), 0)
    odd = tmp_path / "font:7"  # an existing file whose name ends in :digits is a path
    odd.write_bytes(b"x")
    assert parse_font_spec(str(odd)) == FontSpec(odd, 0)
    with pytest.raises(FontError):
        parse_font_spec("  ")


@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing.ttf", "不存在"),
    (lambda d: d, "文件夹"),
    (lambda d: _write(d / "fake.ttf", b"not a font at all" * 10), "无法用作打印字体"),
    (lambda d: _write(d / "empty.ttf", b""), "无法用作打印字体"),
])
def test_a_bad_font_is_a_clear_error(tmp_path, make, words):
    path = make(tmp_path)
    with pytest.raises(FontError) as info:
        load_font(FontSpec(path))
    message = str(info.value)
    assert str(path) in message and words in message
    assert "\n" not in message


def test_a_missing_face_in_a_collection_is_a_clear_error():
    with pytest.raises(FontError, match="序号为 9"):
        load_font(FontSpec(font_path(), 9))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_fonts_are_registered_once_per_process():
    assert load_font() is load_font(FontSpec.default())
    assert load_font(FontSpec(font_path(), 1)) is load_font(FontSpec(font_path(), 1))


def test_another_face_of_the_collection_prints(seed1, page_texts):
    data, report = render_bytes(seed1, font=FontSpec(font_path(), 2))
    assert report.font.endswith(":2")
    assert "重点企业服务" in page_texts(data)[0]
    names = {str(f.get_object()["/BaseFont"])
             for f in PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"].values()}
    assert any("UMingTW" in n for n in names), names


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is not installed here")
def test_a_latin_font_falls_back_to_the_shipped_font_for_chinese(seed1, page_texts):
    form = seed1.model_copy(deep=True)
    form.goals.actual = "Latin text 中文 𠀀"
    data, report = render_bytes(form, font=FontSpec(DEJAVU))
    assert "中" in report.fallback_chars
    assert report.missing_chars == ("𠀀",)
    assert "重点企业服务" in page_texts(data)[0]
    names = {str(f.get_object()["/BaseFont"])
             for f in PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVu" in n for n in names) and any("UMing" in n for n in names)


def test_parsed_font_cache_gives_the_same_font(tmp_path):
    from perfeval_gui.pdf.font_cache import make_ttfont

    parsed = make_ttfont("CacheTestA", font_path(), 0, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1
    restored = make_ttfont("CacheTestB", font_path(), 0, tmp_path)
    assert restored.fontName == "CacheTestB"
    a, b = vars(parsed.face), vars(restored.face)
    assert a.keys() == b.keys()
    for key in a:
        if key not in ("_pdfScale", "_ttf_data"):
            assert a[key] == b[key], key
            assert type(a[key]) is type(b[key]), key
    assert a["_ttf_data"] == b["_ttf_data"][:]  # the file, memory-mapped
    assert b["_pdfScale"](1024) == a["_pdfScale"](1024)
    glyphs = [0, *sorted({parsed.face.charToGlyph[ord(c)] for c in "重点企业服务（元）65.79%"})]
    assert parsed.face.makeSubset(glyphs) == restored.face.makeSubset(glyphs)
    assert restored.stringWidth("项目资金", 9) == parsed.stringWidth("项目资金", 9)


def test_a_damaged_font_cache_is_ignored_and_rewritten(tmp_path):
    from perfeval_gui.pdf.font_cache import make_ttfont

    make_ttfont("CacheTestC", font_path(), 0, tmp_path)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(b"\x00garbage")
    font = make_ttfont("CacheTestD", font_path(), 0, tmp_path)
    assert font.face.charToGlyph[ord("表")]
    assert entry.stat().st_size > 1000


def test_font_cache_can_be_switched_off_or_moved(monkeypatch, tmp_path):
    from perfeval_gui.pdf.font_cache import font_cache_dir

    monkeypatch.setenv("PERFEVAL_FONT_CACHE", "off")
    assert font_cache_dir() is None
    monkeypatch.setenv("PERFEVAL_FONT_CACHE", str(tmp_path))
    assert font_cache_dir() == tmp_path
    monkeypatch.delenv("PERFEVAL_FONT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert font_cache_dir() in {tmp_path / "xdg" / "perfeval-gui" / "fonts",
                                font_cache_dir()}  # Windows / macOS use their own folder


def test_font_cache_folder_is_pruned_to_the_most_recent(tmp_path):
    """Every install path adds a parsed font (~1.7 MB); the folder must not grow forever."""
    import os

    from perfeval_gui.pdf import font_cache

    files = []
    for i in range(font_cache._CACHE_KEEP + 4):
        f = tmp_path / f"{i:02d}.marshal"
        f.write_bytes(b"x")
        os.utime(f, (1_000_000 + i, 1_000_000 + i))
        files.append(f)
    oldest = files[0]
    font_cache._prune(tmp_path, keep=oldest)
    left = sorted(p.name for p in tmp_path.glob("*.marshal"))
    newest = sorted(p.name for p in files[-font_cache._CACHE_KEEP:])
    assert left == sorted([oldest.name, *newest])
