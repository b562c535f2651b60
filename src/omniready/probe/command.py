"""The probe command's logic between the command line and the library: options → Settings, which
table style suits the output, the run itself. The CLI keeps only printing and exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from omniready.probe.choices import Format, parse_size
from omniready.probe.client import Settings
from omniready.probe.run import Report
from omniready.terminal import wants_color


class OptionError(ValueError):
    """A command-line option's value is unusable; `option` names it for the usage message."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message


def build_settings(
    *,
    concurrency: int,
    per_host: int,
    connect_timeout: float,
    read_timeout: float,
    deadline: float,
    max_body: str,
    retries: int,
    retry_after_cap: float,
    ca_file: Path | None,
    debug: bool,
    proxy: str | None = None,
) -> Settings:
    """The run's limits from the options as typed (`max_body` as text: 25MB, 512KiB...)."""
    try:
        cap = parse_size(max_body)
    except ValueError as exc:
        raise OptionError("--max-body", str(exc)) from None
    if proxy is not None:
        from omniready.errors import OmnireadyError
        from omniready.probe.proxy import Proxies

        try:
            Proxies.from_env({}, proxy)
        except OmnireadyError as exc:
            raise OptionError("--proxy", exc.message.removeprefix("--proxy: ")) from None
    return Settings(
        concurrency=concurrency,
        per_host=per_host,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        deadline=deadline,
        max_body=cap,
        retries=retries,
        retry_after_cap=retry_after_cap,
        ca_file=str(ca_file) if ca_file else None,
        proxy=proxy or None,
        debug=debug,
    )


def rich_table(
    fmt: Format,
    output: Path | None,
    stream: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> bool:
    """Boxes and colour only for a table shown on a terminal that accepts them (NO_COLOR)."""
    if fmt is not Format.table or output is not None:
        return False
    return wants_color(stream or sys.stdout, os.environ if env is None else env)


@dataclass(frozen=True)
class Outcome:
    """What the command shows: the rendered text (already saved when -o was given), and the
    report behind it."""

    text: str
    report: Report


def run_probe(
    file: Path,
    *,
    fmt: Format,
    output: Path | None,
    fail_on: list[str],
    write: bool,
    only: list[str],
    lang: str,
    settings: Settings,
    warn: Callable[[str], None],
) -> Outcome:
    """Parse --fail-on, probe with progress on stderr, render the chosen format, and write it to
    `output` when given (else the caller prints `text`)."""
    from omniready.probe.formats import render
    from omniready.probe.progress import reporter
    from omniready.probe.run import probe_file
    from omniready.probe.verdict import parse_conditions

    try:
        conditions = parse_conditions(fail_on)
    except ValueError as exc:
        raise OptionError("--fail-on", str(exc)) from None
    with reporter(lang=lang) as progress:
        report = probe_file(
            file,
            settings,
            conditions,
            write=write,
            only=only or None,
            progress=progress,
            lang=lang,
            warn=warn,
        )
    text = render(fmt, report, rich=rich_table(fmt, output))
    if output is not None:
        from omniready.audit.store import write_atomic

        write_atomic(output, text)
    return Outcome(text, report)
