"""Formats are pure functions of an AuditDiff; expected outputs live as files beside the tests.

Regenerate them after an intended change with: OMNIREADY_REGENERATE=1 pytest tests/diff
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from omniready.assess.model import Level
from omniready.checklist import Text
from omniready.diff.choices import Format
from omniready.diff.formats import render
from omniready.diff.model import (
    AddressShareChange,
    AnswerChange,
    AuditDiff,
    FieldChange,
    FindingChange,
    FindingCountChange,
    MetricChange,
    RecordChange,
    RoadmapChange,
    ScanCellChange,
    ScanDiff,
    ScoreDelta,
    StepDelta,
)

EXPECTED = Path(__file__).resolve().parent / "expected"
SUFFIX = {Format.text: "txt", Format.md: "md", Format.json: "json"}


def t(en: str, es: str | None = None) -> Text:
    return Text(es=es or en, en=en)


L2, L3 = Level(2, t("Emerging", "Emergente")), Level(3, t("Defined", "Definida"))


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
                old_label=t("Half", "La mitad"),
                new_label=t("Most", "La mayoría"),
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
                "tools.marketplace-sales",
                "tools",
                "changed",
                t("Sells on marketplaces?", "¿Vende en marketplaces?"),
                "no",
                "yes",
                None,
                None,
                old_label=t("No"),
                new_label=t("Yes", "Sí"),
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
                "waivers",
                "helpdesk/no-webhooks",
                None,
                "changed",
                (FieldChange("expires", "2026-06-30", "2026-12-31"),),
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
        scan=ScanDiff(
            dt.date(2025, 11, 3),
            dt.date(2026, 11, 3),
            cells=(
                ScanCellChange("names", NAMES, "email", "changed", "ok", "finding"),
                ScanCellChange("logo", t("Logo"), "web", "added", None, "ok"),
                ScanCellChange(
                    "audio",
                    t("Audio identity", "Identidad sonora"),
                    "ivr",
                    "removed",
                    "finding",
                    None,
                ),
            ),
            address=(
                AddressShareChange("email", "tu", 1.0, 0.5),
                AddressShareChange("email", "usted", 0.0, 0.5),
            ),
            counts=(FindingCountChange("names", NAMES, 0, 1),),
        ),
    )


NAMES = t("Brand name", "Nombre de marca")


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_format_matches_its_expected_file(fmt: Format, lang: str) -> None:
    out = render(sample(), fmt, lang=lang)
    path = EXPECTED / f"sample.{lang}.{SUFFIX[fmt]}"
    if os.environ.get("OMNIREADY_REGENERATE") == "1":  # the one switch, as tests/render
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_every_format_choice_renders() -> None:
    # The Enum is the CLI's list; render() ends in assert_never, so mypy proves the mapping.
    assert {f.value for f in Format} == {"text", "md", "json"}
    for fmt in Format:
        assert render(sample(), fmt).endswith("\n")
    with pytest.raises(AssertionError, match="Expected code to be unreachable"):
        render(sample(), "pdf")  # type: ignore[arg-type]


def test_markdown_shows_no_zero_deltas_and_the_checklist_only_when_it_changed() -> None:
    md = render(sample(), Format.md, lang="en")
    assert "| Metrics | 46.3 | = | 3 Defined |" in md
    assert "+0.0" not in md and "3 Defined → 3 Defined" not in md
    assert md.startswith("## Acme Retail SpA: core@2025.1 → core@2026.1\n")
    same = replace(sample(), checklist_old="core@2026.1")
    assert render(same, Format.md, lang="en").startswith("## Acme Retail SpA\n")


def test_spanish_words_around_the_values() -> None:
    text = render(sample(), Format.text, lang="es")
    assert "      La mitad → La mayoría" in text  # option labels, not ids
    assert "evidencia: ∅ → vendors.xlsx" in text
    assert "traspaso web@purchase > store@post-sale: se pierde el contexto → se conserva" in text
    assert "capability.webhooks: No → Sí" in text
    assert "      No → Sí" in text
    assert "excepción helpdesk/no-webhooks" in text and "vence: 2026-06-30 → 2026-12-31" in text
    assert "[alta]" in text and "[30 días]" in text and "canal Teléfono" in text
    for english in ("evidence", "context lost", "[high]", " yes", "half → most"):
        assert english not in text


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
    assert [(r["kind"], r["step"], r["delta"], r["finding"]) for r in document["regressions"]] == [
        ("step", "processes", -1.5, None),
        ("finding", None, None, "context-lost-on-handoff:claim"),
    ]
    assert document["regressions"][0]["text"] == (
        "Attention processes score dropped 1.5 points (40.0 → 38.5)"
    )
    assert document["answers"][0]["old_label"] == "Half"
    assert set(document["waivers"]) == {"added", "removed", "changed"}


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


def test_the_catalogue_covers_every_handoff_severity_and_horizon_word() -> None:
    # Both languages hold the same keys (tests/test_texts.py); these are the values the
    # compare step produces, each of which must have a word rather than show as its id.
    from omniready.texts import group

    for lang in ("es", "en"):
        words = group("diff", lang)
        for key in ("context carried", "context lost", "context unknown"):
            assert f"context.{key}" in words, (lang, key)
        for key in ("high", "medium", "low"):
            assert f"severity.{key}" in words, (lang, key)
        for key in ("30d", "1-3m", "3-12m"):
            assert f"horizon.{key}" in words, (lang, key)
        assert words["words.yes"] in {"Sí", "Yes"}  # a bare yes: key would read as a boolean
