"""`omniready diff`, `omniready show` and `omniready migrate`: audits over time and in git."""

from __future__ import annotations

from pathlib import Path

import typer

from omniready.cli.app import (
    EXIT_FOUND,
    ChecklistDirOption,
    LangOption,
    app,
    error,
    resolve_lang,
)
from omniready.diff.choices import Format


@app.command()
def diff(
    old: Path = typer.Argument(..., metavar="OLD", help="The earlier audit file."),
    new: Path = typer.Argument(..., metavar="NEW", help="The later audit file."),
    fmt: Format = typer.Option(
        Format.text,
        "--format",
        "-f",
        help="text (terminal), md (pull-request comment) or json (machines).",
    ),
    fail_on_regression: bool = typer.Option(
        False,
        "--fail-on-regression",
        help="Exit 1 when the overall or a step score drops by "
        "more than --threshold points, or a new high-severity finding appears.",
    ),
    threshold: float = typer.Option(
        0, "--threshold", min=0, help="Points a score may drop before it is a regression."
    ),
    include_notes: bool = typer.Option(
        False, "--include-notes", help="Also show answers whose only change is the note."
    ),
    lang: str | None = LangOption,
    checklist_dir: Path | None = ChecklistDirOption,
) -> None:
    """Show what improved and what slipped between two audits: scores, answers, tools, metrics.

    Example:

        omniready diff acme-2025.audit.yaml acme-2026.audit.yaml --format md
    """
    from omniready.diff.run import run_diff

    outcome = run_diff(
        old,
        new,
        fmt=fmt,
        lang=resolve_lang(lang),
        fail_on_regression=fail_on_regression,
        threshold=threshold,
        include_notes=include_notes,
        checklist_dir=checklist_dir,
    )
    for line in outcome.warnings:
        error(line)
    typer.echo(outcome.text, nl=False)
    for line in outcome.regressions:
        error(line)
    if outcome.failed:
        raise typer.Exit(EXIT_FOUND)


@app.command()
def show(
    file: Path = typer.Argument(..., metavar="FILE", help="The audit file."),
    checklist_dir: Path | None = ChecklistDirOption,
    fallback: bool = typer.Option(
        False,
        "--fallback",
        help="When the file does not load, print "
        "its raw text (and the error on stderr) and exit 0, so that "
        "`git log -p` goes on past a broken commit.",
    ),
) -> None:
    """Print an audit as normalized lines, one fact per line, sorted, with scores (for git diff).

    Example:

    \b
        omniready show acme.audit.yaml
        # as git's diff driver for audit files:
        git config diff.omniready.textconv "omniready show"
        echo '*.audit.yaml diff=omniready' >> .gitattributes
    """
    from omniready.checklist import load_checklist
    from omniready.diff.show import show_file

    shown = show_file(file, load_checklist(checklist_dir), fallback=fallback)
    for warning in shown.warnings:
        error(warning)
    typer.echo(shown.text, nl=False)


@app.command()
def migrate(
    file: Path = typer.Argument(
        ..., metavar="FILE", help="The audit file to rewrite in the current schema."
    ),
    checklist_dir: Path | None = ChecklistDirOption,
) -> None:
    """Rewrite an audit file in the current schema, keeping the original as FILE.schemaN.bak.

    Example:

        omniready migrate acme-2025.audit.yaml
    """
    from omniready.audit.model import SCHEMA_VERSION
    from omniready.audit.upgrade import migrate_file
    from omniready.checklist import load_checklist
    from omniready.texts import run_lang, text

    done = migrate_file(file, load_checklist(checklist_dir))
    lang = run_lang()
    if done.backup is None:
        error(text("cli.migrate-nothing", lang, file=file, schema=SCHEMA_VERSION))
    elif done.found == SCHEMA_VERSION:  # only answers moved: renamed, split or retired questions
        error(text("checklist.migrate.answers-moved", lang, file=file, backup=done.backup))
    else:
        error(
            text(
                "cli.migrated",
                lang,
                file=file,
                old=done.found,
                new=SCHEMA_VERSION,
                backup=done.backup,
            )
        )
