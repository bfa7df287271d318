"""Display labels of values the form file stores as codes: grades and amount units.

The file keeps ``"achieved"`` or ``"万元"`` whatever the interface language; only the
label shown for it is translated. lupdate extracts literal strings only, so each label is
written out here as a literal (not looked up from model.GRADE_LABELS), and built at call
time so that it follows the translator installed when it is asked for.
tests/ui/test_translations.py checks that the keys stay those of the model.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def grade_labels() -> dict[str, str]:
    """Grade code → label, in model.GRADE_LABELS order (the chooser lists them so)."""
    return {
        "achieved": QCoreApplication.translate("Grades", "达成年度指标"),
        "partial": QCoreApplication.translate("Grades", "部分达成并具有一定效果"),
        "not_achieved": QCoreApplication.translate("Grades", "未达成且效果较差"),
    }


def unit_labels() -> dict[str, str]:
    """Amount unit code (Funding.unit, always 元/万元 in the file) → label."""
    return {
        "元": QCoreApplication.translate("Units", "元"),
        "万元": QCoreApplication.translate("Units", "万元"),
    }


def unit_label(unit: str) -> str:
    """The label of one unit code; an unknown code is shown as it is."""
    return unit_labels().get(unit, unit)


def header_line(header: str) -> str:
    """A grid header on one line, for cell names and undo texts.

    Headers are broken with '\\n' to keep columns narrow: Chinese joins without a space
    ('偏差原因分析' + '及改进措施'), English words with one ('Level-1 indicator').
    """
    lines = [line.strip() for line in header.split("\n")]
    joined = lines[0]
    for line in lines[1:]:
        ascii_edge = joined[-1:].isascii() and line[:1].isascii()
        joined += (" " if ascii_edge and joined and line else "") + line
    return joined
