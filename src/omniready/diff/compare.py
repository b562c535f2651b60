"""The semantic diff: two audits and their assessments → AuditDiff. Pure; matched by id."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from omniready.audit.model import STEPS, Answer, Audit, ChannelMetrics
from omniready.checklist import Checklist, Question, Text
from omniready.checklist import current_answers as resolve_renames
from omniready.diff import facts as F
from omniready.diff.model import (
    AnswerChange,
    AuditDiff,
    FieldChange,
    FindingChange,
    Kind,
    MetricChange,
    Mismatch,
    RecordChange,
    RoadmapChange,
    ScoreDelta,
    StepDelta,
    Verdict,
)
from omniready.diff.policy import metric_policy
from omniready.diff.scan import compare_scans

if TYPE_CHECKING:
    from omniready.assess.model import Assessment, Level, RoadmapItem


def current_answers(audit: Audit, checklist: Checklist) -> dict[str, tuple[Answer, str | None]]:
    """Answers by current question id, with the old id of a renamed one (`replaces:`)."""
    return resolve_renames(audit.all_answers(), checklist)


def with_current_ids(audit: Audit, checklist: Checklist) -> Audit:
    """The audit with answers under renamed question ids moved to the current ids and steps."""
    moved = current_answers(audit, checklist)
    per_step: dict[str, dict[str, Answer]] = {step: {} for step in STEPS}
    for qid, (answer, _) in moved.items():
        question = checklist.by_id.get(qid)
        step = question.step if question else _written_step(audit, qid)
        per_step[step][qid] = answer
    steps = audit.steps.model_copy(
        update={
            step: getattr(audit.steps, step).model_copy(update={"answers": per_step[step]})
            for step in STEPS
        }
    )
    return audit.model_copy(update={"steps": steps})


def _written_step(audit: Audit, qid: str) -> str:
    return next(s for s in STEPS if qid in audit.steps.answers_of(s))


def compare(
    old: Audit,
    new: Audit,
    checklist: Checklist,
    old_assessment: Assessment | None = None,
    new_assessment: Assessment | None = None,
    *,
    include_notes: bool = False,
) -> AuditDiff:
    """Everything that changed from `old` to `new`; noise (timestamps, latency, notes) left out."""
    steps = tuple(
        StepDelta(
            step,
            checklist.titles.get(step, Text(es=step, en=step)),
            _step_score(old_assessment, new_assessment, step),
        )
        for step in STEPS
    )
    overall = ScoreDelta(
        old_assessment.score if old_assessment else None,
        new_assessment.score if new_assessment else None,
        old_assessment.level if old_assessment else None,
        new_assessment.level if new_assessment else None,
    )
    return AuditDiff(
        organization_old=old.organization.name,
        organization_new=new.organization.name,
        checklist_old=old.checklist,
        checklist_new=new.checklist,
        overall=overall,
        steps=steps,
        answers=tuple(_answers(old, new, checklist, old_assessment, new_assessment, include_notes)),
        records=tuple(_records(old, new)),
        metrics=tuple(_metrics(old.steps.metrics.channels, new.steps.metrics.channels)),
        findings=tuple(_findings(old_assessment, new_assessment)),
        roadmap=tuple(_roadmap(old_assessment, new_assessment)),
        warnings=tuple(_warnings(old, new)),
        scan=compare_scans(old.steps.brand.scan, new.steps.brand.scan),
    )


def _step_score(old: Assessment | None, new: Assessment | None, step: str) -> ScoreDelta:
    def pick(assessment: Assessment | None) -> tuple[float | None, Level | None]:
        found = next((s for s in assessment.steps if s.step == step), None) if assessment else None
        return (found.score, found.level) if found else (None, None)

    (old_score, old_level), (new_score, new_level) = pick(old), pick(new)
    return ScoreDelta(old_score, new_score, old_level, new_level)


def _warnings(old: Audit, new: Audit) -> Iterable[Mismatch]:
    if old.organization.name.strip().casefold() != new.organization.name.strip().casefold():
        yield Mismatch("organization", old.organization.name, new.organization.name)
    if old.checklist.split("@")[0] != new.checklist.split("@")[0]:
        yield Mismatch("checklist", old.checklist, new.checklist)
    # Figures measured by `omniready metrics` compare like with like only under the same
    # definitions (their digest) and the same mapping (its sha256).
    before, after = old.steps.metrics.measured, new.steps.metrics.measured
    if before is not None and after is not None:
        if before.definitions != after.definitions:
            yield Mismatch("metrics-definitions", before.definitions, after.definitions)
        pair = (before.mapping, after.mapping)
        maps = [f"{m.file} ({m.sha256[:12]})" if m else "—" for m in pair]
        if maps[0] != maps[1]:
            yield Mismatch("metrics-mapping", maps[0], maps[1])


# ---------------------------------------------------------------------------- answers


def _answers(
    old: Audit,
    new: Audit,
    checklist: Checklist,
    old_assessment: Assessment | None,
    new_assessment: Assessment | None,
    include_notes: bool,
) -> list[AnswerChange]:
    before, after = current_answers(old, checklist), current_answers(new, checklist)
    old_scores, new_scores = _question_scores(old_assessment), _question_scores(new_assessment)
    order = {q.id: index for index, q in enumerate(checklist.questions)}
    changes: list[AnswerChange] = []
    for qid in before.keys() | after.keys():
        old_answer, renamed_from = before.get(qid, (None, None))
        new_answer, _ = after.get(qid, (None, None))
        old_value = F.answer_value(old_answer) if old_answer else None
        new_value = F.answer_value(new_answer) if new_answer else None
        fields = _field_changes(
            F.answer_facts(old_answer, include_notes) if old_answer else {},
            F.answer_facts(new_answer, include_notes) if new_answer else {},
        )
        if old_value == new_value and not fields:
            continue
        question = checklist.by_id.get(qid)
        kind: Kind = (
            "added" if old_answer is None else "removed" if new_answer is None else "changed"
        )
        step = (
            question.step
            if question
            else (_written_step(new, qid) if new_answer else _written_step(old, qid))
        )
        changes.append(
            AnswerChange(
                question=qid,
                step=step,
                kind=kind,
                text=question.text if question else None,
                old=old_value,
                new=new_value,
                score_old=_question_score(old_scores, checklist, qid, old_answer),
                score_new=_question_score(new_scores, checklist, qid, new_answer),
                renamed_from=renamed_from,
                fields=tuple(fields),
                old_label=_label(question, old_answer),
                new_label=_label(question, new_answer),
            )
        )
    changes.sort(key=lambda c: (STEPS.index(c.step), order.get(c.question, len(order)), c.question))
    return changes


def _label(question: Question | None, answer: Answer | None) -> Text | None:
    """The checklist's label of an answer's option(s), in both languages; None when none fits."""
    if question is None or answer is None or answer.na or answer.skipped or answer.answer is None:
        return None
    if question.type not in {"scale", "yesno", "choice"}:
        return None
    values = answer.answer if isinstance(answer.answer, list) else [answer.answer]
    options = [question.option(value) for value in values]
    if not options or any(o is None for o in options):
        return None
    return Text(
        es=", ".join(o.label.es for o in options if o),
        en=", ".join(o.label.en for o in options if o),
    )


def _question_scores(assessment: Assessment | None) -> dict[str, float | None] | None:
    if assessment is None:
        return None
    return {
        q.id: (None if q.score is None else round(q.score * 100, 1)) for q in assessment.questions
    }


def _question_score(
    scores: dict[str, float | None] | None, checklist: Checklist, qid: str, answer: Answer | None
) -> float | None:
    """The question's score 0-100: the assessment's when there is one, else its option's score."""
    if answer is None:
        return None
    if scores is not None:
        return scores.get(qid)
    question = checklist.by_id.get(qid)
    if question is None or not question.scored or answer.answer is None:
        return None
    option = question.option(answer.answer)
    return None if option is None or option.score is None else round(option.score * 100, 1)


