"""The interview as a pure walk over the checklist: where we are, what is next, what an input does.

Nothing here reads, prints or saves; prompts.py does that and calls these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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


def resume_at(checklist: Checklist, audit: Audit) -> Stop | None:
    """Where a session starts: the first unanswered question, else the first step without
    records, else None (nothing left to ask)."""
    todo = missing(checklist, audit)
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
) -> Stop | None:
    """The next stop that still needs something: an unanswered question or a step's records.

    Answered questions are stepped over so that after going back to correct an answer, or on
    resuming, the walk goes on where work remains; `everything` visits them too. With
    `records` false, the records of each step are passed by (when revisiting skipped questions).
    """
    here = stop.key(checklist)
    for candidate in stops(checklist, audit):
        if candidate.key(checklist) <= here:
            continue
        question = candidate.question
        if question is None:
            if records:
                return candidate
        elif everything or not is_answered(audit, question):
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


def progress(checklist: Checklist, audit: Audit, stop: Stop) -> Progress:
    """Step k of 5, question i of n (among those that apply), and answered so far."""
    in_step = applicable(checklist, audit, stop.step)
    ids = [q.id for q in in_step]
    number = ids.index(stop.question.id) + 1 if stop.question and stop.question.id in ids else 0
    every = applicable(checklist, audit)
    done = sum(is_answered(audit, q) for q in every)
    return Progress(STEPS.index(stop.step) + 1, len(STEPS), number, len(in_step), done, len(every))


# --- What a typed line means -------------------------------------------------------------------

Action = Literal["value", "pass", "back", "na", "note", "who", "evidence", "clear", "quit", "help"]

_COMMANDS: dict[str, Action] = {
    "<": "back",
    "atras": "back",
    "atrás": "back",
    "back": "back",
    ">": "pass",
    "na": "na",
    "n/a": "na",
    "nota": "note",
    "note": "note",
    "quien": "who",
    "quién": "who",
    "who": "who",
    "evidencia": "evidence",
    "evidence": "evidence",
    "borrar": "clear",
    "clear": "clear",
    "q": "quit",
    "salir": "quit",
    "quit": "quit",
    "?": "help",
    "ayuda": "help",
    "help": "help",
}


def command(raw: str) -> Action:
    """Classify a typed line: a command key, an empty pass, or a value to parse."""
    text = raw.strip()
    if not text:
        return "pass"
    return _COMMANDS.get(text.lower(), "value")


_YES = {"s", "si", "sí", "y", "yes", "true", "1"}
_NO = {"n", "no", "false", "2"}


class BadValue(ValueError):
    """A typed value that does not fit the question; `key` names the message to show."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def parse_value(question: Question, raw: str, lang: str = "es") -> str | int | float | bool:
    """Turn a typed line into the answer value the file stores, or raise BadValue."""
    text = raw.strip()
    if question.type == "yesno":
        low = text.lower()
        if low in _YES:
            return True
        if low in _NO:
            return False
        raise BadValue("bad_yesno")
    if question.type in {"scale", "choice"}:
        values = [o.value for o in question.options]
        if text.isdigit() and 1 <= int(text) <= len(values):
            return values[int(text) - 1]
        for option in question.options:
            if text.lower() in {option.value.lower(), option.label(lang).lower()}:
                return option.value
        raise BadValue("bad_option", n=len(values))
    if question.type == "number":
        number = parse_number(
            text, lang, percent_as_share=question.max is not None and question.max <= 1
        )
        if question.min is not None and number < question.min:
            raise BadValue("below_min", min=f"{question.min:g}")
        if question.max is not None and number > question.max:
            raise BadValue("above_max", max=f"{question.max:g}")
        return number
    return text


_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$|^[+-]?[.,]\d+$")


