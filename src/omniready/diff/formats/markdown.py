"""The diff as a pull-request comment: regressions first, a score table, then changes per kind."""

from __future__ import annotations

from omniready.assess.model import Level
from omniready.diff.formats import wording as W
from omniready.diff.model import SIGN, AuditDiff, ScanDiff, ScoreDelta, regressions
from omniready.diff.values import num, signed


def _md(text: str) -> str:
    """Escape what would break a table cell or start markup."""
    return text.replace("|", "\\|").replace("\n", " ")


def _moved(old: float | None, new: float | None, delta: float | None, lang: str) -> tuple[str, str]:
    """The score cell and the Δ cell: one number and `=` when nothing moved."""
    if old == new:
        return ("" if new is None else num(new, lang)), ("" if new is None else "=")
    return f"{num(old, lang)} → {num(new, lang)}", signed(delta, lang)


def _levels(old: Level | None, new: Level | None, lang: str) -> str:
    before, after = W.level(old, lang), W.level(new, lang)
    return _md(after if before == after else f"{before} → {after}")


def to_markdown(diff: AuditDiff, lang: str = "es", *, threshold: float = 0) -> str:
    """A pull-request comment: regressions first, a score table, then changes per kind."""
    w = lambda key: W.word(key, lang)  # noqa: E731 - a local shorthand
    head = f"## {_md(diff.organization_new)}"
    if diff.checklist_old != diff.checklist_new:
        head += f": {diff.checklist_old} → {diff.checklist_new}"
    out: list[str] = [head, ""]
    reasons = [W.regression(r, diff, lang) for r in regressions(diff, threshold)]
    if reasons:
        out += [f"**{w('regressions')}:**", ""] + [f"- ⚠️ {_md(r)}" for r in reasons] + [""]
    out += [f"| {w('step')} | {w('score')} | Δ | {w('level')} |", "|---|---:|---:|---|"]
    rows: list[tuple[str, ScoreDelta]] = [(f"**{w('overall')}**", diff.overall)]
    rows += [(_md(s.title(lang)), s.score) for s in diff.steps]
    for name, score in rows:
        cell, delta = _moved(score.old, score.new, score.delta, lang)
        out.append(
            f"| {name} | {cell} | {delta} | {_levels(score.level_old, score.level_new, lang)} |"
        )
    if diff.answers:
        out += [
            "",
            f"### {w('answers')}",
            "",
            f"| | {w('question')} | {w('answer')} | {w('score')} |",
            "|---|---|---|---|",
        ]
        for a in diff.answers:
            question = f"`{a.question}` {_md(a.text(lang)) if a.text else w('dropped')}"
            if a.renamed_from:
                question += f" ({w('was')} `{a.renamed_from}`)"
            cell, delta = _moved(a.score_old, a.score_new, a.delta, lang)
            points = f"{cell} {delta}".strip()
            out.append(
                f"| {SIGN[a.kind]} | {question} | {_md(W.answer_change(a, lang))} | {points} |"
            )
    if diff.records:
        out += ["", f"### {w('records')}", ""]
        for record in diff.records:
            # In a code span: "- -" would start a nested list in Markdown.
            out.append(f"- `{SIGN[record.kind]}` {_md(W.record_head(record, lang))}")
            out += [f"  - {_md(W.field(f, lang))}" for f in record.fields]
    if diff.metrics:
        out += [
            "",
            f"### {w('metrics')}",
            "",
            f"| {w('channel')} | {w('metric')} | {w('change')} | |",
            "|---|---|---|---|",
        ]
        for m in diff.metrics:
            mark = {"better": "✅ ", "worse": "⚠️ "}.get(m.verdict, "")
            verdict = w(m.verdict) if m.verdict in {"better", "worse"} else ""
            out.append(
                f"| {_md(W.channel(m.channel, lang))} | {m.metric} | "
                f"{_md(W.figure_change(m, lang))} | {mark}{verdict} |"
            )
    if diff.scan is not None and not diff.scan.empty:
        out += _scan(diff.scan, lang)
    if diff.findings:
        out += ["", f"### {w('findings')}", ""]
        out += [
            f"- {'✅' if f.status == 'resolved' else '⚠️'} {w(f.status)}: `{f.id}` "
            f"**{W.severity(f.severity, lang)}** {_md(f.title(lang))}"
            for f in diff.findings
        ]
    if diff.roadmap:
        out += ["", f"### {w('roadmap')}", ""]
        out += [
            f"- {w(r.status)}: `{r.id}` [{W.horizon(r.horizon, lang)}] {_md(r.title(lang))}"
            for r in diff.roadmap
        ]
    if diff.empty:
        out += ["", w("no_changes")]
    return "\n".join(out) + "\n"


def _verdict(verdict: str, lang: str) -> str:
    return {"better": "✅ ", "worse": "⚠️ "}.get(verdict, "") + (
        W.word(verdict, lang) if verdict in {"better", "worse"} else ""
    )


def _scan(scan: ScanDiff, lang: str) -> list[str]:
    """The brand scans compared: a table of check × channel changes, shares, finding counts."""
    s = lambda key: W.scan(key, lang)  # noqa: E731 - a local shorthand
    out = ["", f"### {_md(W.scan_head(scan, lang))}"]
    if scan.cells:
        out += [
            "",
            f"| | {s('check')} | {W.word('channel', lang)} | {W.word('change', lang)} | |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {SIGN[c.kind]} | {_md(c.title(lang))} | {_md(W.channel(c.channel, lang))} | "
            f"{W.cell_state(c.old, lang)} → {W.cell_state(c.new, lang)} | "
            f"{_verdict(c.verdict, lang)} |"
            for c in scan.cells
        ]
    if scan.address:
        out += ["", f"**{s('shares')}**", ""]
        out += [f"- {_md(W.address_share(a, lang))}" for a in scan.address]
    if scan.counts:
        out += ["", f"**{s('counts')}**", ""]
        out += [
            f"- {_md(W.finding_count(c, lang))} {_verdict(c.verdict, lang)}".rstrip()
            for c in scan.counts
        ]
    return out
