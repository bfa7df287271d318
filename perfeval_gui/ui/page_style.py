"""The page's look: the paper form's grey label cells and thin black lines, as a style sheet."""

from __future__ import annotations

from typing import Final

_STYLE: Final = """
#page { background: white; }
QLabel[cell="section"], QLabel[cell="label"] {
    background: #f3f1ea; border: 1px solid #8c8c8c; padding: 2px 4px;
}
QLabel[cell="title"] { padding: 6px; }
QLineEdit[cell="input"], QPlainTextEdit[cell="input"] {
    border: 1px solid #8c8c8c; background: white; padding: 2px 4px;
}
QLineEdit[cell="input"][invalid="true"], QPlainTextEdit[cell="input"][invalid="true"] {
    border: 2px solid #d01010; background: #ffecec;
}
QFrame[cell="box"] { border: 1px solid #8c8c8c; background: #f3f1ea; }
QTableView { gridline-color: #8c8c8c; border: 1px solid #8c8c8c; background: white; }
QHeaderView::section {
    background: #f3f1ea; border: none; border-right: 1px solid #8c8c8c;
    border-bottom: 1px solid #8c8c8c; padding: 3px;
}
"""


def page_style_sheet(point_size: float) -> str:
    """The page's sheet at one font size (the zoom).

    Style-sheeted widgets do not take their parent's font, so the size goes in the sheet;
    the title is 1.7 times larger and bold.
    """
    return (
        _STYLE
        + f"#page, #page QWidget {{ font-size: {point_size}pt; }}\n"
        + f'#page QLabel[cell="title"] {{ font-size: {round(point_size * 1.7, 1)}pt; '
        + "font-weight: bold; }\n"
    )
