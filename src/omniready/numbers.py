"""Numbers as people of each language write them; one style for reports, findings and diffs.

Spanish writes "25 %" and "1,5"; English "25%" and "1.5". Standard library only, so any layer
(assess, render, diff) can use it without importing another.
"""

from __future__ import annotations

# Channel figures (`steps.metrics.channels`) that are shares between 0 and 1: shown as
# percentages, their changes in percentage points. The audit model types the same fields as
# `Share`; tests/test_numbers.py proves the two lists agree.
SHARES: frozenset[str] = frozenset(
    {"incident_rate", "sla_attainment", "abandonment_rate", "no_show_rate", "self_service_rate"}
)

DASH = "—"


def is_share(field: str) -> bool:
    """Whether a channel figure is a share (0-1), shown as a percentage."""
    return field in SHARES


def number(value: float | None, lang: str, digits: int | None = 1, *, sign: bool = False) -> str:
    """A number as people of `lang` write it (decimal comma in Spanish); a dash for None.

    `digits` decimals, dropped when they are all zero (50.0 reads better as 50); None writes as
    many as the value needs (1.25, 3). `sign` puts "+" before positive numbers and zero.
    """
    if value is None:
        return DASH
    if digits is None:
        text = f"{value:{'+' if sign else ''}g}"
    else:
        text = f"{value:{'+' if sign else ''}.{digits}f}"
        if digits and text.endswith("0" * digits):
            text = text[: -(digits + 1)]
    return text.replace(".", ",") if lang == "es" else text


def percent(share: float | None, lang: str, digits: int = 0) -> str:
    """A share 0..1 as a percentage: "25 %" in Spanish, "25%" in English; a dash for None."""
    if share is None:
        return DASH
    return f"{number(100 * share, lang, digits)}{' %' if lang == 'es' else '%'}"


def points(delta: float | None, lang: str, digits: int = 1) -> str:
    """A change of a share in signed percentage points: "+1,5 pp", "-2 pp"; empty for None."""
    if delta is None:
        return ""
    return f"{number(100 * delta, lang, digits, sign=True)} pp"


def duration(seconds: float, lang: str) -> str:
    """Seconds as people say them, unit by size: 45 s, 12 min, 4 h, "1,5 h" in Spanish."""
    if seconds < 120:
        return f"{number(seconds, lang, None)} s"
    if seconds < 2 * 3600:
        return f"{number(seconds / 60, lang)} min"
    return f"{number(seconds / 3600, lang)} h"
