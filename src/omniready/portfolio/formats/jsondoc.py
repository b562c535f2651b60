"""The portfolio for machines: every entry's scores, the distributions, trends, disagreements."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from omniready.assess.model import to_data
from omniready.portfolio.model import Distribution, Entry, Portfolio

# Bumped when a field is renamed, removed or changes shape (adding fields keeps the version).
JSON_FORMAT_VERSION = 1


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "path": entry.path,
        "organization": entry.organization,
        **asdict(entry.profile),
        "date": entry.date.isoformat() if entry.date else None,
        "score": entry.score,
        "level": entry.level,
        "steps": entry.steps,
        "step_levels": entry.step_levels,
        "questions": entry.questions,
        "disagreements": to_data(entry.disagreements),
    }


def _distribution(dist: Distribution) -> dict[str, Any]:
    # Below k the summary is withheld; the values stay, as the entries show them anyway.
    return {
        "id": dist.id,
        "step": dist.step,
        "n": len(dist.values),
        "summary": asdict(dist.summary) if dist.summary else None,
    }


def to_json(portfolio: Portfolio, lang: str) -> str:
    """The portfolio as compact JSON; texts of questions and steps in both languages."""
    document = {
        "format": "omniready-portfolio",
        "version": JSON_FORMAT_VERSION,
        "lang": lang,
        "checklist": portfolio.checklist,
        "k": portfolio.k,
        "read": portfolio.read,
        "organizations": portfolio.organizations,
        "filters": asdict(portfolio.filters),
        "entries": [_entry(e) for e in portfolio.entries],
        "skipped": [asdict(s) for s in portfolio.skipped],
        "distributions": {
            "steps": [_distribution(d) for d in portfolio.steps],
            "questions": [_distribution(d) for d in portfolio.questions],
        },
        "trends": [
            {
                "organization": t.organization,
                "change": t.change,
                "audits": [
                    {
                        "date": p.date.isoformat() if p.date else None,
                        "year": p.year,
                        "score": p.score,
                        "steps": p.steps,
                    }
                    for p in t.points
                ],
            }
            for t in portfolio.trends
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
