"""`omniready metrics`: step 4 measured from the client's contact and appointment exports."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from omniready.cli.app import LangOption, app, error, resolve_lang
from omniready.metrics.choices import Format, parse_period, parse_sla


@app.command()
def metrics(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="AUDIT_FILE [SOURCE]...",
        help="The audit file, then the exports (files or globs; default: the mapping's `files`). "
        "With --suggest-map: only the exports.",
    ),
    mapping: Path | None = typer.Option(
        None,
        "--map",
        metavar="MAPPING.yaml",
        help="The mapping of columns to roles (default: AUDIT.metrics.yaml beside the audit).",
    ),
    suggest_map: bool = typer.Option(
        False,
        "--suggest-map",
        help="Print a starting mapping for the given exports, read from their headers and a "
        "sample of values; guesses are marked.",
    ),
    fmt: Format = typer.Option(
        Format.table, "--format", "-f", help="table (terminal), json (machines) or md (reports)."
    ),
    no_write: bool = typer.Option(
        False, "--no-write", help="Show the figures without writing them into the audit."
    ),
    period: str | None = typer.Option(
        None,
        "--period",
        metavar="START..END",
        help="Only contacts in these months or days, e.g. 2026-01..2026-06 (others are set aside).",
    ),
    sla: str | None = typer.Option(
        None,
        "--sla",
        metavar="CHANNEL=TIME,...",
        help="Service-level targets, e.g. phone=60s,chat=2m (over the audit's and the mapping's).",
    ),
    rejects: Path | None = typer.Option(
        None,
        "--rejects",
        metavar="FILE.csv",
        help="Write the set-aside rows (file, line, reason, unreadable value) to this CSV.",
    ),
    memory_limit: str = typer.Option(
        "600MB",
        "--memory-limit",
        help="DuckDB's memory cap; larger logs spill to a temporary folder.",
    ),
    lang: str | None = LangOption,
) -> None:
    """Measure step 4 (contacts, waits, abandonment, service level, no-shows, repeat contact,
    staffing) from exports, and write the figures into the audit with their provenance.

    Example:

    \b
        omniready metrics --suggest-map calls.csv > acme.metrics.yaml
        omniready metrics acme.audit.yaml calls.csv --sla phone=60s --format md
    """
    from omniready.metrics.progress import reporter

    if suggest_map:
        from omniready.metrics.suggest import suggest

        if not paths:
            from omniready.texts import run_lang, text

            raise typer.BadParameter(text("cli.no-sources", run_lang()), param_hint="SOURCE")
        language = resolve_lang(lang)
        proposed = suggest(paths, lang=language)
        if mapping is not None:
            from omniready.metrics.run import write_new
            from omniready.texts import text

            write_new(mapping, proposed)
            error(text("cli.written", language, path=mapping))
        else:
            typer.echo(proposed, nl=False)
        return
    from omniready.metrics.run import Options, run_metrics

    try:
        window = parse_period(period) if period else None
        targets = parse_sla(sla) if sla else {}
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--period" if period else "--sla") from None
    options = Options(
        audit=paths[0],
        files=list(paths[1:]),
        mapping=mapping,
        period=window,
        sla=targets,
        fmt=fmt,
        write=not no_write,
        rejects=rejects,
        lang=resolve_lang(lang) if lang else None,
        rich=fmt is Format.table and sys.stdout.isatty(),
        memory_limit=memory_limit,
    )
    with reporter() as progress:
        outcome = run_metrics(options, progress)
    for line in outcome.messages:
        error(line)
    typer.echo(outcome.text, nl=False)
