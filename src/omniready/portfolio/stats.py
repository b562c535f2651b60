"""Figures from many scores: box-plot summaries, percentile points and percentile ranks.

Pure functions over plain numbers. `statistics.quantiles` (inclusive method, as spreadsheets'
PERCENTILE.INC) computes every cut point, so the portfolio and the benchmark agree.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# Fewer organizations than this in a group: no percentile is shown or exported (k-anonymity).
K_ANONYMITY = 5
# The percentile points a benchmark keeps for each score: 5, 10, ..., 95.
POINTS: tuple[int, ...] = tuple(range(5, 100, 5))


@dataclass(frozen=True, slots=True)
class Summary:
    """A box plot's five numbers over `n` scores (0-100)."""

    n: int
    low: float
    q1: float
    median: float
    q3: float
    high: float


def summary(values: Sequence[float]) -> Summary | None:
    """Minimum, quartiles and maximum; None for fewer than K_ANONYMITY values."""
    if len(values) < K_ANONYMITY:
        return None
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Summary(len(values), min(values), q1, median, q3, max(values))


def percentile_points(values: Sequence[float]) -> tuple[float, ...] | None:
    """The scores at the 5th, 10th, ..., 95th percentiles; None for fewer than K_ANONYMITY."""
    if len(values) < K_ANONYMITY:
        return None
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    # Interpolation in floating point can leave two equal cuts a hair apart, and rounding then
    # turns them around (1.0150000000000001 → 1.02, 1.015 → 1.01): keep them in order.
    return tuple(itertools.accumulate((round(c, 2) for c in cuts), max))


def percentile_rank(value: float, points: Sequence[float]) -> float:
    """Where `value` falls among percentile points (5..95): read between the two around it.

    A value equal to a run of equal points (scores are discrete) stands in the middle of the run.
    Below the 5th point it is 0 and above the 95th it is 100: the benchmark keeps nothing there,
    and reports show them as "below P5" and "above P95".
    """
    pairs = list(zip(POINTS, points, strict=True))
    equal = [p for p, v in pairs if v == value]
    if equal:
        return (equal[0] + equal[-1]) / 2
    below = [(p, v) for p, v in pairs if v < value]
    above = [(p, v) for p, v in pairs if v > value]
    if not below:
        return 0.0
    if not above:
        return 100.0
    (p0, v0), (p1, v1) = below[-1], above[0]
    return round(p0 + (p1 - p0) * (value - v0) / (v1 - v0), 1)
