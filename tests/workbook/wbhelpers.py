"""Test workbooks built here, in the layouts units' templates use (XlsxWriter), and
LibreOffice conversion to .xls / .ods when it is installed (tests skip cleanly otherwise)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@dataclass
class Template:
    """One worksheet being written: values at (row, col), merges, percent cells."""

    ws: Any
    book: Any
    row: int = 0
    formats: dict[str, Any] = field(default_factory=dict)

    def fmt(self, num: str | None) -> Any:
        if num is None:
            return None
        if num not in self.formats:
            self.formats[num] = self.book.add_format({"num_format": num})
        return self.formats[num]

    def put(self, row: int, col: int, value: Any, num: str | None = None) -> None:
        if value is None:
            return
        if isinstance(value, str):
            self.ws.write_string(row, col, value, self.fmt(num))
        else:
            self.ws.write_number(row, col, value, self.fmt(num))

    def line(self, *values: Any, at: int = 0, num: dict[int, str] | None = None) -> int:
        """Values in consecutive columns from ``at`` on the next row; returns the row."""
        row = self.row
        for offset, value in enumerate(values):
            self.put(row, at + offset, value, (num or {}).get(offset))
        self.row += 1
        return row

    def merge(self, r0: int, c0: int, r1: int, c1: int, value: Any = "") -> None:
        self.ws.merge_range(r0, c0, r1, c1, "")
        if value != "":
            self.put(r0, c0, value)


def build(path: Path, *sheets: tuple[str, Callable[[Template], None]]) -> Path:
    """A workbook with one sheet per (name, writer)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_numbers": False})
    for name, write in sheets:
        write(Template(book.add_worksheet(name), book))
    book.close()
    return path


RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
"""LibreOffice settings: recalculate every formula of an .xlsx on loading."""


def convert(sources: Sequence[Path], suffix: str, out_dir: Path,
            recalc: bool = False) -> list[Path]:
    """Convert with LibreOffice (one process for all, a throw-away profile); skips the
    test without it. ``recalc``: recompute the formulas instead of keeping cached values."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    profile = out_dir / "lo-profile"
    if recalc:
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    filters = {"xls": "xls:MS Excel 97", "ods": "ods", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         filters[suffix], "--outdir", str(out_dir), *map(str, sources)],
        capture_output=True, timeout=240, check=False,
        env={**os.environ, "HOME": str(out_dir)},
    )
    outs = [out_dir / f"{s.stem}.{suffix}" for s in sources]
    missing = [o for o in outs if not o.exists()]
    assert not missing, done.stderr.decode(errors="replace")[-500:]
    return outs


def ods(path: Path, rows: Sequence[str]) -> Path:
    """A minimal .ods whose only table holds ``rows`` (table:table-row XML, written out)."""
    import zipfile

    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               '<office:body><office:spreadsheet><table:table table:name="自评">'
               + "".join(rows) + "</table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("content.xml", content)
    return path


def ods_row(*cells: str, repeat: int = 1) -> str:
    """One table row of cells (each a table-cell element, see ``ods_text``/``ods_number``)."""
    attr = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attr}>{''.join(cells)}</table:table-row>"


def ods_text(text: str, rows: int = 1, repeat: int = 1) -> str:
    """A text cell; spaces runs as text:s, line breaks as text:line-break."""
    import re
    from html import escape

    body = escape(text).replace("\n", "<text:line-break/>")
    body = re.sub(r"  +", lambda m: f' <text:s text:c="{len(m[0]) - 1}"/>', body)
    attrs = f' table:number-rows-spanned="{rows}"' if rows > 1 else ""
    attrs += f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if not text:
        return f"<table:table-cell{attrs}/>"
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{body}</text:p>' \
           "</table:table-cell>"


def ods_number(value: float, kind: str = "float") -> str:
    return f'<table:table-cell office:value-type="{kind}" office:value="{value}">' \
           f"<text:p>{value}</text:p></table:table-cell>"
