"""The roadmap as CSV, for a project plan: one row per action, both languages' columns alike."""

from __future__ import annotations

import csv
import io

from omniready.render.context import Report

COLUMNS = (
    "horizon",
    "order",
    "action",
    "owner",
    "effort",
    "gain",
    "steps",
    "prerequisite",
    "closes",
    "detail",
    "id",
)


def render_csv(report: Report) -> str:
    """Every roadmap action in plan order: horizon, action, owner, effort, expected gain, …"""
    from omniready.render.text import number

    result, lang = report.assessment, report.lang
    titles = {s.step: report.tr(s.title) for s in result.steps}
    questions = {q.id: report.tr(q.text) for q in result.questions}
    findings = {f.id: report.tr(f.title) for f in result.findings}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([report.label(f"csv_{c}") for c in COLUMNS])
    for n, item in enumerate(result.roadmap, 1):
        closes = [findings.get(f, f) for f in item.findings]
        closes += [questions.get(q, q) for q in item.questions]
        writer.writerow(
            [
                report.label(f"h_{item.horizon}"),
                n,
                report.tr(item.title),
                item.owner or report.label("to_assign"),
                item.effort,
                number(item.gain, lang, 1),
                ", ".join(titles.get(s, s) for s in item.steps),
                report.label("yes") if item.prerequisite else "",
                " | ".join(closes),
                report.tr(item.remediation),
                item.id,
            ]
        )
    return out.getvalue()
