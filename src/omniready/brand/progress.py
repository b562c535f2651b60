"""A progress bar on stderr while files are read, only on a terminal (never in CI logs)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from omniready.terminal import wants_color


@contextmanager
def bar(label: str, stream: TextIO | None = None) -> Iterator[Callable[[int, int], None] | None]:
    """A callback (done, total) that advances a transient rich bar; None off a terminal."""
    stream = stream or sys.stderr
    if not wants_color(stream):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(file=stream),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance
