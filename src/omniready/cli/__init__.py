"""Command-line entry point. Each command lives in its own module; heavy imports stay inside."""

from __future__ import annotations

import sys

from omniready.cli import commands as _commands  # noqa: F401 - registers the commands
from omniready.cli.app import EXIT_PIPE, app, debug_anywhere, exit_now, silence_stdout


def main() -> None:
    """Console-script entry point."""
    code: str | int | None = 0
    try:
        app(args=debug_anywhere(sys.argv[1:]), prog_name="omniready")
    except BrokenPipeError:  # the reader of stdout left while help or output was being written
        silence_stdout()
        code = EXIT_PIPE
    except SystemExit as exc:
        code = exc.code
    exit_now(code)
