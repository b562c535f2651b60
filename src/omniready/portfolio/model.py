"""Typed records of a portfolio: one entry per audit, the files left out, and the figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from omniready.checklist import Text
from omniready.portfolio.profile import Profile
from omniready.portfolio.stats import Summary


@dataclass(frozen=True, slots=True)
class ResponseValue:
    """What one respondent answered: the value as written in the file, and the option's label."""

    respondent: str
    answer: str
    label: Text | None = None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Respondents of one organization more than one step of the scale apart on a question."""

    question: str
    step: str
    text: Text
    consensus: str | None
    consensus_label: Text | None
    responses: tuple[ResponseValue, ...]
    # How many steps of the question's scale lie between the lowest and the highest answer.
    spread: int


@dataclass(frozen=True, slots=True)
class Entry:
    """One audit's scores (0-100, None when nothing is scored) and levels, and who it is about."""

    path: str
    organization: str
    key: str
    profile: Profile
    date: dt.date | None
    score: float | None
    level: int | None
    steps: dict[str, float | None]
    step_levels: dict[str, int | None]
    # Question id → score 0-100 for scored questions only.
    questions: dict[str, float]
    disagreements: tuple[Disagreement, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file left out of the portfolio, with its first problem (FILE:LINE:COL: message)."""

    path: str
    problem: str
    problems: int = 1


@dataclass(frozen=True, slots=True)
class Filters:
    """Which audits to keep; an empty tuple keeps every value."""

    industries: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    def keeps(self, profile: Profile) -> bool:
        """Whether an audit with this profile passes every filter."""
        checks: tuple[tuple[tuple[object, ...], object], ...] = (
            (self.industries, profile.industry),
            (self.countries, profile.country),
            (self.sizes, profile.size_band),
            (self.years, profile.year),
        )
        return all(not wanted or value in wanted for wanted, value in checks)

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.industries or self.countries or self.sizes or self.years)


@dataclass(frozen=True, slots=True)
class Distribution:
    """A score's spread over the organizations that have it; `summary` None below k."""

    id: str
    step: str
    title: Text
    values: tuple[float, ...]
    summary: Summary | None


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One audit of an organization audited more than once."""

    date: dt.date | None
    year: int | None
    score: float | None
    steps: dict[str, float | None]


@dataclass(frozen=True, slots=True)
class Trend:
    """An organization's audits in time order, and the change of its overall score."""

    organization: str
    points: tuple[TrendPoint, ...]

    @property
    def change(self) -> float | None:
        """Last overall score minus the first (None when either has no score)."""
        first, last = self.points[0].score, self.points[-1].score
        return None if first is None or last is None else round(last - first, 1)


@dataclass(frozen=True, slots=True)
class Portfolio:
    """Many audits side by side: entries (after filters), files left out, figures and trends."""

    checklist: str
    step_titles: dict[str, Text]
    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...]
    filters: Filters
    read: int
    # One row per step (overall first), then per question: over the latest audit per organization.
    steps: tuple[Distribution, ...] = ()
    questions: tuple[Distribution, ...] = ()
    trends: tuple[Trend, ...] = ()
    organizations: int = 0
    k: int = 5
    question_titles: dict[str, Text] = field(default_factory=dict)