def parse_number(text: str, lang: str = "es", *, percent_as_share: bool = False) -> int | float:
    """Read a number as people type it: 1200, 1.200 (es), 1,200 (en), 0,5, 0.5, 35%.

    A lone separator followed by exactly three digits is a thousands separator in the language's
    convention (`.` in Spanish, `,` in English); otherwise it is the decimal mark.
    """
    body = text.strip().replace(" ", "").replace("_", "").replace("\u00a0", "")
    percent = body.endswith("%")
    body = body.removesuffix("%")
    if not _NUMBER.match(body):
        raise BadValue("bad_number")
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
    elif dots + commas == 1:
        mark = "." if dots else ","
        thousands = "." if lang == "es" else ","
        tail = body.split(mark)[1]
        decimal = "" if (mark == thousands and len(tail) == 3 and body[0] != mark) else mark
    elif dots > 1 or commas > 1:
        decimal = ""  # 1.200.000: only thousands separators
    else:
        decimal = ""
    thousands_marks = {".", ","} - {decimal}
    for mark in thousands_marks:
        body = body.replace(mark, "")
    body = body.replace(",", ".") if decimal == "," else body
    try:
        value = float(body)
    except ValueError:
        raise BadValue("bad_number") from None
    if percent and percent_as_share:
        value /= 100
    return int(value) if value.is_integer() and "." not in body else value


# --- Applying changes to the audit (each returns a new Audit) ----------------------------------


def _with_answer(audit: Audit, question: Question, answer: Answer | None) -> Audit:
    new = audit.model_copy(deep=True)
    answers = new.steps.answers_of(question.step)
    for old in question.replaces:  # an answer under a replaced id moves to the current id
        answers.pop(old, None)
    if answer is None:
        answers.pop(question.id, None)
    else:
        answers[question.id] = answer
    return new


def _current(audit: Audit, question: Question) -> Answer:
    return answer_of(audit, question) or Answer()


def give(
    audit: Audit, question: Question, value: str | int | float | bool, respondent: str | None = None
) -> Audit:
    """Record an answer; the note and evidence stay, n/a and skipped are cleared."""
    old = _current(audit, question)
    answer = old.model_copy(
        update={
            "answer": value,
            "na": False,
            "skipped": False,
            "respondent": respondent or old.respondent,
        }
    )
    return _with_answer(audit, question, answer)


def mark_na(audit: Audit, question: Question, reason: str, respondent: str | None = None) -> Audit:
    """Mark not applicable; the reason becomes the note, as the file format requires."""
    old = _current(audit, question)
    answer = Answer(
        na=True, note=reason.strip(), evidence=old.evidence, respondent=respondent or old.respondent
    )
    return _with_answer(audit, question, answer)


def pass_over(audit: Audit, question: Question) -> Audit:
    """Move on without answering: an unanswered question is marked skipped (seen, unanswered)."""
    old = answer_of(audit, question)
    if old is not None and old.is_answered:
        return audit
    answer = (old or Answer()).model_copy(update={"skipped": True})
    return _with_answer(audit, question, answer)


def set_note(audit: Audit, question: Question, note: str) -> Audit:
    """Set or remove (empty text) a question's note; an n/a reason cannot be removed."""
    old = _current(audit, question)
    text = note.strip() or None
    if old.na and text is None:
        return audit
    return _with_answer(audit, question, _tidy(old.model_copy(update={"note": text})))


def add_evidence(audit: Audit, question: Question, evidence: str) -> Audit:
    """Add one piece of evidence (a document, a link); empty text changes nothing."""
    text = evidence.strip()
    old = _current(audit, question)
    if not text or text in old.evidence:
        return audit
    return _with_answer(audit, question, old.model_copy(update={"evidence": [*old.evidence, text]}))


def clear(audit: Audit, question: Question) -> Audit:
    """Remove the answer (and n/a mark) but keep the note and evidence."""
    old = _current(audit, question)
    note = None if old.na else old.note
    updated = Answer(note=note, evidence=old.evidence, respondent=old.respondent)
    return _with_answer(audit, question, _tidy(updated))


def _tidy(answer: Answer) -> Answer | None:
    # An entry with nothing in it would only add noise to the file and to `git diff`.
    empty = Answer()
    return None if answer == empty else answer
