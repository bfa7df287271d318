"""The package type-checks under ``mypy --strict`` with the settings in pyproject.toml.

Run as a test so that a change that breaks typing fails like any other regression.
mypy's cache lives in pytest's cache folder: a cold run takes a few seconds on
the 2-core machine, a warm one well under a second.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"


@pytest.fixture(scope="module")
def run_mypy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Run ``python -m mypy`` in the source tree with the project's configuration."""
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    try:
        metadata.distribution("types-reportlab")
    except metadata.PackageNotFoundError:
        pytest.skip("types-reportlab is not installed (pip install -e '.[test]')")
    if not PYPROJECT.is_file():
        pytest.skip("not running from the source tree (no pyproject.toml)")
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    cache_dir = cache.mkdir("mypy") if cache is not None else tmp_path_factory.mktemp("mypy")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(PYPROJECT),
             "--cache-dir", str(cache_dir), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    return run


def test_package_passes_mypy_strict(run_mypy):
    result = run_mypy("perfeval_gui")
    assert result.returncode == 0, f"mypy found problems:\n{result.stdout}{result.stderr}"
    assert "Success: no issues found" in result.stdout


def test_configuration_is_strict(run_mypy, tmp_path):
    """The configuration really is strict: an untyped def and a float amount are caught."""
    program = tmp_path / "sloppy.py"
    program.write_text(
        "from perfeval_gui.figures import round_half_up\n"
        "def untyped(x): return x\n"
        "round_half_up(1.5)\n",
        encoding="utf-8",
    )
    result = run_mypy(str(program))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[no-untyped-def]" in result.stdout
    assert '"round_half_up" has incompatible type "float"' in result.stdout


def test_checkers_are_the_pinned_versions() -> None:
    """ruff, mypy, their stubs and import-linter run as tests: the test extra pins them
    exactly, and a different installed version (whose new checks could fail or pass the
    suite with no change to the code) is reported here rather than as puzzling findings."""
    if not PYPROJECT.is_file():
        pytest.skip("not running from the source tree (no pyproject.toml)")
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    extra: list[str] = project["optional-dependencies"]["test"]
    requirements = (r.split(";")[0].replace(" ", "") for r in extra)
    pins = dict(r.split("==", 1) for r in requirements if "==" in r)
    assert {"ruff", "mypy", "types-reportlab", "import-linter"} <= pins.keys()
    wrong = []
    for name, pinned in sorted(pins.items()):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # its own test skips
        if installed != pinned:
            wrong.append(f"{name} {installed} (pinned {pinned})")
    assert not wrong, "pip install -e '.[test]': " + ", ".join(wrong)
