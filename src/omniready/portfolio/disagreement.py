"""Where respondents of one organization disagree: more than one step of a scale apart.

Pure: reads an audit's `responses` against the checklist. Only scale questions have steps; a
yes/no answer is one step from its opposite, and a choice's options are not ordered.
"""

from __future__ import annotations

from omniready.assess.scoring import answer_text, answers_by_question
from omniready.audit.model import Audit
from omniready.checklist import Checklist, Question, Text
from omniready.portfolio.model import Disagreement, ResponseValue

# Further apart than this many steps of the scale is a disagreement ("most" vs "some" is 2).
MAX_SPREAD = 1


def _label(question: Question, value: object) -> Text | None:
    option = question.option(value) if value is not None else None
    return option.label if option else None


def _rank(question: Question, value: object) -> int | None:
    # The option's place among the scored options, lowest score first; "unknown" has none.
    scored = sorted(
        (o for o in question.options if o.score is not None), key=lambda o: o.score or 0
    )
    option = question.option(value) if value is not None else None
    if option is None or option.score is None:
        return None
    return scored.index(option)


def disagreements(audit: Audit, checklist: Checklist) -> tuple[Disagreement, ...]:
    """The scale questions whose respondents answered more than MAX_SPREAD steps apart."""
    found: list[Disagreement] = []
    if not any(len(a.responses) > 1 for a in audit.all_answers().values()):
        return ()  # one respondent per question (most audits): nobody to disagree with
    for qid, answer in answers_by_question(audit, checklist).items():
        question = checklist.by_id.get(qid)
        if question is None or question.type != "scale" or len(answer.responses) < 2:
            continue
        ranks = [r for r in (_rank(question, x.answer) for x in answer.responses) if r is not None]
        if len(ranks) < 2 or max(ranks) - min(ranks) <= MAX_SPREAD:
            continue
        found.append(
            Disagreement(
                question=qid,
                step=question.step,
                text=question.text,
                consensus=answer_text(answer.answer),
                consensus_label=_label(question, answer.answer),
                responses=tuple(
                    ResponseValue(
                        r.respondent, answer_text(r.answer) or "—", _label(question, r.answer)
                    )
                    for r in answer.responses
                ),
                spread=max(ranks) - min(ranks),
            )
        )
    order = {q.id: i for i, q in enumerate(checklist.questions)}
    return tuple(sorted(found, key=lambda d: order.get(d.question, len(order))))
