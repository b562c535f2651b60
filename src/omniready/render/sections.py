"""The report's per-step data and executive summary, arranged for templates (decisions here,
none in the templates): inventory with claimed vs probed evidence, segments, channel figures,
brand items, the three causes and first actions, the roadmap split for two readers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from omniready.assess.model import Finding, RoadmapItem
from omniready.numbers import integer
from omniready.render.context import Report


@dataclass(frozen=True)
class ToolRow:
    """One inventory tool: what is claimed beside what the probe found, and when."""

    name: str
    category: str
    channels: str
    owner: str
    api_claim: str
    api_probe: str
    hooks_claim: str
    hooks_probe: str
    probed: str
    stale: bool


def _yes_no(report: Report, value: bool | None) -> str:
    return "—" if value is None else report.label("yes" if value else "no")


def _probed(report: Report, evidence: str | None) -> str:
    """A probe's evidence in words: confirmed, not found, or not probed."""
    if evidence is None:
        return report.label("not_probed")
    if evidence in {"spec", "reachable", "declared", "handshake"}:
        return report.label("probe_found")
    return report.label("probe_not_found")


def inventory(report: Report) -> list[ToolRow]:
    """The inventory's tools with claims, probe evidence and its date (stale ones marked)."""
    from omniready.assess.matrix import probe_evidence
    from omniready.channels import label

    stale = set(report.assessment.stale_probes)
    rows = []
    for tool in report.audit.steps.tools.inventory:
        probed = tool.probe.probed_at if tool.probe is not None else None
        rows.append(
            ToolRow(
                name=tool.name,
                category=tool.category or "",
                channels=", ".join(label(c, report.lang) for c in tool.channels),
                owner=tool.owner or report.label("to_assign"),
                api_claim=_yes_no(report, tool.claims.api),
                api_probe=_probed(report, probe_evidence(tool, "api")),
                hooks_claim=_yes_no(report, tool.claims.webhooks),
                hooks_probe=_probed(report, probe_evidence(tool, "webhooks")),
                probed=probed.date().isoformat() if probed else "",
                stale=tool.id in stale,
            )
        )
    return rows


def segments(report: Report) -> list[dict[str, str]]:
    """Segments with share, age, how they prefer to interact and their preferred channels."""
    from omniready.channels import label
    from omniready.render.text import percent

    return [
        {
            "name": s.name or s.id,
            "share": percent(s.share, report.lang) if s.share is not None else "—",
            "age": s.age or "—",
            "prefers": report.label(f"prefers_{s.prefers}") if s.prefers else "—",
            "channels": ", ".join(label(c, report.lang) for c in s.preferred_channels),
            "habits": s.habits or "",
        }
        for s in report.audit.steps.segments.segments
    ]


FIGURES = (
    "monthly_contacts",
    "unique_users",
    "wait_p90_s",
    "sla_target_s",
    "sla_attainment",
    "abandonment_rate",
    "incident_rate",
    "no_show_rate",
    "self_service_rate",
)


def channel_figures(report: Report) -> list[dict[str, Any]]:
    """Each measured channel's figures as people read them, with where they come from."""
    from omniready.assess.findings import show
    from omniready.channels import label

    metrics = report.audit.steps.metrics
    # `omniready metrics` writes `measured` (issue 10): its channels' figures are measured.
    record = getattr(metrics, "measured", None)
    measured = set(getattr(record, "channels", {}) or {})
    rows = []
    for channel, figures in sorted(metrics.channels.items()):
        values = {}
        for field in FIGURES:
            value = getattr(figures, field, None)
            values[field] = "—" if value is None else show(field, value)(report.lang)
        source = "measured" if channel in measured else "typed"
        rows.append(
            {
                "channel": label(channel, report.lang),
                "kind": report.label(f"kind_{figures.kind}") if figures.kind else "—",
                "values": values,
                "source": report.label(f"source_{source}"),
            }
        )
    return rows


def brand_items(report: Report) -> tuple[list[str], list[dict[str, Any]]]:
    """Brand items as a grid: the channels (columns) and each item's wording per channel."""
    from omniready.assess import names
    from omniready.channels import label

    items = report.audit.steps.brand.items
    channels = list(dict.fromkeys(c for item in items for c in item.channels))
    rows = [
        {
            "item": names.item(item.id)(report.lang),
            "aspect": names.aspect(item.aspect)(report.lang),
            "cells": [item.channels.get(c, "") for c in channels],
        }
        for item in items
    ]
    return [label(c, report.lang) for c in channels], rows


def executive(report: Report) -> dict[str, Any]:
    """Page 1: the three causes that matter most, the first three actions, the score after the
    first horizon, and the level's written definition."""
    from omniready.render.text import number

    result, policy = report.assessment, report.policy
    after = result.score_after_first
    after_level = policy.level_of(after)
    return {
        "causes": list(result.findings[:3]),
        "actions": list(result.roadmap[:3]),
        "definition": report.tr(policy.definition(result.level)),
        "after": number(after, report.lang) if after is not None else "",
        "after_level": (
            f"{after_level.number}, {report.tr(after_level.name)}" if after_level else ""
        ),
    }


def step_definitions(report: Report) -> dict[str, str]:
    """Each step's current level, defined in words."""
    return {
        s.step: report.tr(report.policy.definition(s.level, s.step))
        for s in report.assessment.steps
    }


def roadmap_split(report: Report) -> tuple[list[RoadmapItem], list[RoadmapItem]]:
    """The executive view (the first `executive_items` actions) and the annex (the rest)."""
    items = list(report.assessment.roadmap)
    n = report.policy.executive_items
    return items[:n], items[n:]


def closes_text(report: Report, item: RoadmapItem) -> str:
    """What an action closes, in words: the causes' titles and the questions' count."""
    titles = {f.id: report.tr(f.title) for f in report.assessment.findings}
    parts = [titles[f] for f in item.findings if f in titles]
    if item.questions:
        n = len(item.questions)
        many = report.label("n_questions", n=integer(n, report.lang)) if n > 1 else ""
        parts.append(many or report.label("n_question"))
    return "; ".join(parts)


def step_findings(report: Report) -> dict[str, list[Finding]]:
    """Findings under the first step they concern (each shown once)."""
    out: dict[str, list[Finding]] = {s.step: [] for s in report.assessment.steps}
    for finding in report.assessment.findings:
        out.setdefault(finding.steps[0] if finding.steps else "tools", []).append(finding)
    return out
