"""Command-line entry point. Each command lives in its own module; heavy imports stay inside."""

from __future__ import annotations

import sys

from omniready.cli import commands as _commands  # noqa: F401 - registers the commands
from omniready.cli.app import EXIT_PIPE, app, silence_stdout


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="omniready")
    except BrokenPipeError:  # the reader of stdout left while help or output was being written
        silence_stdout()
        sys.exit(EXIT_PIPE)
