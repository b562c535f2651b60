"""Registers every command module on the app (each module adds its own commands)."""

from __future__ import annotations

from omniready.cli import audit, diff, probe, report, validate  # noqa: F401
