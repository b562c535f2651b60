"""From raw source relations to one table of contacts in the mapping's roles, each row with the
reason it is set aside (NULL when used), then the `used` table the figures read.

Pure SQL building (strings) plus the few queries that need the data's distinct values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping as Mapping_
from typing import Any

from omniready import channels
from omniready.errors import InputError
from omniready.metrics.mapping import DEFAULT_OUTCOMES, NO, YES, Mapping, Source
from omniready.metrics.sources import LoadedSource, ident, lit

# Row reasons, in the order they are checked: a row is counted once, under the first that holds.
REASONS = (
    "missing-start",
    "unparseable-date",
    "unparseable-number",
    "duplicate-id",
    "excluded-outcome",
    "out-of-period",
    "close-before-open",
    "negative-wait",
)
_TIME_TYPES = ("TIMESTAMP", "DATE")
_NUMBER_TYPES = ("INT", "BIGINT", "DOUBLE", "FLOAT", "DECIMAL", "SMALLINT", "TINYINT", "HUGEINT")
MAX_CATEGORIES = 2000  # more distinct values than this is not a channel or outcome column

COLUMNS = (
    "src", "file", "line", "contact_id", "customer_id", "channel", "segment", "age", "age_band",
    "type", "department", "start_ts", "wait_s", "end_ts", "handle_s", "outcome", "reminder",
    "attended", "resolved", "incident", "satisfaction", "self_service_known", "reason",
    "bad_value", "blanks",
)  # fmt: skip


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


def _categories(con: Any, loaded: LoadedSource, text: str) -> list[str]:
    rows = con.execute(
        f"SELECT DISTINCT {text} FROM {loaded.relation} WHERE {text} IS NOT NULL "
        f"LIMIT {MAX_CATEGORIES + 1}"
    ).fetchall()
    return sorted(str(r[0]) for r in rows)


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


def select_source(con: Any, loaded: LoadedSource, mapping: Mapping) -> str:
    """SELECT of one source in the common columns, with its set-aside reason."""
    source: Source = loaded.source
    cols = source.columns.mapped()
    vals = source.values
    for role, names in cols.items():
        for name in names:
            if name not in loaded.types:
                have = ", ".join(c for c in loaded.types if not c.startswith("__"))
                raise InputError.at(
                    loaded.files[0][0],
                    f"no column {name!r} for `{role}` in source {source.name!r} (columns: {have})",
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

    inner: dict[str, str] = {
        "src": lit(source.name),
        "file": "__file",
        "line": "CAST(__line AS BIGINT)",
        "contact_id": text("contact_id"),
        "customer_id": text("customer_id"),
        "type": text("type"),
        "department": text("department"),
    }
    if source.channel is not None:
        fixed = next((k for k, words in vals.channel.items() if source.channel in words), None)
        inner["channel"] = lit(fixed or channels.canonical(source.channel))
    else:
        words = {w.lower(): ch for ch, ws in vals.channel.items() for w in ws}
        found = _categories(con, loaded, text("channel"))
        pairs = {v.lower(): words.get(v.lower(), channels.canonical(v)) for v in found}
        inner["channel"] = f"coalesce({_case(text('channel'), pairs, 'NULL')}, 'unknown')"
    inner["age_raw"] = _number(loaded, cols["age"][0]) if "age" in cols else "NULL::DOUBLE"
    inner["age_text"] = given("age", _NUMBER_TYPES)
    if "segment" in cols:
        words = {w.lower(): seg for seg, ws in vals.segment.items() for w in ws}
        found = _categories(con, loaded, text("segment"))
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
        found = _categories(con, loaded, text("outcome"))
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
    reason = f"""CASE
    WHEN start_text IS NULL THEN 'missing-start'
    WHEN start_ts IS NULL OR (end_text IS NOT NULL AND end_ts IS NULL)
      OR (answer_text IS NOT NULL AND answer_ts IS NULL) THEN 'unparseable-date'
    WHEN wait_s_text IS NOT NULL AND wait_s IS NULL THEN 'unparseable-number'
    WHEN outcome = 'excluded' THEN 'excluded-outcome'
    WHEN end_ts < start_ts THEN 'close-before-open'
    WHEN {wait} < 0 THEN 'negative-wait'
  END"""
    # The raw value that made a date or number unreadable (never an identifier or a name).
    bad_value = """CASE
    WHEN start_text IS NOT NULL AND start_ts IS NULL THEN start_text
    WHEN end_text IS NOT NULL AND end_ts IS NULL THEN end_text
    WHEN answer_text IS NOT NULL AND answer_ts IS NULL THEN answer_text
    WHEN wait_s_text IS NOT NULL AND wait_s IS NULL THEN wait_s_text
  END"""
    blanks = """NULLIF(concat_ws(',',
    CASE WHEN age_text IS NOT NULL AND (age_raw IS NULL OR age_raw NOT BETWEEN 0 AND 120)
      THEN 'age-unreadable-or-out-of-range' END,
    CASE WHEN handle_s_text IS NOT NULL AND handle_s IS NULL THEN 'handle-time-unreadable' END,
    CASE WHEN satisfaction_text IS NOT NULL AND satisfaction IS NULL
      THEN 'satisfaction-unreadable' END,
    CASE WHEN reminder_text IS NOT NULL AND reminder IS NULL THEN 'reminder-value-unknown' END,
    CASE WHEN attended_text IS NOT NULL AND attended IS NULL THEN 'attendance-value-unknown' END,
    CASE WHEN resolved_text IS NOT NULL AND resolved IS NULL THEN 'resolved-value-unknown' END,
    CASE WHEN outcome = 'other' THEN 'outcome-value-unknown' END), '')"""
    segment = "segment"
    if "segment" not in cols and "age" in cols:
        segment = _bands(age_ok, mapping.age_bands)
    return f"""SELECT src, file, line, contact_id, customer_id, channel,
  {segment} AS segment, {age_ok} AS age, {_bands(age_ok, mapping.age_bands)} AS age_band,
  type, department, start_ts, {wait} AS wait_s, end_ts, handle_s,
  CASE WHEN outcome IN ('answered', 'abandoned', 'self_service') THEN outcome END AS outcome,
  self_service_known,
  reminder, attended, resolved, incident, satisfaction,
  {reason} AS reason, {bad_value} AS bad_value, {blanks} AS blanks
