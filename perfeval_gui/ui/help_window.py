"""帮助 → 填表说明 (F1): the user guide, docs/user-guide.md, in a window beside the form.

The guide is Markdown (one file, read on GitHub and shipped in the package: assets.guide_path)
rendered by ``QTextDocument.setMarkdown``. Qt's Markdown reader drops raw HTML, and the guide
marks its stable anchors with it (``<a id="weights-not-100"></a>`` on the line before a
heading, which GitHub keeps): ``parse_guide`` takes those ids out of the text and
``anchor_headings`` puts them, with a GitHub-style slug of every heading, on the headings of
the rendered document. So ``[…](#score-missing)`` links work in both places, and a finding of
the 检查结果 panel opens the guide at its code's section (``present(code)``).

Non-modal: the clerk reads and types at the same time. A find box (Ctrl+F, Enter / F3 next,
Shift+Enter / Shift+F3 previous) highlights every match; 返回 goes back after a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QKeySequence,
    QShortcut,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.assets import guide_path

_ANCHOR_LINE: Final = re.compile(r"""^\s*<a\s+(?:id|name)=["']([^"']+)["']\s*>\s*</a>\s*$""")
_HEADING: Final = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_FENCE: Final = re.compile(r"^ {0,3}(```|~~~)")
_MARKUP: Final = re.compile(r"[`*_]|\[([^\]]*)\]\([^)]*\)")
CONTENTS: Final = "contents"
"""The guide's table of contents (its <a id> in docs/user-guide.md)."""
MAX_HIGHLIGHTS: Final = 500
"""Matches highlighted at most (a one-letter search on a long guide stays quick)."""
_HIGHLIGHT: Final = QColor("#ffe27a")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces → hyphens."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@dataclass(frozen=True, slots=True)
class Guide:
    """The guide's Markdown without its anchor lines, and each heading's anchors in order."""

    markdown: str
    heading_anchors: tuple[tuple[str, ...], ...]


def parse_guide(text: str) -> Guide:
    """Take ``<a id>`` lines out (Qt would drop them) and give them to the next heading."""
    lines: list[str] = []
    anchors: list[tuple[str, ...]] = []
    waiting: list[str] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            anchor = _ANCHOR_LINE.match(line)
            if anchor:
                waiting.append(anchor.group(1))
                continue
            heading = _HEADING.match(line)
            if heading:
                anchors.append((*waiting, slug(heading.group(2))))
                waiting = []
        lines.append(line)
    return Guide("\n".join(lines) + "\n", tuple(anchors))


