"""Assessment: pure functions from an audit and the checklists to scores, findings and a roadmap.

from omniready.assess import assess, load_policy, load_rules
result = assess(audit, checklist, load_rules(extra), load_policy())   # pure: no I/O, no clock

The loaders are the edge that reads rules.yaml and policy.yaml; `assess` itself only computes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from omniready.assess.model import (
    Assessment,
    Finding,
    IntegrationMatrix,
    Level,
    NotApplicable,
    QuestionScore,
    RoadmapItem,
    RuleError,
    StepScore,
    ToolIntegration,
    to_data,
)
from omniready.assess.policy import Policy, load_policy
from omniready.assess.rules import Rule, load_rules
from omniready.audit.model import Audit
from omniready.checklist import Checklist

__all__ = [
    "Assessment",
    "Finding",
    "IntegrationMatrix",
    "Level",
    "NotApplicable",
    "QuestionScore",
    "Policy",
    "RoadmapItem",
    "RuleError",
    "Rule",
    "StepScore",
    "ToolIntegration",
    "assess",
    "load_policy",
    "load_rules",
    "shipped_inputs",
    "to_data",
]


@cache
def shipped_inputs() -> tuple[tuple[Rule, ...], Policy]:
    """The shipped rules and policy, read once (I/O: the edge, kept out of `assess`)."""
    return load_rules(), load_policy()


def assess(
    audit: Audit,
    checklist: Checklist,
    rules: tuple[Rule, ...] | None = None,
    policy: Policy | None = None,
    as_of: dt.date | None = None,
) -> Assessment:
    """Score an audit against the checklists, run the finding rules and build the roadmap.

    Pure: no I/O, no clock; the same inputs give the same result. Give the rules and the policy
    (`load_rules(extra)`, `load_policy()`); when left out, the shipped ones are used, read once
    by `shipped_inputs()` and cached, so `assess(audit, checklist)` keeps working.
    `as_of` is the day probes' age is measured on (the caller's clock; default the audit's
    `updated` day), against the policy's `max_probe_age_days`.
    """
    from omniready.assess.evidence import evidence_score, stale_tools
    from omniready.assess.findings import run_rules
    from omniready.assess.matrix import integration_matrix
    from omniready.assess.roadmap import build_roadmap, score_after
    from omniready.assess.rules import Context, shipped_causes
    from omniready.assess.scoring import coverage_overall, score_all, score_overall

    if rules is None or policy is None:
        shipped_rules, shipped_policy = shipped_inputs()
        rules = shipped_rules if rules is None else rules
        policy = shipped_policy if policy is None else policy
    in_force = tuple(rules)
    inventory = audit.steps.tools.inventory
    matrix = integration_matrix(inventory)
    day = as_of or (audit.updated.date() if audit.updated else audit.started)
    stale = stale_tools(inventory, day, policy.max_probe_age_days)
    proof = evidence_score(inventory, matrix.tools, stale, policy.evidence_weight)
    questions, steps = score_all(audit, checklist, policy, {"tools": (proof,)} if proof else None)
    ctx = Context(
        audit=audit, questions={q.id: q for q in questions}, matrix=matrix, checklist=checklist
    )
    causes = shipped_causes()
    findings, errors = run_rules(in_force, ctx, causes)
    overall = score_overall(steps)
    coverage, answered, total = coverage_overall(steps)
    question_t, step_t = tuple(questions), tuple(steps)
    roadmap = build_roadmap(findings, question_t, step_t, policy, causes, overall)
    return Assessment(
        organization=audit.organization.name,
        checklist=checklist.ref,
        score=overall,
        level=policy.level_of(overall),
        steps=step_t,
        questions=question_t,
        findings=findings,
        roadmap=roadmap,
        matrix=matrix,
        errors=errors,
        coverage=coverage,
        answered=answered,
        total=total,
        coverage_min=policy.coverage_warning,
        score_after_first=score_after(roadmap, question_t, step_t),
        stale_probes=stale,
        as_of=day,
    )
