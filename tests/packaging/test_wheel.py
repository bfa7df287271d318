"""The wheel holds every resource and works outside the source tree (issue 5).

Slow: builds the wheel and installs it into a fresh venv. Dependencies are borrowed
from the running environment through a .pth line (site-packages added that way do
not run their own .pth files, so the editable install of this checkout stays out).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (found,) = out.glob("perfeval_gui-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.check_output(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
    ).strip())
    (site / "_borrowed_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
         str(wheel)],
        check=True, capture_output=True,
    )
    return py


def test_wheel_contains_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "perfeval_gui/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert shipped <= names, sorted(shipped - names)
    assert any(n.endswith("fonts/uming.ttc") for n in names)
    # docs/user-guide.md, shipped for 帮助 → 填表说明 (package-dir perfeval_gui.resources.help)
    assert "perfeval_gui/resources/help/user-guide.md" in names
    assert {n for n in names if n.startswith("perfeval_gui/resources/help/")} == {
        "perfeval_gui/resources/help/__init__.py", "perfeval_gui/resources/help/user-guide.md"
    }  # not the developers' pages nor the screenshots of docs/


def test_installed_wheel_renders_pdf_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = (
        "import perfeval_gui, sys; from perfeval_gui.assets import example_path;"
        "from perfeval_gui.cli import main;"
        "assert 'site-packages' in perfeval_gui.__file__, perfeval_gui.__file__;"
        "from perfeval_gui.assets import guide_path;"
        "assert guide_path().read_text('utf-8').startswith('# 填表说明'), guide_path();"
        "sys.exit(main(['pdf', str(example_path()), '-o', 'out.pdf']))"
    )
    run = subprocess.run([str(installed), "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf
    version = subprocess.run([str(installed), "-m", "perfeval_gui", "--version"], cwd=tmp_path,
                             env=env, capture_output=True, text=True)
    assert version.returncode == 0 and "0." in version.stdout