# ---------------------------------------------------------------------------- records


def _field_changes(old: F.Facts, new: F.Facts) -> list[FieldChange]:
    # In the record's own order (a journey's handoffs in path order), then facts only old had.
    keys = list(new) + [k for k in old if k not in new]
    return [
        FieldChange(key, old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key)
    ]


def _records(old: Audit, new: Audit) -> Iterable[RecordChange]:
    sections: list[tuple[str, list[Any], list[Any], Callable[[Any], F.Facts]]] = [
        ("tools", old.steps.tools.inventory, new.steps.tools.inventory, F.tool_facts),
        ("journeys", old.steps.processes.journeys, new.steps.processes.journeys, F.journey_facts),
        ("segments", old.steps.segments.segments, new.steps.segments.segments, F.segment_facts),
        ("brand", old.steps.brand.items, new.steps.brand.items, F.brand_facts),
        ("waivers", old.waivers, new.waivers, F.waiver_facts),
    ]
    for section, old_items, new_items, facts_of in sections:
        before, after = F.by_id(old_items), F.by_id(new_items)
        for ident in [i for i in before if i not in after]:
            yield RecordChange(section, ident, _name(before[ident]), "removed")
        for ident, item in after.items():
            if ident not in before:
                yield RecordChange(section, ident, _name(item), "added")
                continue
            if before[ident] == item:
                continue  # most records do not change from one year to the next: skip the facts
            fields = _field_changes(facts_of(before[ident]), facts_of(item))
            if fields:
                yield RecordChange(section, ident, _name(item), "changed", tuple(fields))


