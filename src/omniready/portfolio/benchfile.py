"""The benchmark file: JSON or Parquet by extension, written atomically, read back checked.

Parquet goes through duckdb (imported only here): the library the metrics collector already
uses for tabular data, so no second columnar library (pyarrow) is needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from omniready.portfolio.benchmark import FORMAT, GROUPS, VERSION, Benchmark, Row, group_name
from omniready.portfolio.errors import PortfolioError
from omniready.portfolio.stats import POINTS
from omniready.texts import Message

SUFFIXES = (".json", ".parquet")
_KINDS = {"overall", "step", "question"}
_GROUPS = {group_name(g) for g in GROUPS}


def check_suffix(path: Path) -> None:
    """Refuse a benchmark path that is neither .json nor .parquet, before any work is done."""
    if path.suffix.lower() not in SUFFIXES:
        given = path.suffix or "(nothing)"
        raise PortfolioError(
            Message("portfolio.errors.bench-suffix", {"path": path, "given": given})
        )


def to_json(benchmark: Benchmark) -> str:
    """The benchmark as JSON text: a header and one object per row."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "checklist": benchmark.checklist,
        "k": benchmark.k,
        "percentiles": list(POINTS),
        "organizations": benchmark.organizations,
        "suppressed_groups": benchmark.suppressed_groups,
    }
    # One row per line: compact enough for thousands of rows, still readable and diffable.
    rows = [_row_data(r) for r in benchmark.rows]
    body = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    head = json.dumps(document, ensure_ascii=False)[:-1]
    return f'{head}, "rows": [\n{body}\n]}}\n'


def _row_data(row: Row) -> dict[str, Any]:
    return {
        "group": row.group,
        "industry": row.industry,
        "country": row.country,
        "size_band": row.size_band,
        "year": row.year,
        "group_n": row.group_n,
        "kind": row.kind,
        "id": row.id,
        "n": row.n,
        "points": list(row.points),
    }


def write_benchmark(path: Path, benchmark: Benchmark) -> Path:
    """Write the benchmark atomically, as Parquet or JSON by the path's extension."""
    from omniready.audit.store import write_atomic

    check_suffix(path)
    if path.suffix.lower() == ".json":
        write_atomic(path, to_json(benchmark))
    else:
        _write_parquet(path, benchmark)
    return path


_COLUMNS = (
    '"group" VARCHAR, industry VARCHAR, country VARCHAR, size_band VARCHAR, year INTEGER, '
    "group_n INTEGER, kind VARCHAR, id VARCHAR, n INTEGER, points DOUBLE[]"
)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _write_parquet(path: Path, benchmark: Benchmark) -> None:
    import duckdb

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        why = exc.strerror or exc
        raise PortfolioError(
            Message("portfolio.errors.cannot-write", {"path": path, "why": why})
        ) from None
    os.close(fd)
    header = {
        "format": FORMAT,
        "version": str(VERSION),
        "checklist": benchmark.checklist,
        "k": str(benchmark.k),
        "organizations": str(benchmark.organizations),
        "suppressed_groups": str(benchmark.suppressed_groups),
    }
    metadata = ", ".join(f"{k}: {_sql_text(v)}" for k, v in header.items())
    try:
        con = duckdb.connect()
        try:
            con.execute(f"CREATE TABLE bench ({_COLUMNS})")
            if benchmark.rows:
                con.executemany(
                    "INSERT INTO bench VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            r.group,
                            r.industry,
                            r.country,
                            r.size_band,
                            r.year,
                            r.group_n,
                            r.kind,
                            r.id,
                            r.n,
                            list(r.points),
                        )
                        for r in benchmark.rows
                    ],
                )
            con.execute(
                f"COPY bench TO {_sql_text(tmp)} (FORMAT PARQUET, KV_METADATA {{{metadata}}})"
            )
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError | duckdb.Error):
            why = str(exc)
            raise PortfolioError(
                Message("portfolio.errors.cannot-write", {"path": path, "why": why})
            ) from None
        raise


def read_benchmark(path: Path) -> Benchmark:
    """Read a benchmark file written by `portfolio --export-benchmark`; bad input is exit 2."""
    check_suffix(path)
    if not path.is_file():
        raise PortfolioError(Message("portfolio.errors.no-such-file", {"path": path}))
    if path.suffix.lower() == ".json":
        return _from_json(path)
    return _from_parquet(path)


