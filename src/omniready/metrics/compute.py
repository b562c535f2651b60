"""The figures, computed by DuckDB from the `used` table with the SQL of definitions.yaml, and
assembled into typed records. Deciding what is absent, peaks and staffing is pure Python."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from omniready.audit.model import MeasuredScope, NoShowTest, Staffing
from omniready.metrics import stats
from omniready.metrics.definitions import Definitions, Figure
from omniready.metrics.mapping import Mapping
from omniready.metrics.model import Share
from omniready.metrics.sources import ident


def roles_mapped(mapping: Mapping) -> set[str]:
    """Every role some source provides (a fixed channel or an incident rule counts)."""
    roles: set[str] = set()
    for source in mapping.sources:
        mapped = set(source.columns.mapped())
        roles |= mapped
        if source.channel:
            roles.add("channel")
        if source.incident is not None or source.values.incident_types and "type" in mapped:
            roles.add("incident")
        if "no_show" in mapped:
            roles.add("attended")
        if "self_service" in mapped:
            roles.add("outcome")
        if "answer" in mapped:
            roles.add("wait_s")
    return roles


def months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months the period touches (January to March is 3)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


Grain = tuple[str, ...]  # the columns a group is by: (), (channel,), (segment,), (channel, segment)


def grains(segments: bool) -> list[Grain]:
    """All contacts and per channel; with segments also per segment and channel × segment."""
    out: list[Grain] = [(), ("channel",)]
    return out + [("segment",), ("channel", "segment")] if segments else out


def figures_sql(figures: list[Figure], grain: Grain, *, months: int) -> str:
    """One query for every figure at one grain: one scan of `used` per grain. (All grains in one
    GROUPING SETS query ran out of memory at 10 million rows: the distinct counts and quantiles
    of the four groupings are held at once and cannot spill.)"""
    dims = ", ".join(c if c in grain else f"NULL AS {c}" for c in ("channel", "segment"))
    aggregates = "".join(
        f",\n  {f.value.format(months=months)} AS {ident('v_' + f.id)}, "
        f"{f.n} AS {ident('n_' + f.id)}"
        for f in figures
    )
    group = f"\nGROUP BY {', '.join(grain)}" if grain else ""
    return f"SELECT {dims}{aggregates}\nFROM used{group}"


def missing_roles(defs: Definitions, mapping: Mapping) -> dict[str, list[str]]:
    """The roles each figure needs that no source maps (empty when it can be computed)."""
    mapped = roles_mapped(mapping)
    return {f.id: [r for r in f.needs if r not in mapped] for f in defs.figures}


def queries(defs: Definitions, mapping: Mapping, *, segments: bool, months: int) -> dict[str, str]:
    """Every query a run sends to DuckDB after loading: the figures' and each table's."""
    missing = missing_roles(defs, mapping)
    figures = [f for f in defs.figures if not missing[f.id]]
    out = {
        f"figures:{'×'.join(grain) or 'all'}": figures_sql(figures, grain, months=months)
        for grain in grains(segments)
    }
    return out | {f"table:{k}": v for k, v in defs.tables.items()}


def scopes(
    con: Any,
    defs: Definitions,
    mapping: Mapping,
    months: int,
) -> tuple[
    MeasuredScope, dict[str, MeasuredScope], dict[str, MeasuredScope], dict[str, MeasuredScope]
]:
    """Figures of all contacts, per channel, per segment and per channel/segment; a figure whose
    roles are not mapped is absent everywhere without being computed."""
    segments = bool(con.execute("SELECT count(segment) FROM used").fetchone()[0])
    missing = missing_roles(defs, mapping)
    figures = [f for f in defs.figures if not missing[f.id]]
    overall = MeasuredScope()
    by_channel: dict[str, MeasuredScope] = defaultdict(MeasuredScope)
    by_segment: dict[str, MeasuredScope] = defaultdict(MeasuredScope)
    by_both: dict[str, MeasuredScope] = defaultdict(MeasuredScope)
    for grain in grains(segments):
        rows = con.execute(figures_sql(figures, grain, months=months)).fetchall()
        for channel, segment, *pairs in rows:
            segment = "unknown" if segment is None else str(segment)
            if not grain:
                scope = overall
            elif grain == ("channel",):
                scope = by_channel[channel]
            elif grain == ("segment",):
                scope = by_segment[segment]
            else:
                scope = by_both[f"{channel}/{segment}"]
            values = {f.id: (pairs[2 * i], pairs[2 * i + 1]) for i, f in enumerate(figures)}
            for figure in defs.figures:
                value, n = values.get(figure.id, (None, 0))
                if missing[figure.id]:
                    scope.absent[figure.id] = f"not-mapped:{missing[figure.id][0]}"
                elif value is None or not n:
                    scope.absent[figure.id] = figure.empty
                else:
                    scope.values[figure.id] = float(value)
    return overall, dict(by_channel), dict(by_segment), dict(by_both)


def monthly(con: Any, defs: Definitions) -> dict[str, dict[str, int]]:
    """Contacts per channel and month."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for channel, month, contacts in con.execute(defs.tables["monthly"]).fetchall():
        out[channel][month] = int(contacts)
    return dict(out)


