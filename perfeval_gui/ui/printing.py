"""Print preview and printing of the PDF replica, rendered page by page with pypdfium2.

Usage (for the window)::

    from perfeval_gui.ui.printing import PdfRenderError, PrintPreviewDialog, print_pdf_bytes

    pdf, _report = render_bytes(form, font=...)       # perfeval_gui.pdf: what Export PDF writes
    try:
        PrintPreviewDialog(pdf, self).exec()          # 打印预览 (its 打印… button prints)
        print_pdf_bytes(pdf, self)                    # 打印… (Ctrl+P): system print dialog
    except PdfRenderError as exc:                     # only for bytes that are not a PDF
        QMessageBox.warning(self, ..., str(exc))

Why rasterise: QtPdf is an add-on that PySide6-Essentials lacks, and painting the
exported PDF's own pages (rather than re-drawing the form with QPainter) is what
makes the printout match the exported PDF exactly. Pages are rendered one at a
time at the printer's resolution (capped at MAX_PRINT_DPI: one A4 page at 600 dpi
is ~135 MB, drawn straight into the QImage that Qt prints, with no further copy) and
scaled onto the full paper, keeping the page's aspect ratio. The preview renders only
the pages in view, at 96 dpi × zoom × the screen's device pixel ratio.
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
from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QObject, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAction,
    QCursor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

MAX_PRINT_DPI: Final = 600
"""Printer pages are rendered at min(printer resolution, this): 600 dpi A4 is ~140 MB RGBX."""

SCREEN_DPI: Final = 96.0
"""Logical dots per inch for 100 % in the preview, so 100 % is the page's real size."""

ZOOM_STEPS: Final = (
    0.25,
    0.33,
    0.5,
    0.67,
    0.75,
    0.9,
    1.0,
    1.1,
    1.25,
    1.5,
    1.75,
    2.0,
    2.5,
    3.0,
    4.0,
)

_PAGE_GAP: Final = 12

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


