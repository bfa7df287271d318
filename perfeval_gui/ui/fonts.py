"""Register the shipped Chinese font with Qt, so nothing shows as boxes without system CJK fonts.

Office machines in the field have SimSun; build servers, fresh Linux installs and the
offscreen test platform often have no CJK font at all. The font ships in resources/
and is added as the application font's fallback family: Latin text keeps the system
UI font, Chinese falls back to AR PL UMing.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from perfeval_gui.assets import font_path

_families: list[str] | None = None

PREFERRED_FAMILY = "AR PL UMing CN"


def register_fonts() -> list[str]:
    """Add the shipped font to Qt's database once; returns the families it provides."""
    global _families
    if _families is not None:
        return _families
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    _families = list(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else []
    return _families


def chinese_family() -> str | None:
    """The registered family to draw Chinese with (simplified glyph shapes preferred)."""
    families = register_fonts()
    if PREFERRED_FAMILY in families:
        return PREFERRED_FAMILY
    return families[0] if families else None


def install_app_font(app: QGuiApplication) -> QFont:
    """Make the shipped font the fallback of the application font; returns the new app font."""
    family = chinese_family()
    font = QFont(app.font())
    if family is not None:
        current = [f for f in font.families() if f] or [font.family()]
        if family not in current:
            font.setFamilies([*current, family])
        for name in {*current, "Sans Serif", "Serif", "DejaVu Sans", "Helvetica", "Arial"}:
            QFont.insertSubstitution(name, family)
        app.setFont(font)
    return font
