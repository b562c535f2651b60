"""What one run of `omniready metrics` found: the audit's record plus the tables only shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from omniready.audit.model import MeasuredMetrics


@dataclass(frozen=True)
class Share:
    """A count of rows in a category and a rate among them (departments, types, age bands)."""

    name: str
    count: int
    rate: float | None
    part: int | None = None  # the numerator when it is a count (no-shows, repeats)


@dataclass(frozen=True)
class Reject:
    """One set-aside row: where it is and why (the offending date or number, never the row)."""

    file: str
    line: int
    reason: str
    value: str | None


@dataclass
class Measurement:
    """Everything a run measured; `measured` is what goes into the audit file."""

    measured: MeasuredMetrics
    departments: list[Share] = field(default_factory=list)
    types: list[Share] = field(default_factory=list)
    repeat_reasons: list[Share] = field(default_factory=list)
    no_show_age: list[Share] = field(default_factory=list)
    peak_months: dict[str, list[int]] = field(default_factory=dict)
    peak_hour: tuple[int, int, int] | None = None  # weekday, hour, contacts
    warnings: list[str] = field(default_factory=list)
