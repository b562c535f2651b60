"""The --format choices of `omniready portfolio` (no heavy imports: the CLI reads this at start)."""

from __future__ import annotations

import enum


class Format(str, enum.Enum):
    """--format choices; formats.render maps each one to a function. The value is the extension."""

    md = "md"
    html = "html"
    json = "json"


def parse_formats(value: str) -> list[Format]:
    """`md,html` → [Format.md, Format.html], in the given order, without repeats."""
    chosen: list[Format] = []
    for part in (p.strip().lower() for p in value.split(",")):
        if not part:
            continue
        try:
            fmt = Format(part)
        except ValueError:
            allowed = ", ".join(f.value for f in Format)
            raise ValueError(f"unknown format {part!r} (choose from {allowed})") from None
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        raise ValueError("give at least one format")
    return chosen
