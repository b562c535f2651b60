"""Assessment: pure functions from an audit and the checklists to scores, findings and a roadmap.

from omniready.assess import assess
result = assess(audit, checklist)   # no I/O, no clock: the same inputs give the same result
"""

from __future__ import annotations

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
from omniready.assess.policy import Policy, default_policy
from omniready.assess.rules import Rule, load_rules, shipped_rules
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
    "load_rules",
    "to_data",
]


def assess(
    audit: Audit,
    checklist: Checklist,
    rules: tuple[Rule, ...] | None = None,
    policy: Policy | None = None,
) -> Assessment:
    """Score an audit against the checklists, run the finding rules and build the roadmap.

    `rules` defaults to the shipped rules (assess/rules.yaml), `policy` to assess/policy.yaml.
    """
    from omniready.assess.findings import run_rules
    from omniready.assess.matrix import integration_matrix
    from omniready.assess.roadmap import build_roadmap
    from omniready.assess.rules import Context
    from omniready.assess.scoring import score_all, score_overall

    pol = policy or default_policy()
    questions, steps = score_all(audit, checklist, pol)
    matrix = integration_matrix(audit.steps.tools.inventory)
    ctx = Context(audit=audit, questions={q.id: q for q in questions}, matrix=matrix)
    in_force = tuple(rules) if rules is not None else shipped_rules()
    findings, errors = run_rules(in_force, ctx)
    overall = score_overall(steps)
    question_t, step_t = tuple(questions), tuple(steps)
    return Assessment(
        organization=audit.organization.name,
        checklist=checklist.ref,
        score=overall,
        level=pol.level_of(overall),
        steps=step_t,
        questions=question_t,
        findings=findings,
        roadmap=build_roadmap(findings, question_t, step_t, pol, in_force),
        matrix=matrix,
        errors=errors,
    )
