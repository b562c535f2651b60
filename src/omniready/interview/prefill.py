"""`--answers FILE`: a YAML file in the audit format, any subset of it, merged into an audit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omniready.audit import yamlio
from omniready.audit.check import Issue, check_audit
from omniready.audit.model import STEPS, Answer, Audit, Organization
from omniready.audit.store import parse_audit
from omniready.checklist import Checklist, Question
from omniready.errors import InputError, Problem
from omniready.interview.apply import respond

# Stand-in so a partial file validates; it is never merged unless the file names one.
_PLACEHOLDER = Organization(name="-")


@dataclass(frozen=True)
class Prefill:
    """A checked answers file: the audit it holds, and its text to locate later problems."""

    audit: Audit
    path: Path
    text: str

    def problems(self, issues: list[Issue]) -> list[Problem]:
        return [
            yamlio.problem_at(self.path, self.text, i.loc, i.message, at_key=i.at_key)
            for i in issues
        ]


def load_answers(path: Path, checklist: Checklist) -> Prefill:
    """Read and check a prefill file; every problem is located as FILE:LINE:COL."""
    text = yamlio.read_text(path)
    audit = _parse(text, path)
    # References to segments or tools may point into the audit being filled, so they are
    # checked on the merged audit (see merge), not here.
    prefill = Prefill(audit, path, text)
    problems = prefill.problems(
        [i for i in check_audit(audit, checklist) if i.loc[-1] not in {"segment", "tool"}]
    )
    if problems:
        raise InputError(problems)
    return prefill


def _parse(text: str, path: Path) -> Audit:
    """The file read as an audit is read (schema checks, migrations, located errors), except
    that it may leave out the organization."""
    audit = parse_audit(text, path, defaults={"organization": _PLACEHOLDER.model_dump()})
    raw = yamlio.parse(text, path)
    named = isinstance(raw, dict) and "organization" in raw
    return audit if named else _unnamed(audit)


def _unnamed(audit: Audit) -> Audit:
    audit.model_fields_set.discard("organization")
    return audit


def merge(
    audit: Audit | None, prefill: Prefill, checklist: Checklist, respondent: str | None = None
) -> Audit:
    """The audit with the prefill laid over it: its answers replace answers to the same
    questions, its records replace records with the same id, other records are appended.

    With `respondent` (--respondent NAME), its answers are that respondent's (or the one each
    answer names): beside another respondent's answer they are kept side by side in `responses`
    with their consensus as the answer (interview.apply.respond), never replacing it.

    A merged audit that `omniready validate` would refuse (a journey naming a segment that is
    in neither file) raises InputError located in the answers file.
    """
    merged = _merge(audit, prefill.audit, checklist, respondent)
    issues = [_in_prefill(i, merged, prefill.audit) for i in check_audit(merged, checklist)]
    if issues:
        raise InputError(prefill.problems(issues))
    return merged


def _in_prefill(issue: Issue, merged: Audit, prefill: Audit) -> Issue:
    # The merged lists keep the audit's records first, so an index in them is not one in the
    # answers file: find the record by its identity there.
    loc = list(issue.loc)
    if loc[:3] == ["steps", "processes", "journeys"] and isinstance(loc[3], int):
        ident = merged.steps.processes.journeys[loc[3]].id
        ids = [j.id for j in prefill.steps.processes.journeys]
        loc[3] = ids.index(ident) if ident in ids else 0
    elif loc[:1] == ["waivers"] and isinstance(loc[1], int):
        waiver = merged.waivers[loc[1]]
        keys = [(w.tool, w.condition) for w in prefill.waivers]
        key = (waiver.tool, waiver.condition)
        loc[1] = keys.index(key) if key in keys else 0
    return Issue(loc, issue.message, issue.at_key)


def _merge(
    audit: Audit | None, prefill: Audit, checklist: Checklist, respondent: str | None
) -> Audit:
    if audit is None:
        new = prefill.model_copy(deep=True)
        for step in STEPS:
            held = new.steps.answers_of(step)
            for qid, given in held.items():
                held[qid] = _answer(None, given, checklist.by_id.get(qid), respondent)
        return new
    new = audit.model_copy(deep=True)
    for name in ("organization", "assessor", "lang", "started", "targets", "checklist"):
        if name in prefill.model_fields_set:
            setattr(new, name, getattr(prefill, name))
    new.waivers = _by_id(new.waivers, prefill.waivers, key=lambda w: (w.tool, w.condition))
    for step in STEPS:
        held = new.steps.answers_of(step)
        for qid, given in prefill.steps.answers_of(step).items():
            held[qid] = _answer(held.get(qid), given, checklist.by_id.get(qid), respondent)
    ours, theirs = new.steps, prefill.steps
    ours.tools.inventory = _by_id(ours.tools.inventory, theirs.tools.inventory, key=_id)
    ours.processes.journeys = _by_id(ours.processes.journeys, theirs.processes.journeys, key=_id)
    ours.segments.segments = _by_id(ours.segments.segments, theirs.segments.segments, key=_id)
    ours.metrics.channels.update(theirs.metrics.channels)
    ours.brand.items = _by_id(ours.brand.items, theirs.brand.items, key=_id)
    return new


def _answer(
    old: Answer | None, given: Answer, question: Question | None, respondent: str | None
) -> Answer:
    """An answer of the prefill over the audit's: it replaces it, unless it is a named
    respondent's answer to a question another respondent answered (then both are kept)."""
    who = given.respondent or respondent
    if respondent is None or question is None or given.answer is None or old is None:
        return (
            given.model_copy(update={"respondent": who})
            if who and given.answer is not None
            else given
        )
    answer = respond(old, question, given.answer, who, note=given.note)
    return answer.model_copy(
        update={"evidence": list(dict.fromkeys(old.evidence + given.evidence))}
    )


def _id(item: Any) -> Any:
    return item.id


def _by_id(old: list[Any], new: list[Any], key: Callable[[Any], Any]) -> list[Any]:
    # Matched records are replaced in place, so a merge does not reorder the file.
    incoming = {key(item): item for item in new}
    kept = [incoming.pop(key(item), item) for item in old]
    return kept + [item for item in new if key(item) in incoming]
