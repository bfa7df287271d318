"""The layering rules, checked on the source: the core never imports Qt or ReportLab,
pdf/ never imports Qt, nothing outside ui/ imports ui/.

Read statically (every import statement, also those inside functions), so a lazy
import that only runs on some path is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "perfeval_gui"
CORE = ("model", "figures", "numbers", "targets", "rules", "fileio", "assets")
QT = ("PySide6", "shiboken6", "perfeval_gui.ui")
PRINTING = ("reportlab", "pypdfium2", "perfeval_gui.pdf")


def imported_modules(source: str, package: str) -> set[str]:
    """Every module an import statement in ``source`` names, relative imports resolved
    against ``package`` (the package the module lives in)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def offending(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    return sorted(
        name for name in imported_modules(path.read_text(encoding="utf-8"), package)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


@pytest.mark.parametrize("name", CORE)
def test_core_imports_neither_qt_nor_printing(name: str) -> None:
    assert offending(PACKAGE / f"{name}.py", QT + PRINTING) == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "pdf").glob("*.py")), ids=lambda p: p.name)
def test_pdf_never_imports_qt(path: Path) -> None:
    assert offending(path, QT) == []


def test_command_line_never_imports_qt() -> None:
    for name in ("cli.py", "__main__.py", "__init__.py"):
        assert offending(PACKAGE / name, QT) == [], name


def test_the_checker_sees_lazy_and_relative_imports() -> None:
    """The rule can fail: imports inside functions and relative ones are found."""
    source = "def f():\n    from PySide6.QtCore import Qt\n    from ..ui import app\n"
    names = imported_modules(source, "perfeval_gui.pdf")
    assert {"PySide6.QtCore", "perfeval_gui.ui", "perfeval_gui.ui.app"} <= names
    assert "perfeval_gui.pdf.ui" not in names
