"""Command-line entry point. Each command lives in its own module; heavy imports stay inside."""

from __future__ import annotations

from omniready.cli import commands as _commands  # noqa: F401 - registers the commands
from omniready.cli.app import app


def main() -> None:
    """Console-script entry point."""
    app(prog_name="omniready")
