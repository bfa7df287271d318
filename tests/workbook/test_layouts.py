"""Units' templates in other layouts, read by their labels: shifted with rows added above
and inside, synonyms, line breaks in labels, text numbers, full-width digits, percent
cells, formula cells, merged 一级/二级, weights in the 一级 label, split deviation columns,
万元 from a note, several sheets, forms stacked on one sheet, .xls and .ods."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from wbhelpers import Template, build, convert

from perfeval_gui.model import Form, Funding, FundingRow, Goals, Indicator
from perfeval_gui.workbook.reader import read_workbook
from perfeval_gui.workbook.writer import workbook_bytes

T, L = 3, 2  # the form starts at D4: nothing is at a fixed address


def unit_template(t: Template) -> None:
    """A district's template: its own title and wording, extra rows, 万元 in a note."""
    t.row = T
    t.merge(T, L, T, L + 9, "项目支出绩效自评表")
    t.row += 1
    t.line("（2023年度）", at=L)
    t.line("填报单位（盖章）：某区财政局", None, None, None, None, None, None, "单位：万元", at=L)
    r = t.line("项目名称", "社区养老服务补贴", at=L)
    t.merge(r, L + 1, r, L + 9, "社区养老服务补贴")
    t.line("主管单位", "某区民政局", None, "项目实施单位", "某区养老服务中心", at=L)
    head = t.line("", "", "年初预算", "调整后\n预算数", "预算执行数", "权 重", "预算执行率",
                  "得分", at=L)
    t.merge(head, L, head + 4, L, "项目资金")
    total = t.line(None, "资金总额", "1,000.50", 1200, None, 10, 0.9169, 9.17, at=L,
                   num={6: "0.00%"})
    t.ws.write_formula(total, L + 4, "=SUM(G11:G13)", None, 1100.25)
    t.line(None, "其中：本年财政拨款", "１０００.５０", 1200, 1100.25, "—", "—", "—", at=L)
    t.line(None, "上年结转", None, None, None, "—", "—", "—", at=L)
    t.line(None, "其他资金", 0, 0, "—", "—", "—", "—", at=L)
    goals = t.line("年度总体目标", "年度目标", None, None, None, "全年实际完成情况", at=L)
    t.merge(goals, L, goals + 1, L, "年度总体目标")
    t.merge(goals, L + 1, goals, L + 4, "年度目标")
    t.merge(goals, L + 5, goals, L + 9, "全年实际完成情况")
    t.merge(goals + 1, L + 1, goals + 1, L + 4, "为辖区老人提供补贴")
    t.merge(goals + 1, L + 5, goals + 1, L + 9, "已全部发放")
    t.row = goals + 2
    head = t.line("绩效指标", "一级指标", "二级指标", "三级\n指标", "指标值", "实际值", "分值",
                  "得分", "偏差原因分析", "改进措施", at=L)
    first = t.line(None, "产出指标(50分)", "数量指标", "补贴人数", "≥1000人", 1050, 20, 20, at=L)
    t.line(None, None, None, "覆盖街道数", "=100%", 1, 15, "约20", at=L, num={5: "0%"})
    t.line(None, None, "时效指标", "发放及时率", "100%", 0.95, 15, 14, "个别延迟", "加强审核", at=L,
           num={5: "0%"})
    t.line(None, "效益指标", "社会效益指标", "老人满意度", ">90%", "92%", 40, 40, "—", "—", at=L)
    t.merge(first, L + 1, first + 2, L + 1, "产出指标(50分)")
    t.merge(first, L + 2, first + 1, L + 2, "数量指标")
    t.merge(head, L, head + 4, L, "绩效指标")
    t.line("总分", None, None, None, None, None, 100, 83, at=L)
    t.line("联系人：张三", None, None, "联系电话：12345678", at=L)


