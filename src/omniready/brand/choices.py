"""The --format choices of `omniready brand` (no heavy imports: the CLI reads this at start-up)."""

from __future__ import annotations

import enum


class Format(str, enum.Enum):
    """--format choices; formats.render maps each one to a function."""

    table = "table"
    json = "json"
    md = "md"
