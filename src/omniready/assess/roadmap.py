"""The roadmap: gaps toward the targets, ordered by impact, in three horizons."""

from __future__ import annotations

from omniready.assess import names
from omniready.assess.model import HORIZONS, Finding, QuestionScore, RoadmapItem, StepScore
from omniready.assess.policy import Policy
from omniready.assess.rules import Rule, fill
from omniready.checklist import Text

_COUNT = Text(es=" ({n} casos)", en=" ({n} cases)")


def merged_params(group: list[Finding]) -> dict[str, Text]:
    """Each text param with the distinct values of every finding in the group, joined."""
    # dicts as ordered sets: first-seen order, linear in the number of findings
    merged: dict[str, dict[Text, None]] = {}
    for finding in group:
        for key, value in finding.params.items():
            merged.setdefault(key, {})[value] = None
    return {key: names.join(values) for key, values in merged.items()}


def finding_items(
    findings: tuple[Finding, ...], policy: Policy, rules: dict[str, Rule]
) -> list[RoadmapItem]:
    """One item per rule that fired (its findings grouped), impact from its severity."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    items = []
    for rule_id, group in by_rule.items():
        first, rule = group[0], rules.get(rule_id)
        title, remediation = first.title, first.remediation
        if len(group) > 1 and rule is not None:
            # One item for the whole group: texts name every subject, not just the first.
            params = {**rule.params, **merged_params(group)}
            title = fill(rule.summary or rule.title, params)
            title = Text(
                es=title.es + _COUNT.es.format(n=len(group)),
                en=title.en + _COUNT.en.format(n=len(group)),
            )
            remediation = fill(rule.remediation, params)
        impact = policy.severity_impact[first.severity]
        items.append(
            RoadmapItem(
                id=f"finding:{rule_id}",
                horizon=policy.horizon_of(impact),
                impact=impact,
                steps=first.steps,
                title=title,
                remediation=remediation,
                findings=tuple(f.id for f in group),
            )
        )
    return items


def question_items(
    questions: tuple[QuestionScore, ...],
    steps: tuple[StepScore, ...],
    covered: set[str],
    policy: Policy,
) -> list[RoadmapItem]:
    """One item per scored question short of full marks in a step below its target."""
    below = {s.step for s in steps if s.below_target}
    items = []
    for q in questions:
        if q.score is None or q.score >= 1 or q.step not in below or q.id in covered:
            continue
        impact = round(q.weight * (1 - q.score), 2)
        remediation = q.remediation or q.text
        items.append(
            RoadmapItem(
                id=f"question:{q.id}",
                horizon=policy.horizon_of(impact),
                impact=impact,
                steps=(q.step,),
                title=q.text,
                remediation=remediation,
            )
        )
    return items


def build_roadmap(
    findings: tuple[Finding, ...],
    questions: tuple[QuestionScore, ...],
    steps: tuple[StepScore, ...],
    policy: Policy,
    rules: tuple[Rule, ...] = (),
) -> tuple[RoadmapItem, ...]:
    """Findings and question gaps, by horizon, then impact (highest first), then id.

    `rules` give the texts of an item that groups several findings of one rule.
    """
    # A question a finding already judged is covered by that finding's item, not listed twice.
    covered = {q for f in findings for q in f.questions}
    items = finding_items(findings, policy, {r.id: r for r in rules})
    items += question_items(questions, steps, covered, policy)
    order = {h: i for i, h in enumerate(HORIZONS)}
    return tuple(sorted(items, key=lambda i: (order[i.horizon], -i.impact, i.id)))