def _from_json(path: Path) -> Benchmark:
    from omniready.audit import yamlio

    text = yamlio.read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = {"path": path, "line": exc.lineno, "col": exc.colno, "why": exc.msg}
        raise PortfolioError(Message("portfolio.errors.not-json", where)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PortfolioError(
            Message("portfolio.errors.not-a-benchmark", {"path": path, "format": FORMAT})
        )
    if data.get("version") != VERSION:
        params = {"path": path, "version": repr(data.get("version")), "reads": VERSION}
        raise PortfolioError(Message("portfolio.errors.bench-version", params))
    raw_rows = data.get("rows")
    if not isinstance(raw_rows, list):
        raise PortfolioError(Message("portfolio.errors.rows-not-a-list", {"path": path}))
    rows = [_row(path, f"rows[{i}]", r) for i, r in enumerate(raw_rows)]
    return Benchmark(
        checklist=_text(path, "checklist", data.get("checklist")),
        k=_count(path, "k", data.get("k")),
        rows=tuple(rows),
        suppressed_groups=_count(path, "suppressed_groups", data.get("suppressed_groups", 0)),
        organizations=_count(path, "organizations", data.get("organizations", 0)),
    )


def _from_parquet(path: Path) -> Benchmark:
    import duckdb

    where = _sql_text(str(path))
    con = duckdb.connect()
    try:
        meta = {
            bytes(k).decode(): bytes(v).decode()
            for k, v in con.execute(
                f"SELECT key, value FROM parquet_kv_metadata({where})"
            ).fetchall()
        }
        if meta.get("format") != FORMAT:
            params = {"path": path, "format": FORMAT}
            raise PortfolioError(Message("portfolio.errors.not-a-benchmark", params))
        if meta.get("version") != str(VERSION):
            params = {"path": path, "version": repr(meta.get("version")), "reads": VERSION}
            raise PortfolioError(Message("portfolio.errors.bench-version", params))
        cursor = con.execute(f"SELECT * FROM read_parquet({where})")
        names = [d[0] for d in cursor.description or []]
        records = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        params = {"path": path, "why": first}
        raise PortfolioError(Message("portfolio.errors.not-parquet", params)) from None
    finally:
        con.close()
    rows = [_row(path, f"row {i + 1}", r) for i, r in enumerate(records)]
    return Benchmark(
        checklist=meta.get("checklist", ""),
        k=_count(path, "k", _int_text(meta.get("k"))),
        rows=tuple(rows),
        suppressed_groups=_count(
            path, "suppressed_groups", _int_text(meta.get("suppressed_groups", "0"))
        ),
        organizations=_count(path, "organizations", _int_text(meta.get("organizations", "0"))),
    )


def _int_text(value: str | None) -> object:
    return int(value) if value is not None and value.isdigit() else value


def _row(path: Path, where: str, raw: Any) -> Row:
    """One row checked field by field; a wrong one names the row and the field."""
    if not isinstance(raw, dict):
        raise PortfolioError(
            Message("portfolio.errors.row-not-object", {"path": path, "where": where})
        )

    def bad(field: str, what: str, **params: object) -> PortfolioError:
        said = Message(f"portfolio.errors.field.{what}", params)
        return PortfolioError(
            Message(
                "portfolio.errors.row-field",
                {"path": path, "where": f"{where}.{field}", "what": said},
            )
        )

    group = raw.get("group")
    if group not in _GROUPS:
        raise bad("group", "one-of", options=", ".join(sorted(_GROUPS)))
    kind = raw.get("kind")
    if kind not in _KINDS:
        raise bad("kind", "kind")
    points = raw.get("points")
    if (
        not isinstance(points, list | tuple)
        or len(points) != len(POINTS)
        or not all(isinstance(p, int | float) and not isinstance(p, bool) for p in points)
    ):
        raise bad("points", "points", n=len(POINTS))
    texts = {}
    for name in ("industry", "country", "size_band"):
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise bad(name, "text-or-null")
        texts[name] = value
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise bad("year", "whole-or-null")
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident:
        raise bad("id", "text")
    return Row(
        group=str(group),
        industry=texts["industry"],
        country=texts["country"],
        size_band=texts["size_band"],
        year=year,
        group_n=_count(path, f"{where}.group_n", raw.get("group_n")),
        kind=kind,  # type: ignore[arg-type]
        id=ident,
        n=_count(path, f"{where}.n", raw.get("n")),
        points=tuple(float(p) for p in points),
    )


def _count(path: Path, field: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        said = Message("portfolio.errors.field.whole", {})
        params = {"path": path, "where": field, "what": said}
        raise PortfolioError(Message("portfolio.errors.row-field", params))
    return value


def _text(path: Path, field: str, value: object) -> str:
    if not isinstance(value, str):
        said = Message("portfolio.errors.field.text", {})
        raise PortfolioError(
            Message("portfolio.errors.row-field", {"path": path, "where": field, "what": said})
        )
    return value