UNIT_FORM = Form(
    year=2023,
    project_name="社区养老服务补贴",
    competent_department="某区民政局",
    implementing_unit="某区养老服务中心",
    funding=Funding(
        unit="万元", weight=Decimal(10),
        total=FundingRow(initial_budget=Decimal("1000.50"), annual_budget=Decimal(1200),
                         executed=Decimal("1100.25")),
        current_year_appropriation=FundingRow(initial_budget=Decimal("1000.50"),
                                              annual_budget=Decimal(1200),
                                              executed=Decimal("1100.25")),
        other_funds=FundingRow(initial_budget=Decimal(0), annual_budget=Decimal(0)),
    ),
    goals=Goals(expected="为辖区老人提供补贴", actual="已全部发放"),
    indicators=[
        Indicator(level1="产出指标", level2="数量指标", name="补贴人数", target="≥1000人",
                  actual="1050", weight=Decimal(20), score=Decimal(20)),
        Indicator(level1="产出指标", level2="数量指标", name="覆盖街道数", target="=100%",
                  actual="100%", weight=Decimal(15)),
        Indicator(level1="产出指标", level2="时效指标", name="发放及时率", target="100%",
                  actual="95%", weight=Decimal(15), score=Decimal(14),
                  deviation="个别延迟；改进措施：加强审核"),
        Indicator(level1="效益指标", level2="社会效益指标", name="老人满意度", target=">90%",
                  actual="92%", weight=Decimal(40), score=Decimal(40)),
    ],
)
UNREAD = "Sheet1!J18：得分“约20”不是数字"


def test_a_units_template_is_read_by_its_labels(tmp_path: Path) -> None:
    path = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    (found,) = read_workbook(str(path))
    assert found.form == UNIT_FORM
    assert [str(n) for n in found.notes] == [UNREAD]
    assert str(found.notes[0].path) == "indicators[1].score"


def test_the_same_template_saved_as_xls_and_ods(tmp_path: Path, lo_dir: Path) -> None:
    """Merged 一级/二级, percent formats and values survive LibreOffice's .xls and .ods."""
    path = build(tmp_path / "unit.xlsx", ("Sheet1", unit_template))
    for converted in (*convert([path], "xls", lo_dir), *convert([path], "ods", lo_dir)):
        (found,) = read_workbook(str(converted))
        assert found.form == UNIT_FORM, converted.suffix
        assert [str(n) for n in found.notes] == [UNREAD], converted.suffix


def test_several_sheets_and_forms_stacked_on_one_sheet(tmp_path: Path, seed1: Form,
                                                       seed2: Form) -> None:
    """One form per sheet, and two forms one under the other on a third sheet: all found,
    in sheet order; a sheet without a form is passed over."""
    def stacked(t: Template) -> None:
        t.row = 0
        for form in (seed2, UNIT_FORM):
            t.line(f"{form.year}年度")
            t.line("项目名称", form.project_name)
            t.line("", "年初预算数", "全年预算数", "全年执行数")
            total = form.funding.total or FundingRow()
            t.line("年度资金总额", *(float(v) if v is not None else None
                                   for v in (total.initial_budget, total.annual_budget,
                                             total.executed)))
            t.line("三级指标", "年度指标值", "实际完成值", "分值", "得分")
            for ind in form.indicators[:2]:
                t.line(ind.name, ind.target, ind.actual, float(ind.weight or 0),
                       float(ind.score) if ind.score is not None else None)
            t.line("总分")
            t.row += 2

    path = build(tmp_path / "book.xlsx", ("说明", lambda t: t.line("填表说明：请按实际填写")),
                 ("一", unit_template), ("二", lambda t: None), ("三", stacked))
    found = read_workbook(str(path))
    assert [(f.sheet, f.index, f.place) for f in found] == [
        ("一", 1, "一"), ("三", 1, "三"), ("三", 2, "三 第 2 个表")]
    first, second = found[1].form, found[2].form
    assert (first.year, first.project_name) == (seed2.year, seed2.project_name)
    assert first.funding.total == seed2.funding.total
    assert [i.name for i in first.indicators] == [i.name for i in seed2.indicators[:2]]
    assert second.project_name == UNIT_FORM.project_name
    assert second.indicators[1].score is None and second.indicators[1].target == "=100%"


def test_units_from_the_funding_label_and_a_workbook_of_several_exported_forms(
        seed1: Form, seed2: Form, tmp_path: Path) -> None:
    wan = seed2.model_copy(update={"funding": seed2.funding.model_copy(update={"unit": "万元"})})
    data, problems = workbook_bytes([seed1, wan])
    path = tmp_path / "two.xlsx"
    path.write_bytes(data)
    assert problems == []
    found = read_workbook(str(path))
    assert [f.form for f in found] == [seed1, wan]
    assert [f.form.funding.unit for f in found] == ["元", "万元"]


