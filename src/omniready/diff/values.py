"""How values read in a diff or a `show` line: numbers, scores, scalars and channel figures."""

from __future__ import annotations

from omniready import numbers
from omniready.diff.model import Scalar


def scalar(value: Scalar, *, none: str = "∅", yes: str = "yes", no: str = "no") -> str:
    """One value on one line: None as `none`, booleans as `yes`/`no`, newlines as ⏎."""
    if value is None:
        return none
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, float):  # only show.py's data view gets here; people's: figure, value
        return f"{value:g}"
    return str(value).replace("\r\n", "\n").replace("\n", " ⏎ ")


def num(value: float | None, lang: str) -> str:
    """A score with one decimal in `lang` ("36,7", "1,0"); "-" when there is none."""
    return "-" if value is None else numbers.decimal(value, lang)


def signed(value: float | None, lang: str) -> str:
    """A score delta with its sign, one decimal in `lang`; empty when there is none."""
    return "" if value is None else numbers.decimal(value, lang, sign=True)


def is_share(metric: str) -> bool:
    """Whether a channel figure is a share (0-1), shown as a percentage (numbers.SHARES)."""
    return numbers.is_share(metric)


def figure(
    metric: str, value: Scalar, *, lang: str = "en", yes: str = "yes", no: str = "no"
) -> str:
    """A channel figure in `lang`: shares as percentages, numbers per language, else as is."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if is_share(metric):
            return numbers.percent(value, lang, 1)
        return numbers.number(value, lang, None)  # "86.250" in Spanish, "86,250" in English
    return scalar(value, yes=yes, no=no)


def figure_delta(metric: str, delta: float | None, *, lang: str = "en") -> str:
    """A figure's change: percentage points for shares, the plain signed number otherwise."""
    if delta is None:
        return ""
    if is_share(metric):
        return numbers.points(delta, lang)
    return numbers.number(delta, lang, None, sign=True)
