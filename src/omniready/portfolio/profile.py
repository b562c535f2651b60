"""Who an audit is about, for filters and peer groups: industry, country, size band and year.

Pure functions over an Audit; the size bands are data (sizes.yaml beside this module).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from omniready.audit import yamlio
from omniready.audit.model import Audit

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Band:
    """A size band: its id and the largest head count in it (None: no limit); its name is in
    the catalogue (portfolio.sizes.<id>)."""

    id: str
    max: int | None


@dataclass(frozen=True, slots=True)
class Profile:
    """What peers share: industry, country, size band and year (None when the audit omits it)."""

    industry: str | None
    country: str | None
    size_band: str | None
    year: int | None


@cache
def size_bands() -> tuple[tuple[Band, ...], tuple[str, ...]]:
    """The size bands (smallest first) and the words that follow a head count, from sizes.yaml."""
    path = _HERE / "sizes.yaml"
    raw = yamlio.parse(path.read_text(encoding="utf-8"), path)
    bands = tuple(Band(b["id"], b["max"]) for b in raw["bands"])
    return bands, tuple(raw["people"])


def band_ids() -> tuple[str, ...]:
    """The ids of the size bands, smallest first."""
    return tuple(b.id for b in size_bands()[0])


def size_band(size: str | None) -> str | None:
    """The band of `organization.size`: a band id, else by its head count ("620 empleados")."""
    if not size:
        return None
    bands, people = size_bands()
    text = size.strip().casefold()
    if text in {b.id for b in bands}:
        return text
    words = "|".join(re.escape(w) for w in people)
    found = re.search(rf"(\d[\d.,\s]*)\s*(?:{words})\b", text)
    if found is None:
        return None
    # Thousands separators differ by language (1.200, 1,200, 1 200); a head count is whole.
    count = int(re.sub(r"\D", "", found.group(1)))
    return next(b.id for b in bands if b.max is None or count <= b.max)


def normalize(value: str | None) -> str | None:
    """An industry or country as a key: trimmed and case-folded; None when empty."""
    if value is None or not value.strip():
        return None
    return " ".join(value.split()).casefold()


def profile_of(audit: Audit) -> Profile:
    """The audit's profile; the year is the last update's, else the start's."""
    org = audit.organization
    when = audit.updated.date() if audit.updated else audit.started
    return Profile(
        industry=normalize(org.industry),
        country=org.country.strip().upper() if org.country and org.country.strip() else None,
        size_band=size_band(org.size),
        year=when.year if when else None,
    )


def organization_key(name: str) -> str:
    """The key that tells two audits of the same organization: its name, spaces and case folded."""
    return " ".join(name.split()).casefold()
