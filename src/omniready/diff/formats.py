"""Output formats of a diff: each is a function AuditDiff → str, chosen by one enum."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, NoReturn

from omniready.diff.model import (
    KINDS,
    SIGN,
    AnswerChange,
    AuditDiff,
    FieldChange,
    LevelRef,
    MetricChange,
    RecordChange,
    Scalar,
    ScoreDelta,
    regressions,
)

# Words people read, in both languages; ids and values stay as written in the files.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "overall": "Overall",
        "level": "level",
        "answers": "Answers",
        "findings": "Findings",
        "resolved": "resolved",
        "new": "new",
        "closed": "closed",
        "roadmap": "Roadmap",
        "better": "better",
        "worse": "worse",
        "metrics": "Metrics",
        "no_changes": "No changes.",
        "tools": "tool",
        "journeys": "journey",
        "segments": "segment",
        "brand": "brand item",
        "was": "was",
        "question": "Question",
        "answer": "Answer",
        "score": "Score",
        "step": "Step",
        "channel": "Channel",
        "metric": "Figure",
        "change": "Change",
        "records": "Records",
        "dropped": "question no longer in the checklist",
        "regressions": "Regressions",
        "finding": "finding",
    },
    "es": {
        "overall": "General",
        "level": "nivel",
        "answers": "Respuestas",
        "findings": "Hallazgos",
        "resolved": "resuelto",
        "new": "nuevo",
        "closed": "cerrado",
        "roadmap": "Hoja de ruta",
        "better": "mejor",
        "worse": "peor",
        "metrics": "Métricas",
        "no_changes": "Sin cambios.",
        "tools": "herramienta",
        "journeys": "recorrido",
        "segments": "segmento",
        "brand": "elemento de marca",
        "was": "antes",
        "question": "Pregunta",
        "answer": "Respuesta",
        "score": "Puntaje",
        "step": "Paso",
        "channel": "Canal",
        "metric": "Cifra",
        "change": "Cambio",
        "records": "Registros",
        "dropped": "pregunta que ya no está en el checklist",
        "regressions": "Retrocesos",
        "finding": "hallazgo",
    },
}
# Which step a record section belongs to, so text output groups records with their step.
SECTION_STEP = {"tools": "tools", "journeys": "processes", "segments": "segments", "brand": "brand"}
# Channel figures that are shares (0-1): shown as percentages, deltas in percentage points.
_SHARES = {
    "incident_rate",
    "sla_attainment",
    "abandonment_rate",
    "no_show_rate",
    "self_service_rate",
}


class Format(str, Enum):
    """The output formats of `omniready diff`."""

    text = "text"
    md = "md"
    json = "json"


def render(
    diff: AuditDiff, fmt: Format, *, lang: str = "es", color: bool = False, threshold: float = 0
) -> str:
    """The diff in the chosen format."""
    if fmt is Format.text:
        return to_text(diff, lang, color=color)
    if fmt is Format.md:
        return to_markdown(diff, lang, threshold=threshold)
    if fmt is Format.json:
        return to_json(diff, lang, threshold=threshold)
    return _never(fmt)


def _never(value: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled format {value!r}")


# ---------------------------------------------------------------------------- shared wording


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def _level(level: LevelRef | None, lang: str) -> str:
    return "-" if level is None else f"{level.number} {level.name(lang)}"


def _value(value: Scalar) -> str:
    if value is None:
        return "∅"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _figure(metric: str, value: Scalar) -> str:
    if metric in _SHARES and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.1f}%"
    return _value(value)


def _figure_delta(change: MetricChange) -> str:
    delta = change.delta
    if delta is None:
        return ""
    if change.metric in _SHARES:
        return f"{delta * 100:+.1f} pp"
    return f"{delta:+g}"


def _score_line(score: ScoreDelta, lang: str) -> str:
    words = LABELS[lang]
    if score.old == score.new:
        text = _num(score.new)
    else:
        text = f"{_num(score.old)} → {_num(score.new)}"
        if score.delta is not None:
            text += f" ({_signed(score.delta)})"
    old_level, new_level = _level(score.level_old, lang), _level(score.level_new, lang)
    if score.level_old or score.level_new:
        text += f"  {words['level']} " + (
            new_level if old_level == new_level else f"{old_level} → {new_level}"
        )
    return text


def _answer_head(change: AnswerChange, lang: str) -> str:
    text = change.text(lang) if change.text else LABELS[lang]["dropped"]
    return f"{change.question}  {text}"


def _answer_body(change: AnswerChange, lang: str) -> str:
    text = f"{_value(change.old)} → {_value(change.new)}"
    if change.score_old is not None or change.score_new is not None:
        text += f"   {_num(change.score_old)} → {_num(change.score_new)}"
        if change.delta is not None:
            text += f" ({_signed(change.delta)})"
    if change.renamed_from:
        text += f"   ({LABELS[lang]['was']} {change.renamed_from})"
    return text


def _field(change: FieldChange) -> str:
    return f"{change.field}: {_value(change.old)} → {_value(change.new)}"


def _record_head(record: RecordChange, lang: str) -> str:
    name = f" ({record.name})" if record.name and record.name != record.id else ""
    return f"{LABELS[lang][record.section]} {record.id}{name}"


def _metric_line(change: MetricChange, lang: str) -> str:
    text = (
        f"{change.channel} {change.metric}: {_figure(change.metric, change.old)} → "
        f"{_figure(change.metric, change.new)}"
    )
    delta = _figure_delta(change)
    if delta:
        text += f" ({delta})"
    if change.verdict in {"better", "worse"}:
        text += f" {LABELS[lang][change.verdict]}"
    return text


# ---------------------------------------------------------------------------- text

Segment = tuple[str, str | None]  # text and its rich style (None: plain)
_KIND_STYLE = {"added": "green", "removed": "red", "changed": "yellow"}


def to_text(diff: AuditDiff, lang: str = "es", *, color: bool = False) -> str:
    """Terminal text grouped by step; with colour through rich, else plain lines for CI."""
    lines = _text_lines(diff, lang)
    if not color:
        return "\n".join("".join(text for text, _ in line) for line in lines) + "\n"
    import io

    from rich.console import Console
    from rich.text import Text as RichText

    out = io.StringIO()
    console = Console(
        file=out,
        force_terminal=True,
        color_system="standard",
        width=200,
        soft_wrap=True,
        highlight=False,
    )
    for line in lines:
        console.print(RichText.assemble(*((text, style or "") for text, style in line)))
    return out.getvalue()


def _text_lines(diff: AuditDiff, lang: str) -> list[list[Segment]]:
    words = LABELS[lang]
    lines: list[list[Segment]] = []
    title = diff.organization_new
    if diff.organization_old != diff.organization_new:
        title = f"{diff.organization_old} → {diff.organization_new}"
    checklist = (
        diff.checklist_new
        if diff.checklist_old == diff.checklist_new
        else (f"{diff.checklist_old} → {diff.checklist_new}")
    )
    lines.append([(f"{title}  ({checklist})", "bold")])
    lines.append([(f"{words['overall']}: ", "bold"), *_delta_segments(diff.overall, lang)])
    for step in diff.steps:
        answers = [a for a in diff.answers if a.step == step.step]
        records = [r for r in diff.records if SECTION_STEP.get(r.section) == step.step]
        metrics = list(diff.metrics) if step.step == "metrics" else []
        findings = [f for f in diff.findings if f.steps and f.steps[0] == step.step]
        lines.append([])
        lines.append([(f"{step.title(lang)}: ", "bold"), *_delta_segments(step.score, lang)])
        for answer in answers:
            lines.append(
                [
                    ("  " + SIGN[answer.kind] + " ", _KIND_STYLE[answer.kind]),
                    (_answer_head(answer, lang), None),
                ]
            )
            lines.append([("      " + _answer_body(answer, lang), _delta_style(answer.delta))])
            lines += [[("      " + _field(f), "dim")] for f in answer.fields]
        for record in records:
            lines.append(
                [
                    ("  " + SIGN[record.kind] + " ", _KIND_STYLE[record.kind]),
                    (_record_head(record, lang), None),
                ]
            )
            lines += [[("      " + _field(f), None)] for f in record.fields]
        lines += _metric_lines(metrics, lang)
        for finding in findings:
            lines.append(
                _finding_segments(
                    finding.status, finding.id, finding.severity, finding.title(lang), lang
                )
            )
    unplaced = [f for f in diff.findings if not f.steps]
    if unplaced:
        lines.append([])
        lines.append([(words["findings"], "bold")])
        lines += [
            _finding_segments(f.status, f.id, f.severity, f.title(lang), lang) for f in unplaced
        ]
    if diff.roadmap:
        lines.append([])
        lines.append([(words["roadmap"], "bold")])
        for item in diff.roadmap:
            style = "green" if item.status == "closed" else "yellow"
            lines.append(
                [
                    (f"  {words[item.status]}: ", style),
                    (f"{item.id} [{item.horizon}] {item.title(lang)}", None),
                ]
            )
    if diff.empty:
        lines.append([])
        lines.append([(words["no_changes"], None)])
    return lines


def _metric_lines(metrics: list[MetricChange], lang: str) -> list[list[Segment]]:
    """Figures grouped under their channel; a channel only on one side reads as added/removed."""
    lines: list[list[Segment]] = []
    channels = list(dict.fromkeys(m.channel for m in metrics))
    for channel in channels:
        figures = [m for m in metrics if m.channel == channel]
        kind = (
            "added"
            if all(m.old is None for m in figures)
            else "removed"
            if all(m.new is None for m in figures)
            else "changed"
        )
        lines.append(
            [
                ("  " + SIGN[kind] + " ", _KIND_STYLE[kind]),
                (f"{LABELS[lang]['channel'].lower()} {channel}", None),
            ]
        )
        for m in figures:
            style = {"better": "green", "worse": "red"}.get(m.verdict)
            lines.append([("      " + _metric_line(m, lang).removeprefix(f"{channel} "), style)])
    return lines


def _delta_segments(score: ScoreDelta, lang: str) -> list[Segment]:
    return [(_score_line(score, lang), _delta_style(score.delta))]


def _delta_style(delta: float | None) -> str | None:
    if not delta:
        return None
    return "green" if delta > 0 else "red"


def _finding_segments(
    status: str, ident: str, severity: str, title: str, lang: str
) -> list[Segment]:
    style = "green" if status == "resolved" else "red"
    mark = "✓" if status == "resolved" else "!"
    return [
        (f"  {mark} {LABELS[lang]['finding']} {LABELS[lang][status]}: ", style),
        (f"{ident} [{severity}] {title}", None),
    ]


# ---------------------------------------------------------------------------- markdown


def _md(text: str) -> str:
    """Escape what would break a table cell or start markup."""
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(diff: AuditDiff, lang: str = "es", *, threshold: float = 0) -> str:
    """A pull-request comment: regressions first, a score table, then changes per kind."""
    words = LABELS[lang]
    out: list[str] = [
        f"## {_md(diff.organization_new)}: {diff.checklist_old} → {diff.checklist_new}",
        "",
    ]
    reasons = regressions(diff, threshold)
    if reasons:
        out += [f"**{words['regressions']}:**", ""] + [f"- ⚠️ {_md(r)}" for r in reasons] + [""]
    out += [f"| {words['step']} | {words['score']} | Δ | {words['level']} |", "|---|---:|---:|---|"]
    rows = [(f"**{words['overall']}**", diff.overall)]
    rows += [(_md(s.title(lang)), s.score) for s in diff.steps]
    for name, delta in rows:
        out.append(
            f"| {name} | {_num(delta.old)} → {_num(delta.new)} | {_signed(delta.delta)} "
            f"| {_md(_level(delta.level_old, lang))} → "
            f"{_md(_level(delta.level_new, lang))} |"
        )
    if diff.answers:
        out += [
            "",
            f"### {words['answers']}",
            "",
            f"| | {words['question']} | {words['answer']} | {words['score']} |",
            "|---|---|---|---|",
        ]
        for a in diff.answers:
            question = f"`{a.question}` {_md(a.text(lang)) if a.text else words['dropped']}"
            if a.renamed_from:
                question += f" ({words['was']} `{a.renamed_from}`)"
            score = f"{_num(a.score_old)} → {_num(a.score_new)} {_signed(a.delta)}".strip()
            out.append(
                f"| {SIGN[a.kind]} | {question} | {_md(_value(a.old))} → "
                f"{_md(_value(a.new))} | {score} |"
            )
    if diff.records:
        out += ["", f"### {words['records']}", ""]
        for record in diff.records:
            # In a code span: "- -" would start a nested list in Markdown.
            out.append(f"- `{SIGN[record.kind]}` {_md(_record_head(record, lang))}")
            out += [f"  - {_md(_field(f))}" for f in record.fields]
    if diff.metrics:
        out += [
            "",
            f"### {words['metrics']}",
            "",
            f"| {words['channel']} | {words['metric']} | {words['change']} | |",
            "|---|---|---|---|",
        ]
        for m in diff.metrics:
            change = f"{_figure(m.metric, m.old)} → {_figure(m.metric, m.new)}"
            shift = _figure_delta(m)
            mark = {"better": "✅ ", "worse": "⚠️ "}.get(m.verdict, "")
            verdict = words.get(m.verdict, "") if m.verdict in {"better", "worse"} else ""
            out.append(f"| {m.channel} | {m.metric} | {change} {shift} | {mark}{verdict} |")
    if diff.findings:
        out += ["", f"### {words['findings']}", ""]
        out += [
            f"- {'✅' if f.status == 'resolved' else '⚠️'} {words[f.status]}: `{f.id}` "
            f"**{f.severity}** {_md(f.title(lang))}"
            for f in diff.findings
        ]
    if diff.roadmap:
        out += ["", f"### {words['roadmap']}", ""]
        out += [
            f"- {words[r.status]}: `{r.id}` [{r.horizon}] {_md(r.title(lang))}"
            for r in diff.roadmap
        ]
    if diff.empty:
        out += ["", words["no_changes"]]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- json


def to_json(diff: AuditDiff, lang: str = "es", *, threshold: float = 0) -> str:
    """Stable machine output; question and finding texts in `lang`."""

    def score(s: ScoreDelta) -> dict[str, Any]:
        return {
            "old": s.old,
            "new": s.new,
            "delta": s.delta,
            "level_old": s.level_old.number if s.level_old else None,
            "level_new": s.level_new.number if s.level_new else None,
        }

    def fields(items: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
        return [{"field": f.field, "old": f.old, "new": f.new} for f in items]

    def records(section: str) -> dict[str, list[dict[str, Any]]]:
        return {
            kind: [
                {
                    "id": r.id,
                    "name": r.name,
                    **({"changes": fields(r.fields)} if kind == "changed" else {}),
                }
                for r in diff.records_of(section, kind)
            ]
            for kind in KINDS
        }

    document = {
        "organization": {"old": diff.organization_old, "new": diff.organization_new},
        "checklist": {"old": diff.checklist_old, "new": diff.checklist_new},
        "overall": score(diff.overall),
        "steps": {s.step: score(s.score) for s in diff.steps},
        "answers": [
            {
                "question": a.question,
                "step": a.step,
                "kind": a.kind,
                "text": a.text(lang) if a.text else None,
                "old": a.old,
                "new": a.new,
                "score_old": a.score_old,
                "score_new": a.score_new,
                "delta": a.delta,
                "renamed_from": a.renamed_from,
                "changes": fields(a.fields),
            }
            for a in diff.answers
        ],
        "tools": records("tools"),
        "journeys": records("journeys"),
        "segments": records("segments"),
        "brand": records("brand"),
        "metrics": [
            {
                "channel": m.channel,
                "metric": m.metric,
                "old": m.old,
                "new": m.new,
                "delta": m.delta,
                "verdict": m.verdict,
            }
            for m in diff.metrics
        ],
        "findings": {
            status: [
                {"id": f.id, "severity": f.severity, "title": f.title(lang), "steps": list(f.steps)}
                for f in diff.findings
                if f.status == status
            ]
            for status in ("resolved", "new")
        },
        "roadmap": {
            status: [
                {"id": r.id, "horizon": r.horizon, "title": r.title(lang), "steps": list(r.steps)}
                for r in diff.roadmap
                if r.status == status
            ]
            for status in ("closed", "new")
        },
        "regressions": regressions(diff, threshold),
        "warnings": list(diff.warnings),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
