"""The form spec: the one declarative description of the paper form, read by every part.

What the paper 项目支出绩效自评表 looks like — its sections in order, the funding
block's rows and columns, the goals cells, the indicator columns (header, field, kind,
screen width, printed width, paste order), the title and year wording, the standard
一级/二级 catalogue and recommended weights, and the label synonyms that real templates
use — is written here once, as data. The Qt grids and the page, the PDF replica, the
rules' messages, the command line and the readers of other people's workbooks and PDFs
all read it; none of them spells a label of the form itself.

A second layout of the same form (another region's template) is another ``FormLayout``
value beside ``STANDARD``: the grids and the PDF draw whatever rows and columns the
layout they are given lists.

Labels are Chinese, the source language. Each is wrapped in ``QT_TRANSLATE_NOOP`` with
the context ``FormSpec``: pyside6-lupdate extracts them for the English catalogue and
the window shows ``QCoreApplication.translate(CONTEXT, label)``; the PDF, the rules
and the command line print them as they are. No Qt import is needed here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

CONTEXT: Final = "FormSpec"
"""Translation context of every label below."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation under ``context``: pyside6-lupdate finds calls by this
    name, so the spec stays free of Qt."""
    del context
    return text


def one_line(label: str) -> str:
    """A label on one line, for messages: headers are broken with '\\n' to keep columns
    narrow; Chinese joins without a space, Latin words (a translation) with one."""
    lines = [line.strip() for line in label.split("\n")]
    joined = lines[0]
    for line in lines[1:]:
        ascii_edge = joined[-1:].isascii() and line[:1].isascii()
        joined += (" " if ascii_edge and joined and line else "") + line
    return joined


Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class ScreenWidth:
    """How a grid column shares the window's width (px at zoom 100%).

    ``preferred``: its width when there is room; ``floor``: the narrowest a text column
    gets (its text then wraps); ``stretch``: its share of any extra room. Number columns
    are never narrower than their widest figure, whatever ``floor`` says.
    """

    preferred: int
    floor: int = 0
    stretch: int = 0


# --- the header cells -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeaderField:
    """One labelled text cell above the funding block (项目名称, 主管部门, 实施单位)."""

    key: str
    """Field of the Form."""
    label: str
    synonyms: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """Every wording a template may use for this label, the standard one first."""
        return (self.label, *self.synonyms)


# --- the funding block ----------------------------------------------------------------

FundingKind = Literal["amount", "weight", "rate", "score"]
"""amount: typed per row (a file field per row); weight: the funding 分值 (typed, total
row only); rate / score: computed 执行率 / 资金得分 (total row only)."""


@dataclass(frozen=True, slots=True)
class FundingColumn:
    """One column of the 项目资金 block."""

    key: str
    """For amounts the FundingRow field; otherwise the figure's name."""
    label: str
    kind: FundingKind
    screen: ScreenWidth
    print_width: float
    """Width on paper, in points."""
    synonyms: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


@dataclass(frozen=True, slots=True)
class FundingRowSpec:
    """One row of the 项目资金 block."""

    key: str
    """Field of Funding (``total`` or one of the 其中 rows)."""
    label: str
    """As printed in the row's first cell (``其中：当年财政拨款``)."""
    name: str
    """As a message names it (``当年财政拨款``)."""
    carries_figures: bool = False
    """Only this row has 分值, 执行率 and 得分; the others show — there."""
    synonyms: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, self.name, *self.synonyms)


@dataclass(frozen=True, slots=True)
class FundingBlock:
    """项目资金: the left label spanning the block, a header row, the rows."""

    name: str
    """The block's name (项目资金), without the unit."""
    label: str
    """Section label with ``%1`` for the money unit, on screen."""
    print_label: str
    """The same, broken for the narrow label column on paper."""
    row_label_screen: ScreenWidth
    """The row-label column (年度资金总额 …)."""
    row_label_print_width: float
    rows: tuple[FundingRowSpec, ...]
    columns: tuple[FundingColumn, ...]
    synonyms: tuple[str, ...] = ()

    @property
    def total_row(self) -> FundingRowSpec:
        """The row that carries 分值, 执行率 and 得分 (年度资金总额)."""
        return next(r for r in self.rows if r.carries_figures)

    @property
    def source_rows(self) -> tuple[FundingRowSpec, ...]:
        """The 其中 rows the total is the sum of."""
        return tuple(r for r in self.rows if not r.carries_figures)

    @property
    def amount_columns(self) -> tuple[FundingColumn, ...]:
        return tuple(c for c in self.columns if c.kind == "amount")

    def row(self, key: str) -> FundingRowSpec:
        return next(r for r in self.rows if r.key == key)

    def column(self, key: str) -> FundingColumn:
        return next(c for c in self.columns if c.key == key)

    def column_of_kind(self, kind: FundingKind) -> FundingColumn:
        return next(c for c in self.columns if c.kind == kind)


