"""Per-tool discovery: ask the rules' URLs through the client and collect raw facts."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from omniready.probe import detect, rules
from omniready.probe.budget import PARSE_COST, ParseBudget
from omniready.probe.client import Client, FetchError, Response, Stats
from omniready.probe.inventory import Target
from omniready.probe.spec import BadSpec, SpecFacts, parse_spec

# A description is parsed in a thread above this size: smaller ones parse faster than a hand-off
# (and take too little memory to count against the parse budget).
THREAD_PARSE = 64 * 1024


def base_unusable(status: int | None) -> bool:
    """A status of base_url that says nothing about the vendor's API: a server error (5xx) or
    rate limiting (429). What other URLs answer then is the same refusal, not evidence."""
    return status is None or status >= 500 or status == 429


@dataclass
class ToolFacts:
    """Everything observed about one tool; filled step by step so a deadline keeps the partial."""

    target: Target
    base_status: int | None = None
    base_error: FetchError | None = None
    spec: SpecFacts | None = None
    spec_url: str | None = None
    spec_source: str | None = None
    spec_error: FetchError | None = None
    websub_hub: str | None = None
    handshake: detect.Handshake | None = None
    handshake_error: FetchError | None = None
    www_authenticate: list[str] = field(default_factory=list)
    auth_metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    lifecycle: detect.Lifecycle | None = None
    tls_version: str | None = None
    http_version: str | None = None  # of base_url's answer: HTTP/1.1 or HTTP/2
    cert_not_after: dt.datetime | None = None
    hsts_max_age: int | None = None
    timed_out: bool = False
    token_over_http: bool = False  # a token is configured for a plain http:// base_url
    internal_error: str | None = None
    stats: Stats = field(default_factory=Stats)


class _Probe:
    """One tool's discovery, sharing the run's client."""

    def __init__(
        self,
        client: Client,
        target: Target,
        token: str | None,
        parses: ParseBudget | None = None,
    ) -> None:
        self.client = client
        self.parses = parses or ParseBudget()
        self.facts = ToolFacts(target)
        self.token = token
        self.token_origin = rules.origin(target.base_url)
        self.base_links: list[str] = []

    async def get(self, url: str, **kwargs: Any) -> Response:
        """A request on the tool's behalf: its token goes along only to its own origin."""
        response = await self.client.fetch(
            url, self.facts.stats, token=self.token, token_origin=self.token_origin, **kwargs
        )
        return response

    async def run(self) -> None:
        """All of the tool's discovery steps, concurrently where they do not depend."""
        target = self.facts.target
        # The handshake talks to the client's receiver, not the vendor: start it at once.
        side = [asyncio.ensure_future(self.handshake())] if target.receiver_url else []
        try:
            if target.spec_url:
                await self.base()
                announced: list[str] = []
            else:
                _, announced = await asyncio.gather(self.base(), self.catalog())
            # Auth metadata lives on the same origin: ask only if it answers usefully, and one
            # request at a time beside the spec search, so both reuse the open connections.
            if self.answered():
                side.append(asyncio.ensure_future(self.auth()))
            await self.spec(announced)
            await asyncio.gather(*side)
        finally:
            for task in side:
                task.cancel()  # on a deadline or a bug, leave nothing running

    def answered(self) -> bool:
        """base_url gave a usable answer (not a network failure, 5xx or 429)."""
        return self.facts.base_error is None and not base_unusable(self.facts.base_status)

    async def base(self) -> None:
        """base_url: reachability, Link relations, lifecycle, TLS, HSTS, a 401's schemes."""
        facts, url = self.facts, self.facts.target.base_url
        try:
            response = await self.get(url, read_body=False)
        except FetchError as exc:
            facts.base_error = exc
            return
        facts.base_status = response.status
        facts.http_version = response.http_version
        facts.tls_version = response.tls_version
        facts.cert_not_after = response.cert_not_after
        facts.hsts_max_age = detect.hsts_max_age(response.header("strict-transport-security"))
        links = detect.parse_link_header(response.header_list("link"), response.url)
        self.base_links = detect.links_with_rel(links, "service-desc")
        hubs = detect.links_with_rel(links, "hub")
        facts.websub_hub = hubs[0] if hubs else None
        facts.lifecycle = detect.lifecycle(response.headers, links)
        if response.status == 401:
            facts.www_authenticate = detect.www_authenticate_schemes(
                response.header_list("www-authenticate")
            )

    async def catalog(self) -> list[str]:
        """service-desc links of the origin's RFC 9727 api-catalog, if it has one."""
        url = rules.catalog_url(self.facts.target.base_url)
        try:
            response = await self.get(url, headers={"Accept": "application/linkset+json"})
        except FetchError:
            return []
        if response.status != 200:
            return []
        document = detect.parse_json_object(response.body)
        return detect.catalog_service_descs(document, response.url)

    async def auth(self) -> None:
        """OAuth, OpenID and protected-resource metadata at the origin's well-known URLs."""

        async def one(kind: str, url: str) -> None:
            try:
                response = await self.get(url, headers={"Accept": "application/json"})
            except FetchError:
                return
            document = detect.parse_json_object(response.body) if response.status == 200 else None
            if document is not None:
                self.facts.auth_metadata[kind] = {"url": url, **document}

        for kind, url in rules.auth_metadata_urls(self.facts.target.base_url).items():
            await one(kind, url)

    async def handshake(self) -> None:
        """CloudEvents validation handshake against the client's receiver_url."""
        target = self.facts.target
        assert target.receiver_url is not None
        requester = rules.origin(target.base_url).split("://", 1)[1]
        try:
            # The receiver is the client's own endpoint: never send the vendor's token there.
            response = await self.client.fetch(
                target.receiver_url,
                self.facts.stats,
                method="OPTIONS",
                headers={"WebHook-Request-Origin": requester},
                read_body=False,
            )
        except FetchError as exc:
            self.facts.handshake_error = exc
            return
        self.facts.handshake = detect.handshake_consent(
            response.status, response.headers, requester
        )

    async def spec(self, announced: list[str]) -> None:
        """First readable description wins: spec_url, api-catalog, Link header, well-known."""
        target = self.facts.target
        if target.spec_url:
            await self._try_spec(target.spec_url, "spec_url", strict=True)
            return
        for url in announced:
            if await self._try_spec(url, "api-catalog", strict=True):
                return
        if not self.answered():
            # base_url fails, errs or throttles: guessing paths on it would only repeat that,
            # each guess retried and waited for.
            return
        for url in self.base_links:
            if await self._try_spec(url, "link", strict=True):
                return
        for url in rules.iter_spec_candidates(target.base_url):
            if await self._try_spec(url, "well-known", strict=False):
                return

    async def _try_spec(self, url: str, source: str, *, strict: bool) -> bool:
        """Fetch and parse one candidate; announced ones record their failure, guesses do not."""
        facts = self.facts
        try:
            response = await self.get(url, headers={"Accept": rules.SPEC_ACCEPT})
            if not 200 <= response.status < 300:
                raise FetchError(f"http-{response.status}", f"{url} answered {response.status}")
            found = await self._parse(response.body)
        except FetchError as exc:
            if strict and facts.spec_error is None:
                facts.spec_error = exc.at(url)
            return False
        except BadSpec as exc:
            if strict and facts.spec_error is None:
                facts.spec_error = FetchError("bad-spec", f"{url}: {exc}")
            return False
        # The URL the document was served from, after redirects: where a reader finds it.
        facts.spec, facts.spec_url, facts.spec_source = found, response.url, source
        facts.spec_error = None
        # A description can be deprecated on its own (a v1 spec kept for a while): listen there too.
        links = detect.parse_link_header(response.header_list("link"), response.url)
        facts.lifecycle = detect.merge_lifecycle(
            facts.lifecycle, detect.lifecycle(response.headers, links)
        )
        return True

    async def _parse(self, body: bytes) -> SpecFacts:
        """Parse a description: a large one in a thread, so other tools' requests keep moving,
        once its estimated memory fits the run's parse budget, so memory stays bounded."""
        if len(body) <= THREAD_PARSE:
            return parse_spec(body)
        # The budget is given back by the thread when the parse ends, not when this coroutine
        # does: a deadline cancels the wait, but the thread still holds its memory until done.
        loop, budget, cost = asyncio.get_running_loop(), self.parses, len(body) * PARSE_COST
        # Waiting for other tools' parses is their turn, not this tool's time (as for requests).
        stats = self.facts.stats
        stats.queue_enter(loop.time())
        try:
            await budget.acquire(cost)
        finally:
            stats.queue_leave(loop.time())

        def parse() -> SpecFacts:
            try:
                return parse_spec(body)
            finally:
                with contextlib.suppress(RuntimeError):  # the loop is already gone
                    loop.call_soon_threadsafe(budget.release, cost)

        return await asyncio.to_thread(parse)