def _name(item: Any) -> str | None:
    name = getattr(item, "name", None)
    return name if isinstance(name, str) else None


# ---------------------------------------------------------------------------- metrics


def verdict(metric: str, old: Any, new: Any) -> Verdict:
    """Whether moving a channel figure from `old` to `new` is better, worse or neither.

    Directions are data (metrics.yaml); a figure that did not move, is not a number or is only on
    one side is neutral.
    """
    numbers = (int, float)
    comparable = (
        isinstance(old, numbers)
        and isinstance(new, numbers)
        and not isinstance(old, bool)
        and not isinstance(new, bool)
    )
    if not comparable or old == new:
        return "neutral"
    policy = metric_policy()
    if metric in policy.lower_is_better:
        return "better" if new < old else "worse"
    if metric in policy.higher_is_better:
        return "better" if new > old else "worse"
    return "neutral"


def _metrics(
    old: dict[str, ChannelMetrics], new: dict[str, ChannelMetrics]
) -> Iterable[MetricChange]:
    for channel in sorted(old.keys() | new.keys()):
        before = _metric_facts(old.get(channel))
        after = _metric_facts(new.get(channel))
        for metric in ChannelMetrics.model_fields:
            a, b = before.get(metric), after.get(metric)
            if a != b:
                yield MetricChange(channel, metric, a, b, verdict(metric, a, b))


def _metric_facts(metrics: ChannelMetrics | None) -> F.Facts:
    if metrics is None:
        return {}
    return F.flatten(metrics.model_dump(mode="json", exclude_none=True))


# ---------------------------------------------------------------------------- assessment


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_Identified)


def _one_side_only(old: Sequence[T] | None, new: Sequence[T] | None) -> Iterator[tuple[T, bool]]:
    """Items only in `old` (paired with False), then only in `new` (True), matched by id."""
    if old is None or new is None:
        return
    before, after = {item.id: item for item in old}, {item.id: item for item in new}
    yield from ((item, False) for ident, item in before.items() if ident not in after)
    yield from ((item, True) for ident, item in after.items() if ident not in before)


def _findings(old: Assessment | None, new: Assessment | None) -> Iterable[FindingChange]:
    for f, is_new in _one_side_only(old.findings if old else None, new.findings if new else None):
        yield FindingChange(
            f.id, f.severity, f.title, tuple(f.steps), "new" if is_new else "resolved"
        )


def _roadmap(old: Assessment | None, new: Assessment | None) -> Iterable[RoadmapChange]:
    """Items of the old roadmap closed, regressed or still open; items new in the new one.

    An item is closed only when each question it raises now scores at least what closes it and
    its findings are gone; an item with an answer that got worse is a regression, never closed.
    """
    if old is None or new is None:
        return
    before = {q.id: q.score for q in old.questions}
    after = {q.id: q.score for q in new.questions}
    found_now = {f.id for f in new.findings}
    in_new = {i.id for i in new.roadmap}
    for item in old.roadmap:
        worse = any(_worse(before.get(q), after.get(q)) for q in item.questions)
        if worse:
            status: Literal["closed", "new", "regressed", "open"] = "regressed"
        elif item.id in in_new:
            continue
        elif _done(item, after, found_now):
            status = "closed"
        else:
            status = "open"
        yield RoadmapChange(item.id, item.horizon, item.title, tuple(item.steps), status)
    old_ids = {i.id for i in old.roadmap}
    for item in new.roadmap:
        if item.id not in old_ids:
            yield RoadmapChange(item.id, item.horizon, item.title, tuple(item.steps), "new")


def _worse(old: float | None, new: float | None) -> bool:
    """An answer that scored before and scores less (or not at all, as "unknown") now."""
    return old is not None and (new is None or new < old)


def _done(item: RoadmapItem, scores: dict[str, float | None], findings: set[str]) -> bool:
    """Every question the item raises at or above its closing score, and its findings gone."""
    raised = all((scores.get(q) or 0) >= item.closes_at for q in item.questions)
    return raised and not (set(item.findings) & findings)


def diff_audits(
    old: Audit, new: Audit, checklist: Checklist, *, include_notes: bool = False
) -> AuditDiff:
    """Assess both audits (answers moved to the current question ids) and compare them."""
    from omniready.assess import assess

    # The originals go to compare, so it can say which answers came from a renamed question.
    old_assessment = assess(with_current_ids(old, checklist), checklist)
    new_assessment = assess(with_current_ids(new, checklist), checklist)
    return compare(old, new, checklist, old_assessment, new_assessment, include_notes=include_notes)
