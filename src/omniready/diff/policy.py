"""Which way is better for each channel figure, read once from metrics.yaml beside this module.

Which figures are shares is a fact of the figures, not a policy: it is omniready.numbers.SHARES,
the one list that findings, reports and diffs format by.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from omniready import numbers

METRICS_FILE = Path(__file__).resolve().parent / "metrics.yaml"


@dataclass(frozen=True, slots=True)
class MetricPolicy:
    """Figures where lower or higher is better, and figures that are shares (0-1)."""

    lower_is_better: frozenset[str]
    higher_is_better: frozenset[str]
    shares: frozenset[str]


@cache
def metric_policy() -> MetricPolicy:
    """The shipped policy (read once)."""
    from omniready.audit import yamlio

    raw = yamlio.parse(METRICS_FILE.read_text(encoding="utf-8"), METRICS_FILE)
    return MetricPolicy(
        frozenset(raw["lower_is_better"]),
        frozenset(raw["higher_is_better"]),
        numbers.SHARES,
    )
