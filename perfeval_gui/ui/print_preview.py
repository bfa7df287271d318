"""The 打印预览 dialog: the replica's real pages, zoomable, with a 打印… button.

Usage (for the window)::

    from perfeval_gui.ui.print_preview import PrintPreviewDialog

    PrintPreviewDialog(pdf, self).exec()              # raises PdfRenderError for non-PDF bytes

The pages are those ``printing`` renders with pdfium (so the preview is the printout
and the exported PDF); only the pages in view are rendered, at 96 dpi × zoom × the
screen's device pixel ratio.
"""

from __future__ import annotations

import math
from typing import Final

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.pdfread.page import PDFIUM_LOCK
from perfeval_gui.ui.printing import (
    document_title,
    open_document,
    page_sizes,
    print_pdf_bytes,
    render_page,
)

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


class PrintPreviewDialog(QDialog):
    """Shows the replica's real pages (rendered by pdfium), with zoom and a 打印… button.

    Only the pages in view (and their neighbours) are kept rendered, so a long
    form at 400 % does not hold every page as a bitmap.
    """

    def __init__(self, pdf_bytes: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf_bytes = bytes(pdf_bytes)
        self._doc: pdfium.PdfDocument | None = open_document(self._pdf_bytes)
        self._sizes = page_sizes(self._doc)
        title = document_title(self._doc)
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
        with PDFIUM_LOCK:  # pdfium is not thread-safe: a PDF may be importing meanwhile
            page = doc[index]
            try:
                image = render_page(page, SCREEN_DPI * self._zoom * ratio)
            finally:
                page.close()
        image.setDevicePixelRatio(ratio)
        self._page_widgets[index].setPixmap(QPixmap.fromImage(image))
        self._rendered_zoom[index] = self._zoom

    def _document(self) -> pdfium.PdfDocument:
        if self._doc is None:  # reopened when the dialog is shown again after closing
            self._doc = open_document(self._pdf_bytes)
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
            with PDFIUM_LOCK:
                self._doc.close()
            self._doc = None
        for label in self._page_widgets:
            label.setPixmap(QPixmap())
        self._rendered_zoom.clear()
        super().done(result)
