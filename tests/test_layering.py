"""The layering rules, as import-linter contracts ([tool.importlinter] in pyproject.toml).

Top to bottom: the front ends (ui/ and the command line, independent of each other),
pdf/, fileio, rules, targets, numbers, figures, model, spec, then the leaves (fieldpath,
assets, _collector). The core (everything below pdf/) imports neither Qt nor ReportLab
nor PDFium, pdf/ never imports Qt, and no two sibling modules import each other.

import-linter reads every import statement, also those inside functions and under
``TYPE_CHECKING``, so a lazy import that only runs on some path is caught too.
Run by hand with ``lint-imports``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("importlinter", reason="import-linter is missing (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
PACKAGE = ROOT / "perfeval_gui"

_RUN = "import sys; from importlinter import cli; sys.exit(cli.lint_imports_command())"


def lint_imports(
    config: Path, *, pythonpath: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on ``config``; no cache files, wide plain output (no line wrapping)."""
    env = dict(os.environ, COLUMNS="500", NO_COLOR="1", TERM="dumb")
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-c", _RUN, "--no-cache", "--no-logo", str(config)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not PYPROJECT.is_file(), reason="not running from the source tree")
def test_package_keeps_its_import_contracts() -> None:
    result = lint_imports(PYPROJECT)
    assert result.returncode == 0, f"import-linter:\n{result.stdout}{result.stderr}"
    assert "0 broken" in result.stdout


@pytest.mark.skipif(not PYPROJECT.is_file(), reason="not running from the source tree")
def test_headless_contract_covers_every_layer_below_pdf() -> None:
    """A module placed in a core layer is also kept free of Qt and ReportLab."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {contract["id"]: contract for contract in config["contracts"]}
    layers: list[str] = contracts["layers"]["layers"]
    below_pdf = {
        f"perfeval_gui.{name.strip()}"
        for layer in layers[layers.index("pdf") + 1 :]
        for name in layer.replace(":", "|").split("|")
    }
    assert set(contracts["core-headless"]["source_modules"]) == below_pdf


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.skipif(not PYPROJECT.is_file(), reason="not running from the source tree")
def test_contracts_report_violations(tmp_path: Path) -> None:
    """The contracts can fail: a copy of the package, renamed (so that the installed one
    does not shadow it) and given one forbidden import per contract, is reported on each."""
    probe = tmp_path / "layering_probe"
    shutil.copytree(PACKAGE, probe, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for source in probe.rglob("*.py"):
        source.write_text(
            source.read_text(encoding="utf-8").replace("perfeval_gui", "layering_probe"),
            encoding="utf-8",
        )
    config = tmp_path / "pyproject.toml"
    config.write_text(
        PYPROJECT.read_text(encoding="utf-8").replace("perfeval_gui", "layering_probe"),
        encoding="utf-8",
    )
    # Lazy, type-only and plain imports alike, one per contract.
    _append(probe / "model.py", "\n\ndef _probe() -> None:\n    import PySide6.QtCore\n")
    _append(probe / "figures.py", "\ndef _probe() -> None:\n    from layering_probe import rules\n")
    _append(probe / "pdf" / "linebreak.py", "\nimport shiboken6\n")
    cli = probe / "cli" / "__init__.py" if (probe / "cli").is_dir() else probe / "cli.py"
    _append(cli, "\nimport layering_probe.ui.app\n")
    _append(
        probe / "ui" / "commands.py",
        "\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        "    from layering_probe.ui.document import FormDocument\n",
    )
    (probe / "stray.py").write_text('"""A new module no layer mentions."""\n', encoding="utf-8")

    result = lint_imports(config, pythonpath=tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    for expected in (
        "layering_probe.model is not allowed to import PySide6",
        "layering_probe.figures is not allowed to import layering_probe.rules",
        "layering_probe.pdf is not allowed to import shiboken6",
        "layering_probe.cli is not allowed to import layering_probe.ui",
        "stray",
        "No cycles are allowed in layering_probe.ui.",
    ):
        assert expected in out, f"{expected!r} not reported:\n{out}"
