"""Render the replica's PDF pages with pypdfium2, as QImages and onto a QPrinter.

Usage (for the window; the preview dialog is in ``print_preview``)::

    from perfeval_gui.ui.printing import PdfRenderError, print_pdf_bytes

    pdf, _report = render_bytes(form, font=...)       # perfeval_gui.pdf: what Export PDF writes
    try:
        print_pdf_bytes(pdf, self)                    # 打印… (Ctrl+P): system print dialog
    except PdfRenderError as exc:                     # only for bytes that are not a PDF
        QMessageBox.warning(self, ..., str(exc))

Why rasterise: QtPdf is an add-on that PySide6-Essentials lacks, and painting the
exported PDF's own pages (rather than re-drawing the form with QPainter) is what
makes the printout match the exported PDF exactly. Pages are rendered one at a
time at the printer's resolution (capped at MAX_PRINT_DPI: one A4 page at 600 dpi
is ~135 MB, drawn straight into the QImage that Qt prints, with no further copy) and
scaled onto the full paper, keeping the page's aspect ratio.
"""

from __future__ import annotations

import ctypes
import math
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from perfeval_gui.pdfread.page import PDFIUM_LOCK  # pdfium is not thread-safe

MAX_PRINT_DPI: Final = 600
"""Printer pages are rendered at min(printer resolution, this): 600 dpi A4 is ~140 MB RGBX."""

_LITTLE_ENDIAN: Final = sys.byteorder == "little"

_QIMAGE_FORMATS: Final = {
    **({"BGRX": QImage.Format.Format_RGB32} if _LITTLE_ENDIAN else {}),
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
    "BGR": QImage.Format.Format_BGR888,
    "L": QImage.Format.Format_Grayscale8,
}


class PdfRenderError(ValueError):
    """The bytes are not a PDF pdfium can read; ``str()`` is one Chinese line for the user."""


def open_document(pdf_bytes: bytes) -> pdfium.PdfDocument:
    """pdfium's document for ``pdf_bytes`` (the caller closes it); raises PdfRenderError."""
    try:
        with PDFIUM_LOCK:
            return pdfium.PdfDocument(bytes(pdf_bytes))
    except (pdfium.PdfiumError, OSError, ValueError, TypeError) as exc:
        raise PdfRenderError(
            QCoreApplication.translate("printing", "无法读取 PDF：{0}").format(exc)
        ) from None


@contextmanager
def _document(pdf_bytes: bytes) -> Iterator[pdfium.PdfDocument]:
    doc = open_document(pdf_bytes)
    try:
        yield doc
    finally:
        with PDFIUM_LOCK:
            doc.close()


class _IntoQImage:
    """pypdfium2 bitmap maker that lets pdfium draw straight into a QImage's pixels.

    Saves a full-page copy: at 600 dpi an A4 page is ~140 MB, so printing peaks at
    one page's pixels instead of two. Only for 4-byte pixels, whose QImage rows are
    packed exactly as pdfium expects; other formats use pypdfium2's own buffer.
    """

    def __init__(self) -> None:
        self.image: QImage | None = None

    def __call__(
        self, width: int, height: int, format: int, rev_byteorder: bool = False
    ) -> pdfium.PdfBitmap:
        if format == pdfium_raw.FPDFBitmap_BGRx:
            fmt = QImage.Format.Format_RGBX8888 if rev_byteorder else QImage.Format.Format_RGB32
            image = QImage(width, height, fmt)
            if not image.isNull() and image.bytesPerLine() == width * 4:
                pixels = (ctypes.c_ubyte * image.sizeInBytes()).from_buffer(image.bits())
                self.image = image
                return pdfium.PdfBitmap.new_native(width, height, format, rev_byteorder, pixels)
        return pdfium.PdfBitmap.new_native(width, height, format, rev_byteorder)


def render_page(
    page: pdfium.PdfPage, dpi: float, *, for_print: bool = False, grayscale: bool = False
) -> QImage:
    """One page as a QImage that owns its pixels (nothing points into pdfium's memory)."""
    # Little-endian BGRx bytes are QImage's native RGB32, which QPainter and Qt's PDF
    # writer take without converting (another page-sized copy); elsewhere use RGBX8888.
    options: dict[str, object] = {"rev_byteorder": not _LITTLE_ENDIAN, "prefer_bgrx": True}
    if for_print:
        options["optimize_mode"] = "print"
    if grayscale:  # a quarter of the pixels to send when the user chose 灰度 printing
        options["grayscale"] = True
    maker = _IntoQImage()
    with PDFIUM_LOCK:
        bitmap = page.render(scale=dpi / 72.0, bitmap_maker=maker, **options)
    try:
        if maker.image is not None:
            image = maker.image
        else:
            fmt = _QIMAGE_FORMATS.get(bitmap.mode)
            if fmt is None:  # pragma: no cover - pdfium gives BGRx/RGBX or L for these options
                raise PdfRenderError(
                    QCoreApplication.translate(
                        "printing", "无法显示 PDF 页面：像素格式 {0}"
                    ).format(bitmap.mode)
                )
            view = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
            image = view.copy()  # deep copy: the QImage must not point into pdfium's memory
    finally:
        bitmap.close()
        del bitmap
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def render_pages(pdf_bytes: bytes, dpi: float) -> list[QImage]:
    """Every page of ``pdf_bytes`` at ``dpi``; raises PdfRenderError for bytes that are no PDF."""
    if not (dpi > 0 and math.isfinite(dpi)):
        raise ValueError(f"dpi must be a positive number, not {dpi!r}")
    images: list[QImage] = []
    with _document(pdf_bytes) as doc:
        for index in range(len(doc)):
            with PDFIUM_LOCK:
                page = doc[index]
                try:
                    images.append(render_page(page, dpi))
                finally:
                    page.close()
    return images


