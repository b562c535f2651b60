"""The assessment of the shipped example: exact scores, levels and finding ids.

When the example or the checklists change on purpose, update these numbers in the same commit.
"""

from __future__ import annotations

import pytest

from omniready.assess import Assessment, assess
from omniready.audit.store import load_audit
from omniready.checklist import load_checklist
from omniready.resources import example_audit


@pytest.fixture(scope="module")
def result() -> Assessment:
    return assess(load_audit(example_audit()), load_checklist())


def test_overall(result: Assessment) -> None:
    assert result.score == 46.8
    assert result.level is not None and result.level.number == 3
    assert result.level.name.es == "Definida"


def test_steps(result: Assessment) -> None:
    got = {
        s.step: (s.score, s.level.number if s.level else None, s.target.number, s.answered, s.total)
        for s in result.steps
    }
    assert got == {
        "tools": (45.5, 3, 4, 12, 12),
        "processes": (40.4, 3, 4, 12, 12),
        "segments": (48.3, 3, 4, 10, 10),
        "metrics": (55.3, 3, 3, 12, 12),
        "brand": (47.1, 3, 4, 11, 11),
    }
    assert [n.question for n in result.step("segments").na] == ["segments.reviewed-yearly"]


def test_finding_ids(result: Assessment) -> None:
    assert [f.id for f in result.findings] == [
        "context-lost-on-handoff:compra-online-cambio-tienda",
        "context-lost-on-handoff:reclamo-redes-llamada",
        "context-lost-on-handoff:cita-servicio-tecnico",
        "context-lost-on-handoff:asesoria-whatsapp-compra-tienda",
        "process-differs-by-channel",
        "handoff-context-policy-missing",
        "abandonment-high:instagram",
        "abandonment-high:phone",
        "abandonment-high:store",
        "abandonment-high:web",
        "business-rules-inconsistent",
        "promotions-inconsistent",
        "rule-missing-in-channel:cyberday-2026",
        "rule-missing-in-channel:plazo-cambios",
        "channel-without-sla:appointments",
        "channel-without-sla:email",
        "sla-missed:instagram",
        "sla-missed:phone",
        "sla-missed:store",
        "sla-missed:web",
        "sla-missed:whatsapp",
        "no-show-high:appointments",
        "channel-metrics-missing:facebook",
        "wait-above-sla:instagram",
        "wait-above-sla:phone",
        "wait-above-sla:store",
        "wait-above-sla:web",
        "wait-above-sla:whatsapp",
        "brand-inconsistent:logo",
        "brand-inconsistent:tono",
        "brand-inconsistent:saludo",
        "brand-inconsistent:espera-telefonica",
        "brand-inconsistent:cyberday-2026",
        "brand-inconsistent:plazo-cambios",
        "brand-inconsistent:plantillas-respuesta",
    ]


def test_first_horizon(result: Assessment) -> None:
    assert [i.id for i in result.roadmap if i.horizon == "30d"] == [
        "finding:abandonment-high",
        "finding:context-lost-on-handoff",
        "finding:handoff-context-policy-missing",
        "finding:process-differs-by-channel",
    ]
    assert len(result.roadmap) == 45
