"""Progress for people: a rich spinner on a terminal, one plain line per stage elsewhere (CI).
The only metrics module that imports rich for progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from omniready.terminal import wants_color


@contextmanager
def reporter(stream: TextIO | None = None) -> Iterator[Callable[[str], None]]:
    """A callable that shows each stage: transient on a terminal, a line per stage elsewhere."""
    stream = stream or sys.stderr
    if not wants_color(stream):
        yield lambda message: print(f"metrics: {message}", file=stream, flush=True)
        return
    from rich.console import Console

    with Console(file=stream).status("metrics") as status:
        yield lambda message: status.update(f"metrics: {message}")
