"""Display labels of values the form file stores as codes: grades and amount units.

The file keeps ``"achieved"`` or ``"万元"`` whatever the interface language; only the
label shown for it is translated. The labels are the spec's (spec.GRADE_LABELS,
spec.UNIT_LABELS, marked for lupdate there), translated at call time so that they follow
the translator installed when they are asked for.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from perfeval_gui.figures import grade, is_scored
from perfeval_gui.model import Form
from perfeval_gui.numbers import DASH
from perfeval_gui.spec import CONTEXT, GRADE_LABELS, SELF_GRADE_LABELS, UNIT_LABELS, one_line


def spec_text(label: str) -> str:
    """A label of the form spec in the interface language.

    The one translate() call whose text is not a literal: the spec's labels are marked for
    lupdate where they are written (``QT_TRANSLATE_NOOP("FormSpec", …)`` in spec.py).
    """
    return QCoreApplication.translate(CONTEXT, label)


def grade_labels() -> dict[str, str]:
    """Grade code → label, in spec.GRADE_LABELS order (the chooser lists them so)."""
    return {code: spec_text(text) for code, text in GRADE_LABELS.items()}


def self_grade_label(form: Form, total_score: Decimal) -> str:
    """自评等级 of ``form`` (优 良 中 差) for its 总分 as the window shows it; — while nothing
    is scored (figures.form_grade, without computing the 总分 again)."""
    return spec_text(SELF_GRADE_LABELS[grade(total_score)]) if is_scored(form) else DASH


def unit_labels() -> dict[str, str]:
    """Amount unit code (Funding.unit, always 元/万元 in the file) → label."""
    return {code: spec_text(text) for code, text in UNIT_LABELS.items()}


def unit_label(unit: str) -> str:
    """The label of one unit code; an unknown code is shown as it is."""
    return unit_labels().get(unit, unit)


header_line = one_line
"""A grid header on one line, for cell names and undo texts (spec.one_line)."""