def anchor_headings(document: QTextDocument, heading_anchors: tuple[tuple[str, ...], ...]) -> int:
    """Name the rendered headings, in order, with their anchors (and give them room above:
    Qt's Markdown headings sit tight on the text before them); returns the headings named."""
    block = document.begin()
    named = 0
    while block.isValid() and named < len(heading_anchors):
        level = block.blockFormat().headingLevel()
        if level > 0:
            cursor = QTextCursor(block)
            spacing = block.blockFormat()
            spacing.setTopMargin(18 if level <= 2 else 12)
            spacing.setBottomMargin(4)
            cursor.setBlockFormat(spacing)
            cursor.setPosition(block.position() + max(block.length() - 1, 0),
                               QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorNames(list(heading_anchors[named]))
            cursor.mergeCharFormat(fmt)
            named += 1
        block = block.next()
    return named


class HelpWindow(QWidget):
    """The guide with a find box; ``present(anchor)`` shows it at a section."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        # A window of its own (not a dialog): it stays open beside the form while typing.
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("填表说明"))
        self.resize(760, 820)
        self._path = path
        self._history: list[int] = []
        self.anchors: frozenset[str] = frozenset()

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # links are followed by _follow (in-page, web, none)
        self.browser.anchorClicked.connect(self._follow)
        self.find_edit = QLineEdit()
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setPlaceholderText(self.tr("查找（回车：下一处；Shift+回车：上一处）"))
        self.find_edit.setAccessibleName(self.tr("查找"))
        self.find_edit.textChanged.connect(self._on_find_text)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_status = QLabel()
        self.prev_button = self._button(self.tr("上一处"), self.find_previous)
        self.next_button = self._button(self.tr("下一处"), self.find_next)
        self.back_button = self._button(self.tr("返回"), self.go_back)
        self.back_button.setToolTip(self.tr("回到点击链接之前的位置（Alt+←）"))
        self.back_button.setEnabled(False)
        self.top_button = self._button(self.tr("目录"), lambda: self.present(CONTENTS))
        self.top_button.setToolTip(self.tr("回到说明开头的目录"))

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.top_button)
        bar.addSpacing(12)
        bar.addWidget(self.find_edit, 1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.find_status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

        keys = QKeySequence.StandardKey
        for key, slot in (
            (keys.Find, self.focus_find),
            (keys.FindNext, self.find_next),
            (keys.FindPrevious, self.find_previous),
            (keys.Back, self.go_back),
            (keys.Close, self.close),
        ):
            QShortcut(key, self, slot)
        self._shift_return = QShortcut(QKeySequence("Shift+Return"), self.find_edit,
                                       self.find_previous)
        self.load()

    def _button(self, text: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.clicked.connect(slot)
        return button

    # --- the guide ------------------------------------------------------------------
    def load(self) -> None:
        """Read and render the guide; a missing or damaged file says so in the page."""
        path = self._path or guide_path()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.browser.setPlainText(
                self.tr("无法读取填表说明（%1）：%2").replace("%1", str(path)).replace("%2", reason)
            )
            self.anchors = frozenset()
            return
        guide = parse_guide(text)
        document = self.browser.document()
        document.setMarkdown(guide.markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        anchor_headings(document, guide.heading_anchors)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)  # the page opens at its top
        self.anchors = frozenset(a for names in guide.heading_anchors for a in names)

    def present(self, anchor: str = "") -> None:
        """Show the window (raised, not modal), at ``anchor``'s section when it has one."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self.show_anchor(anchor)

    def show_anchor(self, anchor: str) -> bool:
        """Scroll to a section (by its id or heading slug) and put the text cursor there."""
        if anchor not in self.anchors:
            return False
        self.browser.scrollToAnchor(anchor)
        block = self.heading_block(anchor)
        if block is not None:
            cursor = QTextCursor(block)
            self.browser.setTextCursor(cursor)  # find next starts at the section
            self.browser.scrollToAnchor(anchor)
        return True

    def heading_block(self, anchor: str) -> QTextBlock | None:
        """The QTextBlock of the heading named ``anchor`` (None if there is none)."""
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                it = block.begin()
                if not it.atEnd() and anchor in it.fragment().charFormat().anchorNames():
                    return block
            block = block.next()
        return None

    def _follow(self, url: QUrl) -> None:
        """In-page links scroll (返回 comes back); web links open in the browser."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        fragment = url.fragment(QUrl.ComponentFormattingOption.FullyDecoded)
        if fragment and not url.path():
            here = self.browser.verticalScrollBar().value()
            if self.show_anchor(fragment):
                self._history.append(here)
                self.back_button.setEnabled(True)

    def go_back(self) -> None:
        """Back to where the last followed link was clicked."""
        if self._history:
            self.browser.verticalScrollBar().setValue(self._history.pop())
        self.back_button.setEnabled(bool(self._history))

    # --- find -----------------------------------------------------------------------
    def focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _on_find_text(self, text: str) -> None:
        self._highlight(text)
        if text:
            cursor = self.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())  # search again from the same place
            self.browser.setTextCursor(cursor)
            self.find_next()
        else:
            self.find_status.clear()

    def _highlight(self, text: str) -> int:
        """Mark every match (up to MAX_HIGHLIGHTS); returns how many there are."""
        selections: list[QTextEdit.ExtraSelection] = []
        document = self.browser.document()
        count = 0
        if text:
            cursor = document.find(text, 0)
            while not cursor.isNull():
                count += 1
                if len(selections) < MAX_HIGHLIGHTS:
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = cursor
                    selection.format.setBackground(_HIGHLIGHT)
                    selections.append(selection)
                cursor = document.find(text, cursor)
        self.browser.setExtraSelections(selections)
        return count

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, *, backward: bool) -> bool:
        """Select the next (previous) match, wrapping around; says when there is none."""
        text = self.find_edit.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # wrap around
            cursor = self.browser.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        if found:
            self.find_status.setText("")
        else:
            self.find_status.setText(self.tr("未找到"))
        return found
