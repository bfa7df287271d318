"""The .xlsx source: what calamine does not tell (percent formats, formulas) read from the
sheet XML whichever way a writer spells its cells."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from test_layouts import UNIT_FORM, UNREAD, unit_template
from wbhelpers import build

from perfeval_gui.model import Form
from perfeval_gui.workbook.reader import read_workbook
from perfeval_gui.workbook.writer import workbook_bytes

_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _prefixed(source: Path, target: Path) -> Path:
    """``source`` with every element of its sheets written ``<x:c r=…>`` (the OpenXML SDK
    and some budget systems write sheets this way)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                head, rest = body.split(b"?>", 1)
                rest = re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", rest)
                body = head + b"?>" + rest.replace(b'xmlns="' + _MAIN, b'xmlns:x="' + _MAIN)
                assert b'<x:c r="' in body and b"<c " not in body
            out.writestr(info, body)
    return target


def test_percent_cells_of_a_prefixed_sheet(tmp_path: Path) -> None:
    """0.95 formatted 0% is the clerk's 95% in either spelling of the sheet."""
    plain = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    for path in (plain, _prefixed(plain, tmp_path / "prefixed.xlsx")):
        (found,) = read_workbook(str(path))
        assert found.form == UNIT_FORM
        assert [str(n) for n in found.notes] == [UNREAD]


def test_the_auto_total_of_a_prefixed_sheet(seed1: Form, tmp_path: Path) -> None:
    """The auto-summed total is told by its formulas: found in either spelling."""
    auto = seed1.model_copy(update={"funding": seed1.funding.model_copy(update={"total": None})})
    plain = tmp_path / "auto.xlsx"
    plain.write_bytes(workbook_bytes([auto, seed1])[0])
    for path in (plain, _prefixed(plain, tmp_path / "prefixed.xlsx")):
        assert [f.form for f in read_workbook(str(path))] == [auto, seed1]
