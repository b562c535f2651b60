"""The diff for a terminal: grouped by step, colours through rich only when asked."""

from __future__ import annotations

from omniready.diff.formats import wording as W
from omniready.diff.model import SIGN, AuditDiff, Kind, MetricChange, ScanDiff, ScoreDelta
from omniready.diff.values import num, signed

Segment = tuple[str, str | None]  # text and its rich style (None: plain)
_KIND_STYLE = {"added": "green", "removed": "red", "changed": "yellow"}
# Which step a record section belongs to, so records are grouped with their step.
SECTION_STEP = {
    "tools": "tools",
    "waivers": "tools",
    "journeys": "processes",
    "segments": "segments",
    "brand": "brand",
}


def to_text(diff: AuditDiff, lang: str = "es", *, color: bool = False) -> str:
    """Terminal text grouped by step; with colour through rich, else plain lines for CI."""
    lines = _lines(diff, lang)
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


def _lines(diff: AuditDiff, lang: str) -> list[list[Segment]]:
    lines: list[list[Segment]] = []
    title = diff.organization_new
    if diff.organization_old != diff.organization_new:
        title = f"{diff.organization_old} → {diff.organization_new}"
    checklist = (
        diff.checklist_new
        if diff.checklist_old == diff.checklist_new
        else f"{diff.checklist_old} → {diff.checklist_new}"
    )
    lines.append([(f"{title}  ({checklist})", "bold")])
    lines.append([(f"{W.word('overall', lang)}: ", "bold"), *_score(diff.overall, lang)])
    for step in diff.steps:
        lines.append([])
        lines.append([(f"{step.title(lang)}: ", "bold"), *_score(step.score, lang)])
        for answer in (a for a in diff.answers if a.step == step.step):
            lines.append([_sign(answer.kind), (W.answer_head(answer, lang), None)])
            body = W.answer_change(answer, lang)
            if answer.score_old is not None or answer.score_new is not None:
                body += f"   {num(answer.score_old, lang)} → {num(answer.score_new, lang)}"
                if answer.delta is not None:
                    body += f" ({signed(answer.delta, lang)})"
            if answer.renamed_from:
                body += f"   ({W.word('was', lang)} {answer.renamed_from})"
            lines.append([("      " + body, _delta_style(answer.delta))])
            lines += [[("      " + W.field(f, lang), "dim")] for f in answer.fields]
        for record in (r for r in diff.records if SECTION_STEP.get(r.section) == step.step):
            lines.append([_sign(record.kind), (W.record_head(record, lang), None)])
            lines += [[("      " + W.field(f, lang), None)] for f in record.fields]
        if step.step == "metrics":
            lines += _metric_lines(list(diff.metrics), lang)
        if step.step == "brand" and diff.scan is not None and not diff.scan.empty:
            lines += _scan_lines(diff.scan, lang)
        for finding in (f for f in diff.findings if f.steps and f.steps[0] == step.step):
            lines.append(
                _finding(finding.status, finding.id, finding.severity, finding.title(lang), lang)
            )
    unplaced = [f for f in diff.findings if not f.steps]
    if unplaced:
        lines += [[], [(W.word("findings", lang), "bold")]]
        lines += [_finding(f.status, f.id, f.severity, f.title(lang), lang) for f in unplaced]
    if diff.roadmap:
        lines += [[], [(W.word("roadmap", lang), "bold")]]
        for item in diff.roadmap:
            style = {"closed": "green", "regressed": "red"}.get(item.status, "yellow")
            lines.append(
                [
                    (f"  {W.word(item.status, lang)}: ", style),
                    (f"{item.id} [{W.horizon(item.horizon, lang)}] {item.title(lang)}", None),
                ]
            )
    if diff.empty:
        lines += [[], [(W.word("no_changes", lang), None)]]
    return lines


def _sign(kind: Kind) -> Segment:
    return ("  " + SIGN[kind] + " ", _KIND_STYLE[kind])


def _metric_lines(metrics: list[MetricChange], lang: str) -> list[list[Segment]]:
    """Figures grouped under their channel; a channel only on one side reads as added/removed."""
    lines: list[list[Segment]] = []
    for channel in dict.fromkeys(m.channel for m in metrics):
        figures = [m for m in metrics if m.channel == channel]
        kind: Kind = (
            "added"
            if all(m.old is None for m in figures)
            else "removed"
            if all(m.new is None for m in figures)
            else "changed"
        )
        head = f"{W.word('channel', lang).lower()} {W.channel(channel, lang)}"
        lines.append([_sign(kind), (head, None)])
        for m in figures:
            text = f"{m.metric}: {W.figure_change(m, lang)}"
            if m.verdict in {"better", "worse"}:
                text += f" {W.word(m.verdict, lang)}"
            lines.append([("      " + text, {"better": "green", "worse": "red"}.get(m.verdict))])
    return lines


def _scan_lines(scan: ScanDiff, lang: str) -> list[list[Segment]]:
    """The brand scans: each check × channel that moved, then shares of address, then counts."""
    lines: list[list[Segment]] = [[("  " + W.scan_head(scan, lang), "bold")]]
    for cell in scan.cells:
        lines.append([_sign(cell.kind), _judged(W.scan_cell(cell, lang), cell.verdict, lang)])
    lines += [[("    " + W.address_share(a, lang), None)] for a in scan.address]
    for count in scan.counts:
        text, style = _judged(W.finding_count(count, lang), count.verdict, lang)
        lines.append([("    " + text, style)])
    return lines


def _judged(text: str, verdict: str, lang: str) -> Segment:
    """A change with its verdict appended (better/worse) and coloured; neutral stays plain."""
    if verdict not in {"better", "worse"}:
        return text, None
    return f"{text} {W.word(verdict, lang)}", "green" if verdict == "better" else "red"


def _score(score: ScoreDelta, lang: str) -> list[Segment]:
    if score.old == score.new:
        text = num(score.new, lang)
    else:
        text = f"{num(score.old, lang)} → {num(score.new, lang)}"
        if score.delta is not None:
            text += f" ({signed(score.delta, lang)})"
    old_level, new_level = W.level(score.level_old, lang), W.level(score.level_new, lang)
    if score.level_old or score.level_new:
        text += f"  {W.word('level', lang)} " + (
            new_level if old_level == new_level else f"{old_level} → {new_level}"
        )
    return [(text, _delta_style(score.delta))]


def _delta_style(delta: float | None) -> str | None:
    if not delta:
        return None
    return "green" if delta > 0 else "red"


def _finding(status: str, ident: str, severity: str, title: str, lang: str) -> list[Segment]:
    style = "green" if status == "resolved" else "red"
    mark = "✓" if status == "resolved" else "!"
    return [
        (f"  {mark} {W.word('finding', lang)} {W.word(status, lang)}: ", style),
        (f"{ident} [{W.severity(severity, lang)}] {title}", None),
    ]
