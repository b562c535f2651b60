"""The diff for machines: stable keys, values as written in the files, texts in `lang`."""

from __future__ import annotations

import json
from typing import Any

from omniready.diff.formats import wording as W
from omniready.diff.model import (
    KINDS,
    AuditDiff,
    FieldChange,
    FindingChange,
    RoadmapChange,
    ScanDiff,
    ScoreDelta,
    regressions,
)


def to_json(diff: AuditDiff, lang: str = "es", *, threshold: float = 0) -> str:
    """Stable machine output; question, option, finding and regression texts in `lang`."""

    def score(s: ScoreDelta) -> dict[str, Any]:
        return {
            "old": s.old,
            "new": s.new,
            "delta": s.delta,
            "level_old": s.level_old.number if s.level_old else None,
            "level_new": s.level_new.number if s.level_new else None,
        }

    def fields(items: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
        return [{"field": f.field, "old": f.old, "new": f.new} for f in items]

    def records(section: str) -> dict[str, list[dict[str, Any]]]:
        return {
            kind: [
                {
                    "id": r.id,
                    "name": r.name,
                    **({"changes": fields(r.fields)} if kind == "changed" else {}),
                }
                for r in diff.records_of(section, kind)
            ]
            for kind in KINDS
        }

    document = {
        "organization": {"old": diff.organization_old, "new": diff.organization_new},
        "checklist": {"old": diff.checklist_old, "new": diff.checklist_new},
        "overall": score(diff.overall),
        "steps": {s.step: score(s.score) for s in diff.steps},
        "answers": [
            {
                "question": a.question,
                "step": a.step,
                "kind": a.kind,
                "text": a.text(lang) if a.text else None,
                "old": a.old,
                "new": a.new,
                "old_label": a.old_label(lang) if a.old_label else None,
                "new_label": a.new_label(lang) if a.new_label else None,
                "score_old": a.score_old,
                "score_new": a.score_new,
                "delta": a.delta,
                "renamed_from": a.renamed_from,
                "changes": fields(a.fields),
            }
            for a in diff.answers
        ],
        "tools": records("tools"),
        "journeys": records("journeys"),
        "segments": records("segments"),
        "brand": records("brand"),
        "waivers": records("waivers"),
        "metrics": [
            {
                "channel": m.channel,
                "metric": m.metric,
                "old": m.old,
                "new": m.new,
                "delta": m.delta,
                "verdict": m.verdict,
            }
            for m in diff.metrics
        ],
        "findings": _by_status(diff.findings, ("resolved", "new"), "severity", lang),
        "roadmap": _by_status(
            diff.roadmap, ("closed", "new", "regressed", "open"), "horizon", lang
        ),
        "regressions": [
            {
                "kind": r.kind,
                "step": r.step,
                "old": r.old,
                "new": r.new,
                "delta": r.delta,
                "finding": r.finding,
                "text": W.regression(r, diff, lang),
            }
            for r in regressions(diff, threshold)
        ],
        "warnings": [W.warning(w, lang) for w in diff.warnings],
        "brand_scan": _scan(diff.scan, lang) if diff.scan is not None else None,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _by_status(
    items: tuple[FindingChange, ...] | tuple[RoadmapChange, ...],
    statuses: tuple[str, ...],
    tag: str,
    lang: str,
) -> dict[str, list[dict[str, Any]]]:
    """Findings (tagged by severity) or roadmap items (by horizon), grouped by status."""
    return {
        status: [
            {"id": i.id, tag: getattr(i, tag), "title": i.title(lang), "steps": list(i.steps)}
            for i in items
            if i.status == status
        ]
        for status in statuses
    }


def _scan(scan: ScanDiff, lang: str) -> dict[str, Any]:
    """The brand scans compared: dates, check × channel changes, address shares (0-1), counts."""
    return {
        "scanned": {
            "old": scan.scanned_old.isoformat() if scan.scanned_old else None,
            "new": scan.scanned_new.isoformat() if scan.scanned_new else None,
        },
        "cells": [
            {
                "check": c.check,
                "title": c.title(lang),
                "channel": c.channel,
                "kind": c.kind,
                "old": c.old,
                "new": c.new,
                "verdict": c.verdict,
            }
            for c in scan.cells
        ],
        "address": [
            {"channel": a.channel, "form": a.form, "old": a.old, "new": a.new, "delta": a.delta}
            for a in scan.address
        ],
        "findings": [
            {
                "check": c.check,
                "title": c.title(lang),
                "old": c.old,
                "new": c.new,
                "verdict": c.verdict,
            }
            for c in scan.counts
        ],
    }
