"""Light command-line vocabulary of the probe (no HTTP client here: `--help` must stay fast)."""

from __future__ import annotations

import enum
import re


class Format(str, enum.Enum):
    """--format choices; formats.render maps each one to a function."""

    table = "table"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"


_UNITS = {
    "": 1,
    "b": 1,
    "k": 1000,
    "kb": 1000,
    "kib": 1024,
    "m": 1000**2,
    "mb": 1000**2,
    "mib": 1024**2,
    "g": 1000**3,
    "gb": 1000**3,
    "gib": 1024**3,
}


def parse_size(text: str) -> int:
    """'25MB', '512KiB' or '1000' → bytes; ValueError when unreadable or not positive."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    if not match or match.group(2).lower() not in _UNITS:
        raise ValueError(f"not a size: {text!r} (examples: 25MB, 512KiB, 1000000)")
    size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if size <= 0:
        raise ValueError("size must be positive")
    return size
