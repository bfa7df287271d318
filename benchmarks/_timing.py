"""Process timing shared by the benchmark scripts, and the two installs they time.

Users meet ``perfeval`` as a normal (non-editable) install whose modules were
compiled to .pyc files by the installer. The development venv differs twice: the
package is installed editable (a meta-path finder costs ~20 ms per start) and the
environment may set PYTHONDONTWRITEBYTECODE, so our own modules are recompiled on
every run whenever their .pyc files are stale. ``wheel_install`` builds the
realistic case: a wheel of the source tree installed into a throw-away venv, with
.pyc files, run without PYTHONDONTWRITEBYTECODE. Its dependencies come from the
running interpreter's site-packages through a .pth file, so nothing is downloaded.
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
SOURCE_ITEMS = ("pyproject.toml", "README.md", "perfeval_gui", "resources")
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
    ok: tuple[int, ...] = (0, 1),
) -> Timings:
    """Run ``argv`` ``runs`` times; a run that exits outside ``ok`` stops the benchmark."""
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


def editable_install() -> Install:
    """The interpreter running the benchmark, as it is (the development venv)."""
    return Install("editable (dev venv, as is)", Path(sys.executable), dict(os.environ))


def _venv_python(venv: Path) -> Path:
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def wheel_install(folder: Path, source: Path = ROOT) -> Install:
    """Build a wheel of ``source`` and install it, compiled, into a new venv in ``folder``.

    Takes a few seconds. The venv sees the dependencies of the running interpreter
    through a .pth file (added after its own site-packages, and .pth files there are
    not processed, so the editable finder of the dev venv stays out).
    """
    tree = folder / "src"
    tree.mkdir(parents=True)
    for item in SOURCE_ITEMS:
        origin = source / item
        if origin.is_dir():
            shutil.copytree(origin, tree / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, tree / item)
    quiet = {"capture_output": True, "check": True}
    wheels = folder / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(wheels), str(tree)],
        **quiet,
    )
    venv = folder / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], **quiet)
    python = _venv_python(venv)
    wheel = next(wheels.glob("perfeval_gui-*.whl"))
    # pip compiles every module to .pyc at install time, as it does for users.
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         str(wheel)],
        **quiet,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    deps = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    Path(purelib, "_perfeval_bench_deps.pth").write_text("\n".join(deps) + "\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compiled = list(Path(purelib, "perfeval_gui", "__pycache__").glob("cli.*.pyc"))
    if not compiled:
        raise SystemExit(f"wheel install in {venv}: no .pyc files were written")
    return Install(f"wheel (non-editable venv, .pyc), from {source}", python, env)


def add_install_arguments(parser: argparse.ArgumentParser) -> None:
    """``--install {editable,wheel,both}`` and ``--source DIR`` (what the wheel is built from)."""
    parser.add_argument(
        "--install", choices=("editable", "wheel", "both"), default="both",
        help="time the dev venv as is, a realistic wheel install in a temp venv, or both",
    )
    parser.add_argument(
        "--source", type=Path, default=ROOT,
        help="source tree the wheel is built from (e.g. an older checkout, for before/after)",
    )


def installs(args: argparse.Namespace, folder: Path) -> list[Install]:
    """The installs chosen on the command line (the wheel one is built inside ``folder``)."""
    chosen = []
    if args.install in ("editable", "both"):
        chosen.append(editable_install())
    if args.install in ("wheel", "both"):
        print("building the wheel install …", file=sys.stderr, flush=True)
        chosen.append(wheel_install(folder / "wheel-install", args.source.resolve()))
    return chosen
