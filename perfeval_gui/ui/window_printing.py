"""Printing and PDF export from the main window: preview, print, export, print font.

The replica itself is drawn by ``perfeval_gui.pdf``; this part only commits what is
being typed, asks where to write, and reports a missing font glyph or a failure in
the clerk's words.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfeval_gui import __version__
from perfeval_gui.model import blank_form
from perfeval_gui.ui.document import FormDocument
from perfeval_gui.ui.file_actions import safe_name
from perfeval_gui.ui.form_view import FormView
from perfeval_gui.ui.settings import Settings
from perfeval_gui.ui.window_questions import WindowQuestions

if TYPE_CHECKING:
    from perfeval_gui.pdf import RenderReport
    from perfeval_gui.ui.autosave import Autosaver


class WindowPrinting(WindowQuestions):
    """The main window's printing part (a base of ``MainWindow``)."""

    settings: Settings
    document: FormDocument
    form_view: FormView
    autosaver: Autosaver | None

    def _font_spec(self) -> Any:
        text = self.settings.print_font()
        if not text:
            return None
        from perfeval_gui.pdf import parse_font_spec

        return parse_font_spec(text)

    def pdf_bytes(self) -> bytes | None:
        """The replica as PDF bytes (the same bytes Export PDF writes); None after an error."""
        self.form_view.commit_pending()
        try:
            from perfeval_gui.pdf import render_bytes

            data, report = render_bytes(self.document.form, font=self._font_spec(),
                                        grade=self.settings.print_grade())
        except Exception as exc:  # a font or renderer problem must not lose the form
            self.show_error(self.tr("无法生成 PDF"), str(exc))
            return None
        self._report_render(report)
        return data

    def _report_render(self, report: RenderReport) -> None:
        missing = "".join(report.missing_chars)
        if missing:
            self.statusBar().showMessage(
                self.tr("注意：字体缺少这些字符，已用 〓 代替：%1").replace("%1", missing[:40]),
                10000,
            )

    def export_pdf(self, path: str | Path | None = None) -> bool:
        self.form_view.commit_pending()
        if path is None:
            base = self.document.path
            if base is not None:
                suggested = str(base.with_suffix(".pdf"))
            else:
                name = self.document.form.project_name.strip() or self.tr("自评表")
                suggested = str(Path(self._start_dir() or ".") / f"{safe_name(name)}.pdf")
            path = self.ask_pdf_path(suggested)
            if path is None:
                return False
        try:
            from perfeval_gui.pdf import render_pdf

            report = render_pdf(self.document.form, str(path), font=self._font_spec(),
                                grade=self.settings.print_grade())
        except Exception as exc:
            self.show_error(self.tr("无法导出 PDF"), str(exc))
            return False
        self._report_render(report)
        if not report.missing_chars:
            self.statusBar().showMessage(self.tr("已导出 %1").replace("%1", str(path)), 5000)
        return True

    def print_form(self) -> bool:
        data = self.pdf_bytes()
        if data is None:
            return False
        if self.autosaver is not None:
            self.autosaver.flush()
        from perfeval_gui.ui.printing import print_pdf_bytes

        try:
            return print_pdf_bytes(data, self)
        except Exception as exc:
            self.show_error(self.tr("无法打印"), str(exc))
            return False

    def print_preview(self) -> None:
        data = self.pdf_bytes()
        if data is None:
            return
        from perfeval_gui.ui.print_preview import PrintPreviewDialog

        try:
            dialog = PrintPreviewDialog(data, self)
        except Exception as exc:
            self.show_error(self.tr("无法预览"), str(exc))
            return
        self.exec_dialog(dialog)

    def set_print_grade(self, on: bool) -> None:
        """File → 打印自评等级: remembered; applies to export, preview and print alike."""
        self.settings.set_print_grade(on)
        self.statusBar().showMessage(
            self.tr("导出和打印时在总分下加印自评等级") if on
            else self.tr("导出和打印与纸质表一致，不印自评等级"),
            5000,
        )

    def choose_print_font(self) -> None:
        path = self.ask_font_path()
        if path is None:
            return
        from perfeval_gui.pdf import render_bytes

        try:
            from perfeval_gui.pdf import parse_font_spec

            render_bytes(blank_form(), font=parse_font_spec(path))
        except Exception as exc:
            self.show_error(self.tr("无法使用该字体"), str(exc))
            return
        self.settings.set_print_font(path)
        self.statusBar().showMessage(self.tr("打印字体：%1").replace("%1", path), 5000)

    def about(self) -> None:
        self.show_info(
            self.tr("关于 perfeval-gui"),
            self.tr("perfeval-gui %1\n项目支出绩效自评表编辑器").replace("%1", __version__),
        )
