"""Checks an audit against the checklists beyond its schema: ids, answer types, references."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from omniready.audit import yamlio
from omniready.audit.model import STEPS, Audit
from omniready.checklist import Checklist, answer_problem
from omniready.errors import Problem

Loc = list[str | int]


@dataclass(frozen=True)
class Issue:
    """One problem of a loaded audit: where it is in the file, and what is wrong."""

    loc: Loc
    message: str
    at_key: bool = False  # point at the mapping key (an unknown id) rather than its value


def check_audit(audit: Audit, checklist: Checklist) -> list[Issue]:
    """Problems of a loaded audit beyond its schema; empty when it is sound."""
    found: list[Issue] = []
    for step in STEPS:
        for qid, answer in audit.steps.answers_of(step).items():
            loc: Loc = ["steps", step, "answers", qid]
            qid_now = checklist.renamed.get(qid, qid)
            question = checklist.by_id.get(qid_now)
            if question is None:
                found.append(
                    Issue(
                        loc, f"unknown question id {qid!r} (checklist {checklist.ref})", at_key=True
                    )
                )
                continue
            if question.step != step:
                found.append(
                    Issue(loc, f"question {qid!r} belongs to step {question.step!r}", at_key=True)
                )
            why = answer_problem(question, answer)
            if why:
                found.append(Issue([*loc, "answer"], f"{qid}: {why}"))
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
                    f"journey {journey.id!r} names unknown segment {journey.segment!r}",
                )
            )
    total_share = sum(s.share or 0 for s in steps.segments.segments)
    if total_share > 1.0001:
        found.append(
            Issue(
                ["steps", "segments", "segments"],
                f"segment shares add up to {total_share:.2f}, more than 1",
            )
        )
    tool_ids = {t.id for t in steps.tools.inventory}
    for index, waiver in enumerate(audit.waivers):
        if waiver.tool not in tool_ids:
            found.append(
                Issue(["waivers", index, "tool"], f"waiver names unknown tool {waiver.tool!r}")
            )
    return found


def _duplicates(loc: Loc, ids: Iterable[str]) -> list[Issue]:
    seen: set[str] = set()
    out: list[Issue] = []
    for index, ident in enumerate(ids):
        if ident in seen:
            out.append(Issue([*loc, index, "id"], f"duplicate id {ident!r}"))
        seen.add(ident)
    return out


def validate_file(path: str | Path, checklist: Checklist) -> list[Problem]:
    """Every problem of one audit file, located at its line; empty when the file is valid."""
    from omniready.audit.store import parse_audit
    from omniready.errors import InputError

    try:
        text = yamlio.read_text(path)
        audit = parse_audit(text, path)
    except InputError as exc:
        return exc.problems
    return _located(path, text, check_audit(audit, checklist))


def _located(path: str | Path, text: str, issues: list[Issue]) -> list[Problem]:
    # Only the problems shown are located: each costs a walk of the file's nodes.
    from omniready.audit.store import MAX_PROBLEMS, first_problems

    shown = [
        yamlio.problem_at(path, text, i.loc, i.message, at_key=i.at_key)
        for i in issues[:MAX_PROBLEMS]
    ]
    return first_problems(shown, len(issues))


def load_checked(path: str | Path, checklist: Checklist) -> Audit:
    """Load an audit that `validate` accepts, or raise every problem at FILE:LINE:COL."""
    from omniready.audit.store import parse_audit
    from omniready.errors import InputError

    text = yamlio.read_text(path)
    audit = parse_audit(text, path)
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
