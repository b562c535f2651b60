"""What `omniready audit` does, start to end: open or create the file under a lock, prefill,
interview or not, and report. The CLI module only turns options into an AuditRequest."""

from __future__ import annotations

import contextlib
import datetime as dt
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TextIO, cast

from rich.console import Console
from rich.text import Text

from omniready.audit.check import load_checked
from omniready.audit.model import Audit, Lang, Organization
from omniready.audit.store import exclusive, save_audit, write_atomic
from omniready.checklist import Checklist, load_checklist
from omniready.errors import OmnireadyError
from omniready.interview import apply, prefill, walk
from omniready.interview.conversation import Interview, Saver
from omniready.interview.records import slugify
from omniready.interview.terminal import RichTerminal, Terminal, ask_required
from omniready.texts import Message, text


class Outcome(Enum):
    """How an audit run ended; the CLI turns it into an exit code."""

    SAVED = "saved"  # the example audit was written: nothing to answer
    COMPLETE = "complete"  # the audit is saved with every question answered
    PAUSED = "paused"  # saved with questions left (q, end of input, --no-input)
    INTERRUPTED = "interrupted"  # Ctrl-C during the interview: saved, then stopped


@dataclass(frozen=True)
class AuditRequest:
    """What `omniready audit` was asked to do: the options, checked and resolved by the CLI.

    `lang` is the language to speak; with `lang_from_file` (no --lang given) an existing audit
    file's own language wins over it.
    """

    file: Path | None
    lang: str
    lang_from_file: bool = False
    answers: Path | None = None
    no_input: bool = False
    example: bool = False
    force: bool = False
    checklist_dir: Path | None = None
    organization: str | None = None
    assessor: str | None = None
    step: str | None = None  # --step: walk only this step, answered questions too
    question: str | None = None  # --question: ask only this question
    review: bool = False  # --review: list a step's answers, change one by its number
    plain: bool = False  # --plain: line by line even on a terminal
    # --respondent: who answers this session (kept in the file); their answers are kept beside
    # other respondents' answers to the same questions, with the consensus as the answer.
    respondent: str | None = None


