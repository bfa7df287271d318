"""Process timing shared by the benchmark scripts, and the installs they time.

Users meet ``perfeval`` as a normal (non-editable) install whose modules were
compiled to .pyc files by the installer. The development venv differs: the
package is installed editable (a meta-path finder and the venv's .pth files cost
~20 ms per start) and the environment sets PYTHONDONTWRITEBYTECODE, so our own
modules are recompiled on every run whenever their .pyc files are missing or
stale. Three installs can be timed (``--install``):

- ``dev``: the interpreter running the benchmark, as it is;
- ``editable``: an editable install of ``--source`` in a throw-away venv, without
  .pyc files for our modules and with PYTHONDONTWRITEBYTECODE=1 (the dev case,
  reproducibly, so that an older checkout can be compared with this one);
- ``wheel``: the realistic case, a wheel of ``--source`` installed (compiled) into
  a throw-away venv and run without PYTHONDONTWRITEBYTECODE.

The throw-away venvs see the dependencies of the running interpreter through a
.pth file, so nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "examples" / "seed1_key_enterprise_service.json"
SOURCE_ITEMS = ("pyproject.toml", "README.md", "perfeval_gui", "resources", "docs")
"""What a wheel is built from (copied first, so the build leaves the tree untouched)."""


def children_cpu() -> float:
    """User + system CPU seconds of finished children (POSIX); 0 where unavailable."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Timings:
    """Wall and CPU seconds of repeated runs of one command."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.walls)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpus) if any(self.cpus) else float("nan")

    def ms(self) -> str:
        """``min 160 ms, median 172 ms, max 278 ms (CPU median 168 ms)``."""
        text = (
            f"min {self.min * 1000:.0f} ms, median {self.median * 1000:.0f} ms, "
            f"max {max(self.walls) * 1000:.0f} ms"
        )
        if any(self.cpus):
            text += f" (CPU median {self.cpu_median * 1000:.0f} ms)"
        return text


def timed(
    argv: Sequence[str],
    runs: int,
    env: Mapping[str, str] | None = None,
    ok: tuple[int, ...] = (0,),
) -> Timings:
    """Run ``argv`` ``runs`` times; a run that exits outside ``ok`` stops the benchmark.

    (A Python script that dies of an exception exits 1: only allow 1 where it means
    something else, as ``perfeval check`` on a form with error findings.)
    """
    result = Timings()
    for _ in range(runs):
        cpu_before = children_cpu()
        start = time.perf_counter()
        done = subprocess.run(list(argv), capture_output=True, check=False, env=env)
        result.walls.append(time.perf_counter() - start)
        result.cpus.append(children_cpu() - cpu_before)
        if done.returncode not in ok:
            raise SystemExit(
                f"{' '.join(argv[:3])}… exited {done.returncode}: "
                f"{done.stderr.decode(errors='replace')[:800]}"
            )
    return result


@dataclass(frozen=True)
class Install:
    """One way ``perfeval`` is installed: its interpreter, scripts and environment."""

    label: str
    python: Path
    env: dict[str, str]

    def script(self, name: str) -> list[str]:
        """The console script ``name`` of this install, else ``python -m`` on its module."""
        suffix = ".exe" if os.name == "nt" else ""
        candidate = self.python.with_name(name + suffix)
        if candidate.exists():
            return [str(candidate)]
        module = {"perfeval": "perfeval_gui", "perfeval-gui": "perfeval_gui.ui.app"}[name]
        return [str(self.python), "-m", module]


def dev_install() -> Install:
    """The interpreter running the benchmark, as it is (the development venv)."""
    return Install("dev (this venv, as is)", Path(sys.executable), dict(os.environ))


def _venv_python(venv: Path) -> Path:
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def _copy_source(source: Path, tree: Path) -> None:
    """The files a build needs, without __pycache__ (the build leaves ``source`` untouched)."""
    tree.mkdir(parents=True)
    for item in SOURCE_ITEMS:
        origin = source / item
        if origin.is_dir():
            shutil.copytree(origin, tree / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, tree / item)


def _new_venv(venv: Path) -> Path:
    """A venv without pip that sees this interpreter's packages (after its own)."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)],
                   capture_output=True, check=True)
    python = _venv_python(venv)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    # Directories named in a .pth file are appended to sys.path but their own .pth
    # files are not processed, so the dev venv's editable finder stays out.
    deps = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    Path(purelib, "_perfeval_bench_deps.pth").write_text("\n".join(deps) + "\n")
    return python


def _pip(python: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), *args],
                   capture_output=True, check=True)


def wheel_install(folder: Path, source: Path = ROOT) -> Install:
    """Build a wheel of ``source`` and install it, compiled, into a new venv in ``folder``."""
    tree = folder / "src"
    _copy_source(source, tree)
    wheels = folder / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(wheels), str(tree)],
        capture_output=True, check=True,
    )
    python = _new_venv(folder / "venv")
    # pip compiles every module to .pyc at install time, as it does for users.
    _pip(python, "install", "-q", "--no-deps", str(next(wheels.glob("perfeval_gui-*.whl"))))
    if not list((folder / "venv").rglob("perfeval_gui/__pycache__/__init__.*.pyc")):
        raise SystemExit(f"wheel install in {folder}: no .pyc files were written")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return Install(f"wheel (non-editable venv, .pyc), from {source}", python, env)


def editable_install(folder: Path, source: Path = ROOT) -> Install:
    """An editable install of a copy of ``source`` in a new venv; our modules never compiled."""
    tree = folder / "src"
    _copy_source(source, tree)
    python = _new_venv(folder / "venv")
    _pip(python, "install", "-q", "--no-deps", "--no-build-isolation", "-e", str(tree))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return Install(f"editable (venv, no .pyc), from {source}", python, env)


INSTALL_CHOICES = {
    "dev": ("dev",),
    "editable": ("editable",),
    "wheel": ("wheel",),
    "both": ("dev", "wheel"),
    "before-after": ("editable", "wheel"),
    "all": ("dev", "editable", "wheel"),
}


def add_install_arguments(parser: argparse.ArgumentParser) -> None:
    """``--install`` (which installs to time) and ``--source DIR`` (what they are built from)."""
    parser.add_argument(
        "--install", choices=sorted(INSTALL_CHOICES), default="both",
        help="dev: this venv as is; editable: a temp editable venv without .pyc; wheel: a "
        "realistic wheel install in a temp venv; both = dev + wheel; before-after = "
        "editable + wheel (use with --source to time another checkout); all (default: both)",
    )
    parser.add_argument(
        "--source", type=Path, default=ROOT,
        help="source tree the temp venvs are built from (e.g. an older checkout)",
    )


def installs(args: argparse.Namespace, folder: Path) -> list[Install]:
    """The installs chosen on the command line (temp venvs are built inside ``folder``)."""
    chosen = []
    source = args.source.resolve()
    for kind in INSTALL_CHOICES[args.install]:
        if kind == "dev":
            chosen.append(dev_install())
            continue
        print(f"building the {kind} install …", file=sys.stderr, flush=True)
        build = wheel_install if kind == "wheel" else editable_install
        chosen.append(build(folder / f"{kind}-install", source))
    return chosen
