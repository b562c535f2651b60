"""Rules that need code: each answers one yes/no question about the audit and returns hits.

A check is registered by name; rules.yaml names it and holds its texts, severity and thresholds.
"""

from __future__ import annotations

from typing import Any

from omniready.assess import names
from omniready.assess.matrix import API_CONFIRMED, WEBHOOKS_CONFIRMED, probe_evidence
from omniready.assess.rules import Check, Context, Hit

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


@check
def preferred_channel_unserved(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A channel some segment prefers that no inventoried tool serves."""
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
    channels = ctx.customer_channels
    hits = []
    for item in ctx.audit.steps.brand.items:
        if item.aspect not in aspects:
            continue
        missing = [c for c in channels if not (item.channels.get(c) or "").strip()]
        if missing and item.channels:
            hits.append(
                Hit(
                    item.id,
                    {
                        "item": item.id,
                        "aspect": names.aspect(item.aspect),
                        "missing": names.channels(missing),
                    },
                    (f"brand.{item.id}",),
                )
            )
    return hits


@check
def brand_inconsistent(ctx: Context, params: dict[str, Any]) -> list[Hit]:
    """A brand item shown differently between channels (ignoring case and spacing)."""
    hits = []
    for item in ctx.audit.steps.brand.items:
        variants: dict[str, list[str]] = {}
        for channel, value in item.channels.items():
            key = " ".join(value.split()).casefold()
            if key:
                variants.setdefault(key, []).append(channel)
        if len(variants) > 1:
            groups = [names.channels(chs) for chs in variants.values()]
            hits.append(
                Hit(
                    item.id,
                    {
                        "item": item.id,
                        "aspect": names.aspect(item.aspect),
                        "variants": len(variants),
                        "groups": names.join(groups, " | "),
                    },
                    (f"brand.{item.id}",),
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
                Hit(tool.id, {"tool": tool.name, "claims": _join(doubts)}, (f"tools.{tool.id}",))
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
