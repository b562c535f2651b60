"""One probe run: inventory → concurrent discovery → records and verdicts → optional write-back."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from omniready.audit.probe_record import ProbeRecord
from omniready.probe.budget import ParseBudget
from omniready.probe.client import Client, Exchange, Settings
from omniready.probe.discover import ToolFacts, probe_tool
from omniready.probe.inventory import Inventory, Target, load_inventory
from omniready.probe.messages import t
from omniready.probe.proxy import Proxies
from omniready.probe.redact import redact_exchanges, redact_record
from omniready.probe.rules import origin
from omniready.probe.verdict import Condition, Evaluation, build_record, evaluate, tls_threshold


@dataclass(frozen=True)
class ToolResult:
    """One tool's saved record, how --fail-on judged it, and what the wire showed: every
    request made, base_url's status code and the HTTP version that answered it."""

    target: Target
    record: ProbeRecord
    evaluations: tuple[Evaluation, ...] = ()
    requests: tuple[Exchange, ...] = ()
    http_status: int | None = None
    http_version: str | None = None

    @property
    def failed(self) -> bool:
        """A --fail-on condition holds and is not waived: the run exits 1."""
        return any(e.fails for e in self.evaluations)

    @property
    def failure(self) -> str | None:
        """The class of failure (dns, connect, http-429...) when base_url could not be reached,
        whatever --fail-on says."""
        if any(f.condition == "unreachable" for f in self.record.findings):
            return self.record.status or "unreachable"
        return None


@dataclass(frozen=True)
class Report:
    """Everything every output format needs."""

    path: Path
    results: tuple[ToolResult, ...]
    fail_on: tuple[Condition, ...] = ()
    warnings: tuple[str, ...] = ()
    written: bool = False
    lang: str = "en"

    @property
    def failed(self) -> bool:
        return any(r.failed for r in self.results)


# What a token may hold to travel in an Authorization header: visible ASCII, no spaces.
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")


class Progress(Protocol):
    """Told how many tools there are, then each finished tool."""

    def start(self, total: int) -> None: ...

    def done(self, target: Target, record: ProbeRecord) -> None: ...


async def _probe_all(
    targets: tuple[Target, ...],
    settings: Settings,
    proxies: Proxies,
    tokens: Mapping[str, str | None],
    done: Callable[[ToolFacts], None],
) -> list[ToolFacts]:
    parses = ParseBudget()
    tls = any(url.lower().startswith("https:") for t in targets for url in t.urls)
    async with Client(settings, tls=tls, proxies=proxies) as client:

        async def one(target: Target) -> ToolFacts:
            facts = await probe_tool(
                client, target, tokens.get(target.id), settings.deadline, parses
            )
            done(facts)
            return facts

        return list(await asyncio.gather(*(one(t) for t in targets)))


def probe_inventory(
    inventory: Inventory,
    settings: Settings,
    fail_on: list[Condition],
    *,
    today: dt.date | None = None,
    env: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    lang: str = "en",
    warn: Callable[[str], None] | None = None,
) -> Report:
    """Probe every target of an inventory and judge the results (no file is written here).

    Warnings (a token variable not set, a tool skipped) go to `warn` before any request, so a
    person reads them before the results rather than after."""
    env = os.environ if env is None else env
    proxies = Proxies.from_env(env, settings.proxy)  # a bad one is bad input, before any request
    warnings: list[str] = []
    tokens: dict[str, str | None] = {}
    for target in inventory.targets:
        if target.token_env:
            # A newline at the end is how `$(cat token-file)` often arrives: not part of it.
            token = (env.get(target.token_env) or "").strip()
            if not token:
                warnings.append(t(lang, "no-token", tool=target.id, var=target.token_env))
            elif not _HEADER_SAFE.fullmatch(token):
                # It would break the request line or forge headers; never print it.
                warnings.append(t(lang, "bad-token", tool=target.id, var=target.token_env))
                token = ""
            tokens[target.id] = token or None
    # A token for a plain http:// base_url travels readable by anyone on the way: a warning,
    # or, when --fail-on names insecure-token, it is not sent at all.
    refuse = any(c.name == "insecure-token" for c in fail_on)
    plain = {
        target.id
        for target in inventory.targets
        if tokens.get(target.id) and target.base_url.lower().startswith("http:")
    }
    for target in inventory.targets:
        if target.id in plain:
            key = "insecure-token-refused" if refuse else "insecure-token-warn"
            where = origin(target.base_url)
            warnings.append(t(lang, key, tool=target.id, var=target.token_env, origin=where))
    send = {k: v for k, v in tokens.items() if not (refuse and k in plain)}
    warnings += [t(lang, "skipped", tool=tool_id) for tool_id in inventory.skipped]
    if warn is not None:
        for warning in warnings:
            warn(warning)
    tls_days = tls_threshold(fail_on)
    records: dict[str, ProbeRecord] = {}
    wire: dict[str, ToolFacts] = {}

    def done(facts: ToolFacts) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        # A vendor may echo the token back: gone from the record before it is shown or saved.
        token = tokens.get(facts.target.id)
        facts.token_over_http = facts.target.id in plain
        record = redact_record(build_record(facts, now, tls_days, settings.deadline), token)
        records[facts.target.id] = record
        wire[facts.target.id] = facts
        if progress is not None:
            progress.done(facts.target, record)

    if progress is not None:
        progress.start(len(inventory.targets))
    # What exists now (modules, validators, the inventory) outlives the run: kept out of the
    # collector's sweeps, its pauses stay short while answers arrive in batches (~15 ms less
    # collecting per 1,000 requests). Unfrozen after, so nothing escapes collection for good.
    gc.freeze()
    try:
        asyncio.run(_probe_all(inventory.targets, settings, proxies, send, done))
    finally:
        gc.unfreeze()
    day = today or dt.date.today()
    results = tuple(
        ToolResult(
            target,
            records[target.id],
            tuple(
                evaluate(
                    target.id, records[target.id].findings, fail_on, inventory.waivers, day, lang
                )
            ),
            redact_exchanges(wire[target.id].stats.exchanges, tokens.get(target.id)),
            wire[target.id].base_status,
            wire[target.id].http_version,
        )
        for target in inventory.targets
    )
    return Report(inventory.path, results, tuple(fail_on), tuple(warnings), lang=lang)


def saved_block(record: ProbeRecord) -> dict[str, Any]:
    """The record as plain data for the audit file: absent and empty values left out, so the
    block stays short; zeros and false stay, they are evidence."""
    data: dict[str, Any] = _prune(record.model_dump(mode="python", exclude_none=True))
    return data


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ({}, [])}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def probe_file(
    path: str | Path,
    settings: Settings,
    fail_on: list[Condition],
    *,
    write: bool = True,
    only: list[str] | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    env: Mapping[str, str] | None = None,
    lang: str = "en",
    warn: Callable[[str], None] | None = None,
) -> Report:
    """Load, probe, judge and (unless write is False) save each tool's probe block."""
    from dataclasses import replace

    inventory = load_inventory(path, only)
    report = probe_inventory(
        inventory,
        settings,
        fail_on,
        today=today,
        env=env,
        progress=progress,
        lang=lang,
        warn=warn,
    )
    if write and report.results:
        from omniready.probe.writeback import write_probes

        write_probes(
            path, inventory.tools_loc, {r.target.id: saved_block(r.record) for r in report.results}
        )
        report = replace(report, written=True)
    return report