# --- the goals -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalCell:
    key: str
    """Field of Goals."""
    label: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoalsBlock:
    """年度总体目标: a header row of cell labels, then one tall row of free text."""

    label: str
    print_label: str
    cells: tuple[GoalCell, ...]
    synonyms: tuple[str, ...] = ()


# --- the indicator table ---------------------------------------------------------------

IndicatorKind = Literal["level1", "level2", "text", "longtext", "weight", "score", "grade",
                        "computed"]
"""level1 / level2: the merged 一级 / 二级 cells (catalogue choices or free text); text:
one line typed; longtext: free text that wraps; weight / score: a number typed; grade:
the qualitative grade chooser; computed: shown, never typed (the suggested score)."""

NUMBER_KINDS: Final[frozenset[str]] = frozenset({"weight", "score", "computed"})


@dataclass(frozen=True, slots=True)
class IndicatorColumn:
    """One column of the 绩效指标 table."""

    key: str
    """The Indicator field it edits, or the name of a computed column."""
    header: str
    kind: IndicatorKind
    screen: ScreenWidth
    print_width: float | None = None
    """Width on paper in points; None: shown in the window only, not printed."""
    align: Align = "center"
    """On screen."""
    print_align: Align | None = None
    """On paper, when it differs from the screen."""
    tooltip: str = ""
    synonyms: tuple[str, ...] = ()
    """Other headers for this column in real templates (for the readers)."""

    @property
    def field(self) -> str | None:
        """The Indicator field this column edits (None for a computed column)."""
        return None if self.kind == "computed" else self.key

    @property
    def name(self) -> str:
        """The header on one line, for messages (``偏差原因分析及改进措施``)."""
        return one_line(self.header)

    @property
    def printed(self) -> bool:
        return self.print_width is not None

    @property
    def number(self) -> bool:
        return self.kind in NUMBER_KINDS

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    """绩效指标: the left label, the header row, one row per 三级指标, the 总分 row."""

    label: str
    print_label: str
    columns: tuple[IndicatorColumn, ...]
    total_label: str
    """The last row's label (总分), spanning the columns before the weight."""
    synonyms: tuple[str, ...] = ()

    def column(self, key: str) -> IndicatorColumn:
        return next(c for c in self.columns if c.key == key)

    def index(self, key: str) -> int:
        """Position of a column in the window's grid."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    @property
    def printed(self) -> tuple[IndicatorColumn, ...]:
        """The paper's columns, in order."""
        return tuple(c for c in self.columns if c.printed)

    @property
    def paste_order(self) -> tuple[int, ...]:
        """Grid columns a block pasted from a sheet fills, left to right: the paper's
        columns (a sheet of the form has no 建议得分 or 评价等级 column)."""
        return tuple(i for i, c in enumerate(self.columns) if c.printed)

    def fields(self) -> Iterator[str]:
        """Indicator fields edited in the grid, in column order."""
        return (c.key for c in self.columns if c.field is not None)


# --- the whole form --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormLayout:
    """One layout of the 自评表: everything that shows, prints or reads a form needs."""

    name: str
    title: str
    """As printed at the top."""
    title_synonyms: tuple[str, ...]
    year_line: str
    """Under the title, ``%1`` = the year."""
    header: tuple[HeaderField, ...]
    funding: FundingBlock
    goals: GoalsBlock
    indicators: IndicatorTable
    label_print_width: float = 44.0
    """The narrow column of the section labels (项目资金, 年度总体目标, 绩效指标) on paper."""
    sections: tuple[str, ...] = ("header", "funding", "goals", "indicators")
    """Order of the blocks top to bottom."""
    units: tuple[str, ...] = ("元", "万元")
    unit_notes: tuple[str, ...] = ("单位：",)
    """How a template notes the money unit outside the 项目资金 label."""
    extra_labels: tuple[str, ...] = field(default=())
    """Labels of rows some templates add around the form (ignored by readers)."""

    def header_field(self, key: str) -> HeaderField:
        return next(h for h in self.header if h.key == key)

    def year_text(self, year: int) -> str:
        return self.year_line.replace("%1", str(year))


