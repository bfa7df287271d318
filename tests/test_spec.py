"""The form spec: it matches the file format, its widths add up, and it is the only
place under perfeval_gui/ that spells the form's own labels."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from perfeval_gui import spec
from perfeval_gui.model import FUNDING_COLUMNS, FUNDING_SOURCES, Funding, Goals, Indicator
from perfeval_gui.spec import STANDARD

PACKAGE = Path(__file__).resolve().parents[1] / "perfeval_gui"


def test_funding_rows_and_columns_are_the_file_formats_fields() -> None:
    block = STANDARD.funding
    assert [r.key for r in block.rows] == ["total", *FUNDING_SOURCES]
    assert all(r.key in Funding.model_fields for r in block.rows)
    assert [c.key for c in block.amount_columns] == list(FUNDING_COLUMNS)
    assert block.total_row.key == "total"
    assert [r.key for r in block.source_rows] == list(FUNDING_SOURCES)
    assert [c.kind for c in block.columns] == ["amount"] * 3 + ["weight", "rate", "score"]


def test_indicator_columns_edit_every_indicator_field_once() -> None:
    fields = [c.field for c in STANDARD.indicators.columns if c.field is not None]
    assert sorted(fields) == sorted(Indicator.model_fields)
    assert len(fields) == len(set(fields))
    computed = [c.key for c in STANDARD.indicators.columns if c.field is None]
    assert computed == ["suggested"]


def test_goals_and_header_cells_are_fields() -> None:
    assert [c.key for c in STANDARD.goals.cells] == list(Goals.model_fields)
    assert [h.key for h in STANDARD.header] == [
        "project_name", "competent_department", "implementing_unit"
    ]


def test_printed_blocks_are_one_table_wide() -> None:
    """The funding and indicator blocks are ruled as one table: same total width."""
    funding = (STANDARD.label_print_width + STANDARD.funding.row_label_print_width
               + sum(c.print_width for c in STANDARD.funding.columns))
    indicators = STANDARD.label_print_width + sum(
        c.print_width or 0 for c in STANDARD.indicators.printed
    )
    assert funding == indicators == 515.0


def test_paste_order_is_the_papers_columns() -> None:
    table = STANDARD.indicators
    assert [table.columns[i].key for i in table.paste_order] == [
        "level1", "level2", "name", "target", "actual", "weight", "score", "deviation"
    ]


def test_labels_and_synonyms_for_the_readers() -> None:
    block = STANDARD.funding
    assert "年初预算" in block.column("initial_budget").labels
    assert "预算执行数" in block.column("executed").labels
    assert "其中：本年财政拨款" in block.row("current_year_appropriation").labels
    deviation = STANDARD.indicators.column("deviation")
    assert deviation.name == "偏差原因分析及改进措施"  # the header is broken in two lines
    assert deviation.labels[0] == deviation.name
    assert spec.DEVIATION_PARTS[0] in deviation.labels
    assert STANDARD.indicators.column("weight").synonyms == ("权重",)
    assert STANDARD.year_text(2022) == "(2022 年度)"


def test_one_line_joins_chinese_without_and_latin_with_a_space() -> None:
    assert spec.one_line("偏差原因分析\n及改进措施") == "偏差原因分析及改进措施"
    assert spec.one_line("Level-1\nindicator") == "Level-1 indicator"
    assert spec.one_line("单行") == "单行"


def test_recommended_weights_make_100_with_the_funding_weight() -> None:
    total = sum(spec.RECOMMENDED_WEIGHTS.values()) + spec.RECOMMENDED_FUNDING_WEIGHT
    assert total == 100
    assert set(spec.RECOMMENDED_WEIGHTS) == set(spec.LEVEL1_CATALOGUE)
    assert len(spec.TEMPLATE_ROWS) == sum(len(v) for v in spec.LEVEL1_CATALOGUE.values())
    for level1, level2 in spec.TEMPLATE_ROWS:
        assert level2 in spec.LEVEL1_CATALOGUE[level1]


@pytest.mark.parametrize("label", ["年初预算数", "偏差原因分析及改进措施"])
def test_the_issue_labels_appear_in_one_file(label: str) -> None:
    """Changing a label touches one file: not even a comment elsewhere spells it."""
    spelled_in = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if label in path.read_text(encoding="utf-8")
    )
    assert spelled_in == ["spec.py"]


def _code_strings(path: Path) -> list[str]:
    """String literals of a module that are not docstrings (what it shows or prints)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {  # module, class, function and attribute docstrings: bare string statements
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


LABELS = sorted({
    STANDARD.title,
    *(h.label for h in STANDARD.header),
    *(r.label for r in STANDARD.funding.rows),
    *(c.label for c in STANDARD.funding.amount_columns),
    *(c.label for c in STANDARD.goals.cells),
    *(c.name for c in STANDARD.indicators.printed if len(c.name) > 2),
})


@pytest.mark.parametrize("label", LABELS)
def test_no_module_but_the_spec_writes_a_label_of_the_form(label: str) -> None:
    """Every header, row label and cell label the form prints is shown, printed and used
    in messages from the spec: no other module writes it in a string (docstrings aside)."""
    writing = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "spec.py" and any(label in s for s in _code_strings(path))
    )
    assert writing == []


def test_the_spec_needs_neither_qt_nor_the_model() -> None:
    """The bottom layer: importable on its own (a reader or a second layout builds on it)."""
    source = (PACKAGE / "spec.py").read_text(encoding="utf-8")
    assert "import PySide6" not in source and "from PySide6" not in source
    assert "from perfeval_gui" not in source
