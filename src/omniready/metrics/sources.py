"""Reading exports into DuckDB: one raw table or view per source, with each row's file and line.

CSV/TSV (any delimiter, UTF-8 with or without BOM, UTF-16, cp1252/latin-1), Excel .xlsx (a chosen
sheet, read with python-calamine), Parquet and JSON Lines. Several files of a source are one table.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omniready.errors import InputError, Problem
from omniready.metrics.encoding import as_utf8, detect_encoding, header_and_delimiter
from omniready.metrics.mapping import Mapping, Source
from omniready.texts import Message

_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}


@dataclass
class LoadedSource:
    """A source as DuckDB holds it: relation name, its columns and their types, its files."""

    source: Source
    relation: str
    types: dict[str, str]
    files: list[tuple[str, str]] = field(default_factory=list)  # (file name, sha256)
    decimal: str = "."
    ranked: list[str] = field(default_factory=list)  # file names by their `__file` number
    tables: list[str] = field(default_factory=list)  # the copies read into DuckDB (CSV, Excel…)


def sha256_of(path: Path) -> str:
    """The file's sha256, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def expand(patterns: list[str], base: Path | None = None) -> list[Path]:
    """Files named by paths or glob patterns (relative to `base`), sorted, without repeats."""
    found: list[Path] = []
    for pattern in patterns:
        full = str(base / pattern) if base and not Path(pattern).is_absolute() else pattern
        if glob.has_magic(full):
            matches = sorted(Path(p) for p in glob.glob(full, recursive=True))
            if not matches:
                raise InputError.at(pattern, Message("metrics.errors.no-match"))
            found += matches
        else:
            found.append(Path(full))
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def assign(files: list[Path], mapping: Mapping, base: Path) -> dict[str, list[Path]]:
    """Which source of the mapping each file belongs to: the first whose `files` pattern matches
    its name; a mapping of one source takes every file. Without files, the mapping's own."""
    if not files:
        return {s.name: expand(s.files, base) for s in mapping.sources if s.files}
    out: dict[str, list[Path]] = {s.name: [] for s in mapping.sources}
    for path in files:
        owner = next(
            (s.name for s in mapping.sources if any(path.match(Path(p).name) for p in s.files)),
            mapping.sources[0].name if len(mapping.sources) == 1 else None,
        )
        if owner is None:
            names = ", ".join(s.name for s in mapping.sources)
            raise InputError(
                [
                    Problem(
                        str(path),
                        None,
                        None,
                        Message("metrics.errors.no-owner", {"sources": names}),
                    )
                ],
                hint=Message("metrics.errors.no-owner-hint"),
            )
        out[owner].append(path)
    return {name: paths for name, paths in out.items() if paths}


def format_of(path: Path, source: Source) -> str:
    """The source's format: as the mapping says, else by the file's extension (CSV otherwise)."""
    return source.format or _FORMATS.get(path.suffix.lower(), "csv")


def load(con: Any, index: int, source: Source, paths: list[Path], scratch: Path) -> LoadedSource:
    """Create the raw relation `raw_<index>` of a source: its columns as read plus `__file` (the
    file's number in the order of the files' names: `ranked` holds the names) and `__line` (the
    line number a person finds in the file: CSV lines with the header as 1, Excel rows, Parquet
    and JSON Lines records from 1)."""
    relation = f"raw_{index}"
    loaded = LoadedSource(source, relation, {})
    order = sorted(range(len(paths)), key=lambda n: (paths[n].name, n))
    loaded.ranked = [paths[n].name for n in order]
    for number, path in enumerate(paths):
        if not path.is_file():
            raise InputError.at(
                path,
                Message(
                    "metrics.errors.no-file" if not path.exists() else "metrics.errors.not-a-file"
                ),
            )
        loaded.files.append((path.name, sha256_of(path)))
        kind = format_of(path, source)
        part = f"{relation}_{number}"
        rank = order.index(number)  # a small integer per row, not the name: cheaper to carry
        if kind == "csv":
            loaded.decimal = _csv(con, part, path, source, scratch, rank)
            loaded.tables.append(f"{part}_t")
        elif kind == "xlsx":
            _xlsx(con, part, path, source, rank)
            loaded.tables.append(part)
        elif kind == "parquet":
            _query(con, path, f"CREATE VIEW {part} AS SELECT *, {rank} AS __file, "
                   f"file_row_number + 1 AS __line FROM read_parquet({_lit(str(path))}, "
                   "file_row_number = true)")  # fmt: skip
        else:
            _query(con, path, f"CREATE TEMP TABLE {part}_t AS SELECT * FROM read_json("
                   f"{_lit(str(path))}, format = 'newline_delimited')")  # fmt: skip
            _query(con, path, f"CREATE VIEW {part} AS SELECT *, {rank} AS __file, "
                   f"rowid + 1 AS __line FROM {part}_t")  # fmt: skip
            loaded.tables.append(f"{part}_t")
    parts = " UNION ALL BY NAME ".join(f"SELECT * FROM {relation}_{n}" for n in range(len(paths)))
    con.execute(f"CREATE VIEW {relation} AS {parts}")
    loaded.types = {row[0]: row[1] for row in con.execute(f"DESCRIBE {relation}").fetchall()}
    return loaded


