"""Light command-line vocabulary of `omniready metrics` (stdlib only: `--help` must stay fast)."""

from __future__ import annotations

import datetime as dt
import enum
import re


class Format(str, enum.Enum):
    """--format choices; formats.to_format maps each one to a format object."""

    table = "table"
    json = "json"
    md = "md"


_SECONDS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600}


def parse_duration(text: str) -> float:
    """'60', '60s', '2m', '1.5h' → seconds; ValueError when unreadable or negative."""
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*", text.lower())
    if not match or match.group(2) not in _SECONDS:
        raise ValueError(f"not a duration: {text!r} (examples: 60s, 2m, 1h)")
    return float(match.group(1).replace(",", ".")) * _SECONDS[match.group(2)]


def parse_sla(text: str) -> dict[str, float]:
    """'phone=60s,chat=2m' → {'phone': 60.0, 'chat': 120.0}; ValueError on a bad item."""
    targets: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        channel, sep, value = item.partition("=")
        if not sep or not channel.strip():
            raise ValueError(f"expected CHANNEL=DURATION, got {item!r} (example: phone=60s)")
        targets[channel.strip().lower()] = parse_duration(value)
    return targets


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """'2026-01..2026-06' (months or days) → (first day, last day) inclusive."""
    start_text, sep, end_text = text.partition("..")
    if not sep:
        raise ValueError(f"expected START..END, got {text!r} (example: 2026-01..2026-06)")
    start = _day(start_text.strip(), first=True)
    end = _day(end_text.strip(), first=False)
    if end < start:
        raise ValueError(f"the period {text!r} ends before it starts")
    return start, end


def _day(text: str, *, first: bool) -> dt.date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = (int(p) for p in text.split("-"))
            day = dt.date(year, month, 1)
            if first:
                return day
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"not a month or a day: {text!r} (examples: 2026-01, 2026-01-15)"
        ) from None
