"""The report's content, arranged for templates: every decision here, none in the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from omniready.assess.model import (
    HORIZONS,
    SEVERITIES,
    Confidence,
    Finding,
    RoadmapItem,
    ToolIntegration,
)
from omniready.audit.model import STEPS, Journey
from omniready.render.context import Report

# Above this many tools a full n x n matrix is unreadable (and heavy); show reach per tool.
FULL_MATRIX_MAX = 30
PHASES = ("pre-sale", "purchase", "post-sale")
SYMBOL = {"verified": "✔", "claimed": "◐", "unconfirmed": "?", "none": "·"}


@dataclass(frozen=True)
class LaneStep:
    """One step of a journey, numbered, placed in its phase and channel."""

    number: int
    phase: str
    channel: str
    # The channel's name for people, in the report's language (checklists/channels.yaml).
    channel_name: str
    activity: str
    owner: str
    system: str
    context_lost: bool


@dataclass(frozen=True)
class Lanes:
    """A journey as a grid: channels (rows) by phases (columns), steps in their cells."""

    id: str
    name: str
    segment: str
    steps: list[LaneStep]
    channels: list[str]
    cells: dict[tuple[str, str], list[LaneStep]]
    # Channel id → its name for people.
    channel_names: dict[str, str]


def lanes(journey: Journey, lang: str = "es", segment_names: dict[str, str] | None = None) -> Lanes:
    """Lay a journey out as swimlanes, channels in the order the customer meets them."""
    from omniready.channels import label

    steps = [
        LaneStep(
            number=i + 1,
            phase=s.phase,
            channel=s.channel,
            channel_name=label(s.channel, lang),
            activity=s.activity or "",
            owner=s.owner or "",
            system=s.system or "",
            context_lost=s.context_carried is False,
        )
        for i, s in enumerate(journey.steps)
    ]
    channels = list(dict.fromkeys(s.channel for s in steps))
    cells: dict[tuple[str, str], list[LaneStep]] = {}
    for step in steps:
        cells.setdefault((step.channel, step.phase), []).append(step)
    segment = journey.segment or ""
    return Lanes(
        id=journey.id,
        name=journey.name or journey.id,
        segment=(segment_names or {}).get(segment, segment),
        steps=steps,
        channels=channels,
        cells=cells,
        channel_names={s.channel: s.channel_name for s in steps},
    )


@dataclass(frozen=True)
class MatrixView:
    """The integration matrix as shown: full grid for small inventories, reach per tool above."""

    tools: tuple[ToolIntegration, ...]
    full: bool
    rows: list[tuple[ToolIntegration, list[Confidence]]]
    reach: list[tuple[ToolIntegration, int, int]]


def matrix_view(report: Report) -> MatrixView:
    """Decide how to show the matrix and compute what that needs."""
    matrix = report.assessment.matrix
    full = len(matrix.tools) <= FULL_MATRIX_MAX
    rows = matrix.rows() if full else []
    reach = [] if full else matrix.reach()
    return MatrixView(tools=matrix.tools, full=full, rows=rows, reach=reach)


def how_params(report: Report) -> dict[str, str]:
    """The numbers of the scoring policy, as the 'How this score is computed' text quotes them."""
    policy, lang = report.policy, report.lang
    from omniready.render.text import number, percent

    titles = {s.step: report.tr(s.title) for s in report.assessment.steps}
    weights = ", ".join(
        f"{titles.get(k, k)} {percent(v, lang)}" for k, v in policy.step_weights.items()
    )
    bands = ", ".join(
        f"{b.level.number} {b.level.name(lang)} ≥ {number(b.min, lang, 0)}" for b in policy.bands
    )
    target = policy.level(policy.default_target)
    sev = " / ".join(number(policy.severity_impact[s], lang, 0) for s in SEVERITIES)
    horizons = ", ".join(
        f"{report.label('h_' + h)} ≥ {number(m, lang, 2)}" for h, m in policy.horizons
    )
    return {
        "weights": weights,
        "bands": bands,
        "target": f"{target.number} ({target.name(lang)})",
        "sev": sev,
        "horizons": horizons,
    }


def _day(value: Any, lang: str) -> str:
    from omniready import numbers

    return "" if value is None else numbers.date(value, lang)


def summary_line(report: Report) -> str:
    """One sentence: level, score, steps below target, high findings."""
    result = report.assessment
    if result.score is None or result.level is None:
        return report.label("summary_noscore")
    from omniready.numbers import integer
    from omniready.render.text import number

    return report.label(
        "summary_line",
        org=result.organization,
        level=f"{result.level.number} ({result.level.name(report.lang)})",
        score=number(result.score, report.lang),
        below=integer(sum(1 for s in result.steps if s.below_target), report.lang),
        high=integer(sum(1 for f in result.findings if f.severity == "high"), report.lang),
    )


def coverage_line(report: Report) -> str:
    """Overall coverage for the headline: "Coverage 33% (19 of 57 questions answered)"."""
    from omniready.numbers import integer
    from omniready.render.text import percent

    result, lang = report.assessment, report.lang
    return report.label(
        "coverage_line",
        pct=percent(result.coverage, lang),
        answered=integer(result.answered, lang),
        total=integer(result.total, lang),
    )


def provisional_warning(report: Report) -> str:
    """Why the score is provisional (low coverage, steps without a score); empty when it is not."""
    from omniready.numbers import integer
    from omniready.render.text import percent

    result, lang = report.assessment, report.lang
    if not result.provisional:
        return ""
    reasons = []
    if result.coverage < result.coverage_min:
        reasons.append(
            report.label(
                "provisional_coverage",
                answered=integer(result.answered, lang),
                total=integer(result.total, lang),
                pct=percent(result.coverage, lang),
                min=percent(result.coverage_min, lang),
            )
        )
    unscored = result.unscored_steps
    if unscored:
        titles = {s.step: report.tr(s.title) for s in result.steps}
        steps = ", ".join(titles.get(s, s) for s in unscored)
        reasons.append(report.label("provisional_steps", n=len(unscored), steps=steps))
    return report.label("provisional", reasons="; ".join(reasons))


def view(report: Report) -> dict[str, Any]:
    """Everything the templates show, computed once."""
    result = report.assessment
    audit = report.audit
    by_horizon: dict[str, list[RoadmapItem]] = {h: [] for h in HORIZONS}
    for item in result.roadmap:
        by_horizon[item.horizon].append(item)
    by_severity: dict[str, list[Finding]] = {s: [] for s in SEVERITIES}
    for finding in result.findings:
        by_severity[finding.severity].append(finding)
    per_step = {s: {sev: 0 for sev in SEVERITIES} for s in STEPS}
    for finding in result.findings:
        for step in finding.steps:
            per_step[step][finding.severity] += 1
    titles = {s.step: report.tr(s.title) for s in result.steps}
    segment_names = {s.id: s.name or s.id for s in audit.steps.segments.segments}
    from omniready.render import sections

    brand_channels, brand_rows = sections.brand_items(report)
    roadmap_exec, roadmap_annex = sections.roadmap_split(report)
    return {
        # Every label in the report's language: a lookup in loops is cheaper than a call.
        "lbl": report.labels,
        "result": result,
        "audit": audit,
        "org": audit.organization,
        # As people write a date: "4 de marzo de 2026", "March 4, 2026".
        "date": _day(audit.updated.date() if audit.updated else audit.started, report.lang),
        "summary": summary_line(report),
        "coverage": coverage_line(report),
        "warning": provisional_warning(report),
        "unanswered": [s for s in result.steps if s.unanswered],
        "unanswered_n": sum(len(s.unanswered) for s in result.steps),
        "titles": titles,
        "severities": SEVERITIES,
        "horizons": HORIZONS,
        "phases": PHASES,
        "findings_by_severity": by_severity,
        "findings_per_step": per_step,
        "roadmap": by_horizon,
        "first_actions": by_horizon["30d"][:5],
        "matrix": matrix_view(report),
        "symbol": SYMBOL,
        "journeys": [lanes(j, report.lang, segment_names) for j in audit.steps.processes.journeys],
        "na": [(s, n) for s in result.steps for n in s.na],
        "questions": {s: [q for q in result.questions if q.step == s] for s in STEPS},
        "how": how_params(report),
        # Issue 11: the executive page, per-step data and the roadmap for two readers.
        "exec": sections.executive(report),
        "step_def": sections.step_definitions(report),
        "step_findings": sections.step_findings(report),
        "inventory": sections.inventory(report),
        "segments": sections.segments(report),
        "figures": sections.channel_figures(report),
        "figure_fields": sections.FIGURES,
        "brand_channels": brand_channels,
        "brand_rows": brand_rows,
        "roadmap_exec": roadmap_exec,
        "roadmap_annex": roadmap_annex,
        "closes": lambda item: sections.closes_text(report, item),
        "levels": [(b, report.tr(report.policy.definition(b.level))) for b in report.policy.bands],
    }
