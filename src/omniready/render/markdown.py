"""The Markdown report (GitHub-flavoured, journeys as Mermaid flowcharts)."""

from __future__ import annotations

from omniready.render.context import Report
from omniready.render.templates import render_template


def render_markdown(report: Report) -> str:
    """The report as Markdown text."""
    return render_template(report, "report.md.j2", **report.values)