STANDARD: Final = FormLayout(
    name="standard",
    title=QT_TRANSLATE_NOOP("FormSpec", "财政项目支出绩效自评表"),
    title_synonyms=("项目支出绩效自评表", "部门预算项目支出绩效自评表"),
    year_line=QT_TRANSLATE_NOOP("FormSpec", "(%1 年度)"),
    header=(
        HeaderField("project_name", QT_TRANSLATE_NOOP("FormSpec", "项目名称")),
        HeaderField("competent_department", QT_TRANSLATE_NOOP("FormSpec", "主管部门"),
                    ("主管单位",)),
        HeaderField("implementing_unit", QT_TRANSLATE_NOOP("FormSpec", "实施单位"),
                    ("项目实施单位",)),
    ),
    funding=FundingBlock(
        name=QT_TRANSLATE_NOOP("FormSpec", "项目资金"),
        label=QT_TRANSLATE_NOOP("FormSpec", "项目资金\n（%1）"),
        print_label="项目资金\n（%1）",
        row_label_screen=ScreenWidth(140, 84),
        row_label_print_width=110.0,
        rows=(
            FundingRowSpec("total", QT_TRANSLATE_NOOP("FormSpec", "年度资金总额"),
                           "年度资金总额", carries_figures=True,
                           synonyms=("资金总额", "总额")),
            FundingRowSpec("current_year_appropriation",
                           QT_TRANSLATE_NOOP("FormSpec", "其中：当年财政拨款"),
                           "当年财政拨款",
                           synonyms=("其中：本年财政拨款", "本年财政拨款", "财政资金",
                                     "其中：财政拨款", "财政拨款")),
            FundingRowSpec("prior_year_carryover", QT_TRANSLATE_NOOP("FormSpec", "上年结转资金"),
                           "上年结转资金", synonyms=("上年结转",)),
            FundingRowSpec("other_funds", QT_TRANSLATE_NOOP("FormSpec", "其他资金"),
                           "其他资金"),
        ),
        columns=(
            FundingColumn("initial_budget", QT_TRANSLATE_NOOP("FormSpec", "年初预算数"),
                          "amount", ScreenWidth(150, 0, 1), 82.0, ("年初预算",)),
            FundingColumn("annual_budget", QT_TRANSLATE_NOOP("FormSpec", "全年预算数"),
                          "amount", ScreenWidth(150, 0, 1), 82.0, ("调整后预算数", "全年预算")),
            FundingColumn("executed", QT_TRANSLATE_NOOP("FormSpec", "全年执行数"),
                          "amount", ScreenWidth(150, 0, 1), 82.0, ("预算执行数", "全年执行")),
            FundingColumn("weight", QT_TRANSLATE_NOOP("FormSpec", "分值"),
                          "weight", ScreenWidth(56), 35.0, ("权重",)),
            FundingColumn("execution_rate", QT_TRANSLATE_NOOP("FormSpec", "执行率"),
                          "rate", ScreenWidth(76), 45.0, ("预算执行率",)),
            FundingColumn("score", QT_TRANSLATE_NOOP("FormSpec", "得分"),
                          "score", ScreenWidth(56), 35.0),
        ),
    ),
    goals=GoalsBlock(
        label=QT_TRANSLATE_NOOP("FormSpec", "年度总体目标"),
        print_label="年度\n总体\n目标",
        cells=(
            GoalCell("expected", QT_TRANSLATE_NOOP("FormSpec", "预期目标"), ("年度目标",)),
            GoalCell("actual", QT_TRANSLATE_NOOP("FormSpec", "实际完成情况"),
                     ("实际完成", "全年实际完成情况")),
        ),
        synonyms=("总体目标", "年度总体目标完成情况"),
    ),
    indicators=IndicatorTable(
        label=QT_TRANSLATE_NOOP("FormSpec", "绩效指标"),
        print_label="绩\n效\n指\n标",
        columns=(
            IndicatorColumn("level1", QT_TRANSLATE_NOOP("FormSpec", "一级指标"), "level1",
                            ScreenWidth(80, 48), 52.0),
            IndicatorColumn("level2", QT_TRANSLATE_NOOP("FormSpec", "二级指标"), "level2",
                            ScreenWidth(100, 56), 64.0),
            IndicatorColumn("name", QT_TRANSLATE_NOOP("FormSpec", "三级指标"), "longtext",
                            ScreenWidth(150, 72, 1), 88.0, align="left",
                            print_align="center"),
            IndicatorColumn("target", QT_TRANSLATE_NOOP("FormSpec", "年度指标值"), "text",
                            ScreenWidth(84, 56), 52.0, synonyms=("年度目标值", "指标值")),
            IndicatorColumn("actual", QT_TRANSLATE_NOOP("FormSpec", "实际完成值"), "text",
                            ScreenWidth(84, 56), 52.0, synonyms=("全年实际值", "实际值")),
            IndicatorColumn("weight", QT_TRANSLATE_NOOP("FormSpec", "分值"), "weight",
                            ScreenWidth(46), 30.0, synonyms=("权重",)),
            IndicatorColumn("score", QT_TRANSLATE_NOOP("FormSpec", "得分"), "score",
                            ScreenWidth(46), 34.0),
            IndicatorColumn("suggested", QT_TRANSLATE_NOOP("FormSpec", "建议得分"), "computed",
                            ScreenWidth(66),
                            tooltip=QT_TRANSLATE_NOOP(
                                "FormSpec", "按评分规则计算的建议得分，仅供参考")),
            IndicatorColumn("grade", QT_TRANSLATE_NOOP("FormSpec", "评价等级"), "grade",
                            ScreenWidth(104, 56)),
            # Broken into two even lines, not one with a lone 施.
            IndicatorColumn("deviation", QT_TRANSLATE_NOOP("FormSpec", "偏差原因分析\n及改进措施"),
                            "longtext", ScreenWidth(150, 72, 1), 99.0, align="left",
                            synonyms=("偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析",
                                      "偏差原因分析及整改措施")),
        ),
        total_label=QT_TRANSLATE_NOOP("FormSpec", "总分"),
        synonyms=("绩效指标",),
    ),
    extra_labels=("填报单位", "联系人", "联系电话", "自评等级", "项目负责人", "财务负责人"),
)
"""The national template as Shanghai publishes it (the seeds' layout)."""

