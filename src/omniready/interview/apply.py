"""Changes an answer makes to the audit: give, mark n/a, pass, note, evidence, clear.

Pure: each function returns a new Audit and leaves the one it was given untouched.
"""

from __future__ import annotations

from omniready.audit.model import Answer, Audit
from omniready.checklist import Checklist, Question, current_answers
from omniready.interview.walk import answer_of


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


def settle(audit: Audit, checklist: Checklist) -> Audit:
    """Answers kept under a replaced question id, moved to the questions that replace it (each
    half of a split gets its own copy); the same audit when there is nothing to move."""
    moved = {
        qid: (answer, old)
        for qid, (answer, old) in current_answers(audit.all_answers(), checklist).items()
        if old is not None
    }
    if not moved:
        return audit
    new = audit.model_copy(deep=True)
    for qid, (answer, old) in moved.items():
        new.steps.answers_of(old.split(".", 1)[0]).pop(old, None)
        new.steps.answers_of(checklist.by_id[qid].step)[qid] = answer.model_copy(deep=True)
    return new
