"""The portfolio arranged for templates: every decision and every number's wording here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from omniready.audit.model import STEPS
from omniready.checklist import Text
from omniready.numbers import DASH, number
from omniready.portfolio.charts import BoxRow, box_strip
from omniready.portfolio.model import Disagreement, Distribution, Portfolio
from omniready.portfolio.texts import all_labels, label, size_name


@dataclass(frozen=True, slots=True)
class SummaryCells:
    """A distribution as table cells: n and the five numbers (dashes when below k)."""

    title: str
    id: str
    n: int
    cells: tuple[str, ...]


@lru_cache(maxsize=4096)  # scores have one decimal: a few hundred values fill every table
def _score(value: float | None, lang: str) -> str:
    return number(value, lang, 0) if value is not None else DASH


def _cells(dist: Distribution, title: str, lang: str) -> SummaryCells:
    s = dist.summary
    if s is None:
        return SummaryCells(title, dist.id, len(dist.values), (DASH,) * 5)
    cells = tuple(number(v, lang, 0) for v in (s.low, s.q1, s.median, s.q3, s.high))
    return SummaryCells(title, dist.id, s.n, cells)


def answer_label(value: str | None, label: Text | None, lang: str) -> str:
    """An answer as people read it: the option's label in `lang`, else the value; "—" for none."""
    if label is not None:
        return label(lang)
    return value or DASH


def responses_text(disagreement: Disagreement, lang: str) -> str:
    """Each respondent and their answer, on one line: "TI: Most; Tiendas: Some"."""
    return "; ".join(
        f"{r.respondent}: {answer_label(r.answer, r.label, lang)}" for r in disagreement.responses
    )


def filters_text(portfolio: Portfolio, lang: str) -> str:
    """The filters in force, as one line."""
    f = portfolio.filters
    if not f.active:
        return label("no_filters", lang)
    parts = []
    for key, values in (
        ("industry", f.industries),
        ("country", f.countries),
        ("size", tuple(size_name(s, lang) for s in f.sizes)),
        ("year", tuple(str(y) for y in f.years)),
    ):
        if values:
            parts.append(f"{label(key, lang)}: {', '.join(values)}")
    return "; ".join(parts)


def portfolio_view(portfolio: Portfolio, lang: str) -> dict[str, Any]:
    """The values the portfolio templates read (texts in `lang`, numbers written for people)."""
    titles = {s: t(lang) for s, t in portfolio.step_titles.items()}
    too_few = label("too_few", lang, k=portfolio.k)
    rows = [
        {
            "organization": e.organization,
            "industry": e.profile.industry or DASH,
            "country": e.profile.country or DASH,
            "size": size_name(e.profile.size_band, lang),
            "year": str(e.profile.year) if e.profile.year else DASH,
            "overall": _score(e.score, lang),
            "level": str(e.level) if e.level else DASH,
            "steps": [
                (_score(e.steps.get(s), lang), str(e.step_levels.get(s) or DASH)) for s in STEPS
            ],
            "path": e.path,
        }
        for e in portfolio.entries
    ]
    step_titles = {"overall": label("overall", lang), **titles}
    step_rows = [BoxRow(step_titles[d.id], d.values, d.summary, too_few) for d in portfolio.steps]
    question_charts = []
    question_tables = []
    for step in STEPS:
        dists = [d for d in portfolio.questions if d.step == step]
        if not dists:
            continue
        boxes = [BoxRow(d.id, d.values, d.summary, too_few) for d in dists]
        question_charts.append((titles[step], box_strip(boxes, titles[step])))
        question_tables.append((titles[step], [_cells(d, d.title(lang), lang) for d in dists]))
    trends = [
        {
            "organization": t.organization,
            "points": ", ".join(f"{p.year or DASH}: {_score(p.score, lang)}" for p in t.points),
            "change": number(t.change, lang, 1, sign=True) if t.change is not None else DASH,
        }
        for t in portfolio.trends
    ]
    disagreements = [
        {
            "organization": e.organization,
            "year": str(e.profile.year) if e.profile.year else DASH,
            "question": d.question,
            "text": d.text(lang),
            "responses": responses_text(d, lang),
            "consensus": answer_label(d.consensus, d.consensus_label, lang),
            "spread": d.spread,
        }
        for e in portfolio.entries
        for d in e.disagreements
    ]
    return {
        "lang": lang,
        "lbl": all_labels(lang),
        "summary": label(
            "summary",
            lang,
            audits=len(portfolio.entries),
            orgs=portfolio.organizations,
            checklist=portfolio.checklist,
        ),
        "read_line": label("read", lang, read=portfolio.read, skipped=len(portfolio.skipped)),
        "filters": filters_text(portfolio, lang),
        "k_note": label("k_note", lang, k=portfolio.k),
        "skipped": [
            {
                "path": s.path,
                "problem": s.problem,
                "more": label("more_problems", lang, n=s.problems - 1) if s.problems > 1 else "",
            }
            for s in portfolio.skipped
        ],
        "steps": list(STEPS),
        "titles": titles,
        "rows": rows,
        "step_chart": box_strip(step_rows, label("distributions_title", lang)),
        "step_table": [_cells(d, step_titles[d.id], lang) for d in portfolio.steps],
        "question_charts": question_charts,
        "question_tables": question_tables,
        "trends": trends,
        "disagreements": disagreements,
    }