DEVIATION_PARTS: Final = ("偏差原因分析", "改进措施")
NOTHING_WRITTEN: Final = frozenset({"—", "——", "–", "-", "－", "/", "／"})
"""A cell holding only one of these says "nothing here": a dash or slash typed into an
unused cell (kept as typed in text cells; never an explanation of a deviation)."""
"""Templates that split the deviation column in two: the readers join them as
``原因；改进措施：措施``."""


# --- catalogue, weights, grades --------------------------------------------------------

LEVEL1_CATALOGUE: Final[dict[str, tuple[str, ...]]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
"""Standard indicator catalogue (一级 → 二级); free text is allowed too."""

RECOMMENDED_WEIGHTS: Final[dict[str, Decimal]] = {
    "产出指标": Decimal(50),
    "效益指标": Decimal(30),
    "满意度指标": Decimal(10),
}
"""Recommended 一级 weights; with the funding weight they make 100."""
RECOMMENDED_FUNDING_WEIGHT: Final = Decimal(10)

TEMPLATE_ROWS: Final[tuple[tuple[str, str], ...]] = tuple(
    (level1, level2) for level1, level2s in LEVEL1_CATALOGUE.items() for level2 in level2s
)
"""The rows of a new form's standard skeleton (一级, 二级): one per catalogue 二级, weights
left empty (preset weights had to be overwritten one by one and looked like real entries)."""

GRADE_LABELS: Final[dict[str, str]] = {
    "achieved": QT_TRANSLATE_NOOP("FormSpec", "达成年度指标"),
    "partial": QT_TRANSLATE_NOOP("FormSpec", "部分达成并具有一定效果"),
    "not_achieved": QT_TRANSLATE_NOOP("FormSpec", "未达成且效果较差"),
}
"""Qualitative grade code (as in the file) → label, in the order a chooser lists them."""

SELF_GRADE_NAME: Final = QT_TRANSLATE_NOOP("FormSpec", "自评等级")
"""The name of a form's overall grade (figures.grade: 优 ≥ 90 … 差 < 60 of the 总分)."""
SELF_GRADE_LABELS: Final[dict[str, str]] = {
    "优": QT_TRANSLATE_NOOP("FormSpec", "优"),
    "良": QT_TRANSLATE_NOOP("FormSpec", "良"),
    "中": QT_TRANSLATE_NOOP("FormSpec", "中"),
    "差": QT_TRANSLATE_NOOP("FormSpec", "差"),
}
"""自评等级 (as figures.grade returns it) → label, best first."""

UNIT_LABELS: Final[dict[str, str]] = {
    "元": QT_TRANSLATE_NOOP("FormSpec", "元"),
    "万元": QT_TRANSLATE_NOOP("FormSpec", "万元"),
}
"""Money unit code (as in the file) → label."""


# --- naming a cell in messages -----------------------------------------------------------

YEAR_NAME: Final = "年度"
"""How a message names the form's year (the year line has no label of its own)."""
UNIT_NAME: Final = "金额单位"
"""How a message names the funding block's money unit (元 / 万元)."""


def cell_name(parts: Sequence[str | int], layout: FormLayout = STANDARD) -> str | None:
    """The clerk's name for the cell at a field path's parts, for messages; None if unknown.

    ``("indicators", 1, "weight")`` → ``第 2 行指标的分值``; ``("funding", "total",
    "executed")`` → ``年度资金总额·全年执行数``; ``("project_name",)`` → ``项目名称``.
    Built from the layout's labels, so a message never spells a label of its own. Takes
    the parts of a ``FieldPath`` (not the type itself: the spec imports nothing).
    """
    funding, indicators = layout.funding, layout.indicators
    match tuple(parts):
        case ("year",):
            return YEAR_NAME
        case (str(key),) if key in {h.key for h in layout.header}:
            return layout.header_field(key).label
        case ("funding",):
            return funding.name
        case ("funding", "unit"):
            return f"{funding.name}的{UNIT_NAME}"
        case ("funding", "weight"):
            return f"{funding.name}·{funding.column_of_kind('weight').label}"
        case ("funding", str(row)) if row in {r.key for r in funding.rows}:
            return funding.row(row).name
        case ("funding", str(row), str(column)) if (
            row in {r.key for r in funding.rows}
            and column in {c.key for c in funding.amount_columns}
        ):
            return f"{funding.row(row).name}·{funding.column(column).label}"
        case ("goals",):
            return layout.goals.label
        case ("goals", str(key)) if key in {c.key for c in layout.goals.cells}:
            return next(c.label for c in layout.goals.cells if c.key == key)
        case ("indicators",):
            return indicators.label
        case ("indicators", int(row)) if row >= 0:
            return f"第 {row + 1} 行指标"
        case ("indicators", int(row), str(key)) if row >= 0 and key in {
            c.key for c in indicators.columns if c.field is not None
        }:
            return f"第 {row + 1} 行指标的{indicators.column(key).name}"
        case ("published",):
            return "印出的数字"
        case ("published", str(key)) if key in _PUBLISHED_CELLS:
            return f"印出的{_published_cell(key, layout)}"
    return None


_PUBLISHED_CELLS: Final = ("execution_rate", "funding_score", "weight_total", "total_score")
"""The keys of a form's ``published`` figures (model.Published)."""


def _published_cell(key: str, layout: FormLayout) -> str:
    """The printed cell a published figure was read from (执行率, 总分 …)."""
    funding, total = layout.funding, layout.indicators.total_label
    match key:
        case "execution_rate":
            return funding.column_of_kind("rate").label
        case "funding_score":
            return f"{funding.total_row.name}{funding.column_of_kind('score').label}"
        case "weight_total":
            return f"{total}行{funding.column_of_kind('weight').label}"
    return total
