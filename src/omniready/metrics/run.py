"""One run of `omniready metrics`: read the sources, compute the figures, write them into the
audit, and render them. The command calls `run_metrics`; the pieces are in their own modules."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omniready import __version__, channels
from omniready.audit.model import Audit, MeasuredFile, MeasuredMetrics, MeasuredSource
from omniready.errors import InputError, OmnireadyError
from omniready.metrics import compute, definitions, normalize, sources
from omniready.metrics.choices import Format
from omniready.metrics.mapping import Mapping, load_mapping
from omniready.metrics.model import Measurement
from omniready.metrics.texts import t
from omniready.texts import Message

Progress = Callable[[str], None]
DEFAULT_MEMORY = "600MB"  # with Python and the reader's buffers, the process stays under 1 GB


class MetricsError(OmnireadyError):
    """Bad input to `omniready metrics` (printed as one line, exit 2)."""


@dataclass
class Options:
    """What the command line asked for."""

    audit: Path
    files: list[Path] = field(default_factory=list)
    mapping: Path | None = None
    period: tuple[dt.date, dt.date] | None = None
    sla: dict[str, float] = field(default_factory=dict)
    fmt: Format = Format.table
    write: bool = True
    rejects: Path | None = None
    lang: str | None = None
    rich: bool = False
    memory_limit: str = DEFAULT_MEMORY


@dataclass
class Outcome:
    """The text for stdout and the lines for stderr."""

    text: str
    messages: list[str]
    measurement: Measurement


def default_mapping(audit: Path) -> Path:
    """Where the mapping lives by default: beside the audit, `<name>.metrics.yaml`."""
    stem = audit.name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".audit")
    return audit.with_name(f"{stem}.metrics.yaml")


def targets_for(audit: Audit | None, mapping: Mapping, sla: dict[str, float]) -> dict[str, float]:
    """Service-level targets by channel: the audit's typed ones, then the mapping's, then --sla."""
    out: dict[str, float] = {}
    if audit is not None:
        for channel, figures in audit.steps.metrics.channels.items():
            if figures.sla_target_s is not None:
                out[channel] = figures.sla_target_s
    for given in (mapping.sla, sla):
        out |= {channels.canonical(k): v for k, v in given.items()}
    return out


@contextlib.contextmanager
def connection(memory_limit: str, timezone: str, mapping_path: Path) -> Iterator[tuple[Any, Path]]:
    """An in-memory DuckDB whose memory is capped and which spills to a scratch folder."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="omniready-metrics-") as scratch:
        folder = Path(scratch)
        (folder / "spill").mkdir()
        (folder / "utf8").mkdir()
        try:
            con = duckdb.connect(
                ":memory:",
                config={"memory_limit": memory_limit, "temp_directory": str(folder / "spill")},
            )
        except duckdb.Error as exc:
            raise MetricsError(f"--memory-limit: {exc}") from None
        try:
            try:
                con.execute("SET TimeZone = ?", [timezone])
            except duckdb.Error:
                raise InputError.at(
                    mapping_path, Message("metrics.errors.timezone", {"zone": repr(timezone)})
                ) from None
            yield con, folder / "utf8"
        finally:
            con.close()


def measure(
    mapping: Mapping,
    mapping_ref: MeasuredFile | None,
    files: dict[str, list[Path]],
    *,
    period: tuple[dt.date, dt.date] | None,
    targets: dict[str, float],
    memory_limit: str = DEFAULT_MEMORY,
    mapping_path: Path = Path("mapping"),
    rejects: Path | None = None,
    progress: Progress = lambda _: None,
    lang: str = "es",
) -> Measurement:
    """Read the files of each source and compute every figure."""
    defs = definitions.load()
    with connection(memory_limit, mapping.timezone, mapping_path) as (con, scratch):
        loaded = []
        for index, source in enumerate(mapping.sources):
            if source.name not in files:
                continue
            paths = files[source.name]
            progress(t("labels", "reading", lang, source=source.name, files=len(paths)))
            loaded.append(sources.load(con, index, source, paths, scratch))
        if not loaded:
            raise MetricsError(Message("metrics.errors.no-source"))
        progress(t("labels", "computing", lang))
        # Line numbers are fixed once the sources are loaded; from here on row order is free,
        # which lets DuckDB build the large tables in less memory (and spill the rest).
        con.execute("SET preserve_insertion_order = false")
        try:
            names = normalize.build_rows(con, loaded, mapping, period=period, sla=targets)
        except Exception as exc:  # a value DuckDB cannot read while converting
            import duckdb

            if not isinstance(exc, duckdb.Error):
                raise
            raise sources.unreadable(Path(loaded[0].files[0][0]), exc) from None
        for item in loaded:
            sources.release(con, item)
        span = normalize.span(con, period)
        provenance = _provenance(con, loaded, names)
        if rejects is not None:
            normalize.file_names(con, loaded, names)
            _write_rejects(con, rejects)
        months = compute.months_between(*span)
        overall, by_channel, by_segment, by_both = compute.scopes(con, defs, mapping, months)
        for channel, scope in by_channel.items():
            if channel in targets:
                scope.values["sla_target_s"] = targets[channel]
        per_month = compute.monthly(con, defs)
        slots = compute.slots(con, defs)
        grid = compute.weekday_hour(slots)
        measured = MeasuredMetrics(
            measured_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
            version=__version__,
            definitions=defs.digest,
            mapping=mapping_ref,
            period_start=span[0],
            period_end=span[1],
            sources=provenance,
            overall=overall,
            channels=by_channel,
            segments=by_segment,
            channel_segments=by_both,
            monthly=per_month,
            weekday_hour=grid,
            no_show=compute.no_show_test(con, defs),
            staffing=compute.staffing(slots, mapping, targets, by_channel),
        )
        return Measurement(
            measured=measured,
            departments=compute.shares(con, defs.tables["departments"]),
            types=compute.shares(con, defs.tables["types"]),
            repeat_reasons=compute.shares(con, defs.tables["repeat_reasons"], part=True),
            no_show_age=compute.no_show_by_age(con, defs),
            peak_months={ch: compute.peak_months(m) for ch, m in per_month.items()},
            peak_hour=compute.peak_hour(grid),
        )


