"""Probe evidence counts in the tools score: confirmed over a claim alone, a contradicted claim
under it, a stale probe shown as stale and counted as the claim alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from omniready.assess import assess
from omniready.assess.evidence import QUESTION_ID

CLAIMS = {"api": True, "webhooks": True}


def tools_score(mk: Any, probe: dict[str, Any] | None, as_of: dt.date | None = None) -> Any:
    tool = {"id": "crm", "name": "CRM", "channels": ["web"], "claims": CLAIMS}
    if probe is not None:
        tool["probe"] = probe
    checklist = mk.checklist(mk.question("tools.api", 1))
    audit = mk.audit(
        tools={"answers": {"tools.api": {"answer": "half"}}, "inventory": [tool]},
    )
    return assess(audit, checklist, rules=(), as_of=as_of)


def probe(api: str, hooks: str, day: str = "2026-03-01T10:00:00Z") -> dict[str, Any]:
    return {
        "probed_at": day,
        "status": "ok",
        "api": {"evidence": api},
        "webhooks": {"evidence": hooks},
    }


def test_confirmed_counts_over_claim_and_contradicted_under(mk: Any) -> None:
    claimed = tools_score(mk, None)
    confirmed = tools_score(mk, probe("spec", "declared"), dt.date(2026, 3, 2))
    denied = tools_score(mk, probe("none", "none"), dt.date(2026, 3, 2))
    assert claimed.question(QUESTION_ID).score == 0.5
    assert confirmed.question(QUESTION_ID).score == 1.0
    assert denied.question(QUESTION_ID).score == 0.0
    scores = [r.step("tools").score for r in (denied, claimed, confirmed)]
    assert scores == sorted(scores) and len(set(scores)) == 3
    # Not a checklist question: scored, never counted as an answered question.
    assert claimed.step("tools").total == 1


@pytest.mark.parametrize(("days", "stale"), [(90, False), (91, True)])
def test_probe_older_than_the_limit_is_stale(mk: Any, days: int, stale: bool) -> None:
    as_of = dt.date(2026, 3, 1) + dt.timedelta(days=days)
    result = tools_score(mk, probe("spec", "declared"), as_of)
    assert result.stale_probes == (("crm",) if stale else ())
    # A stale confirmation proves nothing any more: only the claim counts.
    assert result.question(QUESTION_ID).score == (0.5 if stale else 1.0)


def test_no_inventory_no_evidence_item(mk: Any) -> None:
    result = assess(mk.audit(), mk.checklist(mk.question("tools.api", 1)), rules=())
    assert all(q.id != QUESTION_ID for q in result.questions)
