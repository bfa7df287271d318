"""Where the bundled files are: found through importlib.resources, never by source-tree paths."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Final

EXAMPLES: Final = ("seed1_key_enterprise_service.json", "seed2_enterprise_development.json")
GUIDE: Final = "user-guide.md"
DEFAULT_FONT: Final = "uming.ttc"
DEFAULT_FONT_INDEX: Final = 0
"""Subfont of uming.ttc used by default: AR PL UMing CN (simplified-Chinese glyph shapes)."""


def resource_path(*parts: str) -> Path:
    """A real filesystem path to a bundled resource (the package is installed unzipped)."""
    node = files("perfeval_gui.resources")
    for part in parts:  # one step at a time: a frozen app's MultiplexedPath takes one name
        node = node / part
    return Path(str(node))


def example_path(name: str = EXAMPLES[0]) -> Path:
    """A bundled example form."""
    return resource_path("examples", name)


def guide_path() -> Path:
    """The user guide shown by 帮助 → 填表说明: docs/user-guide.md itself, shipped as the
    package perfeval_gui.resources.help (pyproject package-dir), so it never drifts."""
    return Path(str(files("perfeval_gui.resources.help") / GUIDE))


def font_path(name: str = DEFAULT_FONT) -> Path:
    """The shipped Chinese font (AR PL UMing, Arphic Public License)."""
    return resource_path("fonts", name)
