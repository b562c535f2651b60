"""Small audits and checklists built in the tests, so each case shows exactly what it needs."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from omniready.audit.model import Audit
from omniready.checklist import YESNO, Checklist, Option, Question, Text

COVERAGE = [
    Option(value="none", score=0, label=Text(es="No", en="No")),
    Option(value="half", score=0.5, label=Text(es="Mitad", en="Half")),
    Option(value="all", score=1, label=Text(es="Todos", en="All")),
    Option(value="unknown", score=None, label=Text(es="No se sabe", en="Unknown")),
]
TITLES = {
    s: Text(es=s.capitalize(), en=s.capitalize())
    for s in ("tools", "processes", "segments", "metrics", "brand")
}


def question(qid: str, weight: float = 1.0, type_: str = "scale", **extra: Any) -> Question:
    """A question with the coverage scale (or yes/no), bilingual text and remediation."""
    options = YESNO if type_ == "yesno" else COVERAGE if type_ == "scale" else []
    options = extra.pop("options", options)
    return Question(
        id=qid,
        weight=weight,
        type=type_,
        options=options,  # type: ignore[arg-type]
        text=Text(es=f"¿{qid}?", en=f"{qid}?"),
        remediation=Text(es=f"Mejorar {qid}", en=f"Improve {qid}"),
        **extra,
    )


def make_checklist(*questions: Question) -> Checklist:
    return Checklist(name="test", version="1", titles=TITLES, questions=list(questions))


def make_audit(**steps: Any) -> Audit:
    """An audit from plain data: make_audit(tools={...}, processes={...}, targets={...})."""
    targets = steps.pop("targets", {})
    name = steps.pop("name", "Test Org")
    return Audit.model_validate(
        {"organization": {"name": name}, "targets": targets, "steps": steps}
    )


@pytest.fixture
def mk() -> SimpleNamespace:
    """The builders above, for tests (conftest modules are not importable by name)."""
    return SimpleNamespace(question=question, checklist=make_checklist, audit=make_audit)


@pytest.fixture(scope="session")
def example() -> Any:
    """The shipped example's assessment."""
    from omniready.assess import assess
    from omniready.audit.store import load_audit
    from omniready.checklist import load_checklist
    from omniready.resources import example_audit

    return assess(load_audit(example_audit()), load_checklist())
