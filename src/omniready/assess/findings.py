"""Run the finding rules: named Python checks, or data-only comparisons of a few fixed kinds."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from omniready import numbers
from omniready.assess import names
from omniready.assess.checks import CHECKS
from omniready.assess.model import SEVERITIES, Finding, RuleError
from omniready.assess.rules import Cause, Context, Hit, Rule, When, fill
from omniready.audit.model import STEPS
from omniready.checklist import Text
from omniready.texts import has

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "eq": operator.eq,
    "ne": operator.ne,
}
# Params a hit keeps per language (kept so in the JSON), and the one name the catalogue's
# evidence texts fill in each language: {question}, {answer_label}, {field_name}.
_PER_LANGUAGE = {"question": "question", "answer_label": "answer", "field_name": "field"}


def field_name(field: str) -> Text:
    """A channel figure as people name it in evidence texts; an unknown field shows as it is."""
    key = f"assess.fields.{field}"
    return names.both(key) if has(key, "es") else names.same(field)


def _fill_params(params: dict[str, Any]) -> dict[str, Any]:
    """Params for filling a text: those kept per language (question_es, question_en) joined
    into one `Text` under a language-neutral name."""
    out = dict(params)
    for name, stem in _PER_LANGUAGE.items():
        if f"{stem}_es" in params:
            es, en = str(params[f"{stem}_es"]), str(params[f"{stem}_en"])
            out[name] = Text.model_construct(es=es, en=en)
    return out


def compare(op: str, value: Any, threshold: Any) -> bool:
    """Apply one comparison; missing/present test whether there is a value at all."""
    if op == "missing":
        return value is None
    if op == "present":
        return value is not None
    if value is None or threshold is None:
        return False  # unknown is not a failure: a comparison needs both sides
    try:
        return _OPS[op](value, threshold)
    except TypeError:
        return False


def show(field: str, value: Any) -> Text:
    """A figure as a person reads it: shares as percentages, durations in s, min or h.

    Per language (omniready.numbers): Spanish writes "25 %" and "1,5 h", English "25%" and
    "1.5 h". Which figures are shares is numbers.SHARES; times are the fields ending in `_s`.
    """
    if not isinstance(value, int | float) or isinstance(value, bool):
        return names.same(str(value))
    if numbers.is_share(field):
        return Text(es=numbers.percent(value, "es"), en=numbers.percent(value, "en"))
    if field.endswith("_s"):
        return Text(es=numbers.duration(value, "es"), en=numbers.duration(value, "en"))
    if isinstance(value, int):
        return names.same(str(value))
    return Text(es=numbers.number(value, "es", None), en=numbers.number(value, "en", None))


def answer_hits(ctx: Context, when: When) -> list[Hit]:
    """Data kind `answer`: a question's score (numeric value) or answer (text value) compared."""
    question = ctx.question(when.question or "")
    if question is None:
        return []
    actual: Any = question.score if isinstance(when.value, int | float) else question.answer
    if question.status != "scored" and when.op not in {"missing", "present"}:
        return []  # unanswered, n/a or unknown: nothing to judge
    if not compare(when.op, actual, when.value):
        return []
    note = f": {question.note.rstrip('.')}" if question.note else ""
    raw = question.answer or "-"
    label = question.answer_label or Text(es=raw, en=raw)
    return [
        Hit(
            "",
            {
                "question_es": question.text.es,
                "question_en": question.text.en,
                "answer": question.answer or "-",
                "answer_es": label.es,
                "answer_en": label.en,
                "note": note,
                "score": show("score", question.score),
            },
            (f"answers.{question.id}",),
            (question.id,),
        )
    ]


def channel_kind(channel: str, metrics: Any) -> str | None:
    """virtual or physical: the metrics' own `kind` when set, else the channel vocabulary's."""
    from omniready import channels

    if metrics.kind:
        return str(metrics.kind)
    known = channels.known().get(channel)
    return known.kind if known else None


def _mode(ctx: Context, channel: str) -> str:
    return ctx.mode(channel)


