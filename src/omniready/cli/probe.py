"""`omniready probe`: live API and webhook discovery for the tool inventory."""

from __future__ import annotations

from pathlib import Path

import typer

from omniready.cli.app import EXIT_FOUND, LangOption, app, error, resolve_lang
from omniready.probe.choices import Format


@app.command()
def probe(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="FILE", help="Audit file, or a YAML list of tools to probe."
    ),
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
        "no-webhooks, claim-mismatch, tls-expiring:DAYS, sunset, unreachable, not-found, "
        "insecure-token (then a token for plain http:// is not sent).",
    ),
    no_write: bool = typer.Option(
        False, "--no-write", help="Leave the file alone (default: save each tool's probe:)."
    ),
    only: list[str] = typer.Option([], "--only", metavar="ID", help="Probe only these tools."),
    concurrency: int = typer.Option(32, "--concurrency", min=1, help="Requests in flight."),
    per_host: int = typer.Option(
        4, "--per-host", min=1, help="Requests in flight per origin (scheme, host and port)."
    ),
    connect_timeout: float = typer.Option(
        5.0, "--connect-timeout", min=0.01, help="Seconds to connect."
    ),
    timeout: float = typer.Option(
        10.0, "--timeout", min=0.01, help="Seconds of silence allowed while waiting for data."
    ),
    deadline: float = typer.Option(
        60.0,
        "--deadline",
        min=0.1,
        help="Seconds for all requests of one tool (time queued behind other tools not counted).",
    ),
    max_body: str = typer.Option(
        "25MB",
        "--max-body",
        help="Largest body read: 25MB = 25,000,000 bytes (MB = 10^6, MiB = 2^20 bytes).",
    ),
    retries: int = typer.Option(2, "--retries", min=0, help="Retries after a 429 or 503."),
    retry_after_cap: float = typer.Option(
        5.0, "--retry-after-cap", min=0, help="Longest Retry-After honoured, in seconds."
    ),
    lang: str | None = LangOption,
    ca_file: Path | None = typer.Option(
        None, "--ca-file", help="CA bundle to verify TLS (default: certifi, or $SSL_CERT_FILE)."
    ),
    proxy: str | None = typer.Option(
        None,
        "--proxy",
        metavar="URL",
        help="Send every request through this HTTP proxy (default: $HTTPS_PROXY, $HTTP_PROXY, "
        "$ALL_PROXY; $NO_PROXY still sends its hosts direct).",
    ),
) -> None:
    """Probe each tool's endpoints for evidence of an API, webhooks and auth.

    Results go into each tool's probe: block (unless --no-write); the report goes to stdout.
    Exit 0 done, 1 a --fail-on condition holds (and is not waived), 2 bad input.
    Tokens come only from the variable named in auth.token_env.

    Example:

    \b
        omniready probe vendors.yaml --format github --fail-on no-webhooks,unreachable
        omniready probe vendors.yaml --proxy http://proxy.corp:3128 --no-write
    """
    from omniready.probe.command import OptionError, build_settings, run_probe
    from omniready.probe.formats import closing_line
    from omniready.probe.messages import t

    language = resolve_lang(lang)
    try:
        settings = build_settings(
            concurrency=concurrency,
            per_host=per_host,
            connect_timeout=connect_timeout,
            read_timeout=timeout,
            deadline=deadline,
            max_body=max_body,
            retries=retries,
            retry_after_cap=retry_after_cap,
            ca_file=ca_file,
            proxy=proxy,
            debug=bool(ctx.obj and ctx.obj.get("debug")),
        )
        outcome = run_probe(
            file,
            fmt=fmt,
            output=output,
            fail_on=fail_on,
            write=not no_write,
            only=only,
            lang=language,
            settings=settings,
            warn=lambda warning: error(f"{t(language, 'warning')}: {warning}"),
        )
    except OptionError as exc:
        raise typer.BadParameter(exc.message, param_hint=exc.option) from None
    if output is None:
        typer.echo(outcome.text, nl=False)
    error(closing_line(outcome.report))
    if outcome.report.failed:
        raise typer.Exit(EXIT_FOUND)
