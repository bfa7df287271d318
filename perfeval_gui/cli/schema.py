"""``perfeval schema``: the JSON Schema of file format v2, generated from the models."""

from __future__ import annotations

import argparse
from typing import TextIO

from perfeval_gui.cli.output import EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``schema`` to the command line."""
    parser = commands.add_parser(
        "schema",
        help="打印文件格式 v2 的 JSON Schema",
        description="打印文件格式 v2 的 JSON Schema（draft 2020-12）。",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The handler of ``schema`` (the only command that generates a JSON Schema)."""
    import json

    from perfeval_gui.model import form_json_schema

    print(json.dumps(form_json_schema(), ensure_ascii=False, indent=2), file=out)
    return EXIT_OK
