"""The reader's tests import the workbook tests' layouts (tests/workbook) to print them."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).parent
for folder in (_HERE, _HERE.parent / "workbook"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