def _provenance(
    con: Any, loaded: list[sources.LoadedSource], names: list[str]
) -> list[MeasuredSource]:
    """Rows read, used, set aside per reason and blanked per reason, by source (`names`: the
    source of each `src` number of `rows`)."""
    counts: dict[str, dict[str | None, int]] = {}
    for src, reason, count in con.execute(
        "SELECT src, reason, count(*) FROM rows GROUP BY ALL"
    ).fetchall():
        counts.setdefault(names[src], {})[reason] = int(count)
    blanks: dict[str, dict[str, int]] = {}
    for src, blank, count in con.execute(
        "SELECT src, b, count(*) FROM (SELECT src, unnest(string_split(blanks, ',')) AS b "
        "FROM rows WHERE reason IS NULL AND blanks IS NOT NULL) GROUP BY ALL"
    ).fetchall():
        blanks.setdefault(names[src], {})[blank] = int(count)
    out = []
    for item in loaded:
        by_reason = counts.get(item.source.name, {})
        aside = {r: n for r, n in sorted(by_reason.items(), key=lambda p: str(p[0])) if r}
        out.append(
            MeasuredSource(
                name=item.source.name,
                files=[MeasuredFile(file=name, sha256=sha) for name, sha in item.files],
                rows_read=sum(by_reason.values()),
                rows_used=by_reason.get(None, 0),
                set_aside=aside,
                blanked=dict(sorted(blanks.get(item.source.name, {}).items())),
            )
        )
    return out


def _write_rejects(con: Any, path: Path) -> None:
    """The set-aside rows as CSV: file, line, reason and the unreadable value (never the row)."""
    target = path.resolve()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con.execute(
            "COPY (SELECT f.name AS file, r.line, r.reason, r.bad_value AS value FROM rows r "
            "JOIN files f USING (src, file) WHERE r.reason IS NOT NULL "
            "ORDER BY r.src, r.file, r.line) TO "
            f"{sources.lit(tmp)} (FORMAT csv, HEADER)"
        )
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def run_metrics(options: Options, progress: Progress = lambda _: None) -> Outcome:
    """Measure, merge into the audit (unless --no-write) and render in the chosen format."""
    from omniready.audit.store import load_audit
    from omniready.metrics.formats import render
    from omniready.metrics.merge import merge
    from omniready.metrics.writeback import write_measured

    audit = load_audit(options.audit)
    lang = options.lang or audit.lang
    mapping_path = options.mapping or default_mapping(options.audit)
    if not mapping_path.exists():
        raise MetricsError(
            Message("metrics.errors.no-mapping", {"file": str(mapping_path)}),
            hint=Message("metrics.errors.no-mapping-hint", {"file": str(mapping_path)}),
        )
    mapping, digest = load_mapping(mapping_path)
    base = mapping_path.parent
    files = sources.assign(sources.expand([str(f) for f in options.files]), mapping, base)
    measurement = measure(
        mapping,
        MeasuredFile(file=mapping_path.name, sha256=digest),
        files,
        period=options.period,
        targets=targets_for(audit, mapping, options.sla),
        memory_limit=options.memory_limit,
        mapping_path=mapping_path,
        rejects=options.rejects,
        progress=progress,
        lang=lang,
    )
    merged = merge(audit, measurement)
    measurement.measured = merged.steps.metrics.measured or measurement.measured
    messages = [
        t(
            "labels",
            "summary",
            lang,
            source=s.name,
            read=s.rows_read,
            used=s.rows_used,
            aside=s.rows_read - s.rows_used,
        )
        for s in measurement.measured.sources
    ]
    if options.rejects is not None:
        aside = sum(s.rows_read - s.rows_used for s in measurement.measured.sources)
        messages.append(t("labels", "rejects", lang, count=aside, path=options.rejects))
    if options.write:
        write_measured(options.audit, merged)
        messages.append(t("labels", "saved", lang, path=options.audit))
    else:
        messages.append(t("labels", "not_saved", lang))
    text = render(options.fmt, measurement, lang=lang, rich=options.rich)
    return Outcome(text, messages, measurement)


def write_new(path: Path, text: str) -> None:
    """Write a new file atomically; an existing one is never overwritten."""
    from omniready.audit.store import write_atomic

    if path.exists():
        raise MetricsError(
            Message("metrics.errors.exists", {"file": str(path)}),
            hint=Message("metrics.errors.exists-hint"),
        )
    write_atomic(path, text)