def _open_document(pdf_bytes: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(bytes(pdf_bytes))
    except (pdfium.PdfiumError, OSError, ValueError, TypeError) as exc:
        raise PdfRenderError(
            QCoreApplication.translate("printing", "无法读取 PDF：{0}").format(exc)
        ) from None


@contextmanager
def _document(pdf_bytes: bytes) -> Iterator[pdfium.PdfDocument]:
    doc = _open_document(pdf_bytes)
    try:
        yield doc
    finally:
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


def _render_page(
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
            page = doc[index]
            try:
                images.append(_render_page(page, dpi))
            finally:
                page.close()
    return images


def _page_sizes(doc: pdfium.PdfDocument) -> list[tuple[float, float]]:
    sizes: list[tuple[float, float]] = []
    for index in range(len(doc)):
        page = doc[index]
        try:
            sizes.append(page.get_size())
        finally:
            page.close()
    return sizes


def _document_title(doc: pdfium.PdfDocument) -> str:
    try:
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
            page = doc[index]
            try:
                width, height = page.get_size()
                image = _render_page(page, dpi, for_print=True, grayscale=grayscale)
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
        sizes = _page_sizes(doc)
        if not sizes:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _prepare_printer(printer, sizes[0], _document_title(doc))
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


class PrintPreviewDialog(QDialog):
    """Shows the replica's real pages (rendered by pdfium), with zoom and a 打印… button.

    Only the pages in view (and their neighbours) are kept rendered, so a long
    form at 400 % does not hold every page as a bitmap.
    """

    def __init__(self, pdf_bytes: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf_bytes = bytes(pdf_bytes)
        self._doc: pdfium.PdfDocument | None = _open_document(self._pdf_bytes)
        self._sizes = _page_sizes(self._doc)
        title = _document_title(self._doc)
        self._zoom = 1.0
        self._rendered_zoom: dict[int, float] = {}
        self._current = 0
        self._fitted = False

        self.setWindowTitle(
            self.tr("打印预览 — {0}").format(title) if title else self.tr("打印预览")
        )
        self.setSizeGripEnabled(True)

        self._zoom_out_button = QPushButton(self.tr("缩小"))
        self._zoom_in_button = QPushButton(self.tr("放大"))
        self._fit_width_button = QPushButton(self.tr("适合宽度"))
        self._zoom_label = QLabel()
        self._zoom_label.setMinimumWidth(48)
        self._zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._page_label = QLabel()
        self._print_button = QPushButton(self.tr("打印…"))
        self._print_button.setEnabled(bool(self._sizes))
        self._close_button = QPushButton(self.tr("关闭"))
        self._close_button.setAutoDefault(False)
        self._print_button.setDefault(True)

        bar = QHBoxLayout()
        for widget in (
            self._zoom_out_button,
            self._zoom_label,
            self._zoom_in_button,
            self._fit_width_button,
        ):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self._page_label)
        bar.addStretch(1)
        bar.addWidget(self._print_button)
        bar.addWidget(self._close_button)

        self._pages_widget = QWidget()
        self._pages_widget.setObjectName("previewPages")
        self._pages_widget.setStyleSheet("#previewPages { background: #7f7f7f; }")
        self._pages_layout = pages_layout = QVBoxLayout(self._pages_widget)
        pages_layout.setSpacing(_PAGE_GAP)
        pages_layout.setContentsMargins(_PAGE_GAP, _PAGE_GAP, _PAGE_GAP, _PAGE_GAP)
        self._page_widgets: list[QLabel] = []
        for number in range(1, len(self._sizes) + 1):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white; border: none;")
            label.setAccessibleName(self.tr("第 {0} 页").format(number))
            pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._page_widgets.append(label)
        if not self._sizes:
            pages_layout.addWidget(QLabel(self.tr("PDF 中没有页面")))

        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(self._pages_widget)
        self._scroll.viewport().installEventFilter(self)
        self._scroll.verticalScrollBar().valueChanged.connect(self._update_view)
        self._scroll.horizontalScrollBar().valueChanged.connect(self._update_view)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self._scroll, 1)

        self._zoom_in_button.clicked.connect(self.zoom_in)
        self._zoom_out_button.clicked.connect(self.zoom_out)
        self._fit_width_button.clicked.connect(self.fit_width)
        self._print_button.clicked.connect(self._print_clicked)
        self._close_button.clicked.connect(self.reject)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence.StandardKey.Print, self._print_clicked),
        ):
            action = QAction(self)
            action.setShortcuts(keys)
            action.triggered.connect(slot)
            self.addAction(action)

        self._apply_zoom()
        # PySide6's stub says screen() never returns None; at runtime it can (no screens).
        on_screen = self.screen()
        if on_screen:  # type: ignore[truthy-bool]  # stub: never None; runtime: None
            screen = on_screen.availableGeometry()
        else:
            screen = QRect(0, 0, 1024, 768)
        page_width = round(self._sizes[0][0] / 72 * SCREEN_DPI) if self._sizes else 600
        self.resize(
            min(page_width + 80, int(screen.width() * 0.9)), min(1000, int(screen.height() * 0.9))
        )

    # --- state that tests and the window can read -----------------------------------------
    def page_count(self) -> int:
        """Number of pages in the PDF."""
        return len(self._sizes)

    def zoom(self) -> float:
        """Current zoom factor; 1.0 shows the page at its real size (96 logical dpi)."""
        return self._zoom

    def current_page(self) -> int:
        """1-based number of the page at the centre of the view (0 when there is none)."""
        return self._current + 1 if self._sizes else 0

    def page_label_text(self) -> str:
        """The 第 N 页 共 M 页 text shown in the tool bar."""
        return self._page_label.text()

    def page_pixmap(self, index: int) -> QPixmap:
        """The rendered pixmap of page ``index`` (0-based); null while it is off-screen."""
        return self._page_widgets[index].pixmap()

    # --- zoom -----------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """Zoom to ``zoom`` (clamped to the steps' range), keeping the current page in view."""
        zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        if math.isclose(zoom, self._zoom):
            return
        self._zoom = zoom
        self._apply_zoom()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        lower = [z for z in ZOOM_STEPS if z < self._zoom - 1e-6]
        self.set_zoom(lower[-1] if lower else ZOOM_STEPS[0])

    def fit_width(self) -> None:
        """Zoom so the widest page fills the view's width."""
        if not self._sizes:
            return
        widest = max(width for width, _ in self._sizes) / 72 * SCREEN_DPI
        available = self._scroll.viewport().width() - 2 * _PAGE_GAP
        if available > 0:
            self.set_zoom(available / widest)

    def scroll_to_page(self, number: int) -> None:
        """Bring 1-based page ``number`` to the top of the view."""
        if not self._sizes:
            return
        index = min(max(number, 1), len(self._sizes)) - 1
        self._current = index
        self._relayout()
        self._scroll.verticalScrollBar().setValue(self._page_widgets[index].y() - _PAGE_GAP)
        self._update_view()

    def _apply_zoom(self) -> None:
        keep = self._current
        for label, (width, height) in zip(self._page_widgets, self._sizes, strict=True):
            label.setFixedSize(self._pixels(width), self._pixels(height))
        self._zoom_label.setText(f"{round(self._zoom * 100)}%")
        self._zoom_in_button.setEnabled(self._zoom < ZOOM_STEPS[-1] - 1e-6)
        self._zoom_out_button.setEnabled(self._zoom > ZOOM_STEPS[0] + 1e-6)
        self._relayout()
        if self._page_widgets:
            self._scroll.verticalScrollBar().setValue(self._page_widgets[keep].y() - _PAGE_GAP)
        self._update_view()

    def _relayout(self) -> None:
        """Lay the pages out now, not at the next event loop turn, so scroll ranges are right."""
        self._pages_layout.activate()
        # Resizing the page widget makes the scroll area update its scroll bars' ranges at once.
        minimum = self._pages_layout.minimumSize()
        self._pages_widget.resize(minimum.expandedTo(self._scroll.viewport().size()))

    def _pixels(self, points: float) -> int:
        return max(1, round(points / 72 * SCREEN_DPI * self._zoom))

    # --- lazy rendering -------------------------------------------------------------------
    def _update_view(self) -> None:
        if not self._sizes:
            self._page_label.setText(self.tr("共 0 页"))
            return
        if self.isVisible():  # hidden widgets have no trustworthy geometry: nothing to render
            self._render_visible()
        self._page_label.setText(
            self.tr("第 {0} 页 共 {1} 页").format(self._current + 1, len(self._sizes))
        )

    def _render_visible(self) -> None:
        viewport = self._scroll.viewport()
        bar_v, bar_h = self._scroll.verticalScrollBar(), self._scroll.horizontalScrollBar()
        visible = QRect(bar_h.value(), bar_v.value(), viewport.width(), viewport.height())
        keep_area = visible.adjusted(0, -visible.height(), 0, visible.height())
        centre_y = visible.center().y()
        current = 0
        for index, label in enumerate(self._page_widgets):
            geometry = label.geometry()
            if geometry.top() - _PAGE_GAP <= centre_y:
                current = index
            if geometry.intersects(keep_area):
                if self._rendered_zoom.get(index) != self._zoom:
                    self._render_into(index)
            elif index in self._rendered_zoom:
                label.setPixmap(QPixmap())
                del self._rendered_zoom[index]
        self._current = current

    def _render_into(self, index: int) -> None:
        ratio = self.devicePixelRatioF() or 1.0
        doc = self._document()
        page = doc[index]
        try:
            image = _render_page(page, SCREEN_DPI * self._zoom * ratio)
        finally:
            page.close()
        image.setDevicePixelRatio(ratio)
        self._page_widgets[index].setPixmap(QPixmap.fromImage(image))
        self._rendered_zoom[index] = self._zoom

    def _document(self) -> pdfium.PdfDocument:
        if self._doc is None:  # reopened when the dialog is shown again after closing
            self._doc = _open_document(self._pdf_bytes)
        return self._doc

    # --- printing and lifetime ------------------------------------------------------------
    def print_document(self, printer: QPrinter | None = None, ask: bool = True) -> bool:
        """Print the previewed PDF (see print_pdf_bytes); the 打印… button calls this."""
        return print_pdf_bytes(self._pdf_bytes, self, printer=printer, ask=ask)

    def _print_clicked(self) -> None:
        if self._sizes and self.print_document():
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl + mouse wheel zooms, as in every viewer."""
        if (
            watched is self._scroll.viewport()
            and event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # on a small screen, start with the whole width in view
            self._fitted = True
            widest = max((width for width, _ in self._sizes), default=0.0)
            if self._pixels(widest) + 2 * _PAGE_GAP > self._scroll.viewport().width():
                self.fit_width()
            self.scroll_to_page(self._current + 1)
        self._update_view()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_view()

    def done(self, result: int) -> None:
        """Free pdfium's document and the page bitmaps once the dialog closes."""
        if self._doc is not None:
            self._doc.close()
            self._doc = None
        for label in self._page_widgets:
            label.setPixmap(QPixmap())
        self._rendered_zoom.clear()
        super().done(result)
