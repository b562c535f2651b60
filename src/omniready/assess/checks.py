"""Rules that need code: each answers one yes/no question about the audit and returns hits.

A check is registered by name; rules.yaml names it and holds its texts, severity and thresholds.
"""

from __future__ import annotations

from typing import Any

from omniready import numbers
from omniready.assess import names, wording
from omniready.assess.matrix import API_CONFIRMED, WEBHOOKS_CONFIRMED, probe_evidence
from omniready.assess.rules import Check, Context, Hit
from omniready.checklist import Text

CHECKS: dict[str, Check] = {}


def check(fn: Check) -> Check:
    """Register a check under its function name."""
    CHECKS[fn.__name__] = fn
    return fn


def _join(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(items)


def step_path(journey_id: str, index: int) -> str:
    """The record path of a journey step, numbered from 1 as the swimlanes number it."""
    return f"journeys.{journey_id}.steps.{index + 1}"


def pct(value: float | None) -> Text:
    """A share as a percentage in both languages."""
    return Text.model_construct(es=numbers.percent(value, "es"), en=numbers.percent(value, "en"))


def count(value: float | None) -> Text:
    """A count with each language's thousands separator."""
    return Text.model_construct(
        es=numbers.number(value, "es", 0), en=numbers.number(value, "en", 0)
    )


def dur(seconds: float) -> Text:
    """A duration as people read it (s, min, h) in both languages."""
    return Text.model_construct(
        es=numbers.duration(seconds, "es"), en=numbers.duration(seconds, "en")
    )


def owners_of(items: list[str | None]) -> tuple[str, ...]:
    """Distinct non-empty owners, in first-seen order."""
    return tuple(dict.fromkeys(o.strip() for o in items if o and o.strip()))


def abandonment_limit(ctx: Context, channel: str, params: dict[str, Any]) -> float | None:
    """The abandonment alarm for a channel by its kind (params `abandonment`: virtual, physical)."""
    limits = params.get("abandonment", {"virtual": 0.10, "physical": 0.05})
    kind = "physical" if ctx.mode(channel) == "physical" else "virtual"
    value = limits.get(kind)
    return float(value) if value is not None else None


@check
def preferred_channel_unserved(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A channel some segment prefers that no inventoried tool serves (with no inventory at
    all, there is nothing to compare with)."""
    if not ctx.audit.steps.tools.inventory:
        return []
    wanted: dict[str, list[str]] = {}
    segment_names = {}
    for segment in ctx.audit.steps.segments.segments:
        segment_names[segment.id] = segment.name or segment.id
        for channel in segment.preferred_channels:
            wanted.setdefault(channel, []).append(segment.id)
    return [
        Hit(
            channel,
            {
                "channel": names.channel(channel),
                "segments": _join([segment_names[s] for s in segs]),
            },
            tuple(f"segments.{s}" for s in segs),
        )
        for channel, segs in sorted(wanted.items())
        if channel not in ctx.tool_channels
    ]


@check
def channel_silo(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A channel whose tools can neither send nor take in events (no webhooks, no API)."""
    by_id = {t.id: t for t in ctx.matrix.tools}
    hits = []
    for channel, tool_ids in sorted(ctx.tool_channels.items()):
        if all(by_id[t].emits == "none" and by_id[t].receives == "none" for t in tool_ids):
            hits.append(
                Hit(
                    channel,
                    {"channel": names.channel(channel), "tools": _join(tool_ids)},
                    tuple(f"tools.{t}" for t in tool_ids),
                    owners=owners_of([ctx.tool(t).owner for t in tool_ids]),
                )
            )
    return hits


@check
def context_lost_on_handoff(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A journey step the customer reaches without their context (context_carried: false)."""
    hits = []
    for journey in ctx.audit.steps.processes.journeys:
        lost = [i for i, s in enumerate(journey.steps) if s.context_carried is False]
        if lost:
            where = [
                names.join(
                    [
                        names.channel(journey.steps[i - 1].channel) if i else names.same("?"),
                        names.channel(journey.steps[i].channel),
                    ],
                    " → ",
                )
                for i in lost
            ]
            hits.append(
                Hit(
                    journey.id,
                    {"journey": journey.name or journey.id, "handoffs": names.join(where)},
                    tuple(step_path(journey.id, i) for i in lost),
                    owners=owners_of([journey.steps[i].owner for i in lost]),
                )
            )
    return hits


@check
def journey_step_without_owner(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """Journey steps with no owner department: nobody answers for that moment."""
    hits = []
    for journey in ctx.audit.steps.processes.journeys:
        orphan = [i for i, s in enumerate(journey.steps) if not (s.owner or "").strip()]
        if orphan:
            labels = [
                names.join(
                    [
                        names.same(f"{i + 1}."),
                        names.phase(journey.steps[i].phase),
                        names.channel(journey.steps[i].channel),
                    ],
                    " ",
                )
                for i in orphan
            ]
            hits.append(
                Hit(
                    journey.id,
                    {
                        "journey": journey.name or journey.id,
                        "steps": names.join(labels),
                        "count": len(orphan),
                    },
                    tuple(step_path(journey.id, i) for i in orphan),
                )
            )
    return hits


@check
def rule_missing_in_channel(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A promotion or business rule (brand item) absent from some channel customers use."""
    aspects = set(params.get("aspects", ["promotions", "rules"]))
    causes: dict[str, str] = params.get("cause_by_aspect", {})
    channels = ctx.customer_channels
    hits = []
    for item in ctx.audit.steps.brand.items:
        if item.aspect not in aspects:
            continue
        # "No aplica en tienda" is an absence, not a wording.
        missing = [c for c in channels if wording.is_absent(item.channels.get(c))]
        if missing and item.channels:
            hits.append(
                Hit(
                    item.id,
                    {
                        "item": names.item(item.id),
                        "aspect": names.aspect(item.aspect),
                        "missing": names.channels(missing),
                    },
                    (f"brand.{item.id}",),
                    cause=causes.get(item.aspect),
                )
            )
    return hits


@check
def brand_inconsistent(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A brand item worded differently between channels, tolerantly (see wording.py): case,
    accents and added words do not count; different figures or words do; absences are left out."""
    causes: dict[str, str] = params.get("cause_by_aspect", {})
    hits = []
    for item in ctx.audit.steps.brand.items:
        groups = wording.variants(item.channels)
        if len(groups) > 1:
            hits.append(
                Hit(
                    item.id,
                    {
                        "item": names.item(item.id),
                        "aspect": names.aspect(item.aspect),
                        "variants": len(groups),
                        "groups": names.join([names.channels(g) for g in groups], " | "),
                    },
                    (f"brand.{item.id}",),
                    cause=causes.get(item.aspect),
                )
            )
    return hits


@check
def claim_not_confirmed(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A claimed API or webhooks that a completed probe found no evidence of."""
    hits = []
    for tool in ctx.audit.steps.tools.inventory:
        doubts = []
        api = probe_evidence(tool, "api")
        if tool.claims.api and api is not None and api not in API_CONFIRMED:
            doubts.append(f"api ({api})")
        hooks = probe_evidence(tool, "webhooks")
        if tool.claims.webhooks and hooks is not None and hooks not in WEBHOOKS_CONFIRMED:
            doubts.append(f"webhooks ({hooks})")
        if doubts:
            hits.append(
                Hit(
                    tool.id,
                    {"tool": tool.name, "claims": _join(doubts)},
                    (f"tools.{tool.id}",),
                    owners=owners_of([tool.owner]),
                )
            )
    return hits


@check
def channel_metrics_missing(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A channel that serves customers (a tool or a journey uses it) with no figures at all."""
    measured = ctx.audit.steps.metrics.channels
    return [
        Hit(channel, {"channel": names.channel(channel)}, (f"metrics.channels.{channel}",))
        for channel in ctx.customer_channels
        if channel not in measured
    ]


@check
def journey_system_unknown(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A journey step run on a system that is not in the tool inventory (an unlisted silo)."""
    if not ctx.audit.steps.tools.inventory:
        return []  # no inventory yet: every system would be "unknown"
    known = {t.id for t in ctx.audit.steps.tools.inventory}
    known |= {t.name.casefold() for t in ctx.audit.steps.tools.inventory}
    hits = []
    for journey in ctx.audit.steps.processes.journeys:
        unknown = sorted(
            {
                s.system
                for s in journey.steps
                if s.system and s.system not in known and s.system.casefold() not in known
            }
        )
        if unknown:
            hits.append(
                Hit(
                    journey.id,
                    {"journey": journey.name or journey.id, "systems": _join(unknown)},
                    (f"journeys.{journey.id}",),
                )
            )
    return hits


# Cross-step checks: each combines facts of two or more steps into something no single answer says.


@check
def handoff_without_integration(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A handoff that loses context between two inventoried tools with no event flow between them
    (processes × tools): the context cannot travel until the tools are connected."""
    hits = []
    for journey in ctx.audit.steps.processes.journeys:
        where, lost, owners = [], [], []
        for i, step in enumerate(journey.steps):
            if i == 0 or step.context_carried is not False:
                continue
            before = journey.steps[i - 1].system
            after = step.system
            if before not in ctx.tools or after not in ctx.tools or before == after:
                continue
            if ctx.matrix.flow(before, after) != "none":
                continue
            where.append(
                Text(
                    es=f"{ctx.tool(before).name} → {ctx.tool(after).name}",
                    en=f"{ctx.tool(before).name} → {ctx.tool(after).name}",
                )
            )
            lost.append(step_path(journey.id, i))
            owners.append(step.owner)
        if where:
            hits.append(
                Hit(
                    journey.id,
                    {"journey": journey.name or journey.id, "pairs": names.join(where)},
                    tuple(lost),
                    owners=owners_of(owners),
                )
            )
    return hits


def _strain(ctx: Context, channel: str, params: dict[str, Any]) -> list[Text]:
    """Why a channel is strained: abandonment above its kind's alarm, service level missed."""
    metrics = ctx.audit.steps.metrics.channels.get(channel)
    if metrics is None:
        return []
    why = []
    limit = abandonment_limit(ctx, channel, params)
    if (
        metrics.abandonment_rate is not None
        and limit is not None
        and metrics.abandonment_rate > limit
    ):
        rate = pct(metrics.abandonment_rate)
        why.append(names.both("assess.checks.abandonment", rate=rate))
    sla_min = float(params.get("sla_attainment", 0.8))
    if metrics.sla_attainment is not None and metrics.sla_attainment < sla_min:
        met = pct(metrics.sla_attainment)
        why.append(names.both("assess.checks.service-met", rate=met))
    return why


@check
def segment_channel_strained(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A segment's preferred channel loses customers or misses its service level (segments ×
    metrics): the customers who chose that channel are the ones left waiting."""
    hits = []
    for segment in ctx.audit.steps.segments.segments:
        strained = []
        for channel in segment.preferred_channels:
            why = _strain(ctx, channel, params)
            if why:
                strained.append(names.join([names.channel(channel), names.join(why)], " ("))
                strained[-1] = names.join([strained[-1], names.same(")")], "")
        if strained:
            share = pct(segment.share) if segment.share is not None else names.same("?")
            hits.append(
                Hit(
                    segment.id,
                    {
                        "segment": segment.name or segment.id,
                        "share": share,
                        "channels": names.join(strained, "; "),
                    },
                    (f"segments.{segment.id}",),
                )
            )
    return hits


@check
def capacity_on_journey(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A channel that abandons above its alarm while its p90 wait exceeds the target, and that
    journeys walk through (metrics × processes): capacity, not a process, loses those customers."""
    hits = []
    for channel, metrics in sorted(ctx.audit.steps.metrics.channels.items()):
        limit = abandonment_limit(ctx, channel, params)
        rate, wait, target = metrics.abandonment_rate, metrics.wait_p90_s, metrics.sla_target_s
        if rate is None or limit is None or rate <= limit:
            continue
        if wait is None or target is None or wait <= target:
            continue
        walked = ctx.journey_steps.get(channel, [])
        if not walked:
            continue
        journeys = list(dict.fromkeys(j.name or j.id for j, _, _ in walked))
        hits.append(
            Hit(
                channel,
                {
                    "channel": names.channel(channel),
                    "rate": pct(rate),
                    "wait": dur(wait),
                    "target": dur(target),
                    "journeys": _join(journeys),
                },
                (f"metrics.channels.{channel}",),
                owners=owners_of([s.owner for _, _, s in walked]),
                mode=ctx.mode(channel),
            )
        )
    return hits


@check
def automation_before_procedures(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """Bots or self-service running while procedures are not mapped (brand/metrics × processes):
    automating an unwritten procedure fixes each agent's habits in code."""
    procedures = ctx.score(params.get("procedures", "processes.procedures-mapped"))
    if procedures is None or procedures >= float(params.get("mapped", 1.0)):
        return []
    automated: list[Text] = []
    bot = ctx.question(params.get("bot", "brand.bot-persona"))
    if bot is not None and bot.answer and bot.answer not in set(params.get("no_bot", ["no-bots"])):
        label = bot.answer_label or names.same(bot.answer)
        automated.append(names.both("assess.checks.bots", label=label))
    for channel, metrics in sorted(ctx.audit.steps.metrics.channels.items()):
        if metrics.self_service_rate:
            share = pct(metrics.self_service_rate)
            automated.append(
                names.both(
                    "assess.checks.self-service-on", channel=names.channel(channel), share=share
                )
            )
    if not automated:
        return []
    mapped = ctx.question(params.get("procedures", "processes.procedures-mapped"))
    if mapped is None:
        return []
    label = mapped.answer_label or names.same(mapped.answer or "")
    note = f": {mapped.note}" if mapped.note else ""
    return [
        Hit(
            "",
            {
                "automated": names.join(automated),
                "mapped": names.both("assess.checks.answer-quoted", label=label, note=note),
            },
            (f"answers.{mapped.id}",),
            (mapped.id,),
        )
    ]


@check
def incidents_without_owner(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A channel where many contacts open an incident, while back-office roles are not fully
    mapped or no journey step on it has an owner (metrics × processes): who closes them?"""
    if not ctx.audit.steps.processes.journeys:
        return []  # no journeys: nothing says who serves the channel
    minimum = float(params.get("incident_rate", 0.15))
    roles = ctx.score(params.get("roles", "processes.backoffice-roles-mapped"))
    hits = []
    for channel, metrics in sorted(
        ctx.audit.steps.metrics.channels.items(), key=lambda kv: -(kv[1].incident_rate or 0)
    ):
        rate = metrics.incident_rate
        if rate is None or rate < minimum:
            continue
        owners = owners_of([s.owner for _, _, s in ctx.journey_steps.get(channel, [])])
        if owners and (roles is None or roles >= 1):
            continue
        who = (
            names.both("assess.checks.handled-by", owners=", ".join(owners))
            if owners
            else names.both("assess.checks.no-owner")
        )
        hits.append(
            Hit(
                channel,
                {"channel": names.channel(channel), "rate": pct(rate), "who": who},
                (f"metrics.channels.{channel}.incident_rate",),
                owners=owners,
            )
        )
    return hits


@check
def self_service_recurring(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """Little self-service and recurring requests handled by hand, on channels whose tools have
    an API to automate them (metrics × tools)."""
    low = float(params.get("below", 0.5))
    scores = [ctx.score(q) for q in params.get("questions", [])]
    if not scores or any(s is None or s >= low for s in scores):
        return []
    by_id = {t.id: t for t in ctx.matrix.tools}
    candidates = []
    for channel, metrics in ctx.audit.steps.metrics.channels.items():
        if ctx.mode(channel) in {"physical", "voice"} or not metrics.monthly_contacts:
            continue
        tools = [t for t in ctx.tool_channels.get(channel, []) if by_id[t].receives != "none"]
        if tools:
            candidates.append((metrics.monthly_contacts, channel, metrics, tools))
    if not candidates:
        return []
    lines = []
    for contacts, channel, metrics, tools in sorted(candidates, key=lambda c: (-c[0], c[1]))[:3]:
        volume = count(contacts)
        share = pct(metrics.self_service_rate or 0)
        tool_names = ", ".join(ctx.tool(t).name for t in tools)
        lines.append(
            names.both(
                "assess.checks.channel-volume",
                channel=names.channel(channel),
                volume=volume,
                share=share,
                tools=tool_names,
            )
        )
    return [
        Hit(
            "",
            {"channels": names.join(lines, "; ")},
            tuple(f"answers.{q}" for q in params.get("questions", [])),
            tuple(params.get("questions", [])),
        )
    ]


@check
def promotion_missing_for_segment(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A promotion absent from a channel some segment prefers (brand × segments): the segment
    that buys there never sees it."""
    hits = []
    for item in ctx.audit.steps.brand.items:
        if item.aspect != "promotions" or not item.channels:
            continue
        missed = []
        for channel, segments in ctx.preferred_by.items():
            if wording.is_absent(item.channels.get(channel)):
                who = names.join(
                    names.both("assess.checks.with-share", name=s.name or s.id, share=pct(s.share))
                    if s.share is not None
                    else names.same(s.name or s.id)
                    for s in segments
                )
                missed.append(
                    names.both(
                        "assess.checks.preferred-by",
                        channel=names.channel(channel),
                        segments=who,
                    )
                )
        if missed:
            hits.append(
                Hit(
                    item.id,
                    {"item": names.item(item.id), "missed": names.join(missed, "; ")},
                    (f"brand.{item.id}",),
                )
            )
    return hits


@check
def rule_differs_on_journey(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A business rule worded differently in a channel that a journey walks (brand × processes):
    the customer meets both versions on the same journey."""
    hits = []
    for item in ctx.audit.steps.brand.items:
        if item.aspect != "rules":
            continue
        groups = wording.variants(item.channels)
        if len(groups) < 2:
            continue
        main = max(groups, key=len)
        odd = [c for g in groups if g is not main for c in g if c in ctx.journey_steps]
        if not odd:
            continue
        journeys = list(
            dict.fromkeys(j.name or j.id for c in odd for j, _, _ in ctx.journey_steps[c])
        )
        first, usual = item.channels[main[0]], names.channel(main[0])
        lines = [
            names.both(
                "assess.checks.says",
                channel=names.channel(c),
                wording=item.channels[c],
                usual=usual,
                first=first,
            )
            for c in odd
        ]
        hits.append(
            Hit(
                item.id,
                {
                    "item": names.item(item.id),
                    "lines": names.join(lines, "; "),
                    "journeys": _join(journeys),
                },
                (f"brand.{item.id}",),
                owners=owners_of([s.owner for c in odd for _, _, s in ctx.journey_steps[c]]),
            )
        )
    return hits


@check
def unique_users_before_segments(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """Segments sized without unique users (metrics × segments): a customer who uses three
    channels counts three times, so shares and preferences lean toward busy channels."""
    question = params.get("question", "metrics.unique-users")
    score = ctx.score(question)
    segments = ctx.audit.steps.segments.segments
    if score is None or score >= 1 or not segments:
        return []
    per_channel = sum(m.unique_users or 0 for m in ctx.audit.steps.metrics.channels.values())
    total = names.same("?") if not per_channel else count(per_channel)
    return [
        Hit(
            "",
            {"segments": len(segments), "total": total},
            (f"answers.{question}",),
            (question,),
        )
    ]


@check
def crm_misses_preferred_channels(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """Channels segments prefer whose tools send nothing to the customer record, while the
    central record is incomplete (tools × segments): those customers stay unknown."""
    question = params.get("question", "tools.central-customer-record")
    score = ctx.score(question)
    categories = set(params.get("categories", ["crm", "cdp"]))
    records = [t.id for t in ctx.audit.steps.tools.inventory if t.category in categories]
    if score is None or score >= 1 or not records:
        return []
    lines, subjects = [], []
    for channel, segments in ctx.preferred_by.items():
        tools = ctx.tool_channels.get(channel, [])
        if not tools:
            continue  # a channel with no tool is preferred-channel-unserved's case
        if any(t in records or ctx.matrix.flow(t, r) != "none" for t in tools for r in records):
            continue
        who = ", ".join(s.name or s.id for s in segments)
        ch = names.channel(channel)
        lines.append(Text(es=f"{ch.es} ({who})", en=f"{ch.en} ({who})"))
        subjects += [f"tools.{t}" for t in tools]
    if not lines:
        return []
    record = ", ".join(ctx.tool(r).name for r in records)
    return [
        Hit(
            "",
            {"channels": names.join(lines, "; "), "record": record},
            tuple(dict.fromkeys(subjects)),
            (question,),
        )
    ]


@check
def claim_contradicted_on_journey(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A tool whose claimed API or webhooks a finished probe did not find, used by journeys
    (tools × processes): the handoffs that rely on it rest on a claim the evidence denies."""
    hits = []
    used: dict[str, list[str]] = {}
    for journey in ctx.audit.steps.processes.journeys:
        for step in journey.steps:
            if step.system:
                used.setdefault(step.system, [])
                if (journey.name or journey.id) not in used[step.system]:
                    used[step.system].append(journey.name or journey.id)
    for tool in ctx.audit.steps.tools.inventory:
        if tool.id not in used:
            continue
        doubts = []
        api = probe_evidence(tool, "api")
        if tool.claims.api and api is not None and api not in API_CONFIRMED:
            doubts.append("API")
        hooks = probe_evidence(tool, "webhooks")
        if tool.claims.webhooks and hooks is not None and hooks not in WEBHOOKS_CONFIRMED:
            doubts.append("webhooks")
        if doubts:
            when = (
                tool.probe.probed_at.date().isoformat()
                if tool.probe and tool.probe.probed_at
                else "?"
            )
            hits.append(
                Hit(
                    tool.id,
                    {
                        "tool": tool.name,
                        "claims": " + ".join(doubts),
                        "date": when,
                        "journeys": _join(used[tool.id]),
                    },
                    (f"tools.{tool.id}",),
                    owners=owners_of([tool.owner]),
                )
            )
    return hits


@check
def answer_contradicted_by_data(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """An answer that the measured exports contradict (metrics × data): service-level targets
    answered as set in every channel, while channels measured by `omniready metrics` with
    answered or abandoned contacts have none."""
    question = params.get("question", "metrics.sla-defined")
    measured = ctx.audit.steps.metrics.measured
    score = ctx.score(question)
    if measured is None or score is None or score < params.get("min_score", 1.0):
        return []
    missing = sorted(
        channel
        for channel, scope in measured.channels.items()
        if "abandonment_rate" in scope.values
        and scope.absent.get("service_level") == "no-sla-target"
    )
    if not missing:
        return []
    return [
        Hit(
            "",
            {"channels": names.channels(missing), "count": len(missing)},
            (f"answers.{question}", *(f"metrics.channels.{c}" for c in missing)),
            (question,),
        )
    ]
