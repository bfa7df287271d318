"""The benchmark scripts stay runnable: their wheel build copies every folder the package
is built from (a folder added to package-dir once broke ``--install wheel`` unnoticed)."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_bench_wheel_source_holds_every_packaged_folder() -> None:
    spec = importlib.util.spec_from_file_location("_timing", ROOT / "benchmarks" / "_timing.py")
    assert spec is not None and spec.loader is not None
    timing = importlib.util.module_from_spec(spec)
    sys.modules["_timing"] = timing  # its dataclasses look their module up there
    spec.loader.exec_module(timing)
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folders = {package.split(".")[0] for package in setuptools["packages"]}
    folders |= {Path(path).parts[0] for path in setuptools.get("package-dir", {}).values()}
    assert {"perfeval_gui", "docs", "resources"} <= folders  # what it checks, read right
    assert folders <= set(timing.SOURCE_ITEMS)
