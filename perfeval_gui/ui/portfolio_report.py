"""The report at the end of a batch of 项目一览: a window that does not block, its text
plain and selectable (file names are never read as markup), one line per file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReportDialog(QDialog):
    """What a batch did; closing it is all there is to do."""

    def __init__(self, parent: QWidget, title: str, lines: list[str]) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioReport")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(lines))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 360)

    @classmethod
    def show_lines(cls, parent: QWidget, title: str, lines: list[str]) -> ReportDialog:
        """Show the report beside the list (not modal) and return it."""
        for old in parent.findChildren(ReportDialog):
            old.close()
            old.deleteLater()
        dialog = cls(parent, title, lines)
        dialog.show()
        return dialog
