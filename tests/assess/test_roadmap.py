"""The roadmap: actions per cause and per question gap, prerequisites first, horizons of limited
size, each with owner, effort and expected gain."""

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


def _audit(mk: Any, **extra: Any) -> Any:
    return mk.audit(
        targets={"brand": 1, **extra.pop("targets", {})},
        tools={"answers": {"tools.api": {"answer": "none", "respondent": "IT"}}},
        brand={"answers": {"brand.x": {"answer": "none"}}},
        processes={"answers": {"processes.privacy": {"answer": "none"}}},
        metrics={
            "channels": {"web": {"abandonment_rate": 0.3}, "phone": {"abandonment_rate": 0.4}},
            **extra.pop("metrics", {}),
        },
        **extra,
    )


def test_question_gaps_below_target_and_one_action_per_cause(mk: Any) -> None:
    checklist = mk.checklist(
        mk.question("tools.api", 3), mk.question("brand.x", 1), mk.question("processes.privacy", 2)
    )
    rules = tuple(r for r in shipped_rules() if r.id in {"abandonment-high", "privacy-weak"})
    roadmap = assess(_audit(mk), checklist, rules=rules).roadmap
    items = {i.id: i for i in roadmap}
    # brand reached its target (level 1), so its gap waits; privacy is covered by its finding.
    assert set(items) == {"cause:channel-capacity", "cause:privacy-weak", "question:tools.api"}
    capacity = items["cause:channel-capacity"]
    assert capacity.findings == ("channel-capacity",)
    # The title is the cause's action, in the imperative; the advice per channel kind.
    assert capacity.title.en.startswith("Match the capacity")
    assert "call-back" in capacity.remediation.en and "Phone" in capacity.remediation.en
    assert "Web" in capacity.remediation.en and "Teléfono" in capacity.remediation.es
    assert capacity.effort == "M"
    api = items["question:tools.api"]
    assert api.title.en == "Improve tools.api" and api.owner == "IT"
    # All of tools rests on that one question: full marks move the step 100 points.
    assert api.gain > 0 and dict(api.step_gains) == {"tools": 100.0}
    assert items["cause:privacy-weak"].owner is None  # nobody named: "to assign" in reports


def test_prerequisites_first_whatever_the_target(mk: Any) -> None:
    checklist = mk.checklist(
        mk.question("tools.api", 3),
        mk.question("metrics.unique-users", 2, type_="yesno"),
        mk.question("metrics.other", 1),
    )
    audit = mk.audit(
        targets={"metrics": 1},
        tools={"answers": {"tools.api": {"answer": "none"}}},
        metrics={
            "answers": {
                "metrics.unique-users": {"answer": False},
                "metrics.other": {"answer": "half"},
            }
        },
    )
    roadmap = assess(audit, checklist, rules=()).roadmap
    # metrics reached its target, yet counting unique users comes first: it is a prerequisite;
    # the other metrics gap waits for a step below target.
    assert [i.id for i in roadmap] == ["question:metrics.unique-users", "question:tools.api"]
    assert roadmap[0].prerequisite and roadmap[0].horizon == "30d"
    assert not roadmap[1].prerequisite


def test_first_horizon_holds_at_most_five(mk: Any) -> None:
    questions = [mk.question(f"tools.q{i}", 3) for i in range(9)]
    audit = mk.audit(tools={"answers": {f"tools.q{i}": {"answer": "none"} for i in range(9)}})
    roadmap = assess(audit, mk.checklist(*questions), rules=()).roadmap
    horizons = [i.horizon for i in roadmap]
    assert horizons.count("30d") == 5 and horizons.count("1-3m") == 4


def test_example_roadmap_is_actions(example: Any) -> None:
    first = [i for i in example.roadmap if i.horizon == "30d"]
    assert 1 <= len(first) <= 5
    for item in example.roadmap:
        for text in (item.title.es, item.title.en):
            assert "?" not in text and "¿" not in text, text
            assert "steps." not in text and "answers." not in text
    # The method's prerequisites lead, and unique users reach the plan though metrics is on target.
    assert first[0].prerequisite
    assert any("metrics.unique-users" in i.questions for i in first)
    assert example.score_after_first is not None and example.score is not None
    assert example.score_after_first > example.score
