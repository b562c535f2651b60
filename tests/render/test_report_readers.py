"""The report for two readers: an executive page, per-step data, actions; ids and record paths
only in the technical annex; the roadmap as CSV."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from omniready.assess.rules import shipped_rules
from omniready.numbers import number
from omniready.render import Format, Report, render

ANCHORS = (
    "summary",
    "scores",
    "roadmap",
    "step-tools",
    "step-processes",
    "step-segments",
    "step-metrics",
    "step-brand",
    "annexes",
    "annex-roadmap",
    "detail",
    "na",
    "how",
    "technical",
)


def client_text(html: str) -> str:
    """The HTML a client reads: everything before the technical annex."""
    cut = html.index('<section id="technical">')
    return html[:cut]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_internal_paths_or_ids_in_client_text(example: Report, lang: str) -> None:
    html = render(Format.HTML, dataclasses.replace(example, lang=lang))
    client = client_text(html)
    for marker in ("steps.", "answers.", "journeys."):
        assert marker not in client, marker
    leaked = [r.id for r in shipped_rules() if r.id in client]
    assert leaked == []
    # They are in the annex, for whoever maintains the audit.
    annex = html[len(client) :]
    assert "abandonment-high" in annex and "metrics.channels.phone" in annex


def test_every_section_anchor_and_link(example: Report) -> None:
    html = render(Format.HTML, example)
    for anchor in ANCHORS:
        assert f'id="{anchor}"' in html, anchor
    # The executive page comes first, the annexes after every step.
    assert html.index('id="summary"') < html.index('id="step-tools"') < html.index('id="annexes"')


def test_executive_page(example: Report) -> None:
    html = render(Format.HTML, example)
    page = html[html.index('id="summary"') : html.index('id="scores"')]
    result = example.assessment
    # The level's definition, the three causes, the first three actions, the score after 30 days.
    assert "los canales aún no comparten cliente" in page
    for finding in result.findings[:3]:
        assert finding.title.es in page
    for item in result.roadmap[:3]:
        assert item.title.es in page
    after = number(result.score_after_first, "es")  # the figure is asserted in tests/assess
    assert f"el puntaje llegaría a {after} (nivel" in page


def test_per_step_data_tables(example: Report) -> None:
    html = render(Format.HTML, dataclasses.replace(example, lang="en"))
    tools = html[html.index('id="step-tools"') : html.index('id="step-processes"')]
    assert "Punto de venta (Bsale)" in tools and "not probed" in tools
    segments = html[html.index('id="step-segments"') : html.index('id="step-metrics"')]
    assert "Jóvenes digitales" in segments and "28%" in segments
    metrics = html[html.index('id="step-metrics"') : html.index('id="step-brand"')]
    assert "Abandonment" in metrics and "27%" in metrics and "typed" in metrics
    brand = html[html.index('id="step-brand"') : html.index('id="annexes"')]
    assert "Logo 2024, azul y naranja" in brand


def test_markdown_keeps_ids_to_its_technical_annex(example: Report) -> None:
    text = render(Format.MD, example)
    head, annex = text.split("## Anexo técnico")
    for marker in ("steps.", "answers.", "journeys."):
        assert marker not in head
    assert not [r.id for r in shipped_rules() if r.id in head]
    assert "`channel-capacity`" in annex


def test_roadmap_csv_for_a_project_plan(example: Report) -> None:
    rows = list(
        csv.reader(io.StringIO(render(Format.CSV, dataclasses.replace(example, lang="en"))))
    )
    assert rows[0][:6] == [
        "horizon",
        "order",
        "action",
        "owner",
        "effort",
        "expected gain (points)",
    ]
    body = rows[1:]
    assert len(body) == len(example.assessment.roadmap)
    first = [r for r in body if r[0] == "First 30 days"]
    assert 1 <= len(first) <= 5
    assert all(r[3] for r in body)  # an owner, or "to assign"
    assert {r[4] for r in body} <= {"S", "M", "L"}
    assert not any(r[2].endswith("?") for r in body)


def test_stale_probe_is_marked_in_the_inventory(example: Report) -> None:
    import datetime as dt

    from omniready.assess import assess
    from omniready.audit.probe_record import ProbeRecord
    from omniready.checklist import load_checklist

    tools = example.audit.steps.tools
    probed = {"probed_at": "2026-01-02T10:00:00Z", "status": "ok", "api": {"evidence": "spec"}}
    first = tools.inventory[0].model_copy(update={"probe": ProbeRecord.model_validate(probed)})
    steps = example.audit.steps.model_copy(
        update={"tools": tools.model_copy(update={"inventory": [first, *tools.inventory[1:]]})}
    )
    audit = example.audit.model_copy(update={"steps": steps})
    for day, stale in ((dt.date(2026, 3, 1), False), (dt.date(2026, 6, 1), True)):
        result = assess(audit, load_checklist(), as_of=day)
        page = render(Format.HTML, dataclasses.replace(example, audit=audit, assessment=result))
        tools_part = page[page.index('id="step-tools"') : page.index('id="step-processes"')]
        assert "2026-01-02" in tools_part and "confirmado" in tools_part
        assert ("desactualizada" in tools_part) is stale
