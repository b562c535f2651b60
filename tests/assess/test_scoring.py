"""Scores per question, step and overall; levels; targets; n/a left out and listed with reasons."""

from __future__ import annotations

from typing import Any

import pytest

from omniready.assess import assess
from omniready.assess.policy import load_policy
from omniready.checklist import Condition


@pytest.fixture
def checklist(mk: Any) -> Any:
    return mk.checklist(
        mk.question("tools.api", 3),
        mk.question("tools.crm", 1, "yesno"),
        mk.question("tools.count", 1, "number"),
        mk.question("processes.a", 1),
        mk.question("processes.b", 1),
        mk.question(
            "processes.c", 2, applies_if=Condition(question="processes.a", **{"in": ["all"]})
        ),
        mk.question("brand.x"),
    )


def answers(step: str, **values: Any) -> dict[str, Any]:
    return {step: {"answers": {k.replace("_", "."): v for k, v in values.items()}}}


def test_weighted_step_score_and_overall(mk: Any, checklist: Any) -> None:
    audit = mk.audit(
        tools={"answers": {"tools.api": {"answer": "half"}, "tools.crm": {"answer": True}}},
        processes={
            "answers": {"processes.a": {"answer": "none"}, "processes.b": {"answer": "all"}}
        },
    )
    result = assess(audit, checklist, rules=())
    # tools: (3 x 0.5 + 1 x 1) / 4 = 62.5; processes: (0 + 1) / 2 = 50
    assert result.step("tools").score == 62.5
    assert result.step("processes").score == 50.0
    # overall: step weights 0.25 and 0.25, the unscored steps left out
    assert result.score == 56.2  # 56.25 rounded to one decimal
    assert result.step("segments").score is None and result.step("segments").level is None
    assert result.question("tools.api").score == 0.5
    assert result.question("tools.count").status == "unanswered"


def test_na_and_unknown_are_left_out_and_na_listed(mk: Any, checklist: Any) -> None:
    audit = mk.audit(
        tools={
            "answers": {
                "tools.api": {"na": True, "note": "no integrations yet"},
                "tools.crm": {"answer": False},
                "tools.count": {"answer": 4},
            }
        },
        brand={"answers": {"brand.x": {"answer": "unknown"}}},
    )
    result = assess(audit, checklist, rules=())
    tools = result.step("tools")
    assert tools.score == 0.0  # only tools.crm counts; the n/a weight 3 is not a zero
    assert [(n.question, n.reason.en) for n in tools.na] == [("tools.api", "no integrations yet")]
    assert (tools.answered, tools.total, tools.coverage) == (3, 3, 1.0)
    assert result.question("tools.count").status == "info"
    brand = result.step("brand")
    assert brand.score is None and brand.coverage == 1.0
    assert result.question("brand.x").status == "unknown"


def test_conditional_question_not_asked_is_listed_with_its_condition(
    mk: Any, checklist: Any
) -> None:
    audit = mk.audit(processes={"answers": {"processes.a": {"answer": "none"}}})
    step = assess(audit, checklist, rules=()).step("processes")
    assert step.total == 2 and step.answered == 1 and step.coverage == 0.5
    assert [n.question for n in step.na] == ["processes.c"]
    assert step.na[0].reason.en == "Not asked: processes.a = none"


def test_nothing_answered_has_no_score(mk: Any, checklist: Any) -> None:
    result = assess(mk.audit(), checklist, rules=())
    assert result.score is None and result.level is None
    assert all(s.coverage == 0 for s in result.steps)


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, 1), (19.9, 1), (20, 2), (39.9, 2), (40, 3), (60, 4), (79.9, 4), (80, 5), (100, 5)],
)
def test_level_bands(score: float, level: int) -> None:
    found = load_policy().level_of(score)
    assert found is not None and found.number == level


def test_level_names_in_both_languages() -> None:
    names = [load_policy().level(n).name for n in range(1, 6)]
    assert [n.es for n in names] == ["Inicial", "Emergente", "Definida", "Integrada", "Optimizada"]
    assert [n.en for n in names] == ["Initial", "Emerging", "Defined", "Integrated", "Optimized"]


def test_targets_default_and_set(mk: Any, checklist: Any) -> None:
    result = assess(mk.audit(targets={"tools": 2}), checklist, rules=())
    assert result.step("tools").target.number == 2
    assert result.step("brand").target.number == load_policy().default_target


def test_renamed_question_answer_counts(mk: Any) -> None:
    renamed = mk.question("tools.new", 1, replaces=["tools.old"])
    audit = mk.audit(tools={"answers": {"tools.old": {"answer": "all"}}})
    assert assess(audit, mk.checklist(renamed), rules=()).step("tools").score == 100.0


def test_assess_is_pure_and_repeatable(mk: Any, checklist: Any) -> None:
    audit = mk.audit(tools={"answers": {"tools.api": {"answer": "half"}}})
    assert assess(audit, checklist) == assess(audit, checklist)


def test_assess_reads_nothing_when_given_rules_and_policy(
    mk: Any, checklist: Any, monkeypatch: Any
) -> None:
    """The loaders are the edge: with rules and policy given, assess touches no file."""
    from dataclasses import replace

    import omniready.assess as assess_pkg

    policy = replace(load_policy(), coverage_warning=0.5)
    assess_pkg.shipped_inputs.cache_clear()

    def no_io(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("assess read a file")

    monkeypatch.setattr(assess_pkg, "load_rules", no_io)
    monkeypatch.setattr(assess_pkg, "load_policy", no_io)
    audit = mk.audit(tools={"answers": {"tools.api": {"answer": "half"}}})
    result = assess(audit, checklist, (), policy)
    assert result.coverage_min == 0.5
    monkeypatch.undo()
    assess_pkg.shipped_inputs.cache_clear()


def test_overall_coverage_and_provisional_score(mk: Any) -> None:
    checklist = mk.checklist(mk.question("tools.a"), mk.question("tools.b"), mk.question("brand.c"))
    audit = mk.audit(tools={"answers": {"tools.a": {"answer": "all"}}})
    result = assess(audit, checklist, rules=())
    assert (result.answered, result.total, result.coverage) == (1, 3, 0.333)
    assert result.coverage_min == load_policy().coverage_warning == 0.8
    assert result.unscored_steps == ("processes", "segments", "metrics", "brand")
    assert result.provisional
    assert result.step("tools").unanswered == ("tools.b",)
    assert result.step("brand").unanswered == ("brand.c",)
    full = mk.audit(
        tools={"answers": {"tools.a": {"answer": "all"}, "tools.b": {"answer": "half"}}},
        brand={"answers": {"brand.c": {"answer": "none"}}},
    )
    done = assess(full, mk.checklist(mk.question("tools.a"), mk.question("tools.b")), rules=())
    assert done.coverage == 1.0 and done.step("tools").unanswered == ()
