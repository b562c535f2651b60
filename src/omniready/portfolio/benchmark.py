"""The anonymous benchmark: percentile points per group of at least k organizations, no names.

Pure functions: entries → Benchmark (what `--export-benchmark` writes), and one audit's
assessment + Benchmark → Position (what `report --benchmark` shows). Reading and writing the
file are in benchfile.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from omniready.assess.model import Assessment
from omniready.audit.model import STEPS
from omniready.portfolio.build import latest_per_organization
from omniready.portfolio.model import Disagreement, Entry
from omniready.portfolio.profile import Profile
from omniready.portfolio.stats import K_ANONYMITY, percentile_points, percentile_rank

FORMAT = "omniready-benchmark"
VERSION = 1
Kind = Literal["overall", "step", "question"]
Dimension = Literal["industry", "country", "size_band", "year"]
# The groups a benchmark holds: everyone, each dimension alone, and the peers `report` prefers.
GROUPS: tuple[tuple[Dimension, ...], ...] = (
    (),
    ("industry",),
    ("country",),
    ("size_band",),
    ("year",),
    ("industry", "size_band"),
)
PEERS: tuple[Dimension, ...] = ("industry", "size_band")


@dataclass(frozen=True, slots=True)
class Row:
    """The percentile points of one score in one group (only groups of k organizations or more).

    `group` names the dimensions the group shares ("all", "industry", "industry+size_band");
    the others are None. `group_n` counts the group's organizations, `n` those with this score.
    """

    group: str
    industry: str | None
    country: str | None
    size_band: str | None
    year: int | None
    group_n: int
    kind: Kind
    id: str
    n: int
    points: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Benchmark:
    """An anonymous benchmark: rows, k, the checklist the scores answer, and what was left out."""

    checklist: str
    k: int
    rows: tuple[Row, ...]
    # Groups (of any dimension) with fewer than k organizations: left out entirely.
    suppressed_groups: int = 0
    organizations: int = 0


def group_name(dims: tuple[Dimension, ...]) -> str:
    """The group's name: "all" for everyone, else its dimensions joined by "+"."""
    return "+".join(dims) or "all"


def _scores(entry: Entry) -> Iterable[tuple[Kind, str, float]]:
    if entry.score is not None:
        yield "overall", "overall", entry.score
    for step in STEPS:
        value = entry.steps.get(step)
        if value is not None:
            yield "step", step, value
    for qid, value in entry.questions.items():
        yield "question", qid, value


def build_benchmark(entries: list[Entry], checklist: str, k: int = K_ANONYMITY) -> Benchmark:
    """Percentile points of every score in every group of at least k organizations.

    Each organization counts once per group: its latest audit (its latest of that year in the
    year groups). Nothing of an entry but its profile and scores reaches the rows.
    """
    latest = latest_per_organization(entries)
    per_year = latest_per_organization(_with_year_key(entries))
    rows: list[Row] = []
    suppressed = 0
    for dims in GROUPS:
        population = per_year if "year" in dims else latest
        groups: dict[tuple[object, ...], list[Entry]] = {}
        for entry in population:
            key = tuple(getattr(entry.profile, d) for d in dims)
            if None in key:
                continue  # an audit that does not say its industry is in no industry group
            groups.setdefault(key, []).append(entry)
        for key, members in sorted(groups.items(), key=lambda kv: str(kv[0])):
            if len(members) < k:
                suppressed += 1
                continue
            values: dict[tuple[Kind, str], list[float]] = {}
            for entry in members:
                for kind, ident, value in _scores(entry):
                    values.setdefault((kind, ident), []).append(value)
            where = dict(zip(dims, key, strict=True))
            for (kind, ident), scores in values.items():
                points = percentile_points(scores) if len(scores) >= k else None
                if points is None:
                    continue
                rows.append(
                    Row(
                        group=group_name(dims),
                        industry=_str(where.get("industry")),
                        country=_str(where.get("country")),
                        size_band=_str(where.get("size_band")),
                        year=_int(where.get("year")),
                        group_n=len(members),
                        kind=kind,
                        id=ident,
                        n=len(scores),
                        points=points,
                    )
                )
    return Benchmark(checklist, k, tuple(rows), suppressed, len(latest))


def _with_year_key(entries: Iterable[Entry]) -> list[Entry]:
    # One organization per year: the year joins the key that tells organizations apart.
    return [replace(e, key=f"{e.key}\n{e.profile.year}") for e in entries]


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


@dataclass(frozen=True, slots=True)
class Standing:
    """One score of the organization and its percentile in the group (None: not comparable)."""

    kind: Kind
    id: str
    step: str
    score: float | None
    percentile: float | None
    n: int


@dataclass(frozen=True, slots=True)
class Position:
    """Where one organization stands in a benchmark: the group used, its size, each score."""

    group: str
    industry: str | None
    size_band: str | None
    group_n: int
    k: int
    standings: tuple[Standing, ...]
    # Peers (same industry and size band) were too few, so everyone was used.
    fell_back: bool
    disagreements: tuple[Disagreement, ...] = ()
    checklist: str = ""
    benchmark_checklist: str = ""


def position(
    assessment: Assessment,
    profile: Profile,
    benchmark: Benchmark,
    disagreements: tuple[Disagreement, ...] = (),
) -> Position:
    """The organization's percentile per score among its peers (same industry and size band)
    when the benchmark has that group, else among all; every score without a row is None."""
    # A file edited by hand may hold small groups: they are never shown (k-anonymity).
    k = max(benchmark.k, K_ANONYMITY)
    rows = [r for r in benchmark.rows if r.group_n >= k and r.n >= k]
    peers = [
        r
        for r in rows
        if r.group == group_name(PEERS)
        and r.industry == profile.industry
        and r.size_band == profile.size_band
    ]
    chosen = peers or [r for r in rows if r.group == "all"]
    by_id = {(r.kind, r.id): r for r in chosen}
    mine: list[tuple[Kind, str, str, float | None]] = [
        ("overall", "overall", "overall", assessment.score)
    ]
    mine += [("step", s.step, s.step, s.score) for s in assessment.steps]
    mine += [
        ("question", q.id, q.step, None if q.score is None else round(100 * q.score, 1))
        for q in assessment.questions
        if (("question", q.id) in by_id)
    ]
    standings = []
    for kind, ident, step, score in mine:
        row = by_id.get((kind, ident))
        rank = None if row is None or score is None else percentile_rank(score, row.points)
        standings.append(Standing(kind, ident, step, score, rank, row.n if row else 0))
    first = chosen[0] if chosen else None
    return Position(
        group=first.group if first else "all",
        industry=profile.industry if peers else None,
        size_band=profile.size_band if peers else None,
        group_n=first.group_n if first else 0,
        k=k,
        standings=tuple(standings),
        fell_back=not peers,
        disagreements=disagreements,
        checklist=assessment.checklist,
        benchmark_checklist=benchmark.checklist,
    )
