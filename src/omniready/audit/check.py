"""Checks an audit against the checklists beyond its schema: ids, answer types, references."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from omniready.audit import yamlio
from omniready.audit.model import STEPS, Audit
from omniready.audit.wording import quoted
from omniready.checklist import Checklist, Question
from omniready.errors import InputError, Problem
from omniready.numbers import percent
from omniready.texts import Message, render, run_lang

if TYPE_CHECKING:
    from omniready.audit.positions import Positions

Loc = list[str | int]


@dataclass(frozen=True)
class Issue:
    """One problem of a loaded audit: where it is in the file, and what is wrong."""

    loc: Loc
    said: str | Message  # what is wrong, a catalogue message (a plain text from older callers)
    at_key: bool = False  # point at the mapping key (an unknown id) rather than its value

    @property
    def message(self) -> str:
        """What is wrong, in the run's language."""
        return render(self.said)


def check_audit(audit: Audit, checklist: Checklist) -> list[Issue]:
    """Problems of a loaded audit beyond its schema; empty when it is sound."""
    found: list[Issue] = []
    for step in STEPS:
        for qid, answer in audit.steps.answers_of(step).items():
            loc: Loc = ["steps", step, "answers", qid]
            if checklist.is_retired(qid):
                continue  # kept but unused: a warning, not a problem (checklist.retired_warnings)
            qid_now = checklist.renamed.get(qid, qid)
            question = checklist.by_id.get(qid_now)
            if question is None:
                unknown = {"qid": qid, "checklist": checklist.ref}
                found.append(Issue(loc, _said("check.unknown-question", **unknown), at_key=True))
                continue
            if question.step != step:
                wrong = {"qid": qid, "step": question.step}
                found.append(Issue(loc, _said("check.wrong-step", **wrong), at_key=True))
            why = answer_fault(question, answer.answer, qid)
            if why:
                found.append(Issue([*loc, "answer"], why))
            # Each respondent's own answer must fit the question as the consensus does.
            for index, response in enumerate(answer.responses):
                subject = _said("answer.of-response", qid=qid, respondent=response.respondent)
                why = answer_fault(question, response.answer, subject)
                if why:
                    found.append(Issue([*loc, "responses", index, "answer"], why))
    steps = audit.steps
    found += _duplicates(["steps", "tools", "inventory"], (t.id for t in steps.tools.inventory))
    found += _duplicates(
        ["steps", "processes", "journeys"], (j.id for j in steps.processes.journeys)
    )
    found += _duplicates(["steps", "segments", "segments"], (s.id for s in steps.segments.segments))
    found += _duplicates(["steps", "brand", "items"], (b.id for b in steps.brand.items))
    segment_ids = {s.id for s in steps.segments.segments}
    for index, journey in enumerate(steps.processes.journeys):
        if journey.segment and journey.segment not in segment_ids:
            found.append(
                Issue(
                    ["steps", "processes", "journeys", index, "segment"],
                    _said("check.unknown-segment", journey=journey.id, segment=journey.segment),
                )
            )
    total_share = sum(s.share or 0 for s in steps.segments.segments)
    if total_share > 1.0001:
        found.append(
            Issue(
                ["steps", "segments", "segments"],
                _said("check.shares-over", total=percent(total_share, run_lang())),
            )
        )
    tool_ids = {t.id for t in steps.tools.inventory}
    for index, waiver in enumerate(audit.waivers):
        if waiver.tool not in tool_ids:
            found.append(
                Issue(["waivers", index, "tool"], _said("check.unknown-tool", tool=waiver.tool))
            )
    return found


def _said(key: str, **params: Any) -> Message:
    return Message(f"validate.{key}", params)


def answer_fault(question: Question, value: Any, subject: str | Message) -> Message | None:
    """Why an answer value does not fit `question` (its options, its type, its range), or None
    when it fits; `subject` names the answer in the message (the question id, a respondent's)."""
    if value is None:
        return None

    def say(key: str, **params: Any) -> Message:
        return _said(f"answer.{key}", subject=subject, value=quoted(_spelled(value)), **params)

    kind = question.type
    if kind == "yesno":
        return None if isinstance(value, bool) else say("yesno")
    if kind in {"scale", "choice"}:
        if not isinstance(value, bool) and question.option(value) is not None:
            return None
        options = ", ".join(o.value for o in question.options)
        close = _closest(question, _spelled(value))
        return (
            say("option-close", options=options, close=close)
            if close
            else say("option", options=options)
        )
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return say("number")
        if question.integer and not float(value).is_integer():
            return say("whole", below=str(math.floor(value)), above=str(math.ceil(value)))
        if question.min is not None and value < question.min:
            return say("below", limit=_spelled(question.min))
        if question.max is not None and value > question.max:
            return say("above", limit=_spelled(question.max))
        return None
    return None if isinstance(value, str) else say("text")