def metric_hits(ctx: Context, when: When) -> list[Hit]:
    """Data kind `channel-metric`: one figure of every measured channel compared."""
    hits = []
    field = when.field or ""
    name = field_name(field)
    for channel, metrics in sorted(ctx.audit.steps.metrics.channels.items()):
        kind = channel_kind(channel, metrics)
        facts = {"kind": kind}
        if any(str(facts.get(k, getattr(metrics, k, None))) != v for k, v in when.where.items()):
            continue
        value = getattr(metrics, field, None)
        if when.by_kind:
            by_kind: dict[str, float] = {str(k): v for k, v in when.by_kind.items()}
            threshold: Any = by_kind.get(kind) if kind else None
        else:
            threshold = getattr(metrics, when.than, None) if when.than else when.value
        if compare(when.op, value, threshold):
            hits.append(
                Hit(
                    channel,
                    {
                        "channel": names.channel(channel),
                        "field": field,
                        "field_es": name.es,
                        "field_en": name.en,
                        "value": show(field, value),
                        "threshold": show(when.than or field, threshold),
                    },
                    (f"metrics.channels.{channel}.{field}",),
                    mode=_mode(ctx, channel),
                )
            )
    return hits


KINDS: dict[str, Callable[[Context, When], list[Hit]]] = {
    "answer": answer_hits,
    "channel-metric": metric_hits,
}


def _default_evidence(rule: Rule) -> Text:
    when = rule.when
    if when is None:
        return Text(es="", en="")
    if when.kind == "answer":
        return names.both("assess.evidence.answer")
    kind = "missing" if when.op == "missing" else "metric"
    return names.both(f"assess.evidence.{kind}")


def hits_of(rule: Rule, ctx: Context) -> list[Hit]:
    """Where one rule fires."""
    if rule.when is not None:
        return KINDS[rule.when.kind](ctx, rule.when)
    if rule.check is None or rule.check not in CHECKS:
        raise ValueError(f"rule {rule.id}: unknown check {rule.check!r}")
    return CHECKS[rule.check](ctx, rule.params)


def remediation_of(rule: Rule, hit: Hit, ctx: Context) -> Text:
    """The advice for one place: what is next when the audit says the usual fix is in place,
    else the text for the channel's kind, else the rule's remediation."""
    if rule.done_when is not None and rule.remediation_done is not None:
        if answer_hits(ctx, rule.done_when):
            return rule.remediation_done
    if hit.mode is not None and hit.mode in rule.remediation_by_mode:
        return rule.remediation_by_mode[hit.mode]  # type: ignore[index]
    return rule.remediation


@dataclass(frozen=True, slots=True)
class Symptom:
    """One place one rule fired, before symptoms are grouped into causes."""

    rule: Rule
    hit: Hit
    cause: str
    evidence: Text
    remediation: Text


def symptoms_of(rules: tuple[Rule, ...], ctx: Context) -> tuple[list[Symptom], list[RuleError]]:
    """Every place every rule fires; a rule that raises is reported alone (as Lighthouse does for
    one audit): the other rules and the scores still stand."""
    found: list[Symptom] = []
    errors: list[RuleError] = []
    for rule in rules:
        evidence = rule.evidence or _default_evidence(rule)
        try:
            hits = hits_of(rule, ctx)
            for hit in hits:
                params = _fill_params({**rule.params, **hit.params})
                found.append(
                    Symptom(
                        rule=rule,
                        hit=hit,
                        cause=hit.cause or rule.cause or rule.id,
                        evidence=fill(evidence, params),
                        remediation=remediation_of(rule, hit, ctx),
                    )
                )
        except Exception as exc:  # noqa: BLE001 - one failed rule must not sink the report
            errors.append(RuleError(rule.id, f"{type(exc).__name__}: {exc}"))
    return found, errors


def _merged(hits: list[Hit]) -> dict[str, Text]:
    merged: dict[str, dict[Text, None]] = {}
    for hit in hits:
        for key, value in hit.params.items():
            text = value if isinstance(value, Text) else names.same(str(value))
            merged.setdefault(key, {})[text] = None
    return {key: names.join(values) for key, values in merged.items()}


MAX_ADVICE = 4


