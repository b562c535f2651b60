"""The assessment of the shipped example: exact scores, levels and finding ids.

When the example or the checklists change on purpose, update these numbers in the same commit.
"""

from __future__ import annotations

import pytest

from omniready.assess import Assessment, assess
from omniready.audit.store import load_audit
from omniready.checklist import load_checklist
from omniready.resources import example_audit


@pytest.fixture(scope="module")
def result() -> Assessment:
    return assess(load_audit(example_audit()), load_checklist())


def test_overall(result: Assessment) -> None:
    assert result.score == 47.0
    assert result.level is not None and result.level.number == 3
    assert result.level.name.es == "Definida"


def test_steps(result: Assessment) -> None:
    got = {
        s.step: (s.score, s.level.number if s.level else None, s.target.number, s.answered, s.total)
        for s in result.steps
    }
    assert got == {
        "tools": (45.4, 3, 4, 11, 11),
        "processes": (40.4, 3, 4, 13, 13),
        "segments": (48.3, 3, 4, 10, 10),
        "metrics": (55.3, 3, 3, 15, 15),
        "brand": (48.1, 3, 4, 22, 22),  # 12 answers and the 10 checks of the scan
    }
    assert [n.question for n in result.step("segments").na] == ["segments.reviewed-yearly"]


def test_findings_are_causes(result: Assessment) -> None:
    assert [f.id for f in result.findings] == [
        "channel-capacity",
        "context-handoff",
        "one-procedure",
        "unique-users",
        "customer-record",
        "business-rules",
        "promotions",
        "backoffice-ownership",
        "self-service",
        "measurement",
        "no-shows",
        "brand-identity",
    ]
    # The bar: at most 15 findings, each a distinct cause, at least 5 cross-step.
    assert len({f.id for f in result.findings}) == len(result.findings) <= 15
    assert sum(f.cross_step for f in result.findings) >= 5


def test_first_horizon(result: Assessment) -> None:
    assert [i.id for i in result.roadmap if i.horizon == "30d"] == [
        "cause:one-procedure",
        "cause:unique-users",
        "question:tools.inventory-complete",
        "cause:customer-record",
        "cause:context-handoff",
    ]
    assert result.score_after_first == 61.5
