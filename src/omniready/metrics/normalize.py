"""From raw source relations to one table of contacts in the mapping's roles, each row with the
reason it is set aside (NULL when used), and the `used` view the figures read.

Pure SQL building (strings) plus the few queries that need the data's distinct values or ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping as Mapping_
from typing import Any

from omniready import channels
from omniready.errors import InputError
from omniready.metrics.mapping import DEFAULT_OUTCOMES, NO, YES, Mapping, Source
from omniready.metrics.sources import LoadedSource, ident, lit
from omniready.texts import Message

# Row reasons, in the order they are checked: a row is counted once, under the first that holds.
REASONS = (
    "missing-start",
    "unparseable-date",
    "unparseable-number",
    "duplicate-id",
    "excluded-outcome",
    "close-before-open",
    "negative-wait",
    "out-of-period",
)
_TIME_TYPES = ("TIMESTAMP", "DATE")
_NUMBER_TYPES = ("INT", "BIGINT", "DOUBLE", "FLOAT", "DECIMAL", "SMALLINT", "TINYINT", "HUGEINT")
MAX_CATEGORIES = 2000  # more distinct values than this is not a channel or outcome column

# The columns of `rows` with their types: a column no source maps (NULL in every row) is not
# stored but given as a constant by the `used` view, so writing the table costs less.
COLUMNS = {
    "src": "INTEGER", "file": "INTEGER", "line": "BIGINT", "customer_id": "VARCHAR",
    "channel": "VARCHAR", "segment": "VARCHAR", "age": "DOUBLE", "age_band": "VARCHAR",
    "type": "VARCHAR", "department": "VARCHAR", "start_ts": "TIMESTAMP", "wait_s": "DOUBLE",
    "end_ts": "TIMESTAMP", "handle_s": "DOUBLE", "outcome": "VARCHAR",
    "self_service_known": "BOOLEAN", "reminder": "BOOLEAN", "attended": "BOOLEAN",
    "resolved": "BOOLEAN", "incident": "BOOLEAN", "satisfaction": "DOUBLE", "reason": "VARCHAR",
    "bad_value": "VARCHAR", "blanks": "VARCHAR",
}  # fmt: skip
# The columns that are NULL in a source that does not map these roles.
_NEEDS = {
    "customer_id": ("customer_id",), "segment": ("segment", "age"), "age": ("age",),
    "age_band": ("age",), "type": ("type",), "department": ("department",),
    "wait_s": ("wait_s", "answer"), "end_ts": ("end",), "handle_s": ("handle_s",),
    "outcome": ("outcome", "self_service"), "reminder": ("reminder",),
    "attended": ("attended", "no_show"), "resolved": ("resolved",),
    "satisfaction": ("satisfaction",),
}  # fmt: skip
# A row's place in its source: the file's number (files in name order), then its line.
_POSITION = "CAST(__file AS BIGINT) * 4294967296 + __line"


def _text(loaded: LoadedSource, columns: list[str]) -> str:
    parts = [f"NULLIF(trim(CAST({ident(c)} AS VARCHAR)), '')" for c in columns]
    if len(parts) == 1:
        return parts[0]
    return f"NULLIF(concat_ws(' ', {', '.join(parts)}), '')"


def _is(loaded: LoadedSource, column: str, kinds: tuple[str, ...]) -> bool:
    kind = loaded.types.get(column, "VARCHAR").upper()
    return any(kind.startswith(k) for k in kinds)


def _time(loaded: LoadedSource, columns: list[str]) -> str:
    if len(columns) == 1 and _is(loaded, columns[0], _TIME_TYPES):
        return f"CAST({ident(columns[0])} AS TIMESTAMP)"
    text = _text(loaded, columns)
    formats = loaded.source.date_format
    if formats:
        listed = formats if isinstance(formats, list) else [formats]
        return f"try_strptime({text}, [{', '.join(lit(f) for f in listed)}])"
    return f"CAST(try_cast({text} AS TIMESTAMPTZ) AS TIMESTAMP)"


def _number(loaded: LoadedSource, column: str, *, duration: bool = False) -> str:
    if _is(loaded, column, _NUMBER_TYPES):
        return f"CAST({ident(column)} AS DOUBLE)"
    text = _text(loaded, [column])
    if loaded.decimal == ",":
        text = f"replace(replace({text}, '.', ''), ',', '.')"
    number = f"try_cast({text} AS DOUBLE)"
    if duration:  # "00:02:23" as exports and Excel write durations
        return f"coalesce({number}, epoch(try_cast({_text(loaded, [column])} AS INTERVAL)))"
    return number


def _flag(text: str, values: Mapping_[Any, list[str]]) -> str:
    yes = [w.lower() for w in values.get("yes", [])] or list(YES)
    no = [w.lower() for w in values.get("no", [])] or list(NO)
    return (
        f"CASE WHEN lower({text}) IN ({', '.join(lit(w) for w in yes)}) THEN true "
        f"WHEN lower({text}) IN ({', '.join(lit(w) for w in no)}) THEN false END"
    )


def _categories(con: Any, loaded: LoadedSource, texts: dict[str, str]) -> dict[str, list[str]]:
    """The distinct values of each role's text (at most MAX_CATEGORIES + 1 each), all roles in
    one scan of the source: one GROUPING SET per role."""
    if not texts:
        return {}
    names = [f"c{i}" for i in range(len(texts))]
    columns = ", ".join(
        f"{expr} AS {name}" for name, expr in zip(names, texts.values(), strict=True)
    )
    flags = ", ".join(f"GROUPING({name})" for name in names)
    rows = con.execute(
        f"SELECT {', '.join(names)}, {flags} FROM (SELECT {columns} FROM {loaded.relation}) "
        f"GROUP BY GROUPING SETS ({', '.join(f'({n})' for n in names)}) "
        f"QUALIFY row_number() OVER (PARTITION BY {flags}) <= {MAX_CATEGORIES + 2}"
    ).fetchall()
    out: dict[str, list[str]] = {role: [] for role in texts}
    for row in rows:
        values, grouped = row[: len(names)], row[len(names) :]
        role = list(texts)[grouped.index(0)]
        value = values[grouped.index(0)]
        if value is not None:
            out[role].append(str(value))
    return {role: sorted(found) for role, found in out.items()}


def _case(text: str, pairs: dict[str, str], default: str) -> str:
    if not pairs:
        return default
    whens = " ".join(f"WHEN {lit(raw)} THEN {lit(value)}" for raw, value in sorted(pairs.items()))
    return f"CASE lower({text}) {whens} ELSE {default} END"


def _bands(age: str, bands: list[str]) -> str:
    whens = []
    for band in bands:
        if band.endswith("+"):
            whens.append(f"WHEN {age} >= {int(band[:-1])} THEN {lit(band)}")
        else:
            low, high = (int(p) for p in band.split("-"))
            whens.append(f"WHEN {age} >= {low} AND {age} < {high + 1} THEN {lit(band)}")
    return f"CASE {' '.join(whens)} END"


def _ids(loaded: LoadedSource, columns: list[str]) -> str:
    """The contact id as duplicates are told: a column the file types as a number compares as
    it is (the same as its text, without turning every value into text)."""
    if len(columns) == 1 and not _is(loaded, columns[0], ("VARCHAR",)):
        return ident(columns[0])
    return _text(loaded, columns)


def duplicates(con: Any, loaded: LoadedSource, index: int) -> str | None:
    """Create `dup_<index>`: the contact ids found more than once in the source, each with the
    position of its first row. None when no id repeats (then nothing joins it)."""
    names = loaded.source.columns.mapped().get("contact_id")
    if not names or any(name not in loaded.types for name in names):
        return None
    table = f"dup_{index}"
    ids = _ids(loaded, names)
    # The repeated ids first (the positions cost as much again to read, and most exports have
    # no repeat); their first rows' positions only when there are some.
    con.execute(
        f"CREATE TEMP TABLE {table}_ids AS SELECT {ids} AS __dup_id FROM {loaded.relation} "
        f"WHERE {ids} IS NOT NULL GROUP BY ALL HAVING count(*) > 1"
    )
    if not con.execute(f"SELECT count(*) FROM {table}_ids").fetchone()[0]:
        con.execute(f"DROP TABLE {table}_ids")
        return None
    con.execute(
        f"CREATE TEMP TABLE {table} AS SELECT __dup_id, min({_POSITION}) AS __dup_first "
        f"FROM {loaded.relation} JOIN {table}_ids ON __dup_id = {ids} GROUP BY ALL"
    )
    con.execute(f"DROP TABLE {table}_ids")
    return table


def _unmapped(loaded: LoadedSource, incident: str) -> set[str]:
    """The columns of `rows` that are NULL in every row of this source."""
    cols = loaded.source.columns.mapped()
    out = {column for column, roles in _NEEDS.items() if not any(r in cols for r in roles)}
    return out | ({"incident"} if incident == "NULL::BOOLEAN" else set())


def select_source(
    con: Any,
    loaded: LoadedSource,
    mapping: Mapping,
    *,
    src: int,
    dup: str | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> tuple[str, set[str]]:
    """SELECT of one source in the common columns, with its set-aside reason (`dup`: the table of
    its repeated ids), and the columns that are NULL in all its rows."""
    source: Source = loaded.source
    cols = source.columns.mapped()
    vals = source.values
    for role, names in cols.items():
        for name in names:
            if name not in loaded.types:
                have = ", ".join(c for c in loaded.types if not c.startswith("__"))
                raise InputError.at(
                    loaded.files[0][0],
                    Message(
                        "metrics.errors.no-column",
                        {
                            "column": repr(name),
                            "role": role,
                            "source": repr(source.name),
                            "have": have,
                        },
                    ),
                )

    def text(role: str) -> str:
        return _text(loaded, cols[role]) if role in cols else "NULL::VARCHAR"

    def given(role: str, kinds: tuple[str, ...]) -> str:
        """The raw text of a date or number role, read only to tell a blank from a value that
        did not parse. A column the file already types (Parquet, Excel) always parses: a marker
        when present saves turning every value into text."""
        names = cols.get(role, [])
        if len(names) == 1 and _is(loaded, names[0], kinds):
            return f"CASE WHEN {ident(names[0])} IS NOT NULL THEN '·' END"
        return text(role)

    # The values of the roles that a table of words translates, read once for all of them.
    translated = (
        ("segment", "outcome") if source.channel is not None else ("channel", "segment", "outcome")
    )
    words_for = [role for role in translated if role in cols]
    categories = _categories(con, loaded, {role: text(role) for role in words_for})
    inner: dict[str, str] = {
        "src": str(src),
        "file": "CAST(__file AS INTEGER)",
        "line": "CAST(__line AS BIGINT)",
        "dup": f"coalesce({_POSITION} > __dup_first, false)" if dup else "false",
        "customer_id": text("customer_id"),
        "type": text("type"),
        "department": text("department"),
    }
    if source.channel is not None:
        fixed = next((k for k, words in vals.channel.items() if source.channel in words), None)
        inner["channel"] = lit(fixed or channels.canonical(source.channel))
    else:
        words = {w.lower(): ch for ch, ws in vals.channel.items() for w in ws}
        found = categories.get("channel", [])
        pairs = {v.lower(): words.get(v.lower(), channels.canonical(v)) for v in found}
        inner["channel"] = f"coalesce({_case(text('channel'), pairs, 'NULL')}, 'unknown')"
    inner["age_raw"] = _number(loaded, cols["age"][0]) if "age" in cols else "NULL::DOUBLE"
    inner["age_text"] = given("age", _NUMBER_TYPES)
    if "segment" in cols:
        words = {w.lower(): seg for seg, ws in vals.segment.items() for w in ws}
        found = categories.get("segment", [])
        pairs = {v.lower(): words.get(v.lower(), v) for v in found}
        inner["segment"] = _case(text("segment"), pairs, "NULL")
    else:
        inner["segment"] = "NULL::VARCHAR"
    for role in ("start", "answer", "end"):
        inner[f"{role}_text"] = given(role, _TIME_TYPES)
        inner[f"{role}_ts"] = _time(loaded, cols[role]) if role in cols else "NULL::TIMESTAMP"
    for role, duration in (("wait_s", True), ("handle_s", True), ("satisfaction", False)):
        inner[f"{role}_text"] = given(role, _NUMBER_TYPES)
        inner[role] = (
            _number(loaded, cols[role][0], duration=duration) if role in cols else "NULL::DOUBLE"
        )
    outcome_words = {
        w.lower(): name
        for name in ("answered", "abandoned", "self_service", "excluded")
        for w in [*DEFAULT_OUTCOMES[name], *vals.outcome.get(name, [])]  # type: ignore[call-overload]
    }
    for name, words_ in vals.outcome.items():  # the mapping's words win over the defaults
        outcome_words.update({w.lower(): name for w in words_})
    # Whether this source can tell self-service at all: a self-service column, words for it in
    # the mapping, or a value of its outcome column that means it. Without, its share is absent.
    self_service_known = "self_service" in cols or bool(vals.outcome.get("self_service"))
    if "outcome" in cols:
        found = categories.get("outcome", [])
        pairs = {v.lower(): outcome_words.get(v.lower(), "other") for v in found}
        outcome = _case(text("outcome"), pairs, "NULL")
        self_service_known |= "self_service" in pairs.values()
    else:
        outcome = "NULL::VARCHAR"
    inner["self_service_known"] = "true" if self_service_known else "false"
    if "self_service" in cols:
        flag = _flag(text("self_service"), vals.self_service)
        outcome = f"CASE WHEN {flag} THEN 'self_service' ELSE {outcome} END"
    inner["outcome"] = outcome
    for role in ("reminder", "resolved"):
        inner[f"{role}_text"] = text(role)
        inner[role] = _flag(text(role), getattr(vals, role)) if role in cols else "NULL::BOOLEAN"
    if "attended" in cols:
        inner["attended_text"] = text("attended")
        inner["attended"] = _flag(text("attended"), vals.attended)
    elif "no_show" in cols:
        inner["attended_text"] = text("no_show")
        inner["attended"] = f"NOT ({_flag(text('no_show'), vals.no_show)})"
    else:
        inner["attended_text"], inner["attended"] = "NULL::VARCHAR", "NULL::BOOLEAN"
    if source.incident is not None:
        inner["incident"] = "true" if source.incident else "false"
    elif "incident" in cols:
        inner["incident"] = _flag(text("incident"), vals.incident)
    elif vals.incident_types and "type" in cols:
        listed = ", ".join(lit(w.lower()) for w in vals.incident_types)
        inner["incident"] = f"(lower({text('type')}) IN ({listed}))"
    else:
        inner["incident"] = "NULL::BOOLEAN"
    body = ",\n  ".join(f"{expr} AS {name}" for name, expr in inner.items())

    wait = "coalesce(wait_s, epoch(answer_ts - start_ts))"
    age_ok = "CASE WHEN age_raw BETWEEN 0 AND 120 THEN age_raw END"
    outside = "false"
    if period is not None:
        start, end = (p.isoformat() for p in (period[0], period[1] + dt.timedelta(days=1)))
        outside = f"start_ts < TIMESTAMP '{start}' OR start_ts >= TIMESTAMP '{end}'"
    # Every reason in one CASE, in the order of REASONS, in the same scan as the conversion.
    reason = f"""CASE
    WHEN start_text IS NULL THEN 'missing-start'
    WHEN start_ts IS NULL OR (end_text IS NOT NULL AND end_ts IS NULL)
      OR (answer_text IS NOT NULL AND answer_ts IS NULL) THEN 'unparseable-date'
    WHEN wait_s_text IS NOT NULL AND wait_s IS NULL THEN 'unparseable-number'
    WHEN dup THEN 'duplicate-id'
    WHEN outcome = 'excluded' THEN 'excluded-outcome'
    WHEN end_ts < start_ts THEN 'close-before-open'
    WHEN {wait} < 0 THEN 'negative-wait'
    WHEN {outside} THEN 'out-of-period'
  END"""
    # The raw value that made a date or number unreadable (never an identifier or a name).
    bad_value = """CASE
    WHEN start_text IS NOT NULL AND start_ts IS NULL THEN start_text
    WHEN end_text IS NOT NULL AND end_ts IS NULL THEN end_text
    WHEN answer_text IS NOT NULL AND answer_ts IS NULL THEN answer_text
    WHEN wait_s_text IS NOT NULL AND wait_s IS NULL THEN wait_s_text
  END"""
    checks = (
        ("age_text IS NOT NULL AND (age_raw IS NULL OR age_raw NOT BETWEEN 0 AND 120)",
         "age-unreadable-or-out-of-range"),
        ("handle_s_text IS NOT NULL AND handle_s IS NULL", "handle-time-unreadable"),
        ("satisfaction_text IS NOT NULL AND satisfaction IS NULL", "satisfaction-unreadable"),
        ("reminder_text IS NOT NULL AND reminder IS NULL", "reminder-value-unknown"),
        ("attended_text IS NOT NULL AND attended IS NULL", "attendance-value-unknown"),
        ("resolved_text IS NOT NULL AND resolved IS NULL", "resolved-value-unknown"),
        ("outcome = 'other'", "outcome-value-unknown"),
    )  # fmt: skip
    # The list is built only for the few rows with a blank: one test of every row first.
    blanks = (
        f"CASE WHEN {' OR '.join(f'({test})' for test, _ in checks)} THEN concat_ws(',', "
        + ", ".join(f"CASE WHEN {test} THEN {lit(code)} END" for test, code in checks)
        + ") END"
    )
    segment = "segment"
    if "segment" not in cols and "age" in cols:
        segment = _bands(age_ok, mapping.age_bands)
    joined = loaded.relation
    if dup:
        ids = _ids(loaded, cols["contact_id"])
        joined = f"{loaded.relation} LEFT JOIN {dup} ON __dup_id = {ids}"
    sql = f"""SELECT src, file, line, customer_id, channel,
  {segment} AS segment, {age_ok} AS age, {_bands(age_ok, mapping.age_bands)} AS age_band,
  type, department, start_ts, {wait} AS wait_s, end_ts, handle_s,
  CASE WHEN outcome IN ('answered', 'abandoned', 'self_service') THEN outcome END AS outcome,
  self_service_known,
  reminder, attended, resolved, incident, satisfaction,
  {reason} AS reason, {bad_value} AS bad_value, {blanks} AS blanks
