"""Where the interview talks: a small Terminal protocol, the real one (rich on stderr, lines from
stdin), and a prompt that insists on an answer."""

from __future__ import annotations

import sys
from typing import Any, Protocol

from rich.console import Console
from rich.text import Text

from omniready.texts import text


class Terminal(Protocol):
    """Where the interview talks: shows renderables and reads one line at a time.

    `ask` raises EOFError when input ends and KeyboardInterrupt on Ctrl-C.
    """

    def show(self, *items: Any) -> None: ...

    def ask(self, prompt: str) -> str: ...


class RichTerminal:
    """The real terminal: rich on stderr (stdout stays free for data), lines from stdin."""

    def __init__(self, console: Console | None = None, *, plain: bool = False) -> None:
        # No readline: with a prompt it does not know about (rich prints ours), it swallows the
        # newline of an empty answer and the next prompt lands on the same line.
        self.console = console or Console(stderr=True, highlight=False)
        # One question per screen with progress bars on a real terminal; a dumb terminal, a pipe
        # or --plain gets the scrolling line-by-line transcript.
        self.fancy = (
            not plain
            and self.console.is_terminal
            and not self.console.is_dumb_terminal
            and sys.stdin.isatty()
        )

    def clear(self) -> None:
        """Clear the screen (only called when `fancy`)."""
        self.console.clear()

    def show(self, *items: Any) -> None:
        for item in items:  # one per line; print(*items) would join them with spaces
            self.console.print(item, soft_wrap=isinstance(item, Text) and bool(item.no_wrap))

    def ask(self, prompt: str) -> str:
        line = self.console.input(Text(prompt_line(prompt), style="bold cyan"))
        if not sys.stdin.isatty():
            # A piped answer is not echoed by a terminal; echo it so a transcript reads well.
            self.console.print(Text(line, style="dim"))
        return line


def prompt_line(prompt: str) -> str:
    """The prompt as shown before the cursor: a colon after a label, none after a question."""
    return f"{prompt} " if prompt.endswith(("?", ":")) else f"{prompt}: "


def ask_required(term: Terminal, prompt: str, lang: str) -> str:
    """Ask until a non-empty line comes."""
    while True:
        value = term.ask(prompt).strip()
        if value:
            return value
        term.show(Text(text("interview.errors.organization-required", lang), style="yellow"))
