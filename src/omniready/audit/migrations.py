"""Upgrades of raw audit data from older schema versions, one step at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Raw = dict[str, Any]

# MIGRATIONS[n] turns a schema-n document into a schema-(n+1) one. Pure functions on plain data.
MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {}


def upgrade(raw: Raw, current: int) -> tuple[Raw, int]:
    """Apply every migration from the file's schema up to `current`; return data and old version."""
    found = raw.get("schema", 1)
    version = found
    while version < current:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema"] = version
    return raw, found
