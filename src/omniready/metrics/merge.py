"""Measured figures into the audit (pure): the channel figures that findings and scores read take
the measured values; a hand-typed value they replace is kept, and shown when the data contradicts
it beyond the figure's tolerance (definitions.yaml)."""

from __future__ import annotations

import re
from typing import Any

from omniready.audit.model import Audit, ChannelMetrics, Disagreement, MeasuredMetrics
from omniready.metrics.definitions import load
from omniready.metrics.model import Measurement

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_COUNTS = {"monthly_contacts", "unique_users"}


def _rounded(field: str, value: float) -> float | int:
    if field in _COUNTS:
        return round(value)
    return (
        round(value, 4)
        if value <= 1 and field.endswith(("_rate", "attainment"))
        else round(value, 1)
    )


def merge(audit: Audit, measurement: Measurement) -> Audit:
    """A copy of `audit` whose metrics step holds the measurement and the measured channel
    figures, with the hand-typed values they replaced and the disagreements."""
    measured = measurement.measured
    previous = audit.steps.metrics.measured
    fields = [(f.id, f.audit) for f in load().figures if f.audit is not None]
    channels = dict(audit.steps.metrics.channels)
    replaced: dict[str, dict[str, Any]] = {}
    disagreements: list[Disagreement] = []
    for channel, scope in sorted(measured.channels.items()):
        if channel == "unknown" or not _SLUG.match(channel):
            continue
        current = channels.get(channel, ChannelMetrics())
        update: dict[str, Any] = {}
        for figure_id, tolerance in fields:
            if figure_id not in scope.values:
                continue
            value = _rounded(tolerance.field, scope.values[figure_id])
            typed = _typed(previous, channel, tolerance.field, figure_id, current)
            update[tolerance.field] = value
            if typed is None:
                continue
            replaced.setdefault(channel, {})[tolerance.field] = typed
            if isinstance(typed, int | float) and tolerance.disagrees(float(typed), float(value)):
                disagreements.append(
                    Disagreement(
                        channel=channel, field=tolerance.field, typed=typed, measured=value
                    )
                )
        peaks = measurement.peak_months.get(channel) or []
        if peaks:
            typed = _typed(previous, channel, "peak_months", "peak_months", current)
            update["peak_months"] = peaks
            if typed:
                replaced.setdefault(channel, {})["peak_months"] = typed
                if sorted(typed) != peaks:
                    disagreements.append(
                        Disagreement(
                            channel=channel, field="peak_months", typed=typed, measured=peaks
                        )
                    )
        if current.sla_target_s is None and "sla_target_s" in scope.values:
            update["sla_target_s"] = scope.values["sla_target_s"]
        merged = current.model_dump(exclude_none=True) | update
        channels[channel] = ChannelMetrics.model_validate(merged)
    record = MeasuredMetrics.model_validate(
        measured.model_dump()
        | {"replaced": replaced, "disagreements": [d.model_dump() for d in disagreements]}
    )
    step = audit.steps.metrics.model_copy(update={"channels": channels, "measured": record})
    steps = audit.steps.model_copy(update={"metrics": step})
    return audit.model_copy(update={"steps": steps})


def _typed(
    previous: MeasuredMetrics | None,
    channel: str,
    field: str,
    figure_id: str,
    current: ChannelMetrics,
) -> Any:
    """The hand-typed value of a channel figure: kept from an earlier run when that run replaced
    it; none when an earlier run filled it; else the value in the file now."""
    if previous is not None:
        earlier = previous.replaced.get(channel, {})
        if field in earlier:
            return earlier[field]
        scope = previous.channels.get(channel)
        if field == "peak_months" and scope is not None and current.peak_months:
            return None
        if scope is not None and figure_id in scope.values:
            return None
    value = getattr(current, field)
    return value if value not in (None, []) else None
