"""The benchmark section of one organization's report (`omniready report --benchmark BENCH`):
where it stands in the benchmark, and where its own respondents disagree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from omniready.numbers import DASH, number
from omniready.portfolio.benchmark import Position
from omniready.portfolio.texts import all_labels, label, size_name
from omniready.portfolio.view import answer_label, responses_text

if TYPE_CHECKING:
    from omniready.render.context import Report


@dataclass(frozen=True, slots=True)
class StandingRow:
    """One line of the section: what is compared, the organization's score, its percentile."""

    title: str
    id: str
    score: str
    percentile: str
    n: int


@dataclass(frozen=True, slots=True)
class DisagreementRow:
    """One question the organization's respondents answered far apart."""

    question: str
    text: str
    responses: str
    consensus: str
    spread: int


@dataclass(frozen=True)
class BenchmarkSection:
    """What the report's benchmark partials (benchmark.md.j2, benchmark.html.j2) show."""

    position: Position
    lbl: dict[str, str]
    group_line: str
    k_note: str
    checklist_note: str
    steps: tuple[StandingRow, ...]
    questions: tuple[tuple[str, tuple[StandingRow, ...]], ...]
    disagreements: tuple[DisagreementRow, ...]

    def to_data(self) -> dict[str, Any]:
        """The section for the JSON report: the group, its size and every percentile."""
        from omniready.assess.model import to_data

        data: dict[str, Any] = to_data(self.position)
        return data


def percentile_text(value: float | None, lang: str) -> str:
    """P63; "below P5" / "above P95" at the ends; a dash when not compared."""
    if value is None:
        return DASH
    if value <= 0:
        return label("below", lang)
    if value >= 100:
        return label("above", lang)
    return f"P{number(value, lang, 0)}"


def section(position: Position, report: Report) -> BenchmarkSection:
    """The section's texts and rows in the report's language."""
    lang = report.lang
    titles = {s.step: report.tr(s.title) for s in report.assessment.steps}
    texts = {q.id: report.tr(q.text) for q in report.assessment.questions}
    if position.group_n == 0:
        group_line = label("bench_empty", lang, k=position.k)
    elif position.fell_back:
        group_line = label("bench_all", lang, n=position.group_n, k=position.k)
    else:
        group_line = label(
            "bench_peers",
            lang,
            n=position.group_n,
            industry=position.industry,
            size=size_name(position.size_band, lang),
        )
    checklist_note = ""
    if position.benchmark_checklist and position.benchmark_checklist != position.checklist:
        checklist_note = label(
            "bench_checklist", lang, bench=position.benchmark_checklist, audit=position.checklist
        )

    def row(kind: str, ident: str) -> StandingRow | None:
        found = next((s for s in position.standings if s.kind == kind and s.id == ident), None)
        if found is None:
            return None
        title = (
            label("overall", lang)
            if kind == "overall"
            else titles.get(ident) or texts.get(ident, ident)
        )
        score = DASH if found.score is None else number(found.score, lang, 0)
        return StandingRow(title, ident, score, percentile_text(found.percentile, lang), found.n)

    steps = tuple(
        r for r in [row("overall", "overall"), *(row("step", s) for s in titles)] if r is not None
    )
    questions = tuple(
        (
            titles[step],
            tuple(
                r
                for s in position.standings
                if s.kind == "question" and s.step == step
                if (r := row("question", s.id)) is not None
            ),
        )
        for step in titles
    )
    return BenchmarkSection(
        position=position,
        lbl=all_labels(lang),
        group_line=group_line,
        k_note=label("k_note", lang, k=position.k),
        checklist_note=checklist_note,
        steps=steps,
        questions=tuple((t, rows) for t, rows in questions if rows),
        disagreements=tuple(
            DisagreementRow(
                question=d.question,
                text=report.tr(d.text),
                responses=responses_text(d, lang),
                consensus=answer_label(d.consensus, d.consensus_label, lang),
                spread=d.spread,
            )
            for d in position.disagreements
        ),
    )


def with_benchmark(report: Report, bench: Path, checklist_dir: Path | None = None) -> Report:
    """The report with its benchmark section: the file read and checked, the position computed."""
    import dataclasses

    from omniready.checklist import load_checklist
    from omniready.portfolio.benchfile import read_benchmark
    from omniready.portfolio.benchmark import position
    from omniready.portfolio.disagreement import disagreements
    from omniready.portfolio.profile import profile_of

    benchmark = read_benchmark(bench)
    found = disagreements(report.audit, load_checklist(checklist_dir))
    where = position(report.assessment, profile_of(report.audit), benchmark, found)
    return dataclasses.replace(report, benchmark=section(where, report))
