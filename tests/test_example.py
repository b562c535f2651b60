"""The shipped example audit: valid, fully answered, rich enough to exercise every step."""

from __future__ import annotations

import pytest

from omniready.audit.check import validate_file
from omniready.audit.model import Audit
from omniready.audit.store import load_audit, to_yaml
from omniready.checklist import Checklist, load_checklist
from omniready.resources import example_audit

EXAMPLE = example_audit()


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist()


@pytest.fixture(scope="module")
def audit() -> Audit:
    return load_audit(EXAMPLE)


def test_example_validates_without_problems(checklist: Checklist) -> None:
    assert validate_file(EXAMPLE, checklist) == []


def test_example_refers_to_the_shipped_checklist(audit: Audit, checklist: Checklist) -> None:
    assert audit.checklist == checklist.ref
    assert audit.lang == "es"
    assert audit.organization.name and audit.assessor and audit.started and audit.updated


def test_example_answers_every_question(audit: Audit, checklist: Checklist) -> None:
    missing = [
        q.id
        for q in checklist.questions
        if not (a := audit.steps.answers_of(q.step).get(q.id)) or not a.is_answered
    ]
    assert missing == []


def test_example_marks_few_answers_not_applicable_with_a_reason(audit: Audit) -> None:
    na = {qid: a for qid, a in audit.all_answers().items() if a.na}
    assert len(na) <= 2
    assert all(a.note for a in na.values())


def test_example_records_who_answered(audit: Audit) -> None:
    answers = audit.all_answers()
    with_respondent = [a for a in answers.values() if a.respondent]
    assert len(with_respondent) >= len(answers) // 2


def test_example_has_the_records_of_each_step(audit: Audit) -> None:
    steps = audit.steps
    assert len(steps.tools.inventory) >= 6
    categories = {t.category for t in steps.tools.inventory}
    assert {"ecommerce", "pos", "helpdesk", "crm", "messaging", "social-monitoring"} <= categories
    assert any(t.auth and t.auth.token_env for t in steps.tools.inventory)
    assert all(".example" in t.base_url for t in steps.tools.inventory if t.base_url)

    assert len(steps.processes.journeys) >= 3
    carried = [s.context_carried for j in steps.processes.journeys for s in j.steps]
    assert False in carried and True in carried

    assert len(steps.segments.segments) >= 3
    assert all(s.age and s.preferred_channels and s.prefers for s in steps.segments.segments)


def test_example_has_figures_for_every_channel(audit: Audit) -> None:
    channels = audit.steps.metrics.channels
    assert {"web", "whatsapp", "phone", "email", "store", "instagram", "appointments"} <= set(
        channels
    )
    assert any(c.sla_target_s is None for c in channels.values())
    assert channels["appointments"].no_show_rate is not None


def test_example_has_brand_items_that_disagree(audit: Audit) -> None:
    items = audit.steps.brand.items
    assert {"visual", "voice", "greeting", "promotions", "templates"} <= {i.aspect for i in items}
    assert any(len(set(i.channels.values())) > 1 for i in items)


def test_example_round_trips_byte_identically() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert to_yaml(load_audit(EXAMPLE)) == text
