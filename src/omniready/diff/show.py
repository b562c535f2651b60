"""A normalized, line-oriented text of one audit for `git diff`: one fact per line, sorted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from omniready.audit.model import STEPS, Audit
from omniready.audit.probe_record import printable
from omniready.checklist import Checklist
from omniready.diff import facts as F
from omniready.diff.compare import current_answers
from omniready.diff.model import Scalar
from omniready.diff.values import scalar

if TYPE_CHECKING:
    from omniready.assess.model import Assessment


def show(audit: Audit, checklist: Checklist, assessment: Assessment | None = None) -> str:
    """Every fact of the audit as `section id.field = value` lines, grouped and sorted.

    Timestamps and probe latency are left out, so a re-save or a re-probe that found nothing new
    shows no change; notes are kept, because git should show every real edit.
    """
    lines: list[str] = []
    lines += _section("audit", _meta(audit))
    if assessment is not None:
        lines += _scores(assessment)
    lines += _answers(audit, checklist, assessment)
    lines += _records("tool", ((t.id, F.tool_facts(t)) for t in audit.steps.tools.inventory))
    lines += _records(
        "journey", ((j.id, F.journey_facts(j)) for j in audit.steps.processes.journeys)
    )
    lines += _records(
        "segment", ((s.id, F.segment_facts(s)) for s in audit.steps.segments.segments)
    )
    lines += _records(
        "metric",
        (
            (channel, F.flatten(m.model_dump(mode="json", exclude_none=True)))
            for channel, m in audit.steps.metrics.channels.items()
        ),
    )
    lines += _records("brand", ((b.id, F.brand_facts(b)) for b in audit.steps.brand.items))
    lines += _records("waiver", ((F.record_id(w), F.waiver_facts(w)) for w in audit.waivers))
    if assessment is not None:
        lines += sorted(
            f"finding {f.id} [{f.severity}] {f.title('en')}" for f in assessment.findings
        )
        lines += sorted(f"roadmap {r.id} [{r.horizon}] {r.title('en')}" for r in assessment.roadmap)
    # The file's text goes to a terminal: ESC, OSC and other controls are shown, never obeyed.
    return "\n".join(printable(line, limit=None) for line in lines) + "\n"


def _meta(audit: Audit) -> F.Facts:
    # `updated` changes on every save and `schema` is always the current one once loaded.
    data = audit.model_dump(
        mode="json",
        by_alias=True,
        exclude_none=True,
        include={"checklist", "organization", "assessor", "lang", "started", "targets"},
    )
    return F.flatten(data)


def _scores(assessment: Assessment) -> list[str]:
    lines = [
        f"score overall = {_score(assessment.score)}"
        + (f" level {assessment.level.number}" if assessment.level else "")
    ]
    for step in sorted(
        assessment.steps, key=lambda s: STEPS.index(s.step) if s.step in STEPS else len(STEPS)
    ):
        level = f" level {step.level.number}" if step.level else ""
        lines.append(f"score {step.step} = {_score(step.score)}{level}")
    return lines


def _score(value: float | None) -> str:
    # A data view for `git diff`, not a text for people: the same "." decimals in any language.
    return "-" if value is None else f"{value:.1f}"


def _answers(audit: Audit, checklist: Checklist, assessment: Assessment | None) -> list[str]:
    scores = {q.id: q.score for q in assessment.questions} if assessment else {}
    lines: list[str] = []
    for qid, (answer, old_id) in sorted(current_answers(audit, checklist).items()):
        value = F.answer_value(answer)
        score = scores.get(qid)
        suffix = f" (score {score * 100:.0f})" if score is not None else ""
        renamed = f" (was {old_id})" if old_id else ""
        lines.append(f"answer {qid} = {_value(value)}{suffix}{renamed}")
        for key, fact in sorted(F.answer_facts(answer).items()):
            lines.append(f"answer {qid}.{key} = {_value(fact)}")
    return lines


def _section(name: str, facts: F.Facts) -> list[str]:
    return [f"{name} {key} = {_value(value)}" for key, value in sorted(facts.items())]


def _records(name: str, records: Iterable[tuple[str, F.Facts]]) -> list[str]:
    lines: list[str] = []
    for ident, facts in sorted(records, key=lambda r: r[0]):
        lines.append(f"{name} {ident}")
        lines += [f"{name} {ident}.{key} = {_value(value)}" for key, value in sorted(facts.items())]
    return lines


def _value(value: Scalar) -> str:
    """One line per fact, language-neutral: a missing value is "-", booleans are yes/no."""
    return scalar(value, none="-")


@dataclass(frozen=True, slots=True)
class Shown:
    """What `omniready show` prints: the text for stdout and the messages for stderr."""

    text: str
    warnings: tuple[str, ...] = ()


def show_file(path: Path, checklist: Checklist, *, fallback: bool = False) -> Shown:
    """The normalized lines of the audit file at `path`, loaded as `validate` accepts it.

    With `fallback`, a file that does not load is shown as its raw text and its error becomes a
    warning, so `git log -p` goes on past a broken commit; a file that cannot be read at all still
    raises the InputError.
    """
    from omniready.assess import assess
    from omniready.audit.check import load_checked
    from omniready.audit.yamlio import Limits
    from omniready.diff.compare import with_current_ids
    from omniready.errors import InputError

    try:
        audit = load_checked(path, checklist)
    except InputError as exc:
        if not fallback:
            raise
        try:
            with open(path, "rb") as handle:  # no more of it than the loader would read
                raw = handle.read(Limits.from_env().size).decode("utf-8", errors="replace")
        except OSError:
            raise exc from None  # nothing to fall back on: a missing or unreadable file
        shown = "".join(printable(line, limit=None) + end for line, end in _lines(raw))
        return Shown(shown, (exc.message,))
    return Shown(show(audit, checklist, assess(with_current_ids(audit, checklist), checklist)))


def _lines(text: str) -> list[tuple[str, str]]:
    """Each line of `text` and the line break that ends it (CRLF, LF or none)."""
    parts = re.split(r"(\r?\n)", text)
    return list(zip(parts[::2], [*parts[1::2], ""], strict=True))
