"""Probe evidence in the tools score: a confirmed API or webhooks counts over a claim alone, a
claim the probe contradicts counts under it, and a probe older than the allowed age is stale."""

from __future__ import annotations

import datetime as dt

from omniready.assess.model import CONFIDENCES, Confidence, QuestionScore, ToolIntegration
from omniready.assess.names import both
from omniready.audit.model import Tool

QUESTION_ID = "tools.integration-evidence"
# What each confidence is worth: evidence 1, a claim alone half, a contradicted claim or no
# capability nothing.
WORTH: dict[Confidence, float] = {"verified": 1.0, "claimed": 0.5, "unconfirmed": 0.0, "none": 0.0}


def stale_tools(tools: list[Tool], as_of: dt.date | None, max_age_days: int) -> tuple[str, ...]:
    """Ids of tools whose probe is older than `max_age_days` on `as_of` (none without a date)."""
    if as_of is None:
        return ()
    out = []
    for tool in tools:
        when = tool.probe.probed_at if tool.probe is not None else None
        if when is not None and (as_of - when.date()).days > max_age_days:
            out.append(tool.id)
    return tuple(out)


def _fresh(confidence: Confidence, claimed: bool) -> Confidence:
    """A stale probe proves nothing either way: only the claim is left."""
    if confidence in {"verified", "unconfirmed"}:
        return "claimed" if claimed else "none"
    return confidence


def evidence_score(
    tools: list[Tool], matrix: tuple[ToolIntegration, ...], stale: tuple[str, ...], weight: float
) -> QuestionScore | None:
    """The inventory's integration evidence as one scored item of the tools step (0..1): the
    mean over tools of what their emitting and receiving capabilities are worth."""
    if not tools or weight <= 0:
        return None
    by_id = {t.id: t for t in tools}
    worth = []
    for row in matrix:
        tool = by_id[row.id]
        emits, receives = row.emits, row.receives
        if row.id in stale:
            emits = _fresh(emits, bool(tool.claims.webhooks))
            receives = _fresh(receives, bool(tool.claims.api or tool.claims.web_services))
        worth.append((WORTH[emits] + WORTH[receives]) / 2)
    score = round(sum(worth) / len(worth), 3)
    return QuestionScore(
        id=QUESTION_ID,
        step="tools",
        weight=weight,
        status="scored",
        score=score,
        answer=None,
        text=both("assess.integration-evidence.text"),
        remediation=both("assess.integration-evidence.remediation"),
    )


assert set(WORTH) == set(CONFIDENCES)
