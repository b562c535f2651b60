"""The integration matrix: events flow from a webhook producer to an API consumer."""

from __future__ import annotations

from typing import Any

import pytest

from omniready.assess.matrix import API_CONFIRMED as API
from omniready.assess.matrix import capability, integration_matrix
from omniready.audit.model import Tool


def tool(tid: str, **extra: Any) -> Tool:
    return Tool.model_validate({"id": tid, "name": tid, **extra})


@pytest.mark.parametrize(
    ("claimed", "evidence", "expected"),
    [
        (True, None, "claimed"),
        (True, "spec", "verified"),
        (None, "reachable", "verified"),
        (True, "none", "unconfirmed"),
        (False, "none", "none"),
        (None, None, "none"),
    ],
)
def test_capability(claimed: bool | None, evidence: str | None, expected: str) -> None:
    assert capability(claimed, evidence, API)[0] == expected


def test_flows_from_producer_to_consumer_as_sure_as_the_weaker() -> None:
    matrix = integration_matrix(
        [
            tool(
                "shop",
                claims={"webhooks": True, "api": True},
                probe={
                    "status": "ok",
                    "api": {"evidence": "spec"},
                    "webhooks": {"evidence": "handshake"},
                },
            ),
            tool("crm", claims={"api": True}),
            tool("pos"),
        ]
    )
    assert matrix.flow("shop", "crm") == "claimed"
    assert matrix.flow("crm", "shop") == "none"  # crm sends no events
    assert matrix.flow("shop", "pos") == "none"  # pos takes none in
    assert matrix.flow("shop", "shop") == "none"
    rows = {t.id: cells for t, cells in matrix.rows()}
    assert rows["shop"] == ["none", "claimed", "none"]
    assert [(t.id, out, into) for t, out, into in matrix.reach()] == [
        ("shop", 1, 0),
        ("crm", 0, 1),
        ("pos", 0, 0),
    ]


def test_probe_record_read_as_plain_mapping_or_typed_record() -> None:
    typed = tool(
        "a",
        claims={"webhooks": True},
        probe={"status": "ok", "webhooks": {"evidence": "claimed-only"}},
    )
    assert integration_matrix([typed]).tools[0].emits == "unconfirmed"
    failed = tool(
        "b",
        claims={"webhooks": True},
        probe={"status": "connect", "webhooks": {"evidence": "none"}},
    )
    assert integration_matrix([failed]).tools[0].emits == "claimed"
