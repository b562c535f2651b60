"""`omniready audit`: the five-step interview (the work is in omniready.interview)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # pragma: no cover
    from typing_extensions import assert_never

from omniready.cli.app import (
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    ChecklistDirOption,
    LangOption,
    app,
    resolve_lang,
)

if TYPE_CHECKING:
    from omniready.interview.run import Outcome


@app.command()
def audit(
    file: Path | None = typer.Argument(
        None,
        metavar="FILE",
        help="Audit file to create or resume (default: ORGANIZATION-YEAR.audit.yaml).",
    ),
    lang: str | None = LangOption,
    answers: Path | None = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help="Prefill from a YAML file in the audit format (any subset).",
    ),
    no_input: bool = typer.Option(
        False, "--no-input", help="Never prompt: prefill, save and list what is missing on stderr."
    ),
    require_complete: bool = typer.Option(
        False, "--require-complete", help="Exit 2 when questions remain unanswered."
    ),
    example: bool = typer.Option(
        False, "--example", help="Write the shipped example audit to FILE instead of interviewing."
    ),
    force: bool = typer.Option(False, "--force", help="With --example, overwrite FILE."),
    checklist_dir: Path | None = ChecklistDirOption,
    organization: str | None = typer.Option(
        None, "--organization", help="Organization name for a new audit."
    ),
    assessor: str | None = typer.Option(
        None, "--assessor", help="Assessor's name for a new audit."
    ),
    step: str | None = typer.Option(
        None,
        "--step",
        metavar="STEP",
        help="Walk only this step (tools, processes, segments, metrics, brand), answered "
        "questions too; with --review, review it.",
    ),
    question: str | None = typer.Option(
        None, "--question", metavar="ID", help="Ask only this question (e.g. tools.api-available)."
    ),
    review: bool = typer.Option(
        False,
        "--review",
        help="List every answer of a step with its number and change one (Enter ends).",
    ),
    plain: bool = typer.Option(
        False,
        "--plain",
        help="Line by line, without clearing the screen or progress bars (as on a dumb terminal).",
    ),
    respondent: str | None = typer.Option(
        None,
        "--respondent",
        metavar="NAME",
        help="Who answers (kept in the file); questions other respondents answered are asked "
        "again and both answers kept, with their consensus. Also for --answers.",
    ),
) -> None:
    """Interview the five steps and save every answer at once to the audit file.

    Running it again on the same file resumes at the first unanswered question. Keys while
    answering: Enter pass, < back, na not applicable, nota/note add a note, revisar/review list
    the step's answers, q save and quit, ? help.

    Example:

    \b
        omniready audit acme-2026.audit.yaml --lang es
        omniready audit acme-2026.audit.yaml --step metrics
        omniready audit acme-2026.audit.yaml --question tools.api-available
        omniready audit acme-2026.audit.yaml --review --step brand
        omniready audit acme.yaml --answers it-team.yaml --no-input --require-complete
        omniready audit acme.yaml --respondent "Jefatura de tiendas"
    """
    from omniready.interview.run import AuditRequest, run

    request = AuditRequest(
        file=file,
        lang=resolve_lang(lang),
        lang_from_file=lang is None,
        answers=answers,
        no_input=no_input,
        example=example,
        force=force,
        checklist_dir=checklist_dir,
        organization=organization,
        assessor=assessor,
        step=step,
        question=question,
        review=review,
        plain=plain,
        respondent=respondent,
    )
    code = exit_code(run(request), require_complete=require_complete)
    if code:
        raise typer.Exit(code)


def exit_code(outcome: Outcome, *, require_complete: bool = False) -> int:
    """The exit code of an audit run: 130 after Ctrl-C, 2 when --require-complete and questions
    remain, else 0."""
    from omniready.interview.run import Outcome

    match outcome:
        case Outcome.INTERRUPTED:
            return EXIT_INTERRUPTED
        case Outcome.PAUSED:
            return EXIT_INPUT if require_complete else 0
        case Outcome.SAVED | Outcome.COMPLETE:
            return 0
        case _:
            assert_never(outcome)
