"""The roadmap: one action per cause and per remaining question gap, prerequisites first, each
with its owner, effort and expected gain, placed in three horizons of limited size."""

from __future__ import annotations

from dataclasses import replace

from omniready.assess.findings import first_clause
from omniready.assess.model import HORIZONS, Finding, QuestionScore, RoadmapItem, StepScore
from omniready.assess.policy import Policy
from omniready.assess.rules import Cause
from omniready.assess.scoring import overall_if_raised

action_title = first_clause  # a question's remediation reads as an action the same way


def _gains(
    raised: set[str],
    questions: tuple[QuestionScore, ...],
    steps: tuple[StepScore, ...],
    overall: float | None,
) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Points the overall score and each step would gain if `raised` reached full marks."""
    if not raised:
        return 0.0, ()
    after, step_after = overall_if_raised(questions, steps, raised)
    gain = round((after or 0) - (overall or 0), 1) if after is not None else 0.0
    moved = tuple(
        (s.step, round((step_after[s.step] or 0) - s.score, 1))
        for s in steps
        if s.score is not None and (step_after[s.step] or 0) - s.score >= 0.05
    )
    return gain, moved


def _short(question: QuestionScore) -> bool:
    """Scored and short of full marks."""
    return question.score is not None and question.score < 1


def cause_items(
    findings: tuple[Finding, ...],
    questions: tuple[QuestionScore, ...],
    causes: dict[str, Cause],
    policy: Policy,
) -> list[RoadmapItem]:
    """One action per cause: its findings and the questions it raises (still short of full)."""
    by_id = {q.id: q for q in questions}
    items = []
    for finding in findings:
        cause = causes.get(finding.id)
        wanted = list(finding.questions) + (cause.closes if cause else [])
        closes = tuple(q for q in dict.fromkeys(wanted) if q in by_id and _short(by_id[q]))
        impact = policy.severity_impact[finding.severity]
        if finding.cross_step:
            impact += policy.cross_step_bonus
        items.append(
            RoadmapItem(
                id=f"cause:{finding.id}",
                horizon=HORIZONS[-1],
                impact=impact,
                steps=finding.steps,
                title=finding.action or finding.title,
                remediation=finding.remediation,
                findings=(finding.id,),
                questions=closes,
                # Where it shows names owners; else whoever answered the questions it raises.
                owner=", ".join(finding.owners[:2])
                or next((by_id[q].respondent for q in closes if by_id[q].respondent), None),
                effort=finding.effort,
            )
        )
    return items


def question_items(
    questions: tuple[QuestionScore, ...],
    steps: tuple[StepScore, ...],
    covered: set[str],
    policy: Policy,
) -> list[RoadmapItem]:
    """One action per scored question short of full marks in a step below its target, and per
    prerequisite question short of full marks whatever its step's target."""
    below = {s.step for s in steps if s.below_target}
    items = []
    for q in questions:
        if q.score is None or q.score >= 1 or q.id in covered:
            continue
        if q.step not in below and q.id not in policy.prerequisites:
            continue
        remediation = q.remediation or q.text
        items.append(
            RoadmapItem(
                id=f"question:{q.id}",
                horizon=HORIZONS[-1],
                impact=round(q.weight * (1 - q.score), 2),
                steps=(q.step,),
                title=action_title(remediation),
                remediation=remediation,
                questions=(q.id,),
                owner=q.respondent,
            )
        )
    return items


def place(items: list[RoadmapItem], policy: Policy) -> list[RoadmapItem]:
    """Prerequisites first, then by impact and gain; each item to the first horizon whose
    minimum impact it reaches and that still has room (prerequisites always reach the first)."""
    ranked = sorted(items, key=lambda i: (not i.prerequisite, -i.impact, -i.gain, i.id))
    room = dict(policy.horizon_sizes)
    placed = []
    for item in ranked:
        horizon = next(
            (
                h
                for h, minimum in policy.horizons
                if (item.prerequisite or item.impact >= minimum) and room.get(h, 1) > 0
            ),
            HORIZONS[-1],
        )
        if horizon in room:
            room[horizon] -= 1
        placed.append(replace(item, horizon=horizon))
    order = {h: i for i, h in enumerate(HORIZONS)}
    return sorted(placed, key=lambda i: order[i.horizon])  # stable: rank kept within a horizon


def build_roadmap(
    findings: tuple[Finding, ...],
    questions: tuple[QuestionScore, ...],
    steps: tuple[StepScore, ...],
    policy: Policy,
    causes: dict[str, Cause] | None = None,
    overall: float | None = None,
) -> tuple[RoadmapItem, ...]:
    """Actions for the causes found and the question gaps left, ranked and placed in horizons."""
    items = cause_items(findings, questions, causes or {}, policy)
    # A question an action for a cause already raises is not listed again on its own.
    covered = {q for i in items for q in i.questions} | {q for f in findings for q in f.questions}
    items += question_items(questions, steps, covered, policy)
    prereqs = set(policy.prerequisites)
    done = []
    for item in items:
        gain, moved = _gains(set(item.questions), questions, steps, overall)
        done.append(
            replace(
                item,
                gain=gain,
                step_gains=moved,
                prerequisite=bool(prereqs & set(item.questions)),
            )
        )
    return tuple(place(done, policy))


def score_after(
    roadmap: tuple[RoadmapItem, ...],
    questions: tuple[QuestionScore, ...],
    steps: tuple[StepScore, ...],
    horizon: str = HORIZONS[0],
) -> float | None:
    """The overall score once every action of `horizon` is done."""
    raised = {q for i in roadmap if i.horizon == horizon for q in i.questions}
    return overall_if_raised(questions, steps, raised)[0]
