"""`omniready brand`: measure step 5 (brand consistency) from the channels' real materials."""

from __future__ import annotations

from pathlib import Path

import typer

from omniready.brand.choices import Format
from omniready.cli.app import EXIT_INPUT, LangOption, app, error, resolve_lang


@app.command()
def brand(
    file: Path = typer.Argument(..., metavar="AUDIT_FILE", help="The audit file to write into."),
    folders: list[Path] = typer.Argument(
        ...,
        metavar="FOLDER...",
        help="Folders of materials; each subfolder's name is its channel (whatsapp/, email/...).",
    ),
    fmt: Format = typer.Option(
        Format.table, "--format", "-f", help="Output on stdout: table, json or md."
    ),
    no_write: bool = typer.Option(
        False, "--no-write", help="Leave the audit file alone (default: save steps.brand.scan)."
    ),
    channels: Path | None = typer.Option(
        None,
        "--channels",
        metavar="FILE",
        help="YAML of `pattern: channel` lines for files whose folder is not a channel name.",
    ),
    lang: str | None = LangOption,
) -> None:
    """Scan e-mails, web pages, WhatsApp templates, texts, CSV posts, Word scripts and audio
    prompts, and check the brand's name, form of address, greetings, promotions, contact
    facts, colours, fonts, logo, loudness and readability across channels.

    Results go into the audit's steps.brand.scan (unless --no-write) and count in the brand
    step's score. Exit 0 done, 2 bad input or files that could not be read (set aside, the
    others still scanned).

    Example:

    \b
        omniready brand acme.audit.yaml materiales/ --format md
    """
    from omniready.brand.progress import bar
    from omniready.brand.run import run_brand
    from omniready.brand.words import label

    language = resolve_lang(lang)
    with bar("brand") as progress:
        outcome = run_brand(
            file,
            folders,
            fmt=fmt,
            lang=language,
            write=not no_write,
            mapping=channels,
            progress=progress,
        )
    typer.echo(outcome.text, nl=False)
    for aside in outcome.scan.set_aside:
        error(f"{aside.file}: {aside.reason}")
    if outcome.set_aside:
        error(label("set_aside_count", language, count=outcome.set_aside))
        raise typer.Exit(EXIT_INPUT)
