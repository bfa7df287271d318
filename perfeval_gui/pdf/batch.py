"""Print many forms to PDF in one go, and say what became of each one, as data.

Each form is loaded, checked, rendered to memory and only then written atomically,
so a failure never leaves a partial PDF behind, and one form's failure never stops
the others. What to tell the user about an outcome, and what the whole batch is
worth as an exit code, is the caller's business: ``perfeval pdf`` (cli/pdf.py)
words it for a terminal; another front end may word it differently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from perfeval_gui.fileio import FormFileError, load_form, write_bytes_atomic
from perfeval_gui.pdf.fonts import FontSpec
from perfeval_gui.pdf.render import RenderReport, render_bytes
from perfeval_gui.rules import Finding, check

Status = Literal[
    "written",
    "unreadable",
    "held_back",
    "overwrites_source",
    "duplicate_target",
    "unwritable",
    "render_failed",
]
"""What became of one form:

- ``written``: its PDF is at ``target`` (a draft when ``errors`` is not empty);
- ``unreadable``: the form file could not be read (``problem``: the one-line reason);
- ``held_back``: it has error findings and the batch is strict, so it was not printed;
- ``overwrites_source``: its target is the form file itself, which is never replaced;
- ``duplicate_target``: an earlier form of the batch was already written to ``target``;
- ``unwritable``: the PDF could not be written (``problem``: the one-line reason);
- ``render_failed``: rendering raised (``problem``: ``TypeName: message``), a renderer bug.
"""


@dataclass(frozen=True, slots=True)
class FormOutcome:
    """What became of one form of a batch."""

    source: str
    """The form file, as given."""
    status: Status
    target: Path | None = None
    """Where its PDF goes (None when the form could not be read or was held back)."""
    errors: tuple[Finding, ...] = ()
    """The form's error findings (warnings and notes are not a batch's concern)."""
    report: RenderReport | None = None
    """The renderer's report, when the PDF was written."""
    problem: str = ""
    """Why it was not printed, for ``unreadable``, ``unwritable`` and ``render_failed``."""

    @property
    def written(self) -> bool:
        return self.status == "written"


def output_path(source: str, output: str | None = None, out_dir: str | None = None) -> Path:
    """Where the PDF of ``source`` goes: ``output``, else DIR/NAME.pdf, else beside the input."""
    if output:
        return Path(output)
    name = Path(source).with_suffix(".pdf").name
    if out_dir:
        return Path(out_dir) / name
    return Path(source).with_suffix(".pdf")


def render_forms(
    sources: Iterable[str],
    target_for: Callable[[str], Path] = output_path,
    *,
    strict: bool = False,
    font: FontSpec | None = None,
    grade: bool = False,
) -> Iterator[FormOutcome]:
    """Print each form of ``sources`` to ``target_for(source)``; one outcome per form, in order.
    ``grade``: with a 自评等级 row under 总分 (render_bytes).

    Lazy: each outcome is yielded as soon as its form is done, so a caller can show
    progress. Forms with error findings are printed as drafts unless ``strict``.
    A target is never the form file itself, nor written twice in one batch.
    """
    written: set[Path] = set()
    for source in sources:
        try:
            form = load_form(source)
        except FormFileError as exc:
            yield FormOutcome(source, "unreadable", problem=str(exc))
            continue
        errors = tuple(f for f in check(form) if f.severity == "error")
        if errors and strict:
            yield FormOutcome(source, "held_back", errors=errors)
            continue
        target = target_for(source)
        key = target.resolve()
        if key == Path(source).resolve():
            yield FormOutcome(source, "overwrites_source", target, errors)
            continue
        if key in written:
            yield FormOutcome(source, "duplicate_target", target, errors)
            continue
        try:
            data, report = render_bytes(form, font=font, grade=grade)
            write_bytes_atomic(target, data)
        except FormFileError as exc:
            yield FormOutcome(source, "unwritable", target, errors, problem=str(exc))
            continue
        except Exception as exc:  # a renderer bug must not stop the batch
            problem = f"{type(exc).__name__}: {exc}"
            yield FormOutcome(source, "render_failed", target, errors, problem=problem)
            continue
        written.add(key)
        yield FormOutcome(source, "written", target, errors, report)
