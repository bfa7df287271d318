"""Print preview and printing: the pages pdfium renders are the exported PDF's, and they
reach the printer whole, in order, on A4 without margins."""

from __future__ import annotations

import gc
import importlib
import io
import math
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pypdf
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from perfeval_gui.ui import print_preview, printing
from perfeval_gui.ui.print_preview import PrintPreviewDialog
from perfeval_gui.ui.printing import PdfRenderError, print_pdf_bytes, render_pages

PAGES = 3
BOX_W, BOX_H = 100.0, 150.0  # points


def box_origin(page: int) -> tuple[float, float]:
    """Bottom-left corner (PDF points) of page ``page``'s black box: each page differs."""
    return 60.0 + 150.0 * page, 400.0


def make_pdf(pages: int = PAGES) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle("测试表")
    for page in range(pages):
        x, y = box_origin(page)
        pdf.rect(x, y, BOX_W, BOX_H, stroke=0, fill=1)
        pdf.drawString(40, 40, f"page {page + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return make_pdf()


def is_dark(image: QImage, x: float, y: float) -> bool:
    return image.pixelColor(int(x), int(y)).lightness() < 64


def box_page_index(image: QImage) -> int | None:
    """Which page's box this image shows (by sampling each box's centre), or None."""
    scale_x = image.width() / A4[0]
    scale_y = image.height() / A4[1]
    found = []
    for page in range(PAGES):
        x, y = box_origin(page)
        if is_dark(image, (x + BOX_W / 2) * scale_x, (A4[1] - y - BOX_H / 2) * scale_y):
            found.append(page)
    return found[0] if len(found) == 1 else None


def pdf_printer(path: Path, resolution: int = 150) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(resolution)
    return printer


# --- render_pages -----------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [72, 150])
def test_render_pages_gives_every_page_at_the_resolution(pdf_bytes: bytes, dpi: int) -> None:
    images = render_pages(pdf_bytes, dpi)
    assert len(images) == PAGES
    for page, image in enumerate(images):
        assert image.width() == math.ceil(A4[0] * dpi / 72)
        assert image.height() == math.ceil(A4[1] * dpi / 72)
        assert round(image.dotsPerMeterX() * 0.0254) == dpi
        assert box_page_index(image) == page  # the right page, in order
        assert not is_dark(image, 5, 5)  # white paper, not transparent black


def test_rendered_images_own_their_pixels(pdf_bytes: bytes) -> None:
    images = render_pages(pdf_bytes, 72)
    gc.collect()  # pdfium's document and bitmaps are gone by now
    x, y = box_origin(0)
    assert is_dark(images[0], x + BOX_W / 2, A4[1] - y - BOX_H / 2)
    assert images[0].copy() == images[0]


@pytest.mark.parametrize("junk", [b"", b"junk", b"%PDF-1.4\n%%EOF", "𠀀".encode()])
def test_render_pages_refuses_bytes_that_are_not_a_pdf(junk: bytes) -> None:
    with pytest.raises(PdfRenderError, match="无法读取 PDF"):
        render_pages(junk, 72)


@pytest.mark.parametrize("dpi", [0, -72, math.inf, math.nan])
def test_render_pages_refuses_a_nonsense_resolution(pdf_bytes: bytes, dpi: float) -> None:
    with pytest.raises(ValueError):
        render_pages(pdf_bytes, dpi)


# --- print_pdf_bytes --------------------------------------------------------------------


def test_printing_to_a_pdf_printer_paints_every_page_full_page(
    qapp: object, pdf_bytes: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)

    assert print_pdf_bytes(pdf_bytes, printer=printer, ask=False) is True

    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == PAGES
    for page in reader.pages:  # A4 portrait
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=1)
    # Rendering the printout again shows each page's box where the original has it:
    # no margins, no shift, no scaling, right order.
    printed = render_pages(out.read_bytes(), 72)
    assert [box_page_index(image) for image in printed] == list(range(PAGES))
    assert printer.docName() == "测试表"  # the PDF's title names the print job


