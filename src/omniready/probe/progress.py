"""Progress for people: a rich bar on a terminal, one plain line per tool elsewhere (CI logs).
The only probe module that imports rich."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from omniready.audit.probe_record import ProbeRecord
from omniready.probe.inventory import Target
from omniready.probe.messages import t
from omniready.probe.run import Progress
from omniready.terminal import wants_color
from omniready.texts import run_lang


def line(target: Target, record: ProbeRecord) -> str:
    """One plain progress line: tool, status, and the api and webhook evidence."""
    api = record.api.evidence if record.api else "-"
    hooks = record.webhooks.evidence if record.webhooks else "-"
    detail = f" ({record.error})" if record.error else ""
    return (
        t(run_lang(), "progress", tool=target.id, status=record.status, api=api, hooks=hooks)
        + detail
    )


class PlainProgress:
    """One line per finished tool, for logs."""

    def __init__(self, stream: TextIO, lang: str = "en") -> None:
        self.stream = stream
        self.lang = lang

    def start(self, total: int) -> None:
        print(f"probe: {t(self.lang, 'tools', count=total)}", file=self.stream, flush=True)

    def done(self, target: Target, record: ProbeRecord) -> None:
        print(line(target, record), file=self.stream, flush=True)


class RichProgress:
    """A transient progress bar on a terminal."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.task: Any = None

    def start(self, total: int) -> None:
        self.task = self.bar.add_task("", total=total)

    def done(self, target: Target, record: ProbeRecord) -> None:
        self.bar.update(self.task, advance=1, description=f"{target.id}: {record.status}")


@contextmanager
def reporter(
    stream: TextIO | None = None, terminal: bool | None = None, lang: str = "en"
) -> Iterator[Progress]:
    """The progress hook that suits `stream` (stderr by default): the bar only where colour is
    wanted (a terminal, no NO_COLOR, TERM not dumb)."""
    stream = stream or sys.stderr
    if terminal is None:
        terminal = wants_color(stream)
    if not terminal:
        yield PlainProgress(stream, lang)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("probing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=Console(file=stream),
        transient=True,
    ) as bar:
        yield RichProgress(bar)
