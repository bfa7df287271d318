"""What is not a readable PDF of forms is refused with one clear Chinese line."""

from __future__ import annotations

import io
import os

import pytest
from pdfhelpers import image_only_pdf, prose_pdf, replica
from pypdf import PdfReader, PdfWriter

from perfeval_gui.pdfread import is_pdf
from perfeval_gui.pdfread.reader import NO_TEXT, PdfError, read_pdf, read_pdf_bytes
from perfeval_gui.workbook.cells import WorkbookError


def refused(data: bytes) -> str:
    with pytest.raises(PdfError) as caught:
        read_pdf_bytes(data, "x.pdf")
    assert isinstance(caught.value, WorkbookError)  # the CLI and window catch both alike
    assert "\n" not in caught.value.reason
    return caught.value.reason


def test_a_scan_without_text_is_told_so() -> None:
    assert refused(image_only_pdf()) == NO_TEXT


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "文件为空"),
    (b"PK\x03\x04 a zip, not a pdf", "不是 PDF 文件"),
    (os.urandom(4096).replace(b"%PDF-", b"xxxxx"), "不是 PDF 文件"),
    (b"%PDF-1.7\n" + b"\x00garbage\xff" * 500, "PDF 文件已损坏或不完整，无法读取"),
])
def test_garbage(data: bytes, reason: str) -> None:
    assert refused(data) == reason


def test_truncated_pdfs_are_refused_cleanly(seed1) -> None:
    data = replica(seed1)
    for cut in (20, len(data) // 3, len(data) // 2, len(data) - 200):
        reason = refused(data[:cut])
        assert reason.startswith(("PDF 文件已损坏", "未找到自评表", "PDF 没有")), reason


def test_an_encrypted_pdf(seed1) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(replica(seed1)))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert refused(out.getvalue()) == "PDF 已加密（需要密码），无法读取"


def test_a_pdf_without_a_form() -> None:
    assert refused(prose_pdf(2)).startswith("未找到自评表")


def test_files_that_cannot_be_read(tmp_path) -> None:
    with pytest.raises(PdfError, match="文件不存在"):
        read_pdf(str(tmp_path / "missing.pdf"))
    with pytest.raises(PdfError, match="文件夹"):
        read_pdf(str(tmp_path))
    assert is_pdf("决算.PDF") and not is_pdf("决算.xlsx")


def test_pages_are_counted_from_one_in_a_copy_with_a_blank_page(seed1) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    for page in PdfReader(io.BytesIO(replica(seed1))).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    (found,) = read_pdf_bytes(out.getvalue())
    assert found.page == 2 and found.sheet == "第2页"
