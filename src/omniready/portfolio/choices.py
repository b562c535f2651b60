"""The --format choices of `omniready portfolio` (no heavy imports: the CLI reads this at start)."""

from __future__ import annotations

import enum

from omniready.format_list import parse_format_list


class Format(str, enum.Enum):
    """--format choices; formats.render maps each one to a function. The value is the extension."""

    md = "md"
    html = "html"
    json = "json"


def parse_formats(value: str) -> list[Format]:
    """`md,html` → [Format.md, Format.html], in the given order, without repeats."""
    return parse_format_list(value, Format)
