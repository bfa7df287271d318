"""The questions the 项目资金 box asks before it changes figures: 元/万元 and 总额自动合计.

Switching the unit on a filled form asks whether to convert the amounts or only relabel
them; switching to auto-sum over a typed 年度资金总额 that differs from its sums asks
before the typed figures go. Each box takes its parent widget and returns the answer;
the page calls them through its own methods, which the tests stub.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from perfeval_gui import figures
from perfeval_gui.model import FUNDING_COLUMNS, FUNDING_SOURCES, Form
from perfeval_gui.numbers import format_amount
from perfeval_gui.spec import STANDARD
from perfeval_gui.ui.document import FormDocument
from perfeval_gui.ui.labels import header_line, spec_text, unit_label

CONVERT_AMOUNTS: Final = "convert"
"""Answers to ask_convert_amounts: convert the amounts with the unit, relabel only, or cancel."""
RELABEL_UNIT: Final = "relabel"
CANCEL_UNIT: Final = "cancel"


def _column_names() -> dict[str, str]:
    """Funding column key → its name in the questions (built when asked: follows the language)."""
    return {c.key: header_line(spec_text(c.label)) for c in STANDARD.funding.amount_columns}


def conversion_example(form: Form, unit: str) -> str:
    """'<column> 380,000.00 元 → 38.00 万元' for the first non-zero amount ('' if none).

    Taken from the converted form itself (figures.convert_amounts), shown as the grid
    would show it; '' as well when the conversion would be refused.
    """
    try:
        preview = figures.convert_amounts(form, "万元" if unit == "万元" else "元")
    except ValueError:
        return ""
    names = _column_names()
    for key in ("total", *FUNDING_SOURCES):
        before, after = getattr(form.funding, key), getattr(preview.funding, key)
        for column in FUNDING_COLUMNS if before is not None else ():
            value = getattr(before, column)
            if value is None or value.is_zero():
                continue
            old = format_amount(value)
            new = format_amount(getattr(after, column))
            return (
                f"{names[column]} {old} {unit_label(form.funding.unit)} → {new} {unit_label(unit)}"
            )
    return ""


def ask_convert_amounts(parent: QWidget, old_unit: str, new_unit: str, example: str) -> str:
    """换算金额 / 只改单位 / 取消 when the unit changes on a filled form.

    Returns CONVERT_AMOUNTS, RELABEL_UNIT or CANCEL_UNIT; Enter converts, Esc cancels.
    """

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("funding_dialogs", "修改金额单位"))
    box.setText(
        QCoreApplication.translate(
            "funding_dialogs", "金额单位由“%1”改为“%2”。已填的金额要换算吗？"
        )
        .replace("%1", unit_label(old_unit))
        .replace("%2", unit_label(new_unit))
    )
    factor = (
        QCoreApplication.translate("funding_dialogs", "除以 10 000")
        if new_unit == "万元"
        else QCoreApplication.translate("funding_dialogs", "乘以 10 000")
    )
    lines = [
        QCoreApplication.translate(
            "funding_dialogs", "换算金额：所有金额%1，执行率和得分不变。"
        ).replace("%1", factor),
        QCoreApplication.translate("funding_dialogs", "只改单位：数字不变，只改单位。"),
    ]
    if example:
        lines.append(
            QCoreApplication.translate("funding_dialogs", "例如：%1").replace("%1", example)
        )
    lines.append(QCoreApplication.translate("funding_dialogs", "两者都可撤销。"))
    box.setInformativeText("\n".join(lines))
    convert = box.addButton(
        QCoreApplication.translate("funding_dialogs", "换算金额"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    relabel = box.addButton(
        QCoreApplication.translate("funding_dialogs", "只改单位"),
        QMessageBox.ButtonRole.ActionRole,
    )
    cancel = box.addButton(
        QCoreApplication.translate("funding_dialogs", "取消"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(convert)  # Enter converts: what a clerk switching units expects
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is convert:
        return CONVERT_AMOUNTS
    if clicked is relabel:
        return RELABEL_UNIT
    return CANCEL_UNIT


def show_conversion_refused(parent: QWidget, reason: str) -> None:
    """Tell why the amounts could not be converted; nothing was changed."""
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("funding_dialogs", "无法换算金额"),
        reason + "\n\n" + QCoreApplication.translate("funding_dialogs", "表格未作任何修改。"),
    )


def typed_total_details(document: FormDocument) -> str:
    """One line per column where the typed 年度资金总额 differs from its sums."""
    names = _column_names()
    empty = QCoreApplication.translate("funding_dialogs", "（空）")
    return "\n".join(
        QCoreApplication.translate("funding_dialogs", "%1：手工填写 %2，三项之和 %3")
        .replace("%1", names[column])
        .replace("%2", format_amount(typed) or empty)
        .replace("%3", format_amount(summed) or empty)
        for column, typed, summed in document.typed_total_differences()
    )


def ask_discard_typed_total(parent: QWidget, details: str) -> bool:
    """Confirm replacing a typed 年度资金总额 that differs from its sums; Enter or Esc keeps it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("funding_dialogs", "改为自动合计"))
    box.setText(
        QCoreApplication.translate(
            "funding_dialogs", "%1是手工填写的，与其中三项之和不一致。"
        ).replace("%1", spec_text(STANDARD.funding.total_row.label))
    )
    box.setInformativeText(
        details
        + "\n\n"
        + QCoreApplication.translate(
            "funding_dialogs", "改为自动合计将以三项之和代替手工填写的数字（可撤销）。"
        )
    )
    replace = box.addButton(
        QCoreApplication.translate("funding_dialogs", "改为自动合计"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    keep = box.addButton(
        QCoreApplication.translate("funding_dialogs", "保留手工填写"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(keep)  # Enter or Esc keeps what was typed
    box.exec()
    return box.clickedButton() is replace
