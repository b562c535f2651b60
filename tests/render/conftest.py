"""Reports of the shipped example and of a hostile audit, built once per test session."""

from __future__ import annotations

import pytest

from omniready.assess import assess
from omniready.audit.model import Audit
from omniready.audit.store import load_audit
from omniready.checklist import Checklist, load_checklist
from omniready.render import Report
from omniready.resources import example_audit

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="session")
def checklist() -> Checklist:
    return load_checklist()


@pytest.fixture(scope="session")
def example(checklist: Checklist) -> Report:
    audit = load_audit(example_audit())
    return Report(audit=audit, assessment=assess(audit, checklist), lang="es")


@pytest.fixture(scope="session")
def hostile(checklist: Checklist) -> Report:
    """An audit whose every free text tries to inject markup."""
    audit = Audit.model_validate(
        {
            "organization": {"name": HOSTILE, "industry": '"><img src=x onerror=alert(2)>'},
            "assessor": "</title><script>alert(3)</script>",
            "steps": {
                "tools": {
                    "answers": {
                        "tools.central-customer-record": {"answer": "some", "note": HOSTILE}
                    },
                    "inventory": [
                        {
                            "id": "crm",
                            "name": "<b>CRM</b>",
                            "channels": ["web"],
                            "claims": {"api": True, "webhooks": True},
                        },
                        {
                            "id": "pos",
                            "name": "POS & <i>",
                            "channels": ["store"],
                            "claims": {"api": True},
                        },
                    ],
                },
                "processes": {
                    "answers": {"processes.privacy": {"na": True, "note": HOSTILE}},
                    "journeys": [
                        {
                            "id": "j1",
                            "name": "<svg onload=alert(4)>",
                            "steps": [
                                {
                                    "phase": "purchase",
                                    "channel": "web",
                                    "owner": HOSTILE,
                                    "activity": '"]; click s1 "javascript:alert(5)"',
                                },
                                {
                                    "phase": "post-sale",
                                    "channel": "store",
                                    "context_carried": False,
                                    "activity": "| table | break `code`",
                                },
                            ],
                        }
                    ],
                },
                "brand": {
                    "items": [
                        {
                            "id": "hi",
                            "aspect": "greeting",
                            "channels": {"web": HOSTILE, "store": "Hola"},
                        }
                    ]
                },
            },
        }
    )
    return Report(audit=audit, assessment=assess(audit, checklist), lang="en")
