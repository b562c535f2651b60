"""`--suggest-map`: a starting mapping read from each export's header and a sample of values.
Every guess is marked with a comment so the consultant checks it before the first run."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from omniready import channels
from omniready.metrics.mapping import Source
from omniready.metrics.sources import expand, format_of, ident, load
from omniready.texts import text

FILE = Path(__file__).resolve().parent / "suggest.yaml"
SAMPLE = 500


@cache
def _table() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    data["roles"] = {r: [_key(w) for w in ws] for r, ws in data["roles"].items()}
    return data


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def match_roles(columns: list[str]) -> dict[str, str]:
    """role → column, by the known names (exact first, then a name that contains one)."""
    roles: dict[str, str] = {}
    taken: set[str] = set()
    for exact in (True, False):
        for role, words in _table()["roles"].items():
            if role in roles:
                continue
            for column in columns:
                key = _key(column)
                if column in taken or not key:
                    continue
                if (key in words) if exact else any(len(w) > 3 and w in key for w in words):
                    roles[role] = column
                    taken.add(column)
                    break
    return roles


def date_format(samples: list[str]) -> str | None:
    """The format that reads every sampled value, or None when they are ISO 8601 (or unknown)."""
    values = [s for s in samples if s]
    if not values:
        return None
    try:
        for v in values:
            dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
        return None
    except ValueError:
        pass
    for fmt in _table()["date_formats"]:
        try:
            for v in values:
                dt.datetime.strptime(v, fmt)
            return str(fmt)
        except ValueError:
            continue
    return None


def _sample(con: Any, relation: str, column: str) -> list[str]:
    rows = con.execute(
        f"SELECT DISTINCT CAST({ident(column)} AS VARCHAR) FROM {relation} "
        f"WHERE {ident(column)} IS NOT NULL LIMIT {SAMPLE}"
    ).fetchall()
    return [str(r[0]).strip() for r in rows]


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def suggest(paths: list[Path], lang: str = "es") -> str:
    """A mapping file's text for the exports at `paths` (each file its own source)."""
    import duckdb

    guessed = "# " + text("metrics.suggest.guessed", lang)
    lines = [
        "# " + text("metrics.suggest.head", lang),
        "version: 1",
        "timezone: UTC  " + guessed,
        "sources:",
    ]
    with tempfile.TemporaryDirectory(prefix="omniready-suggest-") as scratch:
        con = duckdb.connect(":memory:")
        for index, path in enumerate(expand([str(p) for p in paths])):
            name = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._") or f"source{index}"
            source = Source(name=name)
            loaded = load(con, index, source, [path], Path(scratch))
            columns = [c for c in loaded.types if not c.startswith("__")]
            roles = match_roles(columns)

            relation = loaded.relation

            def sample(column: str, relation: str = relation) -> list[str]:
                return _sample(con, relation, column)

            lines += [f"  - name: {name}", f"    files: [{_q(path.name)}]"]
            if format_of(path, source) == "xlsx":
                from python_calamine import CalamineWorkbook

                sheet = CalamineWorkbook.from_path(str(path)).sheet_names[0]
                lines.append(f"    sheet: {_q(sheet)}")
            if "channel" not in roles:
                words = re.split(r"[^a-z]+", path.stem.lower())
                known = next(
                    (
                        channels.canonical(w)
                        for w in words
                        if channels.canonical(w) in channels.known()
                    ),
                    "phone",
                )
                lines.append(f"    channel: {known}  {guessed}")
            start = roles.get("start")
            if start and "time" in roles:
                start_cols: Any = [start, roles["time"]]
            else:
                start_cols = start
            if start:
                first = start_cols if isinstance(start_cols, str) else start_cols[0]
                fmt = date_format(sample(first)[:50])
                if fmt and isinstance(start_cols, str):
                    lines.append(f"    date_format: {_q(fmt)}  {guessed}")
            lines.append("    columns:")
            for role, column in roles.items():
                if role == "time":
                    continue
                value = start_cols if role == "start" else column
                shown = (
                    "[" + ", ".join(_q(c) for c in value) + "]"
                    if isinstance(value, list)
                    else _q(value)
                )
                lines.append(f"      {role}: {shown}  {guessed}")
            if "start" not in roles:
                todo = text("metrics.suggest.no-start", lang)
                lines.append(f"      start: null  # {todo}: " + ", ".join(columns))
            values: list[str] = []
            if "channel" in roles:
                by_channel: dict[str, list[str]] = {}
                for raw in sorted(sample(roles["channel"]))[:40]:
                    by_channel.setdefault(channels.canonical(raw), []).append(raw)
                values.append("      channel:")
                values += [
                    f"        {ch}: [{', '.join(_q(v) for v in vs)}]"
                    for ch, vs in sorted(by_channel.items())
                ]
            if "outcome" in roles:
                raw_values = sorted(sample(roles["outcome"]))[:20]
                values.append(
                    f"      outcome: {{answered: [], abandoned: [], excluded: []}}  {guessed}: "
                    + ", ".join(raw_values)
                )
            if values:
                lines += ["    values:", *values]
        con.close()
    return "\n".join(lines) + "\n"
