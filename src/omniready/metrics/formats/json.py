"""The measurement for machines: stable keys (listed in docs/metrics.md), numbers unrounded,
absent figures with their reason code and text."""

from __future__ import annotations

import json
from typing import Any

from omniready.audit.model import MeasuredScope
from omniready.metrics.formats.interface import MetricsFormat
from omniready.metrics.model import Measurement, Share
from omniready.metrics.view import absent_text


def _scope(scope: MeasuredScope, lang: str) -> dict[str, Any]:
    return {
        "values": dict(sorted(scope.values.items())),
        "absent": {
            k: {"code": v, "text": absent_text(v, lang)} for k, v in sorted(scope.absent.items())
        },
    }


def _shares(items: list[Share], count: str, part: str | None = None) -> list[dict[str, Any]]:
    return [
        {"name": s.name, count: s.count, **({part: s.part} if part else {}), "rate": s.rate}
        for s in items
    ]


def document(m: Measurement, lang: str) -> dict[str, Any]:
    """The JSON document as plain data."""
    rec = m.measured
    return {
        "version": rec.version,
        "definitions": rec.definitions,
        "measured_at": rec.measured_at.isoformat().replace("+00:00", "Z"),
        "period": {"start": rec.period_start.isoformat(), "end": rec.period_end.isoformat()},
        "mapping": rec.mapping.model_dump() if rec.mapping else None,
        "sources": [s.model_dump() for s in rec.sources],
        "all": _scope(rec.overall, lang),
        "channels": {k: _scope(v, lang) for k, v in sorted(rec.channels.items())},
        "segments": {k: _scope(v, lang) for k, v in sorted(rec.segments.items())},
        "channel_segments": {k: _scope(v, lang) for k, v in sorted(rec.channel_segments.items())},
        "monthly": rec.monthly,
        "peak_months": m.peak_months,
        "weekday_hour": rec.weekday_hour,
        "peak_hour": (
            dict(zip(("weekday", "hour", "contacts"), m.peak_hour, strict=True))
            if m.peak_hour
            else None
        ),
        "no_show": rec.no_show.model_dump() if rec.no_show else None,
        "no_show_by_age": _shares(m.no_show_age, "appointments", "no_shows"),
        "staffing": {k: v.model_dump() for k, v in sorted(rec.staffing.items())},
        "departments": _shares(m.departments, "contacts"),
        "types": _shares(m.types, "contacts"),
        "repeat_reasons": _shares(m.repeat_reasons, "contacts", "repeats"),
        "replaced": rec.replaced,
        "disagreements": [d.model_dump() for d in rec.disagreements],
    }


class JsonFormat(MetricsFormat):
    """One JSON document."""

    def format(self, measurement: Measurement, lang: str) -> str:
        return json.dumps(document(measurement, lang), indent=2, ensure_ascii=False) + "\n"