FROM (SELECT
  {body}
FROM {joined})"""
    return sql, _unmapped(loaded, inner["incident"])


def build_rows(
    con: Any,
    sources: list[LoadedSource],
    mapping: Mapping,
    *,
    period: tuple[dt.date, dt.date] | None = None,
    sla: dict[str, float] | None = None,
) -> list[str]:
    """Create `rows` (every row read, its reason when set aside) and the view `used` the figures
    read; return the sources' names by their number in `src`.

    One statement reads every source once: it converts the values, gives each row its reason
    (duplicate ids from a small aggregate per source, the period) and, for the used rows, whether
    the same customer came back within the mapping's `repeat_days` (and through another
    channel): one window over the rows. Nothing is updated or copied afterwards."""
    order = sorted(range(len(sources)), key=lambda i: sources[i].source.name)
    selects: list[str] = []
    unmapped: list[set[str]] = []
    for src, index in enumerate(order):
        loaded = sources[index]
        dup = duplicates(con, loaded, index)
        sql, blank = select_source(con, loaded, mapping, src=src, dup=dup, period=period)
        selects.append(sql)
        unmapped.append(blank)
    constant = set.intersection(*unmapped) if unmapped else set()
    stored = ", ".join(c for c in COLUMNS if c not in constant)
    union = "\nUNION ALL\n".join(f"SELECT {stored} FROM ({sql})" for sql in selects)
    if "customer_id" in constant:  # no customer to come back: no window
        con.execute(f"CREATE TEMP TABLE rows AS {union}")
        constant |= {"repeated", "repeated_cross"}
    else:
        within = f"epoch(next_ts - start_ts) <= {mapping.repeat_days * 86400}"
        known = "reason IS NULL AND customer_id IS NOT NULL"
        # Set-aside rows are a partition of their own: a used row's next contact is a used one.
        con.execute(
            f"""CREATE TEMP TABLE rows AS
