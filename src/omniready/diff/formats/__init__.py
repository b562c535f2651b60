"""Output formats of a diff: each is a function AuditDiff → str, chosen by one enum (choices.py)."""

from __future__ import annotations

import sys

from omniready.diff.choices import Format
from omniready.diff.formats.jsondoc import to_json
from omniready.diff.formats.markdown import to_markdown
from omniready.diff.formats.text import to_text
from omniready.diff.formats.wording import regression
from omniready.diff.model import AuditDiff, regressions

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # the project supports 3.10; typing_extensions comes with pydantic and typer
    from typing_extensions import assert_never

__all__ = ["Format", "regression_lines", "render", "to_json", "to_markdown", "to_text"]


def render(
    diff: AuditDiff, fmt: Format, *, lang: str = "es", color: bool = False, threshold: float = 0
) -> str:
    """The diff in the chosen format."""
    if fmt is Format.text:
        return to_text(diff, lang, color=color)
    if fmt is Format.md:
        return to_markdown(diff, lang, threshold=threshold)
    if fmt is Format.json:
        return to_json(diff, lang, threshold=threshold)
    assert_never(fmt)  # mypy proves every Format is handled above


def regression_lines(diff: AuditDiff, threshold: float, lang: str) -> list[str]:
    """Each regression as one sentence in `lang` (what --fail-on-regression prints on stderr)."""
    return [regression(found, diff, lang) for found in regressions(diff, threshold)]
