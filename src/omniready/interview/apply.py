"""Changes an answer makes to the audit: give, mark n/a, pass, note, evidence, clear; and the
answers of several respondents to one question, with their consensus.

Pure: each function returns a new Audit (or Answer) and leaves the one it was given untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

from omniready.audit.model import Answer, Audit, Response
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
    """Record an answer; the note and evidence stay, n/a and skipped are cleared. When the
    question holds another named respondent's answer, both are kept (see respond)."""
    return _with_answer(
        audit, question, respond(answer_of(audit, question), question, value, respondent)
    )


Value = str | int | float | bool | list[str]


def respond(
    old: Answer | None,
    question: Question,
    value: Value,
    respondent: str | None,
    note: str | None = None,
) -> Answer:
    """The answer after `respondent` answered `value`.

    Alone (no other named respondent answered before, or no respondent named), the value is the
    answer, as it always was. Beside another respondent's answer, each one's own answer goes
    into `responses` (the earlier one is never overwritten; this respondent's earlier response
    is replaced) and `answer` becomes their consensus (see consensus); `note` is this
    respondent's own note then.
    """
    old = old or Answer()
    others = _other_responses(old, respondent)
    if respondent is None or not others:
        update: dict[str, object] = {
            "answer": value,
            "na": False,
            "skipped": False,
            "respondent": respondent or old.respondent,
        }
        if note is not None:
            update["note"] = note
        if respondent is not None:
            update["responses"] = []  # only this respondent's own, now replaced by the answer
        return old.model_copy(update=update)
    mine = Response(respondent=respondent, answer=value, note=note)
    earlier = old.responses or others
    responses = [mine if r.respondent == respondent else r for r in earlier]
    if mine not in responses:
        responses.append(mine)
    agreed = consensus(question, responses, old.answer)
    if old.responses and old.answer != consensus(question, old.responses, old.answer):
        # The consultant set this consensus by hand (set_consensus, or a correction with no
        # respondent named): another response does not silently override their decision.
        agreed = old.answer
    return old.model_copy(
        update={
            "answer": agreed,
            "na": False,
            "skipped": False,
            "respondent": old.respondent or others[0].respondent,
            "responses": responses,
        }
    )


def _other_responses(old: Answer, respondent: str | None) -> list[Response]:
    """What respondents other than `respondent` answered: their responses, or the answer itself
    when one named respondent gave it. An answer without a respondent is the consultant's own and
    is simply corrected, as before respondents were recorded."""
    if respondent is None:
        return []
    if old.responses:
        return [r for r in old.responses if r.respondent != respondent]
    if old.answer is not None and old.respondent and old.respondent != respondent:
        return [Response(respondent=old.respondent, answer=old.answer)]
    return []


def consensus(
    question: Question, responses: Sequence[Response], earlier: Value | None = None
) -> Value | None:
    """The answer agreed on by default when respondents differ (the consultant confirms or changes
    it in the interview): the one answer when all agree; else the lower median on the question's
    order (a scale by its options' scores, yes/no with no below yes, numbers by value), so that
    readiness is never overstated by the most optimistic respondent; an answer that has no place
    in that order ("No se sabe") counts only when nobody gave one that has. Choices and texts have
    no order: the answer held before stays (else the first response's)."""
    given = [r.answer for r in responses if r.answer is not None]
    if not given:
        return earlier  # nothing to agree on: unchanged
    if all(v == given[0] for v in given):
        return given[0]
    ranked = sorted(
        (_rank(question, v), i) for i, v in enumerate(given) if _rank(question, v) is not None
    )
    if not ranked:
        return earlier if earlier in given else given[0]
    return given[ranked[(len(ranked) - 1) // 2][1]]


def _rank(question: Question, value: object) -> float | None:
    """Where a value stands in the question's order, or None where it has no place."""
    if question.type == "scale":
        option = question.option(value)
        return None if option is None or option.score is None else float(option.score)
    if question.type == "yesno" and isinstance(value, bool):
        return float(value)
    if question.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def set_consensus(audit: Audit, question: Question, value: Value) -> Audit:
    """The consultant's consensus for a question its respondents answered differently."""
    old = _current(audit, question)
    return _with_answer(audit, question, old.model_copy(update={"answer": value}))


def mark_na(audit: Audit, question: Question, reason: str, respondent: str | None = None) -> Audit:
    """Mark not applicable; the reason becomes the note, as the file format requires."""
    old = _current(audit, question)
    answer = Answer(
        na=True,
        note=reason.strip(),
        evidence=old.evidence,
        respondent=respondent or old.respondent,
        # Other respondents' answers are theirs: a decision on the question does not erase them.
        responses=old.responses or _other_responses(old, respondent),
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
    updated = Answer(
        note=note, evidence=old.evidence, respondent=old.respondent, responses=old.responses
    )
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
