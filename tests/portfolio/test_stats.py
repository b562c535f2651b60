"""Box-plot summaries, percentile points and ranks, with k-anonymity at the source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omniready.portfolio.stats import (
    K_ANONYMITY,
    POINTS,
    percentile_points,
    percentile_rank,
    summary,
)


def test_fewer_than_k_values_give_no_summary_and_no_points() -> None:
    four = [10.0, 20.0, 30.0, 40.0]
    assert K_ANONYMITY == 5
    assert summary(four) is None
    assert percentile_points(four) is None
    assert summary([*four, 50.0]) is not None


def test_summary_of_five_values() -> None:
    found = summary([50.0, 10.0, 30.0, 20.0, 40.0])
    assert found is not None
    assert (found.n, found.low, found.q1, found.median, found.q3, found.high) == (
        5,
        10,
        20,
        30,
        40,
        50,
    )


def test_points_are_the_inclusive_percentiles() -> None:
    points = percentile_points([0.0, 25.0, 50.0, 75.0, 100.0])
    assert points is not None
    assert len(points) == len(POINTS) == 19
    assert points[0] == 5.0 and points[9] == 50.0 and points[-1] == 95.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50.0, 50.0),  # on a point
        (52.5, 52.5),  # half way between P50 and P55
        (2.0, 0.0),  # below P5
        (99.0, 100.0),  # above P95
    ],
)
def test_rank_reads_between_points(value: float, expected: float) -> None:
    points = [float(p) for p in POINTS]  # the score equals its percentile
    assert percentile_rank(value, points) == expected


def test_rank_on_a_run_of_equal_points_is_its_middle() -> None:
    points = [0.0] * 8 + [50.0] * 11  # P5..P40 are 0, P45..P95 are 50
    assert percentile_rank(0.0, points) == 22.5
    assert percentile_rank(50.0, points) == 70.0


@given(
    st.lists(st.floats(0, 100, allow_nan=False), min_size=5, max_size=40),
    st.floats(-10, 110, allow_nan=False),
    st.floats(-10, 110, allow_nan=False),
)
def test_rank_never_falls_as_the_score_rises(values: list[float], a: float, b: float) -> None:
    points = percentile_points(values)
    assert points is not None and list(points) == sorted(points)
    low, high = sorted((a, b))
    rank_low, rank_high = percentile_rank(low, points), percentile_rank(high, points)
    assert 0 <= rank_low <= rank_high <= 100
