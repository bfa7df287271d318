"""What Excel, WPS and LibreOffice put on the clipboard, read back as the cells they copied.

Each case is clipboard text as a spreadsheet writes it (quoted only when a cell holds a
line break or a tab, inner quotes then doubled) and the cells it stands for. The same
cases decided between this parser and the csv module (see perfeval_gui/ui/clipboard.py);
the last tests keep the cases where csv goes wrong, so that the choice stays explained.
"""

from __future__ import annotations

import csv
import io

import pytest

from perfeval_gui.ui.clipboard import format_tsv, parse_tsv

CASES: dict[str, tuple[str, list[list[str]]]] = {
    "plain block": ("a\tb\nc\td", [["a", "b"], ["c", "d"]]),
    "Excel: CRLF rows, LF inside a quoted cell": (
        '"第一行\n第二行"\tb\r\nc\td\r\n',
        [["第一行\n第二行", "b"], ["c", "d"]],
    ),
    "LibreOffice on Windows: CRLF inside a quoted cell": ('"x\r\ny"\tb\r\n', [["x\ny", "b"]]),
    "quoted tab": ('"x\ty"\tb\n', [["x\ty", "b"]]),
    "doubled quotes in a quoted cell": (
        '"说 ""好""\n再说"\tb\n',
        [['说 "好"\n再说', "b"]],
    ),
    "a cell holding one quote, quoted": ('""""\tb\n', [['"', "b"]]),
    "quoted empty cell": ('""\tb\n', [["", "b"]]),
    "trailing newline": ("a\tb\n", [["a", "b"]]),
    "CRLF": ("a\tb\r\nc\td\r\n", [["a", "b"], ["c", "d"]]),
    "CR only (old Mac)": ("a\rb\r", [["a"], ["b"]]),
    "empty cells": ("a\t\tc\r\n\t\t\r\n", [["a", "", "c"], ["", "", ""]]),
    "one column with an empty cell": ("a\r\n\r\nc\r\n", [["a"], [""], ["c"]]),
    "one empty cell": ("\r\n", [[""]]),
    "lone quote in the middle of a cell": ('ab"c\td\n', [['ab"c', "d"]]),
    "lone quotes in two cells": ('ab"c\td"e\n', [['ab"c', 'd"e']]),
    "lone quote opening a cell (Excel does not quote it)": (
        '"5\t6\r\n7\t8\r\n',
        [['"5', "6"], ["7", "8"]],
    ),
    "quoted last cell, no trailing newline": ('a\t"b\nc"', [["a", "b\nc"]]),
    "Chinese cells": (
        "产出指标\t数量指标\t≥1\t10\r\n",
        [["产出指标", "数量指标", "≥1", "10"]],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_parse_tsv_reads_what_spreadsheets_copy(name: str) -> None:
    text, cells = CASES[name]
    assert parse_tsv(text) == cells


@pytest.mark.parametrize(
    "rows",
    [
        [["a", "b"], ["c", "d"]],
        [['第一行\n第二行 "引号"', "19"], ["", "x\ty"]],
        [['"甲"乙', '"5'], ['""', ""]],
    ],
)
def test_format_tsv_pastes_back_as_the_same_cells(rows: list[list[str]]) -> None:
    assert parse_tsv(format_tsv(rows)) == rows


def test_excel_unquoted_cell_opening_and_holding_quotes_is_ambiguous() -> None:
    """Excel writes the cell '"甲"乙' unquoted; read as a quoted cell it swallows the tab
    up to the next closing quote. Excel's own paste reads it no better; left as it is."""
    assert parse_tsv('"甲"乙\t10\n') == [['甲"乙\t10']]


def _csv_excel_tab(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))


def test_why_not_the_csv_module() -> None:
    """The cases where csv.reader(dialect="excel-tab") gives other cells than copied."""
    # a lone opening quote runs the cell to the end of the clipboard: the block is lost
    assert _csv_excel_tab('"5\t6\r\n7\t8\r\n') == [["5\t6\r\n7\t8\r\n"]]
    # the CRLF inside a quoted cell is kept, and an empty line is no cell at all
    assert _csv_excel_tab('"x\r\ny"\tb\r\n') == [["x\r\ny", "b"]]
    assert _csv_excel_tab("a\r\n\r\nc\r\n") == [["a"], [], ["c"]]