def first_clause(text: Text) -> Text:
    """The first clause of an advice, as an action's title ("Document consent …")."""

    def cut(value: str) -> str:
        return value.split(";")[0].split(". ")[0].rstrip(". ")

    return Text.model_construct(es=cut(text.es), en=cut(text.en))


def evidence_lines(group: list[Symptom]) -> tuple[Text, ...]:
    """One line per place: a channel's figures from several rules share one line
    ("Phone: abandonment 27 % (threshold 10 %) · p90 wait 9 min (threshold 60 s)")."""
    lines: dict[str, Text] = {}
    for s in group:
        if not (s.evidence.es or s.evidence.en):
            continue
        when = s.rule.when
        if when is None or when.kind != "channel-metric" or not s.hit.subject:
            lines.setdefault(f"{len(lines)}:{s.evidence.es}", s.evidence)
            continue
        key = f"channel:{s.hit.subject}"
        if key not in lines:
            lines[key] = s.evidence
            continue
        name = names.channel(s.hit.subject)
        rest = Text.model_construct(
            es=s.evidence.es.removeprefix(f"{name.es}: "),
            en=s.evidence.en.removeprefix(f"{name.en}: "),
        )
        lines[key] = names.join([lines[key], rest], " · ")
    return tuple(dict.fromkeys(lines.values()))


def finding_of(cause_id: str, group: list[Symptom], causes: dict[str, Cause]) -> Finding:
    """One finding for one cause, from every symptom that shows it."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    group = sorted(group, key=lambda s: order[s.rule.severity])  # stable: rule order kept
    first = group[0]
    rules = list(dict.fromkeys(s.rule.id for s in group))
    steps = {step for s in group for step in s.rule.steps}
    # Advice: one text per (rule, advice) pair, filled with every subject it applies to.
    advice: dict[tuple[str, Text], list[Hit]] = {}
    for s in group:
        advice.setdefault((s.rule.id, s.remediation), []).append(s.hit)
    by_id = {s.rule.id: s.rule for s in group}
    remediations = [
        fill(text, {**by_id[rid].params, **_merged(hits)}) for (rid, text), hits in advice.items()
    ]
    cause = causes.get(cause_id)
    if cause is not None:
        title = cause.title
    elif len(group) == 1:
        title = fill(first.rule.title, {**first.rule.params, **first.hit.params})
    else:
        hits = [s.hit for s in group if s.rule.id == first.rule.id]
        title = fill(first.rule.summary or first.rule.title, {**first.rule.params, **_merged(hits)})
    details = evidence_lines(group)
    # The most severe rules' advice first; four texts are as much as a reader takes in at once.
    remediation = names.join(list(dict.fromkeys(remediations))[:MAX_ADVICE], " ")
    return Finding(
        id=cause_id,
        rule=first.rule.id,
        severity=first.rule.severity,
        steps=tuple(s for s in STEPS if s in steps),
        title=title,
        evidence=names.join(details, " · "),
        remediation=remediation,
        subjects=tuple(dict.fromkeys(x for s in group for x in s.hit.subjects)),
        questions=tuple(dict.fromkeys(q for s in group for q in s.hit.questions)),
        params=_merged([s.hit for s in group]),
        rules=tuple(rules),
        details=details,
        owners=tuple(dict.fromkeys(o for s in group for o in s.hit.owners)),
        effort=cause.effort if cause is not None else "M",
        action=cause.action if cause is not None else first_clause(remediations[0]),
        cross_step=any(s.rule.cross_step for s in group),
    )


def run_rules(
    rules: tuple[Rule, ...], ctx: Context, causes: dict[str, Cause] | None = None
) -> tuple[tuple[Finding, ...], tuple[RuleError, ...]]:
    """One finding per cause, most severe first (cross-step causes first within a severity,
    then by how many places show it); and the rules that failed."""
    symptoms, errors = symptoms_of(rules, ctx)
    by_cause: dict[str, list[Symptom]] = {}
    for symptom in symptoms:
        by_cause.setdefault(symptom.cause, []).append(symptom)
    found = [finding_of(c, group, causes or {}) for c, group in by_cause.items()]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    found.sort(key=lambda f: (order[f.severity], not f.cross_step, -len(f.details)))
    return tuple(found), tuple(errors)
