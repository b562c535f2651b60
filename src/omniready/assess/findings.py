"""Run the finding rules: named Python checks, or data-only comparisons of a few fixed kinds."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from omniready import numbers
from omniready.assess import names
from omniready.assess.checks import CHECKS
from omniready.assess.model import SEVERITIES, Finding, RuleError
from omniready.assess.rules import Context, Hit, Rule, When, fill
from omniready.checklist import Text

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "eq": operator.eq,
    "ne": operator.ne,
}
_ANSWER_EVIDENCE = Text(
    es="Respuesta a {question}: «{answer_es}»{note}",
    en='Answer to {question}: "{answer_en}"{note}',
)
# Channel figures as people name them in evidence texts; an unknown field shows as it is.
FIELD_NAMES: dict[str, Text] = {
    "abandonment_rate": Text(es="abandono", en="abandonment"),
    "no_show_rate": Text(es="inasistencia", en="no-shows"),
    "sla_target_s": Text(es="objetivo de servicio", en="service-level target"),
    "sla_attainment": Text(es="cumplimiento del servicio", en="service-level attainment"),
    "wait_p90_s": Text(es="espera p90", en="p90 wait"),
    "wait_avg_s": Text(es="espera promedio", en="average wait"),
    "self_service_rate": Text(es="autoservicio", en="self-service"),
    "incident_rate": Text(es="contactos con incidente", en="contacts with an incident"),
    "monthly_contacts": Text(es="contactos al mes", en="monthly contacts"),
    "unique_users": Text(es="usuarios únicos", en="unique users"),
}
_METRIC_EVIDENCE = Text(
    es="{channel}: {field_es} = {value} (umbral {threshold})",
    en="{channel}: {field_en} = {value} (threshold {threshold})",
)
_MISSING_EVIDENCE = Text(es="{channel}: sin {field_es}", en="{channel}: no {field_en}")


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
    question = ctx.questions.get(when.question or "")
    if question is None:
        return []
    actual: Any = question.score if isinstance(when.value, int | float) else question.answer
    if question.status != "scored" and when.op not in {"missing", "present"}:
        return []  # unanswered, n/a or unknown: nothing to judge
    if not compare(when.op, actual, when.value):
        return []
    note = f" ({question.note})" if question.note else ""
    raw = question.answer or "-"
    label = question.answer_label or Text(es=raw, en=raw)
    return [
        Hit(
            "",
            {
                "question": question.id,
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


def metric_hits(ctx: Context, when: When) -> list[Hit]:
    """Data kind `channel-metric`: one figure of every measured channel compared."""
    hits = []
    field = when.field or ""
    name = FIELD_NAMES.get(field, Text(es=field, en=field))
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
        return _ANSWER_EVIDENCE
    return _MISSING_EVIDENCE if when.op == "missing" else _METRIC_EVIDENCE


def hits_of(rule: Rule, ctx: Context) -> list[Hit]:
    """Where one rule fires."""
    if rule.when is not None:
        return KINDS[rule.when.kind](ctx, rule.when)
    if rule.check is None or rule.check not in CHECKS:
        raise ValueError(f"rule {rule.id}: unknown check {rule.check!r}")
    return CHECKS[rule.check](ctx, rule.params)


def run_rules(
    rules: tuple[Rule, ...], ctx: Context
) -> tuple[tuple[Finding, ...], tuple[RuleError, ...]]:
    """Every finding of every rule, most severe first, then by rule order; and failed rules.

    A rule that raises is reported as an error for that rule alone (as Lighthouse does for one
    audit): the other rules and the scores still stand.
    """
    found: list[Finding] = []
    errors: list[RuleError] = []
    for rule in rules:
        evidence = rule.evidence or _default_evidence(rule)
        try:
            hits = hits_of(rule, ctx)
        except Exception as exc:  # noqa: BLE001 - one failed rule must not sink the report
            errors.append(RuleError(rule.id, f"{type(exc).__name__}: {exc}"))
            continue
        for hit in hits:
            params = {**rule.params, **hit.params}
            found.append(
                Finding(
                    id=f"{rule.id}:{hit.subject}" if hit.subject else rule.id,
                    rule=rule.id,
                    severity=rule.severity,
                    steps=tuple(rule.steps),
                    title=fill(rule.title, params),
                    evidence=fill(evidence, params),
                    remediation=fill(rule.remediation, params),
                    subjects=hit.subjects,
                    questions=hit.questions,
                    params={
                        k: v if isinstance(v, Text) else names.same(str(v))
                        for k, v in hit.params.items()
                    },
                )
            )
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(sorted(found, key=lambda f: order[f.severity])), tuple(errors)
