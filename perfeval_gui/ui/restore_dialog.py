"""Ask the user what to do with a crashed editor's unsaved forms: 恢复 / 丢弃 / 稍后.

The question only; finding the orphans and writing files is ``recovery.RecoveryStore``'s
job, loading the restored form the window's.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from perfeval_gui.ui.recovery import RecoveryItem, RecoveryStore


class RestoreChoice(Enum):
    """The button the user pressed in the restore question."""

    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def restore_message_box(
    parent: QWidget | None, items: list[RecoveryItem]
) -> tuple[QMessageBox, dict[QAbstractButton, RestoreChoice]]:
    """The 恢复 / 丢弃 / 稍后 question listing the orphans (newest first), not yet shown."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names are shown as typed, never as markup
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("recovery", "恢复未保存的内容"))
    lines = [
        f"{item.saved_at.astimezone():%Y-%m-%d %H:%M}　{item.display_name()}" for item in items
    ]
    if len(items) == 1:
        box.setText(
            QCoreApplication.translate(
                "recovery", "上次程序意外退出，有一份未保存的自评表可以恢复："
            )
        )
        details = QCoreApplication.translate(
            "recovery", "恢复：打开它（尚未保存）；丢弃：删除恢复文件；稍后：下次启动时再询问。"
        )
    else:
        box.setText(
            QCoreApplication.translate(
                "recovery", "上次程序意外退出，有 {0} 份未保存的自评表可以恢复："
            ).format(len(items))
        )
        details = QCoreApplication.translate(
            "recovery",
            "恢复：打开最新的一份（尚未保存），其余的下次启动时再询问；"
            "丢弃：删除全部恢复文件；稍后：下次启动时再询问。",
        )
    box.setInformativeText("\n".join(lines) + "\n\n" + details)
    restore = box.addButton(
        QCoreApplication.translate("recovery", "恢复"), QMessageBox.ButtonRole.AcceptRole
    )
    discard = box.addButton(
        QCoreApplication.translate("recovery", "丢弃"), QMessageBox.ButtonRole.DestructiveRole
    )
    later = box.addButton(
        QCoreApplication.translate("recovery", "稍后"), QMessageBox.ButtonRole.RejectRole
    )
    restore.setObjectName("restore")
    discard.setObjectName("discard")
    later.setObjectName("later")
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    choices: dict[QAbstractButton, RestoreChoice] = {
        restore: RestoreChoice.RESTORE,
        discard: RestoreChoice.DISCARD,
        later: RestoreChoice.LATER,
    }
    return box, choices


def offer_restore(
    parent: QWidget | None, store: RecoveryStore, items: list[RecoveryItem]
) -> RecoveryItem | None:
    """Ask about the orphans ``items`` (newest first) in the box; the item to restore, or None.

    恢复 returns the newest; 丢弃 deletes every listed file from ``store``; 稍后 keeps
    them for the next start. The caller restores the returned item and then calls
    ``store.adopt(item)``.
    """
    box, choices = restore_message_box(parent, items)
    box.exec()
    choice = choices.get(box.clickedButton(), RestoreChoice.LATER)
    if choice is RestoreChoice.DISCARD:
        for item in items:
            store.discard(item)
    return items[0] if choice is RestoreChoice.RESTORE else None
