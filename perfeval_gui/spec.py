"""The form spec: the one declarative description of the paper form (work in progress)."""

from __future__ import annotations