def now() -> dt.datetime:
    """The current time in UTC, to the second: what `updated` and `started` record."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@contextlib.contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C until a save is done, so it never lands between writing and renaming."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield  # pragma: no cover - Windows, or a test runner's worker thread
        return
    mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a pending Ctrl-C is raised here


def write_example(request: AuditRequest, console: Console) -> Outcome:
    """Copy the shipped example audit to FILE; an existing file is kept unless --force."""
    from omniready.resources import example_audit

    target = request.file or Path(example_audit().name)
    if target.exists() and not request.force:
        raise OmnireadyError(
            Message("interview.usage.example-exists", {"file": target}),
            hint=Message("interview.usage.example-exists-hint"),
        )
    with exclusive(target):  # --force must not pull a file from under an open interview
        write_atomic(target, example_audit().read_text(encoding="utf-8"))
    console.print(Text(text("interview.end.example-written", request.lang, file=target)))
    return Outcome.SAVED


def run(
    request: AuditRequest, term: Terminal | None = None, messages: TextIO | None = None
) -> Outcome:
    """Run the audit command; returns how it ended. `messages` (default stderr) receives what
    --no-input reports."""
    try:
        return _run(request, term or RichTerminal(plain=request.plain), messages)
    except EOFError:  # the interview handles its own; this is a prompt before it started
        raise OmnireadyError(
            Message("interview.usage.started-without-input"),
            hint=Message("interview.usage.started-without-input-hint"),
        ) from None


def _run(request: AuditRequest, terminal: Terminal, messages: TextIO | None) -> Outcome:
    console = terminal.console if isinstance(terminal, RichTerminal) else Console(stderr=True)
    if request.example:
        return write_example(request, console)
    checklist = load_checklist(request.checklist_dir)
    check_scope(request, checklist)
    filled = prefill.load_answers(request.answers, checklist) if request.answers else None
    given = filled.audit if filled else None
    lang = request.lang
    path = request.file
    organization = request.organization or (
        given.organization.name if given and "organization" in given.model_fields_set else None
    )
    if path is None:
        if request.no_input and not organization:
            raise OmnireadyError(Message("interview.usage.no-input-needs-name"))
        asked = text("interview.prompts.organization", lang)
        organization = organization or ask_required(terminal, asked, lang)
        path = Path(f"{slugify(organization) or 'audit'}-{now().year}.audit.yaml")
    if not path.parent.is_dir():
        raise OmnireadyError(
            Message("interview.usage.no-folder", {"file": path, "folder": path.parent})
        )
    with exclusive(path):
        # A file that fails to load, or that `validate` would refuse, stops here untouched.
        existing = load_checked(path, checklist) if path.exists() else None
        if existing is not None and request.lang_from_file:
            lang = existing.lang
        audit = existing
        if audit is None and not request.no_input:
            shown = shlex.quote(str(path))
            said = text("interview.screen.new-audit", lang, file=shown)
            terminal.show(Text(said, style="bold", no_wrap=True))
        if audit is None:
            audit = new_audit(
                request,
                terminal,
                checklist,
                lang,
                organization,
                given.assessor if given else None,
            )
        if filled is not None:
            audit = prefill.merge(audit, filled, checklist, request.respondent)
        if request.respondent and audit.respondent != request.respondent:
            # Kept in the file, as `quien` keeps it, for the next session.
            audit = audit.model_copy(update={"respondent": request.respondent})
        if existing is not None and not request.lang_from_file and audit.lang != lang:
            audit = audit.model_copy(update={"lang": lang})  # --lang is kept for next time

        def save(changed: Audit) -> None:
            changed.updated = now()
            with sigint_deferred():
                save_audit(path, changed)

        if audit != existing:
            save(audit)
        if request.no_input:
            out = messages or sys.stderr
            for line in missing_report(checklist, audit, path, lang):
                print(line, file=out)
            return Outcome.PAUSED if walk.missing(checklist, audit) else Outcome.COMPLETE
        return interview(
            terminal, checklist, audit, save, lang, path, new=existing is None, request=request
        )


def check_scope(request: AuditRequest, checklist: Checklist) -> None:
    """--step, --question and --review: known names, and only for an interview."""
    options = (("--step", request.step), ("--question", request.question))
    chosen = [name for name, value in options if value]
    if request.no_input and (chosen or request.review):
        what = " and ".join(chosen) or "--review"
        raise OmnireadyError(Message("interview.usage.no-input-asks", {"what": what}))
    if request.step and request.question:
        raise OmnireadyError(Message("interview.usage.step-or-question"))
    if request.step is not None and request.step not in walk.STEPS:
        raise OmnireadyError(
            Message("interview.usage.unknown-step", {"step": repr(request.step)}),
            hint=Message("interview.usage.unknown-step-hint", {"steps": ", ".join(walk.STEPS)}),
        )
    if request.question is not None:
        qid = checklist.renamed.get(request.question, request.question)
        if qid not in checklist.by_id:
            steps = ", ".join(f"{step}.…" for step in walk.STEPS)
            raise OmnireadyError(
                Message(
                    "interview.usage.unknown-question",
                    {"question": repr(request.question), "checklist": checklist.ref},
                ),
                hint=Message("interview.usage.unknown-question-hint", {"steps": steps}),
            )


def new_audit(
    request: AuditRequest,
    term: Terminal,
    checklist: Checklist,
    lang: str,
    organization: str | None,
    assessor: str | None,
) -> Audit:
    """A fresh audit; asks the organization and assessor unless given or --no-input."""
    if organization is None:
        if request.no_input:
            raise OmnireadyError(
                Message("interview.usage.new-needs-name"),
                hint=Message("interview.usage.new-needs-name-hint"),
            )
        organization = ask_required(term, text("interview.prompts.organization", lang), lang)
    assessor = request.assessor or assessor
    if assessor is None and not request.no_input:
        assessor = term.ask(text("interview.prompts.assessor", lang)).strip() or None
    return Audit(
        organization=Organization(name=organization),
        assessor=assessor,
        lang=cast("Lang", lang),  # "es" or "en": resolved by the CLI, checked by the model
        started=now().date(),
        checklist=checklist.ref,
    )


def walk_scope(interviewer: Interview, request: AuditRequest, say: Callable[..., None]) -> str:
    """Run the part of the interview asked for: one question, a review, one step or the whole
    walk from where work remains; returns the last move ("quit" when the user stopped)."""
    checklist, audit = interviewer.checklist, interviewer.audit
    if request.question:
        question = checklist.by_id[checklist.renamed.get(request.question, request.question)]
        return interviewer.run_question(question)
    if request.review:
        first = walk.resume_at(checklist, audit)
        return interviewer.review(request.step or (first.step if first else walk.STEPS[0]))
    if request.step:
        questions = walk.applicable(checklist, audit, request.step)
        first_stop = walk.Stop(request.step, questions[0] if questions else None)
        return interviewer.run(first_stop, step=request.step)
    start = walk.resume_at(checklist, audit, request.respondent)
    if start is None:
        say("screen.all-answered", "green")
    return interviewer.run(start)


def missing_report(checklist: Checklist, audit: Audit, path: Path, lang: str) -> list[str]:
    """What --no-input says on stderr: the file is complete, or what is still unanswered."""
    todo = walk.missing(checklist, audit)
    if not todo:
        return [text("interview.end.no-input-complete", lang, file=path)]
    # One id per line: easy to read in a CI log and to grep.
    head = text("interview.end.no-input-missing", lang, file=path, n=len(todo))
    return [head, *(f"  {question.id}" for question in todo)]


def interview(
    term: Terminal,
    checklist: Checklist,
    audit: Audit,
    save: Saver,
    lang: str,
    path: Path,
    new: bool,
    request: AuditRequest | None = None,
) -> Outcome:
    """The interactive part; Ctrl-C and the end of input save and say how to resume."""
    file = shlex.quote(str(path))

    def say(key: str, style: str = "") -> None:
        # Never wrapped: the resume command must survive copy and paste from the screen.
        term.show(
            Text(
                text(f"interview.{key}", lang, file=file, org=audit.organization.name),
                style=style,
                no_wrap=True,
            )
        )

    # Answers under a split question's old id go to each new question (saved with the next
    # answer), so answering one half never takes the carried-over answer from the other.
    interviewer = Interview(
        term,
        checklist,
        apply.settle(audit, checklist),
        save,
        lang,
        file,
        second_opinion=request.respondent if request else None,
    )
    if not new:
        say("screen.resume-audit", "bold")
    say("screen.intro", "dim")
    try:
        move = walk_scope(interviewer, request or AuditRequest(file=path, lang=lang), say)
    except KeyboardInterrupt:
        save(interviewer.audit)  # already on disk; saved again so an interrupted write is redone
        term.show(Text(""))
        if interviewer.interrupted_record is None:
            say("end.interrupted", "yellow")
        else:
            # Said exactly: the answers, and what became of the record being typed.
            say("end.interrupted-answers", "yellow")
            term.show(Text(interviewer.interrupted_record, style="yellow"))
        say("end.resume-hint", "bold")
        return Outcome.INTERRUPTED
    except EOFError:
        term.show(Text(""))
        say("end.input-ended", "yellow")
        move = "quit"
    interviewer.summary(paused=move == "quit")
    say("end.saved-to")
    todo = walk.missing(checklist, interviewer.audit)
    if move == "quit" or todo:
        say("end.resume-hint", "bold")
    return Outcome.PAUSED if todo else Outcome.COMPLETE
