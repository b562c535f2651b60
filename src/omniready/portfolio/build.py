"""A portfolio from scored entries: filters, distributions per step and question, and trends.

Pure functions: entries in, records out.
"""

from __future__ import annotations

from collections.abc import Iterable

from omniready.audit.model import STEPS
from omniready.checklist import Checklist, Text
from omniready.portfolio.model import (
    Distribution,
    Entry,
    Filters,
    Portfolio,
    Skipped,
    Trend,
    TrendPoint,
)
from omniready.portfolio.stats import K_ANONYMITY, summary

OVERALL = Text(es="Puntaje global", en="Overall score")


def _when(entry: Entry) -> tuple[int, str, str]:
    # Undated audits sort first; the path breaks ties so the order never depends on the disk.
    return (entry.date.toordinal() if entry.date else 0, entry.path, entry.organization)


def latest_per_organization(entries: Iterable[Entry]) -> list[Entry]:
    """Each organization's most recent audit, so no organization counts twice in a figure."""
    latest: dict[str, Entry] = {}
    for entry in sorted(entries, key=_when):
        latest[entry.key] = entry
    return sorted(latest.values(), key=lambda e: e.key)


def distribution(id_: str, step: str, title: Text, values: list[float]) -> Distribution:
    """The spread of one score; its box-plot summary only from K_ANONYMITY organizations up."""
    ordered = tuple(sorted(values))
    return Distribution(id_, step, title, ordered, summary(ordered))


def trends(entries: Iterable[Entry]) -> tuple[Trend, ...]:
    """Organizations audited more than once, their audits in time order."""
    by_org: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=_when):
        by_org.setdefault(entry.key, []).append(entry)
    return tuple(
        Trend(
            organization=audits[-1].organization,
            points=tuple(
                TrendPoint(e.date, e.profile.year, e.score, dict(e.steps)) for e in audits
            ),
        )
        for _, audits in sorted(by_org.items())
        if len(audits) > 1
    )


def build_portfolio(
    entries: list[Entry], skipped: list[Skipped], checklist: Checklist, filters: Filters
) -> Portfolio:
    """The portfolio of the entries that pass the filters."""
    kept = sorted((e for e in entries if filters.keeps(e.profile)), key=_sort_key)
    latest = latest_per_organization(kept)
    steps = [
        distribution(
            "overall", "overall", OVERALL, [e.score for e in latest if e.score is not None]
        )
    ]
    for step in STEPS:
        values = [v for e in latest if (v := e.steps.get(step)) is not None]
        steps.append(distribution(step, step, checklist.titles[step], values))
    questions = []
    for question in checklist.questions:
        values = [v for e in latest if (v := e.questions.get(question.id)) is not None]
        if question.scored and values:
            questions.append(distribution(question.id, question.step, question.text, values))
    return Portfolio(
        checklist=checklist.ref,
        step_titles=dict(checklist.titles),
        entries=tuple(kept),
        skipped=tuple(skipped),
        filters=filters,
        read=len(entries) + len(skipped),
        steps=tuple(steps),
        questions=tuple(questions),
        trends=trends(kept),
        organizations=len(latest),
        k=K_ANONYMITY,
        question_titles={q.id: q.text for q in checklist.questions},
    )


def _sort_key(entry: Entry) -> tuple[str, int, str]:
    return (entry.key, entry.date.toordinal() if entry.date else 0, entry.path)
