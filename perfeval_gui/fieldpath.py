"""Cell addresses: a small typed value for "which field of the form" (``indicators[3].score``).

A path is parsed once, where it is written, and then passed around as a tuple of parts;
views, findings and undo commands compare and dispatch on the parts, never on the text.
``str(path)`` is the text form that files, ``perfeval check --json`` (a finding's
``location``) and messages use, exactly as before.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

Part = str | int

_PART: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class FieldPath:
    """The address of one field of a form, as its parts: ``("indicators", 3, "score")``.

    Computed cells that have no field of their own (``weight_total``, ``total_score``,
    ``funding.execution_rate``) are addressed the same way, so a finding or a view can
    point at them. The empty path addresses the form as a whole.
    """

    parts: tuple[Part, ...] = ()

    @staticmethod
    def parse(text: str) -> FieldPath:
        """'indicators[2].score' → FieldPath(('indicators', 2, 'score')); cached."""
        return _parse(text)

    @staticmethod
    def of(*parts: Part) -> FieldPath:
        """FieldPath.of('funding', 'total', 'executed')."""
        return FieldPath(tuple(parts))

    @staticmethod
    def indicator(row: int, field: str | None = None) -> FieldPath:
        """The address of ``indicators[row].field`` (or of the whole row)."""
        return FieldPath(("indicators", row) if field is None else ("indicators", row, field))

    def child(self, *parts: Part) -> FieldPath:
        """This path extended by ``parts``."""
        return FieldPath(self.parts + parts)

    @property
    def head(self) -> Part | None:
        """The first part (``'funding'``, ``'indicators'`` …), None for the empty path."""
        return self.parts[0] if self.parts else None

    @property
    def leaf(self) -> Part | None:
        """The last part (the field's own name), None for the empty path."""
        return self.parts[-1] if self.parts else None

    @property
    def indicator_row(self) -> int | None:
        """``i`` of an ``indicators[i]…`` path, else None."""
        if len(self.parts) >= 2 and self.parts[0] == "indicators":
            row = self.parts[1]
            return row if isinstance(row, int) else None
        return None

    def startswith(self, head: str) -> bool:
        """Whether the path lies under the top-level field ``head`` (``'funding'``)."""
        return bool(self.parts) and self.parts[0] == head

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __str__(self) -> str:
        return format_parts(self.parts)


@lru_cache(maxsize=4096)
def _parse(text: str) -> FieldPath:
    parts: list[Part] = []
    for match in _PART.finditer(text):
        name, index = match.groups()
        parts.append(int(index) if index is not None else name)
    return FieldPath(tuple(parts))


def format_parts(loc: tuple[Part, ...]) -> str:
    """('indicators', 3, 'weight') → 'indicators[3].weight'; () → ''.

    A key that is empty or not printable (an unknown key from a damaged file) is
    shown JSON-escaped in brackets, ``funding["\\u007fear"]``, so the text stays
    one printable line.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part or not part.isprintable():
            out += f"[{json.dumps(part)}]"
        else:
            out += f".{part}" if out else str(part)
    return out


ROOT: Final = FieldPath()
"""The form as a whole (findings that concern no one cell)."""
