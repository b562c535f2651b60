"""The HTML report: one self-contained file with inline CSS and SVG charts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from omniready.assess.model import SEVERITIES
from omniready.render import svg
from omniready.render.context import Report
from omniready.render.templates import render_template


def charts(report: Report, values: Mapping[str, Any]) -> dict[str, object]:
    """The radar of step scores against targets and the bars of findings per step."""
    result, policy = report.assessment, report.policy
    target_scores = {
        s.step: next(b.min for b in policy.bands if b.level.number == s.target.number)
        for s in result.steps
    }
    axes = [svg.Axis(report.tr(s.title), s.score, target_scores[s.step]) for s in result.steps]
    radar = svg.radar(
        axes,
        report.label("scores"),
        report.label("current"),
        report.label("target"),
        lang=report.lang,
    )
    per_step = values["findings_per_step"]
    assert isinstance(per_step, dict)
    rows = [
        svg.BarRow(report.tr(s.title), tuple(per_step[s.step][sev] for sev in SEVERITIES))
        for s in result.steps
    ]
    bars = svg.stacked_bars(
        rows,
        SEVERITIES,
        tuple(report.label(f"sev_{s}") for s in SEVERITIES),
        report.label("findings_by_step"),
    )
    return {"radar": radar, "bars": bars, "target_scores": target_scores}


def render_html(report: Report) -> str:
    """The report as one HTML document."""
    values = report.values
    return render_template(report, "report.html.j2", **values, **charts(report, values))