def page_sizes(doc: pdfium.PdfDocument) -> list[tuple[float, float]]:
    """(width, height) of every page, in points."""
    sizes: list[tuple[float, float]] = []
    with PDFIUM_LOCK:
        for index in range(len(doc)):
            page = doc[index]
            try:
                sizes.append(page.get_size())
            finally:
                page.close()
    return sizes


def document_title(doc: pdfium.PdfDocument) -> str:
    """The PDF's Title metadata ("" when it has none)."""
    try:
        with PDFIUM_LOCK:
            return str(doc.get_metadata_dict().get("Title", "") or "")
    except (pdfium.PdfiumError, AttributeError, ValueError):
        return ""


def _prepare_printer(printer: QPrinter, first_page: tuple[float, float], title: str) -> None:
    """Paper as the PDF's first page (A4 portrait for the replica), no margins, full page."""
    width, height = first_page
    landscape = width > height
    short, long_ = sorted((width, height))
    size = QPageSize(
        QSizeF(short, long_), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    printer.setPageSize(size)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    if title and not printer.docName():
        printer.setDocName(title)


def _pages_to_print(printer: QPrinter, count: int) -> list[int]:
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
    pages = list(range(first - 1, last))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    # A driver that cannot make copies itself (PDF output, non-CUPS Unix) gets them page by page.
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def _fit(paper: QRectF, width_pt: float, height_pt: float) -> QRectF:
    """The largest rectangle of the page's aspect ratio centred on the paper."""
    scale = min(paper.width() / width_pt, paper.height() / height_pt)
    width, height = width_pt * scale, height_pt * scale
    return QRectF(
        paper.x() + (paper.width() - width) / 2,
        paper.y() + (paper.height() - height) / 2,
        width,
        height,
    )


@contextmanager
def _busy_cursor() -> Iterator[None]:
    app = QGuiApplication.instance()
    if app is None:
        yield
        return
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def _paint(doc: pdfium.PdfDocument, printer: QPrinter, pages: Sequence[int]) -> bool:
    if not pages:
        return False
    painter = QPainter()
    if not painter.begin(printer):  # e.g. the output file cannot be written
        return False
    complete = True
    try:
        dpi = float(max(72, min(printer.resolution(), MAX_PRINT_DPI)))
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        paper = QRectF(0, 0, paper.width(), paper.height())  # full page: origin at the corner
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        grayscale = printer.colorMode() == QPrinter.ColorMode.GrayScale
        for number, index in enumerate(pages):
            if number and not printer.newPage():
                complete = False
                break
            with PDFIUM_LOCK:
                page = doc[index]
                try:
                    width, height = page.get_size()
                    image = render_page(page, dpi, for_print=True, grayscale=grayscale)
                finally:
                    page.close()
            painter.drawImage(_fit(paper, width, height), image)
            del image
    finally:
        ended = painter.end()
    return complete and ended and printer.printerState() != QPrinter.PrinterState.Error


def print_pdf_bytes(
    pdf_bytes: bytes,
    parent: QWidget | None = None,
    printer: QPrinter | None = None,
    ask: bool = True,
) -> bool:
    """Print the PDF's pages as they are; True when every requested page was sent.

    With ``ask`` the system print dialog comes first (cancel → False). The
    printer is set to the PDF's paper (A4 portrait for the replica), full page,
    no margins; a page range, copies and reverse order chosen there are honoured.
    Raises PdfRenderError when ``pdf_bytes`` is not a readable PDF.
    """
    with _document(pdf_bytes) as doc:
        sizes = page_sizes(doc)
        if not sizes:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _prepare_printer(printer, sizes[0], document_title(doc))
        if ask:
            dialog = QPrintDialog(printer, parent)
            dialog.setWindowTitle(QCoreApplication.translate("printing", "打印"))
            dialog.setMinMax(1, len(sizes))
            option = QAbstractPrintDialog.PrintDialogOption
            for flag in (
                option.PrintToFile,
                option.PrintPageRange,
                option.PrintCollateCopies,
                option.PrintShowPageSize,
            ):
                dialog.setOption(flag, True)
            dialog.setOption(option.PrintSelection, False)
            dialog.setOption(option.PrintCurrentPage, False)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        with _busy_cursor():
            return _paint(doc, printer, _pages_to_print(printer, len(sizes)))
