"""Where the interview is and where it goes: the walk over the checklist's questions and each
step's records, which questions apply, what is still missing, and the progress shown.

Pure: nothing here reads, prints or saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from omniready.audit.model import STEPS, Answer, Audit
from omniready.checklist import Checklist, Question, applies


@dataclass(frozen=True)
class Stop:
    """One place in the walk: a question, or the records of a step after its questions."""

    step: str
    question: Question | None = None

    @property
    def is_records(self) -> bool:
        return self.question is None

    def key(self, checklist: Checklist) -> tuple[int, int, int]:
        """Order of this stop in the whole walk, stable when applicability changes."""
        step = STEPS.index(self.step)
        if self.question is None:
            return (step, 1, 0)
        return (step, 0, checklist.questions.index(checklist.by_id[self.question.id]))


def answer_of(audit: Audit, question: Question) -> Answer | None:
    """The stored answer of a question, also under an id it replaces."""
    answers = audit.steps.answers_of(question.step)
    for qid in (question.id, *question.replaces):
        if qid in answers:
            return answers[qid]
    return None


def is_answered(audit: Audit, question: Question) -> bool:
    found = answer_of(audit, question)
    return found is not None and found.is_answered


def to_ask(audit: Audit, question: Question, respondent: str | None = None) -> bool:
    """Whether the walk stops at a question: it is unanswered or, for a `respondent` named with
    --respondent, answered only by other named respondents (their second opinion is asked)."""
    found = answer_of(audit, question)
    if found is None or not found.is_answered:
        return True
    if respondent is None or found.na:
        return False
    named = {r.respondent for r in found.responses}
    if found.respondent:
        named.add(found.respondent)
    # An answer nobody is named for is the consultant's own: not asked again.
    return bool(named) and respondent not in named


def applicable(checklist: Checklist, audit: Audit, step: str | None = None) -> list[Question]:
    """Questions that apply given the answers so far, in checklist order."""
    answers = audit.all_answers()
    return [
        q for q in checklist.questions if (step is None or q.step == step) and applies(q, answers)
    ]


def stops(checklist: Checklist, audit: Audit) -> list[Stop]:
    """The whole walk: each step's applicable questions, then that step's records."""
    walk: list[Stop] = []
    for step in STEPS:
        walk += [Stop(step, q) for q in applicable(checklist, audit, step)]
        walk.append(Stop(step))
    return walk


def has_records(audit: Audit, step: str) -> bool:
    s = audit.steps
    return bool(
        {
            "tools": s.tools.inventory,
            "processes": s.processes.journeys,
            "segments": s.segments.segments,
            "metrics": s.metrics.channels,
            "brand": s.brand.items,
        }[step]
    )


def missing(checklist: Checklist, audit: Audit) -> list[Question]:
    """Applicable questions with neither an answer nor a not-applicable mark."""
    return [q for q in applicable(checklist, audit) if not is_answered(audit, q)]


def resume_at(checklist: Checklist, audit: Audit, respondent: str | None = None) -> Stop | None:
    """Where a session starts: the first question to ask (see to_ask), else the first step
    without records, else None (nothing left to ask)."""
    todo = [q for q in applicable(checklist, audit) if to_ask(audit, q, respondent)]
    if todo:
        return Stop(todo[0].step, todo[0])
    empty = [step for step in STEPS if not has_records(audit, step)]
    return Stop(empty[0]) if empty else None


def after(
    checklist: Checklist,
    audit: Audit,
    stop: Stop,
    *,
    everything: bool = False,
    records: bool = True,
    respondent: str | None = None,
) -> Stop | None:
    """The next stop that still needs something: an unanswered question or a step's records.

    Answered questions are stepped over so that after going back to correct an answer, or on
    resuming, the walk goes on where work remains; `everything` visits them too. With
    `records` false, the records of each step are passed by (when revisiting skipped questions).
    With `respondent`, questions only others answered are visited too (see to_ask).
    """
    here = stop.key(checklist)
    for candidate in stops(checklist, audit):
        if candidate.key(checklist) <= here:
            continue
        question = candidate.question
        if question is None:
            if records:
                return candidate
        elif everything or to_ask(audit, question, respondent):
            return candidate
    return None


def before(checklist: Checklist, audit: Audit, stop: Stop) -> Stop | None:
    """The stop before `stop`, or None at the start of the walk."""
    here = stop.key(checklist)
    earlier = [s for s in stops(checklist, audit) if s.key(checklist) < here]
    return earlier[-1] if earlier else None


@dataclass(frozen=True)
class Progress:
    step_no: int
    step_count: int
    question_no: int
    question_count: int
    answered: int
    total: int
    step_answered: int = 0  # answered among the question_count of this step


def progress(checklist: Checklist, audit: Audit, stop: Stop) -> Progress:
    """Step k of 5, question i of n (among those that apply), and answered so far."""
    in_step = applicable(checklist, audit, stop.step)
    ids = [q.id for q in in_step]
    number = ids.index(stop.question.id) + 1 if stop.question and stop.question.id in ids else 0
    every = applicable(checklist, audit)
    done = sum(is_answered(audit, q) for q in every)
    done_here = sum(is_answered(audit, q) for q in in_step)
    return Progress(
        STEPS.index(stop.step) + 1,
        len(STEPS),
        number,
        len(in_step),
        done,
        len(every),
        done_here,
    )
