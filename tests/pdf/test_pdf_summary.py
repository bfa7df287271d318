"""The portfolio's PDF summary: A4 landscape, the font embedded, the header on every page,
第 N 页 共 M 页, the title and the date, every form and the totals in the text."""

from __future__ import annotations

import datetime
import io
import itertools
from decimal import Decimal

import pytest
from pypdf import PdfReader
from test_pdf_render import fonts_on

from perfeval_gui.model import Form, Funding, FundingRow
from perfeval_gui.pdf.summary import EDGES, TABLE_WIDTH, build_rows, summary_bytes
from perfeval_gui.portfolio.rows import Unreadable, form_row
from perfeval_gui.portfolio.totals import totals

DAY = datetime.date(2025, 3, 4)


def forms(count: int) -> list:
    out: list = []
    for i in range(count):
        unit = "万元" if i % 2 else "元"
        form = Form(year=2024, project_name=f"第{i + 1}号项目", competent_department="某某局",
                    implementing_unit="某某中心",
                    funding=Funding(unit=unit, total=FundingRow(
                        annual_budget=Decimal("100") if unit == "万元" else Decimal("1000000"),
                        executed=Decimal("90") if unit == "万元" else Decimal("900000"))))
        out.append(form_row(form, f"/data/2024/表{i + 1}.json"))
    out.append(Unreadable("/data/2024/坏.json", "文件不完整：内容在第 1 行第 2 列处中断"))
    return out


def test_landscape_embedded_font_header_on_every_page_and_page_numbers(squash, page_texts
                                                                       ) -> None:
    entries = forms(60)
    data, report = summary_bytes(entries, totals(entries, "万元"), today=DAY)
    reader = PdfReader(io.BytesIO(data))
    assert report.pages == len(reader.pages) > 1 and report.ok
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(841.89, abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(595.28, abs=0.05)
    for name, descriptor in fonts_on(reader):
        assert descriptor is not None and "/FontFile2" in descriptor.get_object(), name
    texts = [squash(t) for t in page_texts(data)]
    count = len(texts)
    for number, text in enumerate(texts, start=1):
        assert "项目名称" in text and "全年预算数（万元）" in text and "自评等级" in text
        assert f"第{number}页共{count}页" in text
    assert texts[0].startswith("财政项目支出绩效自评表汇总(2024年度)")
    assert "金额单位：万元" in texts[0] and "生成日期：2025年3月4日" in texts[0]
    assert "文件夹：/data/2024" in texts[0]
    assert "（续）" in texts[1]
    everything = "".join(texts)
    for i in range(60):
        assert f"第{i + 1}号项目" in everything
    # 30 × 100 万元 + 30 × 1,000,000 元 = 6,000 万元; 5,400 executed; 90.00 %.
    assert "合计（60个表）" in everything
    assert "6,000.00" in everything and "5,400.00" in everything and "90.00%" in everything
    assert "无法读取：文件不完整：内容在第1行第2列处中断" in everything and "坏.json" in everything
    assert "差60个，未评0个" in everything  # a 执行率 alone scores 9 of 10


def test_cells_stay_inside_the_table() -> None:
    entries = forms(3)
    rows = build_rows(entries, totals(entries), "/data/2024")
    assert EDGES["number"][0] == 0.0
    assert EDGES["file"][1] == pytest.approx(TABLE_WIDTH)
    for row in rows:
        assert all(0.0 <= c.x0 < c.x1 <= TABLE_WIDTH + 1e-6 for c in row.cells)
        edges = [(c.x0, c.x1) for c in row.cells]
        assert edges == sorted(edges)
        assert all(a[1] == pytest.approx(b[0]) for a, b in itertools.pairwise(edges))
        assert edges[-1][1] == pytest.approx(TABLE_WIDTH)
    assert rows[0].header and not any(r.header for r in rows[1:])


def test_an_empty_portfolio_still_prints_its_header_and_totals(squash, page_texts) -> None:
    data, report = summary_bytes([], totals([]), today=DAY)
    assert report.pages == 1
    text = squash(page_texts(data)[0])
    assert "项目名称" in text and "合计（0个表）" in text and "第1页共1页" in text
