"""Where a line is, as people look it up: file and line, or file and template or row name."""

from __future__ import annotations

from omniready.brand.model import Line, Material, Place, Unit


def place(material: Material, unit: Unit, line: Line | None = None) -> Place:
    """The place of a line (or of a whole message) of a material."""
    number = line.number if line is not None and line.number > 0 else None
    if number is None and line is None and unit.lines:
        number = next((ln.number for ln in unit.lines if ln.number > 0), None)
    return Place(material.path, number, unit.name)
