"""Formats are pure functions of an AuditDiff; expected outputs live as files beside the tests.

Regenerate them after an intended change with: OMNIREADY_UPDATE_EXPECTED=1 pytest tests/diff
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from omniready.checklist import Text
from omniready.diff.formats import Format, render
from omniready.diff.model import (
    AnswerChange,
    AuditDiff,
    FieldChange,
    FindingChange,
    LevelRef,
    MetricChange,
    RecordChange,
    RoadmapChange,
    ScoreDelta,
    StepDelta,
)

EXPECTED = Path(__file__).resolve().parent / "expected"
SUFFIX = {Format.text: "txt", Format.md: "md", Format.json: "json"}


def t(en: str, es: str | None = None) -> Text:
    return Text(es=es or en, en=en)


L2, L3 = LevelRef(2, t("Emerging", "Emergente")), LevelRef(3, t("Defined", "Definida"))


def sample() -> AuditDiff:
    """A diff with one of every kind of change, written by hand so format tests need no data."""
    steps = (
        StepDelta(
            "tools",
            t("Tools and channels", "Herramientas y canales"),
            ScoreDelta(33.2, 45.5, L2, L3),
        ),
        StepDelta(
            "processes",
            t("Attention processes", "Procesos de atención"),
            ScoreDelta(40.0, 38.5, L3, L2),
        ),
        StepDelta("segments", t("Segments", "Segmentos"), ScoreDelta(None, 50.0, None, L3)),
        StepDelta("metrics", t("Metrics", "Métricas"), ScoreDelta(46.3, 46.3, L3, L3)),
        StepDelta("brand", t("Brand", "Marca"), ScoreDelta(39.7, 47.1, L2, L3)),
    )
    return AuditDiff(
        organization_old="Acme Retail SpA",
        organization_new="Acme Retail SpA",
        checklist_old="core@2025.1",
        checklist_new="core@2026.1",
        overall=ScoreDelta(38.6, 46.8, L2, L3),
        steps=steps,
        answers=(
            AnswerChange(
                "tools.api-available",
                "tools",
                "changed",
                t("How many tools offer an API?", "¿Cuántas herramientas tienen API?"),
                "half",
                "most",
                50.0,
                75.0,
                fields=(FieldChange("evidence", None, "vendors.xlsx"),),
            ),
            AnswerChange(
                "tools.webhook-events",
                "tools",
                "changed",
                t("Webhooks | events?"),
                "some",
                "half",
                25.0,
                50.0,
                renamed_from="tools.hooks",
            ),
            AnswerChange(
                "processes.privacy", "processes", "removed", None, "defined", None, 50.0, None
            ),
        ),
        records=(
            RecordChange("tools", "crm", "CRM (HubSpot)", "added"),
            RecordChange("tools", "sheets", None, "removed"),
            RecordChange(
                "tools",
                "helpdesk",
                "Zendesk",
                "changed",
                (
                    FieldChange("capability.webhooks", False, True),
                    FieldChange("probe.api.operations", 40, 52),
                ),
            ),
            RecordChange(
                "journeys",
                "buy-online",
                "Buy online",
                "changed",
                (
                    FieldChange(
                        "handoff web@purchase > store@post-sale", "context lost", "context carried"
                    ),
                ),
            ),
            RecordChange(
                "brand",
                "greeting",
                None,
                "changed",
                (FieldChange("channels.whatsapp", None, "¡Hola!"),),
            ),
        ),
        metrics=(
            MetricChange("phone", "wait_p90_s", 780.0, 540.0, "better"),
            MetricChange("phone", "sla_attainment", 0.42, 0.35, "worse"),
            MetricChange("whatsapp", "monthly_contacts", None, 18500, "neutral"),
        ),
        findings=(
            FindingChange(
                "privacy-weak", "high", t("Privacy below the minimum"), ("processes",), "resolved"
            ),
            FindingChange(
                "context-lost-on-handoff:claim",
                "high",
                t("Context lost: claim"),
                ("processes", "tools"),
                "new",
            ),
        ),
        roadmap=(
            RoadmapChange(
                "finding:privacy-weak",
                "30d",
                t("Privacy below the minimum"),
                ("processes",),
                "closed",
            ),
        ),
    )


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_format_matches_its_expected_file(fmt: Format, lang: str) -> None:
    out = render(sample(), fmt, lang=lang)
    path = EXPECTED / f"sample.{lang}.{SUFFIX[fmt]}"
    if os.environ.get("OMNIREADY_UPDATE_EXPECTED"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_every_format_choice_renders() -> None:
    assert {f.value for f in Format} == {"text", "md", "json"}
    for fmt in Format:
        assert render(sample(), fmt).strip()


def test_json_has_the_minimum_keys() -> None:
    document = json.loads(render(sample(), Format.json, lang="en"))
    assert {"overall", "steps", "answers", "tools", "findings", "metrics"} <= document.keys()
    assert document["overall"] == {
        "old": 38.6,
        "new": 46.8,
        "delta": 8.2,
        "level_old": 2,
        "level_new": 3,
    }
    assert document["steps"]["processes"] == {
        "old": 40.0,
        "new": 38.5,
        "delta": -1.5,
        "level_old": 3,
        "level_new": 2,
    }
    assert set(document["tools"]) == {"added", "removed", "changed"}
    assert document["tools"]["changed"][0]["changes"][0] == {
        "field": "capability.webhooks",
        "old": False,
        "new": True,
    }
    assert set(document["findings"]) == {"resolved", "new"}
    assert document["regressions"] == [
        "processes score dropped 1.5 points",
        "new high-severity finding context-lost-on-handoff:claim",
    ]


def test_colour_only_when_asked() -> None:
    assert "\x1b[" not in render(sample(), Format.text)
    coloured = render(sample(), Format.text, color=True)
    assert "\x1b[" in coloured
    assert "[green]" not in coloured  # user text is never read as rich markup


def test_markdown_escapes_table_cells() -> None:
    assert "Webhooks \\| events?" in render(sample(), Format.md, lang="en")


def test_an_empty_diff_says_so() -> None:
    same = ScoreDelta(50.0, 50.0, L3, L3)
    empty = AuditDiff("A", "A", "c", "c", same, (StepDelta("tools", t("Tools"), same),))
    assert empty.empty
    for fmt, words in ((Format.text, "No changes."), (Format.md, "No changes.")):
        assert words in render(empty, fmt, lang="en")
