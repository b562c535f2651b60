"""Audits built from plain data, the shipped checklist and the data files the diff tests share."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from omniready.audit.model import Audit
from omniready.audit.store import to_yaml
from omniready.checklist import Checklist, load_checklist

DATA = Path(__file__).resolve().parents[1] / "data"
OLD_2025 = DATA / "acme-2025.schema1.audit.yaml"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-retail.audit.yaml"

BASE: dict[str, Any] = {
    "schema": 2,
    "checklist": "core@2026.1",
    "organization": {"name": "Acme"},
    "steps": {
        "tools": {
            "answers": {
                "tools.api-available": {"answer": "half", "note": "PBX has none"},
                "tools.webhooks-available": {"answer": "some"},
            },
            "inventory": [
                {
                    "id": "helpdesk",
                    "name": "Zendesk",
                    "channels": ["email", "phone"],
                    "claims": {"api": True, "webhooks": True},
                },
                {"id": "pos", "name": "POS", "channels": ["store"]},
            ],
        },
        "processes": {
            "answers": {"processes.context-on-handoff": {"answer": "some"}},
            "journeys": [
                {
                    "id": "buy-online-exchange",
                    "steps": [
                        {"phase": "purchase", "channel": "web"},
                        {"phase": "post-sale", "channel": "store", "context_carried": False},
                    ],
                },
            ],
        },
        "segments": {"segments": [{"id": "young", "share": 0.3, "age": "18-30"}]},
        "metrics": {
            "channels": {
                "whatsapp": {
                    "wait_p90_s": 300,
                    "abandonment_rate": 0.08,
                    "sla_attainment": 0.6,
                    "monthly_contacts": 12000,
                },
            },
        },
        "brand": {
            "items": [
                {
                    "id": "greeting",
                    "aspect": "greeting",
                    "channels": {"web": "Hola", "whatsapp": "¡Hola!"},
                }
            ]
        },
    },
}


def raw(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE; keyword `path__to__key=value` sets a nested value."""
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        node = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        node[last] = value
    return data


def audit(data: dict[str, Any] | None = None, **changes: Any) -> Audit:
    """An Audit from plain data (BASE with `changes` when no data is given)."""
    return Audit.model_validate(data if data is not None else raw(**changes))


def write(path: Path, value: Audit | dict[str, Any] | str) -> Path:
    """Write an audit, plain data or text to `path` and return it."""
    if isinstance(value, Audit):
        text = to_yaml(value)
    elif isinstance(value, dict):
        text = to_yaml(Audit.model_validate(value))
    else:
        text = value
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def checklist() -> Checklist:
    return load_checklist()


@pytest.fixture
def mk() -> SimpleNamespace:
    """The builders above (conftest modules are not importable by name)."""
    return SimpleNamespace(
        raw=raw, audit=audit, write=write, base=BASE, old_2025=OLD_2025, example=EXAMPLE, data=DATA
    )
