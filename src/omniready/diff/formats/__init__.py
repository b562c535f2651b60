"""Output formats of a diff: each is a function AuditDiff → str, chosen by one enum (choices.py)."""

from __future__ import annotations

from typing import NoReturn

from omniready.diff.choices import Format
from omniready.diff.formats.jsondoc import to_json
from omniready.diff.formats.markdown import to_markdown
from omniready.diff.formats.text import to_text
from omniready.diff.formats.wording import regression
from omniready.diff.model import AuditDiff, regressions

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
    return _never(fmt)


def _never(value: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled format {value!r}")


def regression_lines(diff: AuditDiff, threshold: float, lang: str) -> list[str]:
    """Each regression as one sentence in `lang` (what --fail-on-regression prints on stderr)."""
    return [regression(found, diff, lang) for found in regressions(diff, threshold)]
