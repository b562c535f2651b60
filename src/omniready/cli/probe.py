"""`omniready probe`: live API and webhook discovery for the tool inventory."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from omniready.cli.app import EXIT_FOUND, LangOption, app, error, resolve_lang
from omniready.probe.choices import Format, parse_size


@app.command()
def probe(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="Audit file, or a YAML list of tools to probe."),
    fmt: Format = typer.Option(
        Format.table,
        "--format",
        "-f",
        help="Output on stdout: table, json, junit, sarif or github.",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the output to this file instead of stdout."
    ),
    fail_on: list[str] = typer.Option(
        [],
        "--fail-on",
        metavar="CONDITION",
        help="Exit 1 when a condition holds for a tool (repeat or comma-separate): no-api, "
        "no-webhooks, claim-mismatch, tls-expiring:DAYS, sunset, unreachable.",
    ),
    no_write: bool = typer.Option(
        False, "--no-write", help="Leave the file alone (default: save each tool's probe:)."
    ),
    only: list[str] = typer.Option([], "--only", metavar="ID", help="Probe only these tools."),
    concurrency: int = typer.Option(32, "--concurrency", min=1, help="Requests in flight."),
    per_host: int = typer.Option(4, "--per-host", min=1, help="Requests in flight per host."),
    connect_timeout: float = typer.Option(
        5.0, "--connect-timeout", min=0.01, help="Seconds to connect."
    ),
    timeout: float = typer.Option(
        10.0, "--timeout", min=0.01, help="Seconds to wait for each read."
    ),
    deadline: float = typer.Option(
        60.0, "--deadline", min=0.1, help="Seconds for all requests of one tool."
    ),
    max_body: str = typer.Option("25MB", "--max-body", help="Largest body read (e.g. 25MB)."),
    retries: int = typer.Option(2, "--retries", min=0, help="Retries after a 429 or 503."),
    retry_after_cap: float = typer.Option(
        5.0, "--retry-after-cap", min=0, help="Longest Retry-After honoured, in seconds."
    ),
    lang: str | None = LangOption,
    ca_file: Path | None = typer.Option(
        None, "--ca-file", help="CA bundle to verify TLS (default: certifi, or $SSL_CERT_FILE)."
    ),
) -> None:
    """Probe each tool's endpoints for evidence of an API, webhooks and auth.

    Results go into each tool's probe: block (unless --no-write); the report goes to stdout.
    Exit 0 done, 1 a --fail-on condition holds (and is not waived), 2 bad input.
    Tokens come only from the variable named in auth.token_env.

    Example:

        omniready probe vendors.yaml --format github --fail-on no-webhooks,unreachable
    """
    from omniready.probe.client import Settings
    from omniready.probe.formats import closing_line, render
    from omniready.probe.progress import reporter
    from omniready.probe.run import probe_file
    from omniready.probe.verdict import parse_conditions

    language = resolve_lang(lang)
    try:
        conditions = parse_conditions(fail_on)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--fail-on") from None
    try:
        cap = parse_size(max_body)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-body") from None
    settings = Settings(
        concurrency=concurrency,
        per_host=per_host,
        connect_timeout=connect_timeout,
        read_timeout=timeout,
        deadline=deadline,
        max_body=cap,
        retries=retries,
        retry_after_cap=retry_after_cap,
        ca_file=str(ca_file) if ca_file else None,
        debug=bool(ctx.obj and ctx.obj.get("debug")),
    )
    with reporter(lang=language) as progress:
        report = probe_file(
            file,
            settings,
            conditions,
            write=not no_write,
            only=only or None,
            progress=progress,
            lang=language,
        )
    for warning in report.warnings:
        error(f"warning: {warning}")
    text = render(fmt, report, rich=fmt is Format.table and output is None and sys.stdout.isatty())
    if output is not None:
        from omniready.audit.store import write_atomic

        write_atomic(output, text)
    else:
        typer.echo(text, nl=False)
    error(closing_line(report))
    if report.failed:
        raise typer.Exit(EXIT_FOUND)
