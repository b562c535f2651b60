"""The measurement as sections of text tables, in one language: what the table and Markdown
formats print (and what a report section can reuse)."""

from __future__ import annotations

from dataclasses import dataclass, field

from omniready import channels as vocabulary
from omniready.audit.model import Audit, MeasuredScope
from omniready.metrics.definitions import Figure, load
from omniready.metrics.model import Measurement
from omniready.metrics.texts import t
from omniready.numbers import duration, integer, number, percent


@dataclass
class Section:
    """A titled table (headers and rows of text) with notes under it."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def show(value: float | None, unit: str, lang: str) -> str:
    """A figure as people read it: shares as percentages, seconds as s, min or h."""
    if value is None:
        return "—"
    if unit == "share":
        return percent(value, lang, 1)
    if unit == "seconds":
        return duration(value, lang)
    if unit == "count":
        return integer(value, lang)
    return number(value, lang, 2)


def absent_text(code: str, lang: str) -> str:
    """The reason a figure is absent, in `lang`."""
    name, _, role = code.partition(":")
    return t("absent", name, lang, role=role)


def _channel(channel: str, lang: str) -> str:
    return vocabulary.label(channel, lang)


def sections(m: Measurement, lang: str) -> list[Section]:
    """Every section, in reading order."""
    rec = m.measured
    out: list[Section] = []
    head = t("labels", "period", lang)
    source_rows = []
    for s in rec.sources:
        aside = ", ".join(
            f"{t('reasons', r, lang)}: {integer(n, lang)}" for r, n in s.set_aside.items()
        )
        blank = ", ".join(
            f"{t('blanks', r, lang)}: {integer(n, lang)}" for r, n in s.blanked.items()
        )
        source_rows.append(
            [
                s.name,
                ", ".join(f.file for f in s.files),
                integer(s.rows_read, lang),
                integer(s.rows_used, lang),
                aside or "0",
                blank or "—",
            ]
        )
    out.append(
        Section(
            f"{t('labels', 'title', lang)} — {head}: {rec.period_start} … {rec.period_end}",
            [
                t("labels", "source", lang),
                t("labels", "files", lang),
                t("labels", "read", lang),
                t("labels", "used", lang),
                t("labels", "set_aside", lang),
                t("labels", "blanked", lang),
            ],
            source_rows,
        )
    )
    names = sorted(c for c in rec.channels)
    scopes: list[tuple[str, MeasuredScope]] = [(t("labels", "all", lang), rec.overall)]
    scopes += [(_channel(c, lang), rec.channels[c]) for c in names]
    figures: list[Figure] = list(load().figures)
    rows = []
    notes = []
    for figure in figures:
        if all(figure.id not in s.values for _, s in scopes):
            reason = rec.overall.absent.get(figure.id)
            if reason:
                notes.append(f"{figure.text(lang)}: {absent_text(reason, lang)}")
            continue
        rows.append(
            [
                figure.text(lang),
                *(show(s.values.get(figure.id), figure.unit, lang) for _, s in scopes),
            ]
        )
    out.append(Section(t("labels", "figure", lang), ["", *(n for n, _ in scopes)], rows, notes))
    if segs := sorted(rec.segments):
        seg_rows = [
            [
                figure.text(lang),
                *(show(rec.segments[s].values.get(figure.id), figure.unit, lang) for s in segs),
            ]
            for figure in figures
            if any(figure.id in rec.segments[s].values for s in segs)
        ]
        out.append(Section("Segmentos" if lang == "es" else "Segments", ["", *segs], seg_rows))
    months = sorted({mo for per in rec.monthly.values() for mo in per})
    if months:
        chans = sorted(rec.monthly)
        out.append(
            Section(
                t("labels", "monthly", lang),
                [t("labels", "month", lang), *(_channel(c, lang) for c in chans)],
                [
                    [mo, *(integer(rec.monthly[c].get(mo, 0), lang) for c in chans)]
                    for mo in months[-36:]
                ],
                [
                    f"{t('labels', 'peak_months', lang)} — {_channel(c, lang)}: "
                    + ", ".join(str(x) for x in peaks)
                    for c, peaks in sorted(m.peak_months.items())
                    if peaks
                ],
            )
        )
    if m.peak_hour:
        day = t("labels", "weekdays", lang).split()[m.peak_hour[0] - 1]
        out[-1].notes.append(
            f"{t('labels', 'peak_hour', lang)}: {day} {m.peak_hour[1]:02d}:00 ({m.peak_hour[2]})"
        )
    if rec.no_show:
        ns = rec.no_show
        verdict = t("labels", "significant" if ns.significant else "not_significant", lang)
        out.append(
            Section(
                t("labels", "no_show", lang),
                ["", "n", t("labels", "no_show", lang).split()[0]],
                [
                    [
                        t("labels", "with_reminder", lang),
                        integer(ns.n_with, lang),
                        show(ns.with_reminder, "share", lang),
                    ],
                    [
                        t("labels", "without_reminder", lang),
                        integer(ns.n_without, lang),
                        show(ns.without_reminder, "share", lang),
                    ],
                ],
                [
                    f"{t('labels', 'difference', lang)}: {show(ns.difference, 'share', lang)} "
                    f"(95 %: {show(ns.ci_low, 'share', lang)} … "
                    f"{show(ns.ci_high, 'share', lang)}; "
                    f"p = {number(ns.p_value, lang, 4)}): {verdict}"
                ],
            )
        )
    if m.no_show_age:
        out.append(
            Section(
                t("labels", "no_show_age", lang),
                ["", "n", "%"],
                [
                    [a.name, integer(a.count, lang), show(a.rate, "share", lang)]
                    for a in m.no_show_age
                ],
            )
        )
    if rec.staffing:
        days = t("labels", "weekdays", lang).split()
        out.append(
            Section(
                t("labels", "staffing", lang),
                [
                    "",
                    t("labels", "peak_hour", lang),
                    "λ/h",
                    "AHT",
                    "SLA",
                    t("labels", "agents", lang),
                    "SL",
                ],
                [
                    [
                        _channel(c, lang),
                        f"{days[s.weekday - 1]} {s.hour:02d}:00",
                        number(s.arrivals_per_hour, lang),
                        show(s.handle_s, "seconds", lang),
                        f"{show(s.goal, 'share', lang)} / {show(s.target_s, 'seconds', lang)}",
                        integer(s.agents, lang),
                        show(s.service_level, "share", lang),
                    ]
                    for c, s in sorted(rec.staffing.items())
                ],
            )
        )
    if m.departments:
        out.append(
            Section(
                t("labels", "departments", lang),
                ["", "n", load().by_id("incident_rate").text(lang)],
                [
                    [d.name, integer(d.count, lang), show(d.rate, "share", lang)]
                    for d in m.departments[:15]
                ],
            )
        )
    if m.repeat_reasons:
        out.append(
            Section(
                t("labels", "repeat_reasons", lang),
                ["", "n", load().by_id("repeat_rate").text(lang)],
                [
                    [r.name, integer(r.part, lang), show(r.rate, "share", lang)]
                    for r in m.repeat_reasons
                ],
            )
        )
    if rec.disagreements:
        out.append(
            Section(
                t("labels", "disagreements", lang),
                ["", "", t("labels", "typed", lang), t("labels", "measured", lang)],
                [
                    [
                        _channel(d.channel, lang),
                        d.field,
                        _plain(d.typed, lang),
                        _plain(d.measured, lang),
                    ]
                    for d in rec.disagreements
                ],
            )
        )
    return out


def _plain(value: float | list[int], lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return number(value, lang, None)


@dataclass
class Chart:
    """A chart of the report: its title and its inline SVG (already escaped)."""

    title: str
    svg: str


@dataclass
class ReportView:
    """The measured figures as the report shows them: a provenance line, the charts (HTML) and
    the tables (both formats)."""

    title: str
    provenance: str
    charts: list[Chart]
    sections: list[Section]


def measurement_of(audit: Audit) -> Measurement | None:
    """The audit's measured record as a Measurement (peaks recomputed from the stored counts);
    the lists only the command prints (departments, reasons) are not in the audit."""
    from omniready.metrics import compute

    rec = audit.steps.metrics.measured
    if rec is None:
        return None
    return Measurement(
        measured=rec,
        peak_months={ch: compute.peak_months(m) for ch, m in rec.monthly.items()},
        peak_hour=compute.peak_hour(rec.weekday_hour) if rec.weekday_hour else None,
    )


def report_view(audit: Audit, lang: str) -> ReportView | None:
    """What report_templates/metrics.*.j2 show, or None when the audit has nothing measured."""
    m = measurement_of(audit)
    if m is None:
        return None
    rec = m.measured
    used = ", ".join(
        t("labels", "source_rows", lang, source=s.name, read=s.rows_read, used=s.rows_used)
        for s in rec.sources
    )
    provenance = t(
        "labels",
        "provenance",
        lang,
        date=rec.measured_at.date().isoformat(),
        version=rec.version,
        definitions=rec.definitions,
        mapping=rec.mapping.file if rec.mapping else "—",
        sources=used,
    )
    return ReportView(
        title=f"{t('labels', 'title', lang)} — {t('labels', 'period', lang)}: "
        f"{rec.period_start} … {rec.period_end}",
        provenance=provenance,
        charts=charts(m, audit, lang),
        sections=sections(m, lang),
    )


def month_range(months: list[str]) -> list[str]:
    """Every calendar month (YYYY-MM) from the first to the last given, gaps included, so the
    chart's time axis is even."""
    if not months:
        return []
    year, month = int(months[0][:4]), int(months[0][5:7])
    out = []
    while (found := f"{year:04d}-{month:02d}") <= months[-1]:
        out.append(found)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def charts(m: Measurement, audit: Audit, lang: str) -> list[Chart]:
    """The report's charts, each only when its figures exist."""
    from omniready.metrics import charts as svg

    rec = m.measured
    defs = load()
    names = sorted(rec.channels)
    out: list[Chart] = []
    months = month_range(sorted({mo for per in rec.monthly.values() for mo in per}))
    if months:
        title = t("labels", "monthly", lang)
        series = {
            _channel(c, lang): [rec.monthly[c].get(mo, 0) for mo in months]
            for c in sorted(rec.monthly)
        }
        out.append(Chart(title, svg.lines(months, series, title)))
    kinds = audit.steps.metrics.channels
    target = t("labels", "target", lang)
    for figure_id, key in (
        ("abandonment_rate", "chart_abandonment"),
        ("service_level", "chart_service_level"),
    ):
        shown = [c for c in names if figure_id in rec.channels[c].values]
        if not shown:
            continue
        goals = defs.targets.get(figure_id, {})
        items = [
            svg.Bar(
                _channel(c, lang),
                rec.channels[c].values[figure_id],
                show(rec.channels[c].values[figure_id], "share", lang),
                goals.get((kinds[c].kind if c in kinds else None) or "virtual"),
            )
            for c in shown
        ]
        title = t("labels", key, lang)
        out.append(Chart(title, svg.bars(items, title, target_name=target)))
    if rec.weekday_hour and any(map(any, rec.weekday_hour)):
        title = t("labels", "chart_heatmap", lang)
        days = t("labels", "weekdays", lang).split()
        out.append(Chart(title, svg.heatmap(rec.weekday_hour, days, title)))
    if rec.no_show:
        ns = rec.no_show
        title = t("labels", "no_show", lang)
        items = [
            svg.Bar(
                f"{t('labels', label, lang)}",
                rate,
                f"{show(rate, 'share', lang)} (n {integer(n, lang)})",
            )
            for label, rate, n in (
                ("with_reminder", ns.with_reminder, ns.n_with),
                ("without_reminder", ns.without_reminder, ns.n_without),
            )
        ]
        out.append(Chart(title, svg.bars(items, title)))
    repeat = [c for c in names if "repeat_rate" in rec.channels[c].values]
    if repeat:
        title = t("labels", "chart_repeat", lang)
        items = []
        for c in repeat:
            values = rec.channels[c].values
            cross = values.get("cross_channel_repeat_rate")
            extra = f" ({show(cross, 'share', lang)})" if cross is not None else ""
            items.append(
                svg.Bar(
                    _channel(c, lang),
                    values["repeat_rate"],
                    show(values["repeat_rate"], "share", lang) + extra,
                )
            )
        out.append(Chart(title, svg.bars(items, title)))
    if rec.staffing:
        title = t("labels", "staffing", lang)
        days = t("labels", "weekdays", lang).split()
        most = max(s.agents for s in rec.staffing.values())
        items = [
            svg.Bar(
                f"{_channel(c, lang)} {days[s.weekday - 1]} {s.hour:02d}:00",
                s.agents,
                f"{t('labels', 'agents', lang)}: {s.agents}",
            )
            for c, s in sorted(rec.staffing.items())
        ]
        out.append(Chart(title, svg.bars(items, title, scale=float(most))))
    return out
