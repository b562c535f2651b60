"""Statistics the figures need, as pure functions: a two-proportion test and Erlang C.

Erlang C is the textbook formula (computed through the Erlang B recursion, stable for hundreds of
agents); pyworkforce would pull pandas, scipy and OR-Tools into the product for these few lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist


@dataclass(frozen=True)
class TwoProportions:
    """p1 − p2 with its 95 % Wald interval and the pooled z-test's two-sided p-value."""

    p1: float
    p2: float
    n1: int
    n2: int
    difference: float
    ci_low: float
    ci_high: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 0.05


def two_proportions(x1: int, n1: int, x2: int, n2: int, level: float = 0.95) -> TwoProportions:
    """Compare x1/n1 with x2/n2 (both n > 0)."""
    p1, p2 = x1 / n1, x2 / n2
    z_crit = NormalDist().inv_cdf(0.5 + level / 2)
    spread = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    pooled = (x1 + x2) / (n1 + n2)
    pooled_se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if pooled_se == 0:
        p_value = 1.0
    else:
        z = (p1 - p2) / pooled_se
        p_value = 2 * (1 - NormalDist().cdf(abs(z)))
    diff = p1 - p2
    return TwoProportions(
        p1, p2, n1, n2, diff, diff - z_crit * spread, diff + z_crit * spread, p_value
    )


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a contact waits, with `traffic` Erlangs offered to `agents` agents."""
    if agents <= traffic:
        return 1.0
    blocking = 1.0  # Erlang B by its recursion: B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1))
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return agents * blocking / (agents - traffic * (1 - blocking))


def service_level(traffic: float, agents: int, target_s: float, handle_s: float) -> float:
    """Share of contacts answered within `target_s` (Erlang C, exponential waits)."""
    if agents <= traffic:
        return 0.0
    return 1 - erlang_c(traffic, agents) * math.exp(-(agents - traffic) * target_s / handle_s)


def agents_needed(
    arrivals_per_hour: float, handle_s: float, target_s: float, goal: float
) -> tuple[int, float]:
    """The fewest agents whose service level reaches `goal`, and that service level."""
    traffic = arrivals_per_hour * handle_s / 3600
    agents = max(1, math.floor(traffic) + 1)
    while (level := service_level(traffic, agents, target_s, handle_s)) < goal:
        agents += 1
    return agents, level
