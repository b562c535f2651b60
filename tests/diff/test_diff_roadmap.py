"""diff tells the truth about the roadmap: closed only when the work is done, a worse answer is a
regression, an item that left the plan unfinished is still open."""

from __future__ import annotations

from types import SimpleNamespace

from omniready.checklist import Checklist
from omniready.diff.compare import diff_audits
from omniready.diff.model import regressions

API = "steps__tools__answers__tools.api-available"


def statuses(diff: object) -> dict[str, str]:
    return {r.id: r.status for r in diff.roadmap}  # type: ignore[attr-defined]


def raising(old: object, question: str) -> str:
    """The id of the old roadmap's action that raises `question`."""
    from omniready.assess import assess
    from omniready.checklist import load_checklist

    roadmap = assess(old, load_checklist()).roadmap  # type: ignore[arg-type]
    return next(i.id for i in roadmap if question in i.questions)


def test_an_answer_that_got_worse_is_a_regression_never_closed(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    old = mk.audit(**{API: {"answer": "most"}})
    new = mk.audit(**{API: {"answer": "none"}})
    diff = diff_audits(old, new, checklist)
    action = raising(old, "tools.api-available")
    assert statuses(diff)[action] == "regressed"
    assert "closed" not in statuses(diff).values()
    found = [r for r in regressions(diff) if r.kind == "roadmap"]
    assert [r.finding for r in found] == [action]


def test_closed_when_its_questions_reach_full_marks(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    old = mk.audit(
        **{API: {"answer": "half"}}, steps__segments__segments=[], steps__tools__inventory=[]
    )
    new = mk.audit(
        **{API: {"answer": "all"}}, steps__segments__segments=[], steps__tools__inventory=[]
    )
    diff = diff_audits(old, new, checklist)
    assert statuses(diff)[raising(old, "tools.api-available")] == "closed"
    assert not [r for r in regressions(diff) if r.kind == "roadmap"]


def test_an_action_that_left_the_plan_unfinished_is_still_open(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    """The handoff is fixed and the answer improved to "most": the cause's finding is gone and
    the step reached its target, but the question is short of full marks: not closed."""
    journey = mk.raw()["steps"]["processes"]["journeys"][0]
    carried = {**journey, "steps": [dict(s, context_carried=True) for s in journey["steps"]]}
    new = mk.audit(
        steps__processes__journeys=[carried],
        steps__processes__answers={"processes.context-on-handoff": {"answer": "most"}},
    )
    diff = diff_audits(mk.audit(), new, checklist)
    got = statuses(diff)
    assert got["cause:context-handoff"] == "open"


def test_threshold_applies_to_a_regressed_action(mk: SimpleNamespace, checklist: Checklist) -> None:
    old = mk.audit(**{API: {"answer": "most"}})
    diff = diff_audits(old, mk.audit(**{API: {"answer": "none"}}), checklist)
    drop = -next(s.score.delta for s in diff.steps if s.step == "tools")
    assert [r for r in regressions(diff, drop) if r.kind == "roadmap"] == []
    assert statuses(diff)[raising(old, "tools.api-available")] == "regressed"  # still listed
