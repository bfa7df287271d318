"""The document layer: field paths, validated replacement, undo granularity."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_gui.fieldpath import FieldPath
from perfeval_gui.fileio import dumps_form
from perfeval_gui.ui.document import FormDocument, get_at, replace_at


def test_paths_round_trip(seed1):
    assert FieldPath.parse("indicators[2].score").parts == ("indicators", 2, "score")
    assert get_at(seed1, FieldPath.parse("indicators[1].score")) == Decimal(18)
    assert get_at(seed1, FieldPath.parse("funding.total.annual_budget")) == Decimal("380000.00")
    assert get_at(seed1, FieldPath.parse("goals.expected")).startswith("完善")


def test_replace_shares_untouched_parts_and_validates(seed1):
    new = replace_at(seed1, FieldPath.parse("indicators[1].score"), Decimal("18.5"))
    assert new.indicators[1].score == Decimal("18.5")
    assert seed1.indicators[1].score == Decimal(18)  # the old form is untouched
    assert new.indicators[0] is seed1.indicators[0]
    assert new.funding is seed1.funding
    with pytest.raises(ValueError, match="负数"):
        replace_at(seed1, FieldPath.parse("funding.weight"), Decimal(-1))
    with pytest.raises(ValueError, match="控制字符"):
        replace_at(seed1, FieldPath.parse("project_name"), "bell\x07")
    with pytest.raises(ValueError):
        replace_at(seed1, FieldPath.parse("funding.unit"), "美元")


def test_refusal_is_the_message_alone_without_the_path(seed1):
    """The cell is known to the editor: the message carries no 'path: ' prefix."""
    with pytest.raises(ValueError) as info:
        replace_at(seed1, FieldPath.parse("funding.weight"), Decimal(-1))
    assert str(info.value) == "不能为负数"


def test_unchanged_values_push_nothing_but_written_form_counts(qtbot, seed1):
    document = FormDocument(seed1)
    assert not document.set_value(FieldPath.parse("indicators[0].score"), Decimal("20"))
    assert document.undo_stack.count() == 0
    # written differently:
    assert document.set_value(FieldPath.parse("indicators[0].score"), Decimal("20.00"))
    assert document.undo_stack.count() == 1
    assert document.is_modified()


def test_every_row_operation_undoes_exactly(qtbot, seed1):
    document = FormDocument(seed1)
    original = dumps_form(seed1)
    document.insert_indicator(2)
    assert document.form.indicators[2].level1 == "产出指标"  # inherits the group above
    document.duplicate_indicator(0)
    document.move_indicator(0, 3)
    document.delete_indicators([1, 4])
    document.set_total_auto(True)
    document.set_total_auto(False)
    assert document.undo_stack.count() == 6
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert dumps_form(document.form) == original
    assert document.form is seed1  # the very object, not a copy
