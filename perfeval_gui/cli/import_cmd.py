"""``perfeval import SOURCE... [-o OUT.json | --out-dir DIR] [--json] [--force]``.

Reads the forms in Excel/WPS workbooks (.xlsx, .xls, .ods; workbook/) and published PDFs
(.pdf; pdfread/, through portfolio.sources) and writes one .json per form: ``<stem>.json``
beside the source, ``<stem>-<n>.json`` (n from 1, in sheet or page order) when a source
holds several. Exit 0 when every form was read fully, 1 when a form was written with
cells it could not read or may have read clipped (listed with sheet or page and
position, left empty), 2 when a source could not be read or an output not written. An
existing file is not overwritten without ``--force`` (a clerk's form of the same name
may sit beside the workbook).

Also here: ``sources``, which ``perfeval check`` uses to accept workbooks and PDFs
directly.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from perfeval_gui._collector import collector_paused
from perfeval_gui.cli.output import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    destination_ok,
    one_line,
    out_dir_ready,
)

if TYPE_CHECKING:
    from pathlib import Path

    from perfeval_gui.model import Form
    from perfeval_gui.rules import Finding
    from perfeval_gui.workbook.reader import ImportedForm



def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` to the command line."""
    parser = commands.add_parser(
        "import",
        help="从 Excel/WPS 工作簿（.xlsx、.xls、.ods）或公开的 PDF 导入自评表，"
        "每个表写成一个 .json",
        description="按表头文字查找工作簿或 PDF 中的自评表（可在任意位置、多个工作表或同一"
        "工作表上下排列；PDF 中跳过没有表的页，跨页的表合并），每个表写成一个 .json（默认写在"
        "源文件旁；多个表按工作表或页码顺序编号为 名称-1.json、名称-2.json …）。PDF 上印出的"
        "执行率、得分、分值合计、总分原样记录。读不出或可能被截断的单元格逐一列出（工作表或"
        "页码和位置）并留空。退出码：0 全部读出，1 有单元格未能读取，2 有文件无法读取或写入。",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="工作簿文件（.xlsx、.xls、.ods）或 PDF 文件（.pdf）")
    parser.add_argument("-o", "--output", metavar="OUT.json",
                        help="输出文件（仅限一个源文件；有多个表时编号为 OUT-1.json …）")
    parser.add_argument("--out-dir", metavar="DIR", help="把 .json 写入此文件夹")
    parser.add_argument("--json", action="store_true",
                        help="每个表输出一行 JSON（结果和未读取的单元格）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The handler of ``import``."""
    return import_command(list(args.sources), args.output, args.out_dir, args.json,
                          args.force, out, err)


def output_paths(source: str, count: int, output: str | None,
                 out_dir: str | None) -> list[Path]:
    """Where the ``count`` forms of ``source`` are written (see the module docstring)."""
    from pathlib import Path

    if output:
        base = Path(output)
        if count == 1:
            return [base]
        return [base.with_name(f"{base.stem}-{n}{base.suffix or '.json'}")
                for n in range(1, count + 1)]
    src = Path(source)
    folder = Path(out_dir) if out_dir else src.parent
    if count == 1:
        return [folder / f"{src.stem}.json"]
    return [folder / f"{src.stem}-{n}.json" for n in range(1, count + 1)]


def import_command(sources: Sequence[str], output: str | None, out_dir: str | None,
                   as_json: bool, force: bool, out: TextIO, err: TextIO) -> int:
    """Import every source; returns the exit code."""
    import json

    if not destination_ok("import", len(sources), output, out_dir, err, what="源文件"):
        return EXIT_UNREADABLE
    with collector_paused(then_freeze=True):  # pydantic's models are built here (_collector)
        from perfeval_gui.fileio import FormFileError, save_form
        from perfeval_gui.portfolio.sources import read_forms
        from perfeval_gui.workbook.cells import WorkbookError
    if not out_dir_ready("import", out_dir, err):
        return EXIT_UNREADABLE

    worst = EXIT_OK
    written: set[Path] = set()
    for source in sources:
        try:
            forms = read_forms(source)
        except WorkbookError as exc:
            worst = EXIT_UNREADABLE
            if as_json:
                print(one_line(json.dumps({"source": source, "error": exc.reason},
                                          ensure_ascii=False)), file=out, flush=True)
            print(f"perfeval import: 无法读取 {FormFileError(exc.source, exc.reason)}", file=err,
                  flush=True)
            continue
        targets = output_paths(source, len(forms), output, out_dir)
        for imported, target in zip(forms, targets, strict=True):
            problem = None
            resolved = target.resolve()
            if resolved in written:
                problem = f"输出文件 {target} 与前面的表重名，未写入"
            elif target.exists() and not force:
                problem = f"{target} 已存在，未覆盖（确认覆盖请加 --force）"
            else:
                try:
                    save_form(imported.form, target)
                    written.add(resolved)
                except FormFileError as exc:
                    problem = f"无法写入 {exc}"
            code = EXIT_UNREADABLE if problem else (EXIT_ERRORS if imported.notes else EXIT_OK)
            worst = max(worst, code)
            if as_json:
                print(one_line(json.dumps(_json(source, imported, str(target), problem),
                                          ensure_ascii=False)), file=out, flush=True)
            if problem:
                print(f"perfeval import: {source}（{imported.place}）：{problem}", file=err,
                      flush=True)
                continue
            if not as_json:
                print(f"{source}（{imported.place}）→ {target}", file=out, flush=True)
            if imported.notes:
                print(f"{source}（{imported.place}）：{len(imported.notes)} 处未能读取，已留空：",
                      file=err)
                for note in imported.notes:
                    print(f"  {note}", file=err)
                err.flush()
    return worst


def _json(source: str, imported: ImportedForm, target: str,
          problem: str | None) -> dict[str, object]:
    return {
        "source": source,
        "sheet": imported.sheet,
        "index": imported.index,
        "page": imported.page,
        "output": None if problem else target,
        "error": problem,
        "notes": [{"cell": n.cell, "message": n.message, "location": str(n.path)}
                  for n in imported.notes],
    }


Loaded = Callable[[], "tuple[Form, list[Finding]]"]


@dataclass(frozen=True, slots=True)
class Source:
    """One form for ``perfeval check``: its label, its loader, and where it came from."""

    label: str
    """``form.json``, ``book.xlsx（Sheet1）``, ``disclosure.pdf（第3页）``."""
    load: Loaded
    """Returns (form, the reader's notes as findings); raises FormFileError when unreadable."""
    path: str
    sheet: str | None = None
    index: int | None = None
    """Which form of its sheet or page (1 for the first); None for a .json file."""
    page: int | None = None
    """The PDF page the form starts on (1-based); None for a workbook or a .json file."""

    def origin(self) -> dict[str, object]:
        """``--json``'s ``source`` object: the file, and for a workbook's or a PDF's form
        its sheet, its position there and (PDF) its page."""
        return {"path": self.path, "sheet": self.sheet, "index": self.index, "page": self.page}


def _json_form(path: str) -> tuple[Form, list[Finding]]:
    from perfeval_gui.fileio import load_form

    return load_form(path), []


def _ready(form: Form, findings: list[Finding]) -> tuple[Form, list[Finding]]:
    return form, findings


def _failed(error: Exception) -> tuple[Form, list[Finding]]:
    raise error


def sources(files: Sequence[str]) -> Iterator[Source]:
    """For ``perfeval check``: one Source per form. A .json file is one form (its loader
    raises FormFileError when unreadable); a workbook or a PDF is read once, each of its
    forms labelled ``book.xlsx（Sheet1）`` / ``disclosure.pdf（第3页）`` and returned with
    its notes as findings."""
    from functools import partial

    from perfeval_gui.fileio import FormFileError
    from perfeval_gui.portfolio.sources import is_form_source

    for path in files:
        if not is_form_source(path):
            yield Source(path, partial(_json_form, path), path)
            continue
        # Only when a workbook or PDF is given.
        from perfeval_gui.portfolio.sources import read_forms
        from perfeval_gui.workbook.cells import WorkbookError

        try:
            forms = read_forms(path)
        except WorkbookError as exc:
            yield Source(path, partial(_failed, FormFileError(exc.source, exc.reason)), path)
            continue
        for imported in forms:
            findings = [n.finding() for n in imported.notes]
            yield Source(f"{path}（{imported.place}）", partial(_ready, imported.form, findings),
                         path, imported.sheet, imported.index, imported.page)
