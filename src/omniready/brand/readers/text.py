"""Plain text and Markdown (SMS texts, chatbot answers, scripts): a line of `---` alone
separates messages in one file."""

from __future__ import annotations

from pathlib import Path

from omniready.brand.model import Line, Unit
from omniready.brand.readers import Parts
from omniready.brand.readers.lines import decode, numbered


def units_of(lines: tuple[Line, ...]) -> tuple[Unit, ...]:
    """Split numbered lines into messages at separator lines (---)."""
    units: list[Unit] = []
    current: list[Line] = []
    for line in lines:
        if set(line.text) == {"-"} and len(line.text) >= 3:
            if current:
                units.append(Unit(tuple(current)))
            current = []
        else:
            current.append(line)
    if current:
        units.append(Unit(tuple(current)))
    return tuple(units)


def read(path: Path, data: bytes, shown: str) -> Parts:
    """A UTF-8 text or Markdown file."""
    return Parts(units=units_of(numbered(decode(data))))
