"""The roadmap: impact = weight x shortfall or severity points; three horizons toward targets."""

from __future__ import annotations

from typing import Any

from omniready.assess import assess
from omniready.assess.policy import load_policy
from omniready.assess.rules import shipped_rules


def test_horizons_by_impact() -> None:
    policy = load_policy()
    assert [policy.horizon_of(i) for i in (3, 2.5, 2, 1.25, 1, 0.2)] == [
        "30d",
        "30d",
        "1-3m",
        "1-3m",
        "3-12m",
        "3-12m",
    ]


def test_question_gaps_only_below_target_and_findings_grouped(mk: Any) -> None:
    checklist = mk.checklist(
        mk.question("tools.api", 3), mk.question("brand.x", 1), mk.question("processes.privacy", 2)
    )
    audit = mk.audit(
        targets={"brand": 1},
        tools={"answers": {"tools.api": {"answer": "none"}}},
        brand={"answers": {"brand.x": {"answer": "none"}}},
        processes={"answers": {"processes.privacy": {"answer": "none"}}},
        metrics={
            "channels": {"web": {"abandonment_rate": 0.3}, "phone": {"abandonment_rate": 0.4}}
        },
    )
    rules = tuple(r for r in shipped_rules() if r.id in {"abandonment-high", "privacy-weak"})
    roadmap = assess(audit, checklist, rules=rules).roadmap
    items = {i.id: i for i in roadmap}
    # brand reached its target (level 1), so its gap waits; privacy is covered by its finding.
    assert set(items) == {"finding:abandonment-high", "finding:privacy-weak", "question:tools.api"}
    grouped = items["finding:abandonment-high"]
    assert grouped.findings == ("abandonment-high:phone", "abandonment-high:web")
    assert grouped.title.en == "High abandonment (2 cases)"
    # Channels by their names in each language, never by id.
    assert "Phone, Web" in grouped.remediation.en
    assert "Teléfono, Web" in grouped.remediation.es
    assert items["question:tools.api"].impact == 3.0
    assert [i.horizon for i in roadmap] == ["30d", "30d", "30d"]
    assert items["question:tools.api"].remediation.en == "Improve tools.api"
