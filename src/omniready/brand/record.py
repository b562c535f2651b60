"""A scan's result as the audit's `steps.brand.scan` record (pure: the clock is passed in)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from omniready.audit.model import (
    BrandScan,
    ScanCounts,
    ScanFinding,
    ScannedFile,
    SetAsideFile,
)
from omniready.brand.checks import CHECKS, Outcome
from omniready.brand.scan import Gathered
from omniready.texts import render


def matrix(outcomes: dict[str, Outcome]) -> dict[str, dict[str, str]]:
    """check → channel → ok | finding, for the channels each check examined."""
    table: dict[str, dict[str, str]] = {}
    for check_id in CHECKS:
        outcome = outcomes[check_id]
        flagged = {c for f in outcome.findings for c in f.channels}
        channels = set(outcome.examined) | flagged
        table[check_id] = {c: "finding" if c in flagged else "ok" for c in sorted(channels)}
    return table


def build_record(
    gathered: Gathered,
    outcomes: dict[str, Outcome],
    folders: Sequence[Path],
    now: dt.datetime,
    version: str,
) -> BrandScan:
    """The scan record: provenance (names, sha256, counts), matrix, summaries and findings."""
    messages = Counter[str]()
    for material in gathered.materials:
        messages[material.channel] += len(material.units) or (1 if material.audio else 0)
    summaries: dict[str, object] = {}
    for outcome in outcomes.values():
        summaries.update(outcome.summary)
    findings = [
        ScanFinding(
            check=f.check,
            code=f.code,
            severity=f.severity,
            channels=list(f.channels),
            params=f.params,
            places=[str(p) for p in f.places],
        )
        for check_id in CHECKS
        for f in outcomes[check_id].findings
    ]
    return BrandScan.model_validate(
        {
            "scanned_at": now,
            "version": version,
            "folders": [folder.resolve().name for folder in folders],
            "counts": ScanCounts(
                files=len(gathered.materials) + len(gathered.set_aside),
                read=len(gathered.materials),
                set_aside=len(gathered.set_aside),
                ignored=gathered.ignored,
                messages=dict(sorted(messages.items())),
            ),
            "files": [
                ScannedFile(
                    file=m.path, channel=m.channel, kind=m.kind, sha256=m.sha256, bytes=m.size
                )
                for m in gathered.materials
            ],
            "set_aside": [
                SetAsideFile(file=s.path, reason=render(s.reason)) for s in gathered.set_aside
            ],
            "matrix": matrix(outcomes),
            "address": summaries.get("address", {}),
            "readability": summaries.get("readability", {}),
            "palette": summaries.get("palette", {}),
            "promotions": summaries.get("promotions", []),
            "findings": findings,
        }
    )