def _closest(question: Question, typed: str) -> str | None:
    """The option value a mistyped answer most likely meant: close to a value, or to a label
    in either language ("la mayoria" → most)."""
    by_word: dict[str, str] = {}
    for option in question.options:
        for word in (option.value, option.label.es, option.label.en):
            by_word.setdefault(word.lower(), option.value)
    close = difflib.get_close_matches(typed.lower(), list(by_word), n=1, cutoff=0.7)
    return by_word[close[0]] if close else None


def _spelled(value: Any) -> str:
    # A value as the YAML file spells it: the user types it back in that form.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(_spelled(v) for v in value) + "]"
    return str(value)


def _duplicates(loc: Loc, ids: Iterable[str]) -> list[Issue]:
    seen: set[str] = set()
    out: list[Issue] = []
    for index, ident in enumerate(ids):
        if ident in seen:
            out.append(Issue([*loc, index, "id"], _said("check.duplicate", id=ident)))
        seen.add(ident)
    return out


def validate_file(path: str | Path, checklist: Checklist) -> list[Problem]:
    """Every problem of one audit file, located at its line and sorted by it; empty when the
    file is valid. A YAML syntax error or a limit stops the reading: that one problem alone."""
    from omniready.audit.store import parse_audit

    try:
        text = yamlio.read_text(path)
    except InputError as exc:
        return exc.problems
    try:
        audit = parse_audit(text, path)
    except InputError as exc:
        return _all_problems(path, text, checklist, exc)
    return _located(path, text, check_audit(audit, checklist))


def _all_problems(
    path: str | Path, text: str, checklist: Checklist, failed: InputError
) -> list[Problem]:
    # The schema refused the file: list its problems and the checklist's on the records it
    # accepts, in one pass (audit/salvage.py). Problems before the schema's (the YAML, the
    # schema version) are the load's own.
    from omniready.audit import migrations
    from omniready.audit.model import SCHEMA_VERSION
    from omniready.audit.positions import Positions
    from omniready.audit.salvage import salvage

    try:
        raw = yamlio.parse(text, path)
    except InputError:
        return failed.problems
    version = raw.get("schema", 1) if isinstance(raw, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        return failed.problems
    if not 1 <= version <= SCHEMA_VERSION:
        return failed.problems
    raw, _ = migrations.upgrade(raw, SCHEMA_VERSION)
    where = Positions.of(text)
    kept = salvage(raw, where)
    if not kept.problems:
        return failed.problems  # refused for a reason the schema does not see
    issues = [Issue(loc, message, at_key) for loc, message, at_key in kept.problems]
    if kept.audit is not None:
        issues += [
            Issue(kept.original(i.loc), i.said, i.at_key)
            for i in check_audit(kept.audit, checklist)
        ]
    return _located(path, text, issues, where)


def _located(
    path: str | Path, text: str, issues: list[Issue], where: Positions | None = None
) -> list[Problem]:
    """The issues as problems at their line and column, in the file's order, the first
    MAX_PROBLEMS of them and their count."""
    from omniready.audit.positions import Positions
    from omniready.audit.store import MAX_PROBLEMS, first_problems

    if not issues:
        return []
    if where is None:
        where = Positions.of(text)
    placed = []
    for issue in issues:
        line, col = where.at(issue.loc, at_key=issue.at_key) or (None, None)
        placed.append(Problem(str(path), line, col, issue.said))
    placed.sort(key=lambda p: (p.line or 0, p.col or 0))
    return first_problems(placed[:MAX_PROBLEMS], len(placed))


def load_checked(path: str | Path, checklist: Checklist) -> Audit:
    """Load an audit that `validate` accepts, or raise every problem at FILE:LINE:COL."""
    from omniready.audit.store import parse_audit

    text = yamlio.read_text(path)
    try:
        audit = parse_audit(text, path)
    except InputError as exc:
        raise InputError(_all_problems(path, text, checklist, exc)) from None
    issues = check_audit(audit, checklist)
    if issues:
        raise InputError(_located(path, text, issues))
    return audit


def load_all_checked(paths: list[Path], checklist: Checklist) -> list[Audit]:
    """Load several audits, or raise one error listing the problems of every file that fails."""
    from omniready.errors import InputError

    loaded: list[Audit] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(load_checked(path, checklist))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return loaded