FROM (SELECT
  {body}
FROM {loaded.relation})"""


def build_rows(con: Any, sources: list[LoadedSource], mapping: Mapping) -> None:
    """Create the `rows` table: every row of every source, with its reason when set aside."""
    selects = "\nUNION ALL\n".join(select_source(con, s, mapping) for s in sources)
    con.execute(f"CREATE TEMP TABLE rows AS {selects}")
    mark_duplicates(con)


def mark_duplicates(con: Any) -> None:
    """Set aside every row whose contact id appeared earlier in its source (by file, then line),
    unless an earlier reason in REASONS already holds. An aggregate over the ids and an update of
    the few duplicates: a window over the whole wide table cost more than the rest of the load."""
    later = ", ".join(lit(r) for r in REASONS[REASONS.index("duplicate-id") + 1 :])
    con.execute(
        f"""UPDATE rows SET reason = 'duplicate-id'
FROM (SELECT src, contact_id, min({{'f': file, 'l': line}}) AS first FROM rows
      WHERE contact_id IS NOT NULL GROUP BY src, contact_id HAVING count(*) > 1) d
WHERE rows.src = d.src AND rows.contact_id = d.contact_id
  AND {{'f': rows.file, 'l': rows.line}} > d.first
  AND (rows.reason IS NULL OR rows.reason IN ({later}))"""
    )


def apply_period(con: Any, period: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date]:
    """Set aside the rows outside `period`; without one, the period is the used rows' span."""
    if period is not None:
        start, end = period
        con.execute(
            "UPDATE rows SET reason = 'out-of-period' WHERE reason IS NULL "
            "AND (start_ts < ? OR start_ts >= ?)",
            [start, end + dt.timedelta(days=1)],
        )
        return period
    low, high = con.execute(
        "SELECT min(start_ts), max(start_ts) FROM rows WHERE reason IS NULL"
    ).fetchone()
    if low is None:
        today = dt.date.today()
        return today, today
    return low.date(), high.date()


def build_used(con: Any, repeat_days: int, sla: dict[str, float]) -> None:
    """Create `used`: the rows not set aside, with what the figures read (no contact id, file or
    reason), each with its channel's service-level target and whether the same customer came
    back within `repeat_days` (and through another channel): one window over all rows."""
    con.execute("CREATE TEMP TABLE sla (channel VARCHAR, target_s DOUBLE)")
    if sla:
        con.executemany("INSERT INTO sla VALUES (?, ?)", sorted(sla.items()))
    within = f"epoch(next_ts - start_ts) <= {repeat_days * 86400}"
    con.execute(
        f"""CREATE TEMP TABLE used AS
SELECT * EXCLUDE (next_ts, next_channel),
  CASE WHEN customer_id IS NOT NULL THEN coalesce({within}, false) END AS repeated,
  CASE WHEN customer_id IS NOT NULL THEN coalesce({within} AND next_channel <> channel, false)
  END AS repeated_cross
FROM (SELECT r.* EXCLUDE (contact_id, file, reason, bad_value, blanks), s.target_s,
    lead(r.start_ts) OVER w AS next_ts, lead(r.channel) OVER w AS next_channel
  FROM rows r LEFT JOIN sla s USING (channel)
  WHERE r.reason IS NULL
  WINDOW w AS (PARTITION BY r.customer_id ORDER BY r.start_ts, r.src, r.line))"""
    )
