"""The diff command's logic between the command line and the library: load and check both audits,
compare, render, and decide whether a regression fails the run. The CLI keeps only printing and
exit codes."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from omniready.diff.choices import Format
from omniready.terminal import wants_color


@dataclass(frozen=True)
class DiffOutcome:
    """What the command shows: the diff for stdout, and the lines for stderr."""

    text: str
    # Each line ready for stderr: "warning: ..." about audits that compare imperfectly.
    warnings: tuple[str, ...] = ()
    # Each line ready for stderr: "regression: ..."; only with --fail-on-regression.
    regressions: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        """A regression was asked to fail the run, and one was found."""
        return bool(self.regressions)


def run_diff(
    old: Path,
    new: Path,
    *,
    fmt: Format,
    lang: str,
    fail_on_regression: bool = False,
    threshold: float = 0,
    include_notes: bool = False,
    checklist_dir: Path | None = None,
    stream: TextIO | None = None,
) -> DiffOutcome:
    """Diff two audit files; colour only for text on a terminal that wants it (`stream`, stdout
    by default)."""
    from omniready.audit.check import load_all_checked
    from omniready.checklist import load_checklist
    from omniready.diff.compare import diff_audits
    from omniready.diff.formats import regression_lines, render
    from omniready.diff.formats.wording import warning, word

    checklist = load_checklist(checklist_dir)
    before, after = load_all_checked([old, new], checklist)
    result = diff_audits(before, after, checklist, include_notes=include_notes)
    warnings = tuple(f"{word('warning', lang)}: {warning(m, lang)}" for m in result.warnings)
    color = fmt is Format.text and wants_color(stream or sys.stdout)
    text = render(result, fmt, lang=lang, color=color, threshold=threshold)
    reasons = regression_lines(result, threshold, lang) if fail_on_regression else []
    regressions = tuple(f"{word('regression', lang)}: {reason}" for reason in reasons)
    return DiffOutcome(text, warnings, regressions)