SELECT * EXCLUDE (next_ts, next_channel),
  CASE WHEN {known} THEN coalesce({within}, false) END AS repeated,
  CASE WHEN {known} THEN coalesce({within} AND next_channel <> channel, false)
  END AS repeated_cross
FROM (SELECT *, lead(start_ts) OVER w AS next_ts, lead(channel) OVER w AS next_channel
  FROM ({union})
  WINDOW w AS (PARTITION BY customer_id, reason IS NULL ORDER BY start_ts, src, file, line))"""
        )
    types = COLUMNS | {"repeated": "BOOLEAN", "repeated_cross": "BOOLEAN"}
    nulls = "".join(f", NULL::{types[c]} AS {c}" for c in types if c in constant)
    con.execute(
        f"CREATE TEMP VIEW used AS SELECT * EXCLUDE (file, reason, bad_value, blanks){nulls}, "
        f"{_targets(sla or {})} AS target_s FROM rows WHERE reason IS NULL"
    )
    return [sources[i].source.name for i in order]


def _targets(sla: dict[str, float]) -> str:
    """Each row's service-level target: its channel's."""
    if not sla:
        return "NULL::DOUBLE"
    whens = " ".join(f"WHEN {lit(ch)} THEN {float(s)!r}" for ch, s in sorted(sla.items()))
    return f"CAST(CASE channel {whens} END AS DOUBLE)"


def span(con: Any, period: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date]:
    """The period measured: the one asked for, else the used rows' first and last day."""
    if period is not None:
        return period
    low, high = con.execute("SELECT min(start_ts), max(start_ts) FROM used").fetchone()
    if low is None:
        today = dt.date.today()
        return today, today
    return low.date(), high.date()


def file_names(con: Any, sources: list[LoadedSource], names: list[str]) -> None:
    """Create `files`: each (src, file) number's file name, for the rejects file."""
    by_name = {s.source.name: s for s in sources}
    con.execute("CREATE TEMP TABLE files (src INTEGER, file INTEGER, name VARCHAR)")
    con.executemany(
        "INSERT INTO files VALUES (?, ?, ?)",
        [
            (src, rank, file)
            for src, name in enumerate(names)
            for rank, file in enumerate(by_name[name].ranked)
        ],
    )
