"""Files the reader refuses: one clear Chinese line, exit code 2, in bounded time and memory
(each run in a process of its own, its peak memory measured)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from wbhelpers import build, convert

from perfeval_gui.workbook.writer import workbook_bytes

MAX_SECONDS = 10.0
MAX_RSS_MB = 400

_PROBE = """
import json, sys, time
start = time.perf_counter()
from perfeval_gui.cli import main
code = main(["import", "--json", "--out-dir", sys.argv[2], sys.argv[1]])
seconds = time.perf_counter() - start
def peak_mb():
    # VmHWM is this program's own peak (ru_maxrss may carry the parent's over exec).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: time only
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"code": code, "seconds": seconds, "rss_mb": peak_mb()}))
"""


def probe(path: Path, tmp_path: Path) -> tuple[dict[str, object], str]:
    """``perfeval import`` on ``path`` in a fresh process: its result line, peak memory and
    time, and what it printed on stderr."""
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    stats = json.loads(lines[-1])
    report = json.loads(lines[0]) if len(lines) > 1 else {}
    assert stats["code"] == 2, (stats, report, done.stderr)
    assert stats["seconds"] < MAX_SECONDS and stats["rss_mb"] < MAX_RSS_MB, stats
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 1, errors  # one line
    assert "Traceback" not in done.stderr
    return report, errors[0]


def _xlsx_with_sheet_xml(path: Path, xml: bytes) -> Path:
    """A valid .xlsx whose first sheet's XML is replaced by ``xml``."""
    book = xlsxwriter.Workbook(str(path.with_suffix(".tmp.xlsx")))
    book.add_worksheet().write(0, 0, "项目名称")
    book.close()
    src = zipfile.ZipFile(path.with_suffix(".tmp.xlsx"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            out.writestr(info.filename, body)
    return path


def _sheet(rows: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + rows + b"</sheetData></worksheet>")


def test_a_million_row_sheet_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i)
                    for i in range(1, 1_000_001))
    path = _xlsx_with_sheet_xml(tmp_path / "million.xlsx", _sheet(rows))
    report, line = probe(path, tmp_path)
    assert "超过 50,000 行" in line and "未找到自评表" in line
    assert report["error"] == line.split("：", 1)[1]


@pytest.mark.parametrize("corner", [
    b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    # XML allows r = 'XFD1048576': the extent guard reads it as calamine would
    b"<row r = '1048576'><c r = 'XFD1048576'><v>1</v></c></row>",
])
def test_one_value_in_the_last_cell_does_not_take_all_memory(tmp_path: Path,
                                                            corner: bytes) -> None:
    """calamine would allocate 16384 × 1048576 cells (the process aborts): refused first."""
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>' + corner
    path = _xlsx_with_sheet_xml(tmp_path / "corner.xlsx", _sheet(rows))
    _, line = probe(path, tmp_path)
    assert "超过" in line


def test_an_ods_with_a_value_a_million_rows_down(tmp_path: Path) -> None:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               '<office:body><office:spreadsheet><table:table table:name="表1">'
               '<table:table-row table:number-rows-repeated="999999"><table:table-cell/>'
               '</table:table-row><table:table-row><table:table-cell office:value-type="float"'
               ' office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    path = tmp_path / "far.ods"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("content.xml", content)
    _, line = probe(path, tmp_path)
    assert "超过 50,000 行" in line


def test_an_xls_with_a_value_in_the_last_cell(tmp_path: Path, lo_dir: Path) -> None:
    """calamine needs 1 GB for this 6 KB .xls; xlrd reads only the cells there are."""
    book = xlsxwriter.Workbook(str(tmp_path / "corner.xlsx"))
    sheet = book.add_worksheet()
    sheet.write(0, 0, "x")
    sheet.write(65535, 255, 1)
    book.close()
    (xls,) = convert([tmp_path / "corner.xlsx"], "xls", lo_dir)
    _, line = probe(xls, tmp_path)
    assert "超过 50,000 行" in line


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/workbook.xml", "<workbook/>")
        with out.open("xl/worksheets/sheet1.xml", "w") as handle:
            chunk = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of spaces, ~300 KB compressed
                handle.write(chunk)
    _, line = probe(path, tmp_path)
    assert "压缩炸弹" in line


@pytest.mark.parametrize(("name", "data", "words"), [
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
     + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 2000, "密码"),
    ("notes.xlsx", "这不是表格".encode(), "不是 Excel/WPS 表格文件"),
    ("empty.xls", b"", "文件为空"),
])
def test_not_readable_files(tmp_path: Path, name: str, data: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _, line = probe(path, tmp_path)
    assert words in line and name in line


def test_a_cut_off_workbook_is_corrupt(tmp_path: Path, seed1: object) -> None:
    data, _ = workbook_bytes([seed1])  # type: ignore[list-item]
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    _, line = probe(path, tmp_path)
    assert "已损坏" in line


def test_a_workbook_without_a_form(tmp_path: Path) -> None:
    path = build(tmp_path / "list.xlsx", ("名单", lambda t: [t.line("姓名", "电话")
                                                             for _ in range(3)]))
    report, line = probe(path, tmp_path)
    assert "未找到自评表" in line
    assert report["source"] == str(path)


def test_refusals_are_quick_in_process(tmp_path: Path) -> None:
    """The same refusal in this process (no subprocess): well within a second."""
    from perfeval_gui.workbook.cells import WorkbookError
    from perfeval_gui.workbook.reader import read_workbook

    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    start = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        read_workbook(str(path))
    assert time.perf_counter() - start < 1.0
    assert caught.value.reason == "文件已损坏（不是完整的 .xlsx/.ods 压缩包）"


def test_a_wide_first_megabyte_and_a_far_row_later_exceed_the_cell_cap(tmp_path: Path) -> None:
    """The guard scans cell by cell only from the first far reference on; it must then
    count what came before too (702 columns × 40,000 rows is over the 4,000,000 cells)."""
    text = b"x" * 1100
    rows = b"".join(b'<row r="%d"><c r="ZZ%d" t="inlineStr"><is><t>%s</t></is></c></row>'
                    % (i, i, text) for i in range(1, 1000))
    rows += b'<row r="40000"><c r="A40000"><v>1</v></c></row>'
    assert len(rows) > 1 << 20  # the far row lies beyond the first chunk read
    path = _xlsx_with_sheet_xml(tmp_path / "wide.xlsx", _sheet(rows))
    _, line = probe(path, tmp_path)
    assert "超过 4,000,000 个单元格" in line