def release(con: Any, loaded: LoadedSource) -> None:
    """Drop the copies of a source's files once its rows are built: the memory they held goes
    to the figures' queries (on a large log, less of them spills to disk)."""
    for table in loaded.tables:
        con.execute(f"DROP TABLE {table}")
    loaded.tables.clear()


def _csv(con: Any, part: str, path: Path, source: Source, scratch: Path, rank: int) -> str:
    encoding = source.encoding or detect_encoding(path)
    readable = as_utf8(path, encoding, scratch)
    header, delimiter = header_and_delimiter(readable, source.delimiter)
    names = _unique_names(header)
    columns = "{" + ", ".join(f"{_lit(n)}: 'VARCHAR'" for n in names) + "}"
    # Only the columns the mapping reads are copied: an export's others (names, addresses, free
    # text) cost memory and are never read. All of them when nothing is mapped (--suggest-map)
    # or a mapped one is missing (the message lists the file's columns).
    wanted = {n for listed in source.columns.mapped().values() for n in listed}
    keep = [n for n in names if n in wanted] if wanted and wanted <= set(names) else names
    _query(
        con,
        path,
        f"CREATE TEMP TABLE {part}_t AS SELECT {', '.join(_ident(n) for n in keep)} "
        f"FROM read_csv({_lit(str(readable))}, "
        f"auto_detect = false, header = true, delim = {_lit(delimiter)}, quote = '\"', "
        f"escape = '\"', columns = {columns})",
    )
    con.execute(
        f"CREATE VIEW {part} AS SELECT *, {rank} AS __file, rowid + 2 AS __line FROM {part}_t"
    )
    # Spanish-locale Excel writes ";" between fields because "," is the decimal mark.
    return source.decimal or ("," if delimiter == ";" else ".")


def _xlsx(con: Any, part: str, path: Path, source: Source, rank: int) -> None:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet_name = source.sheet or book.sheet_names[0]
        if sheet_name not in book.sheet_names:
            raise InputError.at(
                path,
                Message(
                    "metrics.errors.no-sheet",
                    {"sheet": repr(sheet_name), "sheets": ", ".join(book.sheet_names)},
                ),
            )
        rows = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError.at(
            path, Message("metrics.errors.bad-excel", {"detail": str(exc)})
        ) from None
    start = next((i for i, row in enumerate(rows) if any(v not in ("", None) for v in row)), None)
    if start is None:
        raise InputError.at(
            path, Message("metrics.errors.empty-sheet", {"sheet": repr(sheet_name)}), 1
        )
    names = _unique_names([_cell(v) or "" for v in rows[start]])
    body = rows[start + 1 :]
    columns = [[_cell(row[i]) if i < len(row) else None for row in body] for i in range(len(names))]
    lines = list(range(start + 2, start + 2 + len(body)))
    selects = ", ".join(f"unnest(?::VARCHAR[]) AS {_ident(n)}" for n in names)
    con.execute(
        f"CREATE TEMP TABLE {part} AS SELECT *, {rank} AS __file, "
        f"CAST(__l AS BIGINT) AS __line FROM (SELECT {selects}, unnest(?::BIGINT[]) AS __l)",
        [*columns, lines],
    )
    con.execute(f"ALTER TABLE {part} DROP COLUMN __l")


def _cell(value: Any) -> str | None:
    """An Excel cell as the text a CSV export would hold."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value.total_seconds())
    return str(value)


def _unique_names(header: list[str]) -> list[str]:
    names: list[str] = []
    for i, raw in enumerate(header):
        name = raw.strip() or f"column{i}"
        while name in names:
            name = f"{name}_{i}"
        names.append(name)
    return names


def _query(con: Any, path: Path, sql: str) -> None:
    import duckdb

    try:
        con.execute(sql)
    except duckdb.Error as exc:
        raise unreadable(path, exc) from None


def unreadable(path: Path, exc: Exception) -> InputError:
    """DuckDB's reading error as FILE:LINE: message, without the row's content (it may hold
    personal data) or DuckDB's list of options."""
    text = str(exc)
    line = re.search(r"[Ll]ine:? (\d+)", text)
    lines = [s.strip() for s in text.splitlines() if s.strip()]
    reason = next(
        (
            s
            for s in lines[1:]
            if not s.startswith(("Original Line", "Possible fixes", "*", "file =", "delimiter"))
        ),
        lines[0] if lines else "unreadable",
    )
    reason = re.sub(r"^Invalid Input Error: ", "", reason)  # DuckDB's class name, not ours
    return InputError.at(path, reason, int(line.group(1)) if line else None)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


ident = _ident
lit = _lit