def test_printing_honours_a_page_range(qapp: object, pdf_bytes: bytes, tmp_path: Path) -> None:
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out, 72)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)

    assert print_pdf_bytes(pdf_bytes, printer=printer, ask=False)

    printed = render_pages(out.read_bytes(), 72)
    assert [box_page_index(image) for image in printed] == [1, 2]


def test_printing_honours_last_page_first(qapp: object, pdf_bytes: bytes, tmp_path: Path) -> None:
    out = tmp_path / "reverse.pdf"
    printer = pdf_printer(out, 72)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)

    assert print_pdf_bytes(pdf_bytes, printer=printer, ask=False)

    printed = render_pages(out.read_bytes(), 72)
    assert [box_page_index(image) for image in printed] == [2, 1, 0]


@pytest.mark.parametrize(
    ("collate", "expected"), [(True, [0, 1, 2, 0, 1, 2]), (False, [0, 0, 1, 1, 2, 2])]
)
def test_printing_makes_copies_when_the_driver_cannot(
    qapp: object, pdf_bytes: bytes, tmp_path: Path, collate: bool, expected: list[int]
) -> None:
    out = tmp_path / "copies.pdf"
    printer = pdf_printer(out, 72)
    printer.setCopyCount(2)
    printer.setCollateCopies(collate)
    assert not printer.supportsMultipleCopies()  # Qt's PDF writer makes no copies itself

    assert print_pdf_bytes(pdf_bytes, printer=printer, ask=False)

    printed = render_pages(out.read_bytes(), 72)
    assert [box_page_index(image) for image in printed] == expected


def test_grayscale_printing_prints_the_same_pages(
    qapp: object, pdf_bytes: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formats: list[QImage.Format] = []
    real_render = printing.render_page

    def spy(*args: object, **kwargs: object) -> QImage:
        image = real_render(*args, **kwargs)
        formats.append(image.format())
        return image

    monkeypatch.setattr(printing, "render_page", spy)
    out = tmp_path / "gray.pdf"
    printer = pdf_printer(out, 72)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)

    assert print_pdf_bytes(pdf_bytes, printer=printer, ask=False)

    assert formats == [QImage.Format.Format_Grayscale8] * PAGES  # a quarter of the bytes

    printed = render_pages(out.read_bytes(), 72)
    assert [box_page_index(image) for image in printed] == list(range(PAGES))


def test_printing_resets_paper_to_a4_portrait(
    qapp: object, pdf_bytes: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "a4.pdf"
    printer = pdf_printer(out, 72)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)

    assert print_pdf_bytes(pdf_bytes, printer=printer, ask=False)

    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
    assert printer.fullPage()


def test_printing_to_an_unwritable_place_returns_false(
    qapp: object, pdf_bytes: bytes, tmp_path: Path
) -> None:
    printer = pdf_printer(tmp_path / "missing-folder" / "out.pdf", 72)
    assert print_pdf_bytes(pdf_bytes, printer=printer, ask=False) is False


def test_printing_junk_raises_the_modules_error(qapp: object, tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "out.pdf", 72)
    with pytest.raises(PdfRenderError):
        print_pdf_bytes(b"not a pdf", printer=printer, ask=False)
    assert not (tmp_path / "out.pdf").exists()


def test_printing_the_replica_of_seed1(qapp: object, seed1: object, tmp_path: Path) -> None:
    """The real printout, when the PDF module is there (it is written in parallel)."""
    render_pdf = getattr(importlib.import_module("perfeval_gui.pdf"), "render_pdf", None)
    if render_pdf is None:
        pytest.skip("perfeval_gui.pdf.render_pdf is not there yet")
    buffer = io.BytesIO()
    render_pdf(seed1, buffer)  # render_pdf(form, target): a path or a binary stream
    pdf_bytes = buffer.getvalue()
    expected_pages = len(pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)
    out = tmp_path / "seed1-printed.pdf"

    assert print_pdf_bytes(pdf_bytes, printer=pdf_printer(out, 72), ask=False)

    assert len(pypdf.PdfReader(out).pages) == expected_pages
    original = render_pages(pdf_bytes, 36)
    printed = render_pages(out.read_bytes(), 36)
    assert [image.size() for image in printed] == [image.size() for image in original]


# --- PrintPreviewDialog -----------------------------------------------------------------


