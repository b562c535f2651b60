"""`--format md,html` lists: one parser for every command that writes several formats at once."""

from __future__ import annotations

import enum
from typing import TypeVar

E = TypeVar("E", bound=enum.Enum)


def parse_format_list(value: str, choices: type[E]) -> list[E]:
    """`md,html` → [choices('md'), choices('html')], in the given order, without repeats;
    ValueError naming the allowed values for an unknown one or an empty list."""
    chosen: list[E] = []
    for part in (p.strip().lower() for p in value.split(",")):
        if not part:
            continue
        try:
            fmt = choices(part)
        except ValueError:
            allowed = ", ".join(str(f.value) for f in choices)
            raise ValueError(f"unknown format {part!r} (choose from {allowed})") from None
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        raise ValueError("give at least one format")
    return chosen