@pytest.mark.parametrize(("cell", "expected"), [
    ("1,234,567.89", Decimal("1234567.89")),
    ("１２３４５", Decimal(12345)),
    (" 20 ", Decimal(20)),
    ("—", None),
    ("", None),
    (0, Decimal(0)),  # blank ≠ 0
    (215457.6, Decimal("215457.6")),
    (0.1 + 0.2, Decimal("0.3")),  # a formula's binary residue: the 0.3 Excel shows
])
def test_number_cells_as_templates_hold_them(cell: object, expected: Decimal | None) -> None:
    from perfeval_gui.workbook.cells import cell_number

    assert cell_number(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("cell", "message"), [
    ("约20", "“约20”不是数字"),
    (-5, "-5：不能为负数"),
    (0.1234567, "0.1234567：小数位数不能超过 6 位"),
    (1e16, "10000000000000000：超出允许的最大值 10^15"),
    (True, "“TRUE”不是数字"),
])
def test_numbers_the_model_refuses_are_told(cell: object, message: str) -> None:
    from perfeval_gui.workbook.cells import CellError, cell_number

    with pytest.raises(CellError) as caught:
        cell_number(cell)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_percent_cells_and_text_numbers_in_text_columns() -> None:
    from perfeval_gui.workbook.cells import cell_text

    assert cell_text(0.4517, percent=True) == "45.17%"
    assert cell_text(0.003, percent=True) == "0.3%"
    assert cell_text(155) == "155"
    assert cell_text(155.0) == "155"
    assert cell_text("=100%") == "=100%"


def test_an_ods_written_by_hand(tmp_path: Path) -> None:
    """The .ods reader on its own (no LibreOffice needed): merged 一级 from
    number-rows-spanned, a percentage cell, repeated empty cells and rows, spaces kept as
    text:s, a label broken over two lines."""
    from wbhelpers import ods, ods_number, ods_row, ods_text

    empty = ods_text("", repeat=3)
    path = ods(tmp_path / "form.ods", [
        ods_row(ods_text("财政项目支出绩效自评表（2021年度）")),
        ods_row(ods_text("", repeat=2), repeat=5),
        ods_row(ods_text("项目名称"), ods_text("老旧  小区改造")),
        ods_row(ods_text("项目资金\n（万元）"), ods_text("年初预算数"), ods_text("全年预算数"),
                ods_text("全年执行数")),
        ods_row(ods_text("年度资金总额"), ods_number(120.5), ods_number(120.5), ods_number(60)),
        ods_row(ods_text("一级指标"), ods_text("三级指标"), ods_text("实际完成值"),
                ods_text("分值"), empty),
        ods_row(ods_text("产出指标", rows=2), ods_text("完工率"), ods_number(0.955, "percentage"),
                ods_number(50)),
        ods_row("<table:covered-table-cell/>", ods_text("质量"), ods_text("合格"),
                ods_number(40)),
        ods_row(ods_text("总分"), ods_text(""), ods_text(""), ods_number(90)),
        ods_row(empty, repeat=1_048_000),
    ])
    (found,) = read_workbook(str(path))
    form = found.form
    assert (form.year, form.project_name, form.funding.unit) == (2021, "老旧  小区改造", "万元")
    assert form.funding.total == FundingRow(initial_budget=Decimal("120.5"),
                                            annual_budget=Decimal("120.5"), executed=Decimal(60))
    assert [(i.level1, i.name, i.actual, i.weight) for i in form.indicators] == [
        ("产出指标", "完工率", "95.5%", Decimal(50)), ("产出指标", "质量", "合格", Decimal(40))]
    assert found.notes == ()


def test_control_characters_are_dropped_and_told(tmp_path: Path) -> None:
    path = build(tmp_path / "c.xlsx", ("表", lambda t: [
        t.line("项目名称", "道路\x01维修"), t.line("三级指标", "年度指标值", "分值"),
        t.line("修路", "≥10公里", 10)]))
    (found,) = read_workbook(str(path))
    assert found.form.project_name == "道路维修"
    assert [str(n) for n in found.notes][:1] == ["表!B1：含有不可见的控制字符，已删除"]
