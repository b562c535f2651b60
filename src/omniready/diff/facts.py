"""Records as flat facts (dotted field → scalar), without noise; shared by compare and show."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from omniready.audit.model import Answer, BrandItem, Journey, Segment, Tool, Waiver
from omniready.diff.model import Scalar

Facts = dict[str, Scalar]

# Facts that change on every run without the audit saying anything new: when a probe ran, how
# fast the vendor answered and how many requests it took, counters that tick (rate-limit budget,
# days to certificate expiry) and the expiry date itself, which moves at every renewal.
_NOISE = re.compile(
    r"(^|[-_.])(probed_at|checked_at|latency|latency_ms|elapsed|elapsed_ms|duration|duration_ms|"
    r"requests|remaining|reset|retry-after|retry_after|days_left|expires|expires_in_days)$"
)
# Keys that name an entry of a list of mappings, so entries are matched by identity, not position.
_IDENTITY_KEYS = ("id", "name", "condition", "rule", "type", "url")
# Probe verdicts that prove a capability (issue 4): an API description found, webhooks declared
# in it or confirmed by a handshake. "claimed-only" and "reachable" prove less.
_API_PROOF = {"spec"}
_WEBHOOK_PROOF = {"declared", "handshake"}


def is_noise(key: str) -> bool:
    """Whether a key carries only run-to-run noise (timestamps, latency, ticking counters)."""
    return bool(_NOISE.search(key.lower()))


def flatten(value: Any, prefix: str = "", *, skip_noise: bool = False) -> Facts:
    """Nested plain data → {dotted.path: scalar}; lists of mappings are keyed by their identity."""
    out: Facts = {}
    _flatten(value, prefix, out, skip_noise)
    return out


def _flatten(value: Any, prefix: str, out: Facts, skip_noise: bool) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if skip_noise and is_noise(str(key)):
                continue
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out, skip_noise)
    elif isinstance(value, list | tuple):
        if all(not isinstance(v, Mapping | list | tuple) for v in value):
            if value:
                out[prefix] = ", ".join(_text(v) for v in value)
            return
        for index, item in enumerate(value):
            _flatten(item, f"{prefix}[{_identity(item, index)}]", out, skip_noise)
    elif value is not None:
        out[prefix] = value if isinstance(value, str | int | float | bool) else str(value)


def _identity(item: Any, index: int) -> str:
    if isinstance(item, Mapping):
        for key in _IDENTITY_KEYS:
            if isinstance(item.get(key), str | int):
                return str(item[key])
    return str(index)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def tool_facts(tool: Tool) -> Facts:
    """The facts of one tool, with derived capability flags read from its probe evidence."""
    data = tool.model_dump(mode="json", exclude_none=True, exclude={"id", "probe"})
    facts = flatten(data)
    if tool.probe is not None:
        probe = tool.probe.model_dump(mode="json", exclude_none=True)
        operations = _mapping(probe.get("api")).get("operations")
        findings = probe.pop("findings", None)
        # Noise is only filtered here: elsewhere a key named like a counter is the user's data.
        facts.update(flatten(probe, "probe", skip_noise=True))
        if isinstance(operations, list):  # a richer probe may list them; the count is the fact
            facts["probe.api.operations"] = len(operations)
        facts.update(_capabilities(probe))
        # A probe finding is a condition that holds; its message may quote a count of days.
        for finding in findings if isinstance(findings, list) else []:
            condition = finding.get("condition") if isinstance(finding, Mapping) else None
            if condition:
                facts[f"probe.finding.{condition}"] = True
    return facts


def _capabilities(probe: Mapping[str, Any]) -> Facts:
    # Read defensively: the probe block is open and written by a newer or older probe.
    api, hooks = _mapping(probe.get("api")), _mapping(probe.get("webhooks"))
    facts: Facts = {}
    if api:
        facts["capability.api_description"] = api.get("evidence") in _API_PROOF or bool(
            api.get("spec_url")
        )
    if hooks:
        facts["capability.webhooks"] = hooks.get("evidence") in _WEBHOOK_PROOF or bool(
            hooks.get("declared")
        )
    return facts


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _step_key(phase: str, channel: str) -> str:
    return f"{channel}@{phase}"


def journey_facts(journey: Journey) -> Facts:
    """A journey's facts: its path, each step's details and whether context crosses each handoff.

    Steps have no id, so a step is named channel@phase (with #2, #3 when it repeats) and a handoff
    by the two steps it joins (`a > b`); reordering steps therefore reads as a changed path.
    """
    facts: Facts = {}
    if journey.name:
        facts["name"] = journey.name
    if journey.segment:
        facts["segment"] = journey.segment
    names: list[str] = []
    seen: dict[str, int] = {}
    for step in journey.steps:
        base = _step_key(step.phase, step.channel)
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    if names:
        facts["path"] = " > ".join(names)  # not an arrow: the diff's old → new uses that
    for index, (name, step) in enumerate(zip(names, journey.steps, strict=True)):
        for key in ("activity", "owner", "system"):
            value = getattr(step, key)
            if value is not None:
                facts[f"step {name}.{key}"] = value
        if index > 0:
            carried = step.context_carried
            facts[f"handoff {names[index - 1]} > {name}"] = (
                "context unknown"
                if carried is None
                else "context carried"
                if carried
                else "context lost"
            )
    return facts


def segment_facts(segment: Segment) -> Facts:
    """A segment's facts."""
    return flatten(segment.model_dump(mode="json", exclude_none=True, exclude={"id"}))


def brand_facts(item: BrandItem) -> Facts:
    """A brand item's facts: its aspect and how it shows in each channel."""
    return flatten(item.model_dump(mode="json", exclude_none=True, exclude={"id"}))


def answer_value(answer: Answer) -> str | None:
    """An answer as people read it: the value, "n/a", "skipped", or None when absent."""
    if answer.na:
        return "n/a"
    if answer.skipped:
        return "skipped"
    if answer.answer is None:
        return None
    if isinstance(answer.answer, list):
        return ", ".join(answer.answer)
    return _text(answer.answer)


def answer_facts(answer: Answer, include_notes: bool = True) -> Facts:
    """The side facts of an answer (evidence, respondent, note); the value itself is apart."""
    facts: Facts = {}
    if answer.evidence:
        facts["evidence"] = ", ".join(answer.evidence)
    if answer.respondent:
        facts["respondent"] = answer.respondent
    if include_notes and answer.note:
        facts["note"] = answer.note
    return facts


def waiver_facts(waiver: Waiver) -> Facts:
    """A waiver's facts: why the condition is accepted and until when."""
    return {"reason": waiver.reason, "expires": waiver.expires.isoformat()}


def record_id(item: Any) -> str:
    """A record's identity: its `id`; a waiver, which has none, is `tool/condition`."""
    if isinstance(item, Waiver):
        return f"{item.tool}/{item.condition}"
    return str(item.id)


def by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Records keyed by their identity; a duplicate keeps the first, as validate reports it."""
    out: dict[str, Any] = {}
    for item in items:
        out.setdefault(record_id(item), item)
    return out
