"""The integration matrix: which tools can send events to which, from claims and probe evidence."""

from __future__ import annotations

from functools import cache
from typing import Any

from omniready.assess.model import Confidence, IntegrationMatrix, ToolIntegration
from omniready.assess.names import both
from omniready.audit.model import Tool
from omniready.checklist import Text

# Probe evidence values that confirm a capability; anything else found by a probe denies it.
API_CONFIRMED = frozenset({"spec", "reachable"})
WEBHOOKS_CONFIRMED = frozenset({"declared", "handshake"})
_CONFIRMED = {"api": API_CONFIRMED, "webhooks": WEBHOOKS_CONFIRMED}


def probe_evidence(tool: Tool, part: str) -> str | None:
    """The evidence a probe saved for `api` or `webhooks`; None when it cannot tell.

    A probe that did not finish (status other than ok: dns, connect, timeout...) may still
    confirm a capability, but its "none" proves nothing, so it counts as no evidence.
    """
    probe = tool.probe
    if probe is None:
        return None
    block: Any = getattr(probe, part, None)
    # Read both the typed record and plain mappings: the probe record grows over time.
    raw = block.get("evidence") if isinstance(block, dict) else getattr(block, "evidence", None)
    if raw is None:
        return None
    evidence = str(raw)
    finished = (probe.status or "ok").lower() == "ok"
    return evidence if finished or evidence in _CONFIRMED[part] else None


# Cached: an inventory repeats the same few combinations, and each costs four catalogue lookups.
@cache
def capability(
    claimed: bool | None, evidence: str | None, confirmed: frozenset[str]
) -> tuple[Confidence, Text]:
    """Confidence in one capability and a short why in both languages (assess.matrix.*):
    probe evidence beats a claim."""
    if evidence in confirmed:
        return "verified", both("assess.matrix.verified", evidence=evidence)
    if claimed:
        if evidence is None:
            return "claimed", both("assess.matrix.claimed")
        return "unconfirmed", both("assess.matrix.unconfirmed", evidence=evidence)
    if evidence is not None:
        return "none", both("assess.matrix.probe-only", evidence=evidence)
    return "none", both("assess.matrix.no-claim")


def tool_integration(tool: Tool) -> ToolIntegration:
    """What one tool can emit (webhooks) and receive (API or web services)."""
    emits, emits_why = capability(
        tool.claims.webhooks, probe_evidence(tool, "webhooks"), WEBHOOKS_CONFIRMED
    )
    receive_claim = bool(tool.claims.api) or bool(tool.claims.web_services)
    receives, receives_why = capability(
        receive_claim or None, probe_evidence(tool, "api"), API_CONFIRMED
    )
    return ToolIntegration(
        id=tool.id,
        name=tool.name,
        channels=tuple(tool.channels),
        emits=emits,
        receives=receives,
        emits_evidence=emits_why,
        receives_evidence=receives_why,
    )


def integration_matrix(tools: list[Tool]) -> IntegrationMatrix:
    """The matrix for an inventory, stored per tool (cells are derived)."""
    return IntegrationMatrix(tools=tuple(tool_integration(t) for t in tools))
