"""Scores: per question (0..1), per step and overall (0-100, weighted, n/a left out)."""

from __future__ import annotations

from dataclasses import replace

from omniready.assess.model import NotApplicable, QuestionScore, QuestionStatus, StepScore
from omniready.assess.names import both
from omniready.assess.policy import Policy
from omniready.audit.model import STEPS, Answer, Audit
from omniready.brand.scoring import scan_scores
from omniready.checklist import Checklist, Question, Text, applies, current_answers


def answer_text(value: object) -> str | None:
    """An answer value as one short line of text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def answers_by_question(audit: Audit, checklist: Checklist) -> dict[str, Answer]:
    """Every answer keyed by its current question id (renamed questions follow `replaces`)."""
    resolved = current_answers(audit.all_answers(), checklist)
    return {qid: answer for qid, (answer, _) in resolved.items()}


def score_question(question: Question, answers: dict[str, Answer]) -> QuestionScore:
    """How one question counts: its 0..1 score, or why it is left out."""
    answer = answers.get(question.id)
    value = answer.answer if answer else None
    option = question.option(value) if value is not None and question.options else None

    def result(status: QuestionStatus, score: float | None = None) -> QuestionScore:
        return QuestionScore(
            id=question.id,
            step=question.step,
            weight=question.weight,
            status=status,
            score=score,
            answer=answer_text(answer.answer) if answer else None,
            text=question.text,
            remediation=question.remediation,
            note=answer.note if answer else None,
            answer_label=option.label if option else None,
            respondent=answer.respondent if answer else None,
        )

    if not applies(question, answers):
        return result("not-asked")
    if answer is None or not answer.is_answered:
        return result("unanswered")
    if answer.na:
        return result("na")
    if not question.scored:
        return result("info")
    if option is None or option.score is None:
        return result("unknown")  # "we do not know" is recorded, not scored as zero
    return result("scored", option.score)


def weighted_score(questions: list[QuestionScore]) -> float | None:
    """Weighted mean of the scored questions on 0-100; None when nothing is scored."""
    total = sum(q.weight for q in questions if q.score is not None)
    if total <= 0:
        return None
    return round(100 * sum(q.weight * q.score for q in questions if q.score is not None) / total, 1)


def _na_reason(question: Question, score: QuestionScore, answers: dict[str, Answer]) -> Text:
    if score.status == "na":
        note = score.note or ""
        return Text(es=note, en=note)
    cond = question.applies_if
    other = answers.get(cond.question) if cond else None
    value = answer_text(other.answer) if other else ""
    name = cond.question if cond else ""
    return both("assess.evidence.not-asked", question=name, answer=value)


def score_step(
    step: str,
    checklist: Checklist,
    scores: list[QuestionScore],
    answers: dict[str, Answer],
    audit: Audit,
    policy: Policy,
    extra: tuple[QuestionScore, ...] = (),
) -> StepScore:
    """The score, level, target and coverage of one step from its question scores (and `extra`
    scored items that are not questions, such as probe evidence: scored, not counted in
    coverage)."""
    asked = [s for s in scores if s.status != "not-asked"]
    answered = [s for s in asked if s.status != "unanswered"]
    na = tuple(
        NotApplicable(
            question=s.id, text=s.text, reason=_na_reason(checklist.by_id[s.id], s, answers)
        )
        for s in scores
        if s.status in {"na", "not-asked"}
    )
    score = weighted_score([*scores, *extra])
    title = checklist.titles.get(step, Text(es=step, en=step))
    targets: dict[str, int] = {str(k): v for k, v in audit.targets.items()}
    return StepScore(
        step=step,
        title=title,
        weight=policy.step_weights.get(step, 1.0),
        score=score,
        level=policy.level_of(score),
        target=policy.level(targets.get(step, policy.default_target)),
        coverage=round(len(answered) / len(asked), 3) if asked else 0.0,
        answered=len(answered),
        total=len(asked),
        scored=sum(1 for s in scores if s.score is not None),
        na=na,
        unanswered=tuple(s.id for s in asked if s.status == "unanswered"),
    )


def score_overall(steps: list[StepScore]) -> float | None:
    """Weighted mean of the scored steps; steps without a score are left out, not zero."""
    scored = [s for s in steps if s.score is not None]
    total = sum(s.weight for s in scored)
    if total <= 0:
        return None
    return round(sum(s.weight * s.score for s in scored if s.score is not None) / total, 1)


def coverage_overall(steps: list[StepScore]) -> tuple[float, int, int]:
    """Answered ÷ applicable questions over every step, with both counts."""
    answered = sum(s.answered for s in steps)
    total = sum(s.total for s in steps)
    return (round(answered / total, 3) if total else 0.0), answered, total


def score_all(
    audit: Audit,
    checklist: Checklist,
    policy: Policy,
    extra: dict[str, tuple[QuestionScore, ...]] | None = None,
) -> tuple[list[QuestionScore], list[StepScore]]:
    """Question scores in checklist order and the five step scores; `extra` items per step
    (probe evidence) are scored, listed after the step's questions, not counted in coverage."""
    answers = answers_by_question(audit, checklist)
    questions: list[QuestionScore] = []
    steps: list[StepScore] = []
    for step in STEPS:
        scores = [score_question(q, answers) for q in checklist.of_step(step)]
        scores += scan_scores(audit, step)  # omniready brand's measured checks (brand/scoring.py)
        more = (extra or {}).get(step, ())
        questions += [*scores, *more]
        steps.append(score_step(step, checklist, scores, answers, audit, policy, more))
    return questions, steps


def overall_if_raised(
    questions: tuple[QuestionScore, ...],
    steps: tuple[StepScore, ...],
    raised: set[str],
) -> tuple[float | None, dict[str, float | None]]:
    """The overall and step scores if the `raised` questions reached full marks (scored ones
    only: an unanswered question stays out, as it does in the score)."""
    by_step: dict[str, list[QuestionScore]] = {}
    for q in questions:
        if q.id in raised and q.score is not None:
            q = replace(q, score=1.0)
        by_step.setdefault(q.step, []).append(q)
    step_scores = {s.step: weighted_score(by_step.get(s.step, [])) for s in steps}
    moved = [replace(s, score=step_scores[s.step]) for s in steps]
    return score_overall(moved), step_scores
