"""How values read in a diff or a `show` line: numbers, scores, scalars and channel figures."""

from __future__ import annotations

from omniready.diff.model import Scalar
from omniready.diff.policy import metric_policy


def scalar(value: Scalar, *, none: str = "∅", yes: str = "yes", no: str = "no") -> str:
    """One value on one line: None as `none`, booleans as `yes`/`no`, newlines as ⏎."""
    if value is None:
        return none
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\r\n", "\n").replace("\n", " ⏎ ")


def num(value: float | None) -> str:
    """A score with one decimal; "-" when there is none."""
    return "-" if value is None else f"{value:.1f}"


def signed(value: float | None) -> str:
    """A score delta with its sign; empty when there is none."""
    return "" if value is None else f"{value:+.1f}"


def is_share(metric: str) -> bool:
    """Whether a channel figure is a share (0-1), shown as a percentage."""
    return metric in metric_policy().shares


def figure(metric: str, value: Scalar, *, yes: str = "yes", no: str = "no") -> str:
    """A channel figure: shares as percentages, others as they are."""
    if is_share(metric) and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.1f}%"
    return scalar(value, yes=yes, no=no)


def figure_delta(metric: str, delta: float | None) -> str:
    """A figure's change: percentage points for shares, the plain signed number otherwise."""
    if delta is None:
        return ""
    if is_share(metric):
        return f"{delta * 100:+.1f} pp"
    return f"{delta:+g}"
