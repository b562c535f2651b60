"""The --format choices of `omniready diff` (no heavy imports: the CLI reads this at start-up)."""

from __future__ import annotations

import enum


class Format(str, enum.Enum):
    """--format choices; formats.render maps each one to a function."""

    text = "text"
    md = "md"
    json = "json"