async def probe_tool(
    client: Client,
    target: Target,
    token: str | None,
    deadline: float,
    parses: ParseBudget | None = None,
) -> ToolFacts:
    """Probe one tool within `deadline` seconds, not counting time its requests spent waiting
    for a free slot (other tools' turn); on expiry the facts so far are kept.

    `parses` is shared by the run's tools, so that the descriptions they parse at once stay
    within one memory budget."""
    probe = _Probe(client, target, token, parses)
    try:
        if not await _within_budget(probe.run(), deadline, probe.facts.stats):
            probe.facts.timed_out = True
    except Exception as exc:
        # A bug met by one vendor must not sink every other tool's results.
        if client.settings.debug:
            raise
        probe.facts.internal_error = f"{type(exc).__name__}: {exc}"
    return probe.facts


async def _within_budget(work: Coroutine[Any, Any, None], seconds: float, stats: Stats) -> bool:
    """Run `work` until done (True) or until `seconds` of its own time are spent (False, and
    it is cancelled). Time queued behind other tools' requests is added back: with many tools
    on one origin, a FIFO queue would otherwise make them all run out together."""
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(work)
    started = loop.time()
    try:
        while True:
            left = started + seconds + stats.queued(loop.time()) - loop.time()
            if left <= 0:
                break
            await asyncio.wait({task}, timeout=left)
            if task.done():
                task.result()  # a bug in the tool's probe surfaces here
                return True
    finally:
        if not task.done():
            task.cancel()
            # wait(), not `await task`: a cancellation of this coroutine itself must go on up.
            await asyncio.wait({task})
        if not task.cancelled():
            task.exception()  # seen, so asyncio does not report it as never retrieved
    return False
