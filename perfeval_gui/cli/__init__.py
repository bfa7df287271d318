"""The ``perfeval`` command: the parser, and ``main``, which runs one subcommand.

Each subcommand is a sibling module (check, schema, pdf; later import, export,
summary) with ``register(commands)``, which adds its subparser and sets its
``handler(args, out, err) -> exit code``. A new command is a new module plus
its name in ``COMMANDS``. Exit codes and line formats are in ``output``.

Start-up matters (``perfeval check`` on one form is a short process): the command
modules import only argparse and ``output`` at module level, and each handler
imports what its command needs (pydantic for all, ReportLab only for ``pdf``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Final, TextIO

from perfeval_gui import __version__
from perfeval_gui._collector import frozen_objects_released, objects_frozen_at_exit
from perfeval_gui.cli import check, export_cmd, import_cmd, next_year, pdf, schema, summary
from perfeval_gui.cli.output import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREADABLE, utf8_streams

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]
"""A subcommand: parsed arguments, stdout, stderr → exit code."""

COMMANDS: Final = (check, schema, pdf, import_cmd, export_cmd, summary, next_year)
"""The subcommand modules, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (separate so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(
        prog="perfeval",
        description="项目支出绩效自评表：检查、导出 PDF、导入/导出 Excel、汇总、新建下一年度、"
        "文件格式说明。",
    )
    parser.add_argument("--version", action="version", version=f"perfeval {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (never raises, never prints a traceback).

    ``argv`` None means this process's own command line (the console script,
    ``python -m perfeval_gui``, the PyInstaller build): the process ends when this
    returns, so its objects are left out of the interpreter's final collections.
    """
    utf8_streams()
    # Pydantic would scan every installed package's entry points for plugins on the
    # first model build (~10 ms); the command line never uses pydantic plugins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if argv is None:
        objects_frozen_at_exit()
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (argparse printed it)
        if exc.code is None:
            return EXIT_OK
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    handler: Handler | None = getattr(args, "handler", None)
    # The command's modules are frozen once imported (see _collector); handed back here.
    with frozen_objects_released():
        try:
            if handler is None:
                parser.print_help(out)
                return EXIT_UNREADABLE
            return handler(args, out, err)
        except KeyboardInterrupt:
            print("perfeval: 已中断", file=err)
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            # The reader went away (e.g. `perfeval check … | head`): stop quietly.
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return EXIT_UNREADABLE
        except Exception as exc:  # last line of defence: a message, never a traceback
            print(f"perfeval: 内部错误：{type(exc).__name__}: {exc}", file=err)
            return EXIT_UNREADABLE
