"""The printout: a ReportLab replica of the paper form (no Qt here).

``render_pdf(form, target)`` writes the PDF; ``perfeval_gui.pdf.batch`` prints many
forms and reports each one's outcome as data (``perfeval pdf`` is ``cli/pdf.py``).
"""

from perfeval_gui.pdf.fonts import FontError, FontSpec, parse_font_spec
from perfeval_gui.pdf.render import RenderReport, render_bytes, render_pdf

__all__ = [
    "FontError",
    "FontSpec",
    "RenderReport",
    "parse_font_spec",
    "render_bytes",
    "render_pdf",
]