def test_preview_shows_the_pages_with_a_page_count(qtbot, pdf_bytes: bytes) -> None:
    dialog = PrintPreviewDialog(pdf_bytes)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.page_count() == PAGES
    assert dialog.page_label_text() == "第 1 页 共 3 页"
    assert dialog.windowTitle() == "打印预览 — 测试表"
    pixmap = dialog.page_pixmap(0)
    assert not pixmap.isNull()
    image = pixmap.toImage()
    expected_width = A4[0] / 72 * 96 * dialog.zoom() * pixmap.devicePixelRatio()
    assert image.width() == pytest.approx(expected_width, abs=2)
    # On this small offscreen screen the page starts fitted to the width: no sideways scrolling.
    assert dialog._scroll.horizontalScrollBar().maximum() == 0
    assert box_page_index(image) == 0  # it is the PDF's own first page


def test_preview_zooms_and_follows_the_current_page(qtbot, pdf_bytes: bytes) -> None:
    dialog = PrintPreviewDialog(pdf_bytes)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_zoom(1.0)
    width_at_100 = dialog.page_pixmap(0).width()

    dialog.zoom_in()
    assert dialog.zoom() > 1.0
    assert dialog.page_pixmap(0).width() > width_at_100

    dialog.set_zoom(2.0)
    dialog.scroll_to_page(3)
    assert dialog.current_page() == 3
    assert dialog.page_label_text() == "第 3 页 共 3 页"
    assert box_page_index(dialog.page_pixmap(2).toImage()) == 2
    assert dialog.page_pixmap(0).isNull()  # far off-screen pages are not kept as bitmaps

    for _ in range(20):
        dialog.zoom_out()
    assert dialog.zoom() == print_preview.ZOOM_STEPS[0]
    assert not dialog._zoom_out_button.isEnabled()

    dialog.fit_width()
    assert dialog._scroll.horizontalScrollBar().maximum() == 0


def test_preview_print_button_prints_the_same_bytes(
    qtbot, pdf_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[bytes] = []

    def fake_print(data: bytes, parent: object = None, **_: object) -> bool:
        printed.append(data)
        return True

    monkeypatch.setattr(print_preview, "print_pdf_bytes", fake_print)
    dialog = PrintPreviewDialog(pdf_bytes)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog._print_button.text() == "打印…"

    dialog._print_button.click()

    assert printed == [pdf_bytes]
    assert dialog.result() == PrintPreviewDialog.DialogCode.Accepted


def test_preview_print_document_to_pdf(qtbot, pdf_bytes: bytes, tmp_path: Path) -> None:
    dialog = PrintPreviewDialog(pdf_bytes)
    qtbot.addWidget(dialog)
    out = tmp_path / "from-preview.pdf"

    assert dialog.print_document(pdf_printer(out, 72), ask=False)

    assert len(pypdf.PdfReader(out).pages) == PAGES


def test_preview_can_be_shown_again_after_closing(qtbot, pdf_bytes: bytes) -> None:
    dialog = PrintPreviewDialog(pdf_bytes)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert dialog.page_pixmap(0).isNull()  # bitmaps freed on close
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.page_pixmap(0).isNull()


def test_preview_of_junk_raises(qtbot) -> None:
    with pytest.raises(PdfRenderError):
        PrintPreviewDialog(b"\x00\xff junk")


@pytest.mark.parametrize("answer", ["reject", "accept"])
def test_print_dialog_cancel_prints_nothing_and_ok_prints(
    qtbot, pdf_bytes: bytes, tmp_path: Path, answer: str
) -> None:
    out = tmp_path / "asked.pdf"
    printer = pdf_printer(out, 72)
    seen: list[str] = []

    def answer_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(10, answer_dialog)
            return
        seen.append(dialog.windowTitle())
        getattr(dialog, answer)()

    QTimer.singleShot(0, answer_dialog)
    printed = print_pdf_bytes(pdf_bytes, printer=printer, ask=True)

    assert seen == ["打印"]
    assert printed is (answer == "accept")
    assert out.exists() is (answer == "accept")
    if printed:
        assert len(pypdf.PdfReader(out).pages) == PAGES