def peak_months(per_month: dict[str, int]) -> list[int]:
    """Months of the year (1-12) whose contacts are at least 10 % above the mean of the months
    of the year observed, the three highest at most; none with a single month observed."""
    by_number: dict[int, int] = defaultdict(int)
    for month, contacts in per_month.items():
        by_number[int(month[5:7])] += contacts
    if len(by_number) < 2:
        return []
    mean = sum(by_number.values()) / len(by_number)
    high = [m for m, c in by_number.items() if c >= 1.1 * mean]
    return sorted(sorted(high, key=lambda m: (-by_number[m], m))[:3])


Slot = tuple[str, int, int, int, int]  # channel, ISO weekday, hour, contacts, days it occurred


def slots(con: Any, defs: Definitions) -> list[Slot]:
    """Contacts per channel, weekday and hour, with the days each slot occurred (one scan feeds
    both the weekday × hour grid and staffing)."""
    return [
        (str(c), int(d), int(h), int(n), int(days))
        for c, d, h, n, days in con.execute(defs.tables["channel_slots"]).fetchall()
    ]


def weekday_hour(rows: list[Slot]) -> list[list[int]]:
    """Contacts per ISO weekday (rows, Monday first) and hour (columns), all channels."""
    grid = [[0] * 24 for _ in range(7)]
    for _, weekday, hour, contacts, _ in rows:
        grid[weekday - 1][hour] += contacts
    return grid


def peak_hour(grid: list[list[int]]) -> tuple[int, int, int] | None:
    """The busiest weekday and hour, and its contacts."""
    best = max(((c, -d, -h) for d, row in enumerate(grid) for h, c in enumerate(row)), default=None)
    if best is None or best[0] == 0:
        return None
    return -best[1] + 1, -best[2], best[0]


def staffing(
    rows: list[Slot],
    mapping: Mapping,
    targets: dict[str, float],
    channels: dict[str, MeasuredScope],
) -> dict[str, Staffing]:
    """Erlang C agents at the peak weekday-hour of each live channel with a target and a
    handle time: arrivals per hour are that slot's contacts over the days it occurred."""
    peaks: dict[str, tuple[int, int, int, int]] = {}
    for channel, weekday, hour, contacts, days in rows:
        if channel in mapping.live_channels and contacts > peaks.get(channel, (0, 0, 0, 0))[2]:
            peaks[channel] = (weekday, hour, contacts, days)
    out: dict[str, Staffing] = {}
    for channel, (weekday, hour, contacts, days) in sorted(peaks.items()):
        handle = channels.get(channel, MeasuredScope()).values.get("handle_avg_s")
        target = targets.get(channel)
        if not handle or target is None or not days:
            continue
        arrivals = contacts / days
        agents, level = stats.agents_needed(arrivals, handle, target, mapping.service_level_goal)
        out[channel] = Staffing(
            weekday=weekday,
            hour=hour,
            arrivals_per_hour=round(arrivals, 3),
            handle_s=round(handle, 1),
            target_s=target,
            goal=mapping.service_level_goal,
            agents=agents,
            service_level=round(level, 4),
        )
    return out


def no_show_test(con: Any, defs: Definitions) -> NoShowTest | None:
    """No-show rates with and without a reminder and the difference's test, when both exist."""
    counts = {
        bool(r): (int(n), int(x))
        for r, n, x in con.execute(defs.tables["no_show_reminder"]).fetchall()
    }
    if counts.get(True, (0, 0))[0] == 0 or counts.get(False, (0, 0))[0] == 0:
        return None
    (n1, x1), (n2, x2) = counts[True], counts[False]
    test = stats.two_proportions(x1, n1, x2, n2)
    return NoShowTest(
        with_reminder=test.p1,
        without_reminder=test.p2,
        n_with=n1,
        n_without=n2,
        difference=test.difference,
        ci_low=test.ci_low,
        ci_high=test.ci_high,
        p_value=min(1.0, max(0.0, test.p_value)),
        significant=test.significant,
    )


def shares(con: Any, sql: str, *, part: bool = False) -> list[Share]:
    """Rows of (name, count, rate) or, with `part`, (name, part, count) as Share records."""
    out = []
    for name, a, b in con.execute(sql).fetchall():
        if part:
            out.append(Share(str(name), int(b), int(a) / int(b) if b else None, int(a)))
        else:
            out.append(Share(str(name), int(a), float(b) if b is not None else None))
    return out


def no_show_by_age(con: Any, defs: Definitions) -> list[Share]:
    """Appointments, no-shows and the rate per age band."""
    return [
        Share(str(band), int(n), int(x) / int(n) if n else None, int(x))
        for band, n, x in con.execute(defs.tables["no_show_age"]).fetchall()
    ]
