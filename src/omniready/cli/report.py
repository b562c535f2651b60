"""`omniready report` and related commands (being written)."""

from __future__ import annotations

from omniready.cli.app import app  # noqa: F401
