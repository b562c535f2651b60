"""The probe's HTTP policy: bounded, polite, credential-safe fetching; failures are classified.

The wire (HTTP/1.1 framing, keep-alive, TLS) is http1.py's; redirects, credentials, caps,
decompression, retries and failure classes are decided here."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import socket
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from omniready import __version__
from omniready.errors import OmnireadyError
from omniready.probe.detect import http_date, rate_limit_headers
from omniready.probe.http1 import Answer, BadHost, Headers, Pool, ProtocolError
from omniready.probe.rules import origin, url_problem

USER_AGENT = f"omniready/{__version__}"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Settings:
    """Limits of one probe run; every one is a command-line option."""

    concurrency: int = 32
    per_host: int = 4
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 60.0  # per tool, all requests included
    max_body: int = 25_000_000  # 25MB, as --max-body reads it (MB = 10^6 bytes)
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a 429 or 503
    retry_after_cap: float = 5.0
    ca_file: str | None = None
    debug: bool = False  # let a bug's traceback through instead of an `error` result


class FetchError(Exception):
    """A request that produced no usable response, with its class (dns, tls, timeout...)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message

    def at(self, url: str) -> FetchError:
        """The same failure, its message saying which URL (unless it already does)."""
        if url in self.message:
            return self
        return FetchError(self.kind, f"{url}: {self.message}")


@dataclass
class Response:
    """A final (non-redirect) response with its body read up to the cap."""

    url: str
    status: int
    headers: Headers
    body: bytes = b""
    tls_version: str | None = None
    cert_not_after: dt.datetime | None = None
    elapsed_ms: float = 0.0

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def header_list(self, name: str) -> list[str]:
        return self.headers.get_list(name)


@dataclass
class Stats:
    """What the client keeps for one tool as it goes: requests, latencies, rate-limit headers,
    the origins it holds open and the time its requests waited for a free slot."""

    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    # Seen on any response, retried ones included: a 429's headers are the interesting ones.
    rate_limit: dict[str, str] = field(default_factory=dict)
    # Every origin the tool has asked (redirects, spec_url and catalog links included): their
    # pools stay open until Client.release(stats), whichever tool asked them first.
    origins: set[str] = field(default_factory=set)
    _waiting: int = 0  # requests of the tool waiting for a slot now
    _waiting_since: float = 0.0
    _waited: float = 0.0  # seconds during which at least one of them waited

    def queue_enter(self, now: float) -> None:
        if self._waiting == 0:
            self._waiting_since = now
        self._waiting += 1

    def queue_leave(self, now: float) -> None:
        self._waiting -= 1
        if self._waiting == 0:
            self._waited += now - self._waiting_since

    def queued(self, now: float) -> float:
        """Seconds so far during which the tool had a request waiting for a slot."""
        return self._waited + (now - self._waiting_since if self._waiting else 0.0)


def ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """Verification context: --ca-file, else SSL_CERT_FILE, else certifi's bundle."""
    cafile = ca_file or os.environ.get("SSL_CERT_FILE")
    if cafile is None:
        import certifi

        cafile = certifi.where()
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise OmnireadyError(f"{cafile}: cannot load CA certificates: {exc}") from None


def classify(exc: BaseException) -> FetchError:
    """Map an OS, TLS or HTTP/1.1 exception to a classified failure (the caller adds the URL)."""
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, BadHost):
        return FetchError("bad-url", str(exc))
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    text = str(exc) or type(exc).__name__
    if any(isinstance(e, socket.gaierror) for e in chain) or "Name or service not known" in text:
        return FetchError("dns", text)
    if any(isinstance(e, ssl.SSLError | ssl.CertificateError) for e in chain):
        return FetchError("tls", text)
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return FetchError("timeout", str(exc) or "timed out")
    if isinstance(exc, ProtocolError):
        return FetchError("protocol", text)
    if isinstance(exc, OSError):
        return FetchError("connect", text)
    raise exc  # a bug, not a vendor's fault: let it surface


def _retry_after(value: str | None, cap: float) -> float:
    if not value:
        return min(1.0, cap)
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    when = http_date(value)
    if when is None:
        return min(1.0, cap)
    return max(0.0, min((when - dt.datetime.now(dt.timezone.utc)).total_seconds(), cap))


@dataclass
class _Origin:
    """Kept-alive connections and concurrency limit of one origin, and how many tools hold it."""

    limit: asyncio.Semaphore
    pool: Pool
    holders: int = 0


class Client:
    """A small connection pool per origin under a global and a per-host concurrency limit.

    One pool per origin: a vendor's few requests reuse their own keep-alive connections, and a
    pool is closed as soon as no tool that used its origin is still running."""

    def __init__(self, settings: Settings, *, tls: bool = True) -> None:
        """`tls`: the inventory names https URLs. A CA bundle costs ~20 ms to load, so without
        them it is loaded only if a redirect leads to https."""
        self.settings = settings
        self._global = asyncio.Semaphore(settings.concurrency)
        self._origins: dict[str, _Origin] = {}
        # A CA file the user named (--ca-file, or $SSL_CERT_FILE when https is ahead) is loaded
        # at once, so a bad one is refused as bad input before any request.
        self._ssl: ssl.SSLContext | None = None
        if settings.ca_file is not None or (tls and os.environ.get("SSL_CERT_FILE")):
            self._ssl = ssl_context(settings.ca_file)
        # Sent with every request. Only encodings we inflate ourselves, in bounded steps.
        self._headers = {
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
        }

    def _origin(self, key: str) -> _Origin:
        entry = self._origins.get(key)
        if entry is None:
            https = key.startswith("https:")
            if https and self._ssl is None:
                try:
                    self._ssl = ssl_context(self.settings.ca_file)
                except OmnireadyError as exc:  # met only on a redirect: that vendor's failure
                    raise FetchError("tls", exc.message) from None
            pool = Pool(
                key,
                ssl_context=self._ssl if https else None,
                connect_timeout=self.settings.connect_timeout,
                read_timeout=self.settings.read_timeout,
                headers=self._headers,
            )
            entry = self._origins[key] = _Origin(asyncio.Semaphore(self.settings.per_host), pool)
        return entry

    async def release(self, stats: Stats) -> None:
        """A tool is done: close the pools of its origins that no other tool still uses, so
        hundreds of vendors never hold hundreds of idle sockets."""
        for key in stats.origins:
            entry = self._origins.get(key)
            if entry is None:
                continue
            entry.holders -= 1
            if entry.holders <= 0:
                del self._origins[key]
                entry.pool.close()
        stats.origins.clear()

    async def aclose(self) -> None:
        entries, self._origins = list(self._origins.values()), {}
        for entry in entries:
            entry.pool.close()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()

    async def fetch(
        self,
        url: str,
        stats: Stats,
        *,
        method: str = "GET",
        headers: Mapping[str, str] | None = None,
        token: str | None = None,
        token_origin: str | None = None,
        read_body: bool = True,
    ) -> Response:
        """Fetch `url`, following ≤ max_redirects by hand; the token goes to token_origin only.

        A failure's message names the URL that failed (a redirect's target, when it was one)."""
        first = url
        for _ in range(self.settings.max_redirects + 1):
            try:
                response, location = await self._one(
                    url, stats, method, headers, token, token_origin, read_body
                )
            except FetchError as exc:
                raise exc.at(url) from None
            if location is None:
                return response
            if response.status == 303 or (response.status in {301, 302} and method == "POST"):
                method = "GET"
            url = location
        limit = self.settings.max_redirects
        raise FetchError("redirects", f"{first}: more than {limit} redirects (last to {url})")

    async def _one(
        self,
        url: str,
        stats: Stats,
        method: str,
        headers: Mapping[str, str] | None,
        token: str | None,
        token_origin: str | None,
        read_body: bool,
    ) -> tuple[Response, str | None]:
        why = url_problem(url)
        if why is not None:
            raise FetchError("bad-url", why)
        key = origin(url)
        send = {"Accept": "*/*", **(headers or {})}
        if token and token_origin and key == token_origin:
            send["Authorization"] = f"Bearer {token}"
        attempt = 0
        while True:
            try:
                entry = self._origin(key)
                if key not in stats.origins:
                    stats.origins.add(key)
                    entry.holders += 1
                async with self._slot(entry, stats):
                    response, location = await self._send(
                        entry.pool, url, stats, method, send, read_body
                    )
            except FetchError:
                raise
            except (OSError, ssl.SSLError, ProtocolError, BadHost, asyncio.TimeoutError) as exc:
                raise classify(exc) from None
            if response.status in {429, 503} and attempt < self.settings.retries:
                attempt += 1
                # Sleep outside the semaphores: a waiting retry must not block other hosts.
                delay = _retry_after(response.header("retry-after"), self.settings.retry_after_cap)
                await asyncio.sleep(delay)
                continue
            return response, location

    @contextlib.asynccontextmanager
    async def _slot(self, entry: _Origin, stats: Stats) -> AsyncIterator[None]:
        """The origin's and the run's permission to send, the wait counted in stats."""
        loop = asyncio.get_running_loop()
        stats.queue_enter(loop.time())
        try:
            await entry.limit.acquire()
            try:
                await self._global.acquire()
            except BaseException:
                entry.limit.release()
                raise
        finally:
            stats.queue_leave(loop.time())
        try:
            yield
        finally:
            self._global.release()
            entry.limit.release()

    async def _send(
        self,
        pool: Pool,
        url: str,
        stats: Stats,
        method: str,
        headers: dict[str, str],
        read_body: bool,
    ) -> tuple[Response, str | None]:
        started = time.perf_counter()
        body: _CappedBody | None = None

        def choose(status: int, received: Headers) -> _CappedBody | None:
            nonlocal body
            if not read_body or (status in _REDIRECTS and received.get("location")):
                return None  # a short unwanted body is drained raw, never inflated
            body = _CappedBody(self.settings.max_body, received)
            return body

        answer = await pool.request(method, url, headers, choose)
        stats.requests += 1
        elapsed = (answer.headers_at - started) * 1000
        stats.latencies_ms.append(elapsed)
        response = Response(url, answer.status, answer.headers, elapsed_ms=elapsed)
        for name, value in rate_limit_headers(answer.headers.multi_items()).items():
            stats.rate_limit.setdefault(name, value)
        _tls_facts(answer, response)
        if body is not None:
            response.body = body.value()
        if answer.status not in _REDIRECTS:
            return response, None
        locations = {value.strip() for value in answer.headers.get_list("location")} - {""}
        if len(locations) > 1:
            many = len(locations)
            raise FetchError("protocol", f"{answer.status} with {many} different Locations")
        if not locations:
            return response, None
        return response, urljoin(url, locations.pop())


class _CappedBody:
    """A body, decoded, never holding more than the cap: a gzip bomb stops at the cap too,
    because it is inflated in bounded steps instead of chunk by whole chunk."""

    def __init__(self, cap: int, headers: Headers) -> None:
        self.cap = cap
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError("too-large", f"body of {declared} bytes exceeds the cap of {cap}")
        self.encoding = headers.get("content-encoding", "identity").strip().lower()
        if self.encoding not in {"identity", "", "gzip", "x-gzip", "deflate"}:
            raise FetchError("protocol", f"unsupported content-encoding {self.encoding!r}")
        # wbits 47: accept gzip or zlib headers, as servers label "deflate" either way.
        self.inflater = zlib.decompressobj(47) if self.encoding not in {"identity", ""} else None
        self.out = bytearray()
        self.compressed = 0

    def _take(self, data: bytes) -> None:
        if len(self.out) + len(data) > self.cap:
            raise FetchError("too-large", f"body exceeds the cap of {self.cap} bytes")
        self.out.extend(data)

    def feed(self, data: bytes) -> None:
        if self.inflater is None:
            self._take(data)
            return
        if not self.compressed and self.encoding == "deflate" and not _zlib_or_gzip(data):
            # "deflate" is also sent without its zlib wrapper (old IIS, some CDNs): raw inflate.
            self.inflater = zlib.decompressobj(-15)
        self.compressed += len(data)
        try:
            while data:
                self._take(self.inflater.decompress(data, self.cap + 1 - len(self.out)))
                data = self.inflater.unconsumed_tail
                if self.inflater.eof and self.inflater.unused_data[:2] == b"\x1f\x8b":
                    # Another gzip member (RFC 1952 2.2): the body goes on with it.
                    data = self.inflater.unused_data + data
                    self.inflater = zlib.decompressobj(47)
        except zlib.error as exc:
            raise FetchError("protocol", f"bad {self.encoding} body: {exc}") from None

    def finish(self) -> None:
        if self.inflater is None or not self.compressed:
            return  # an empty body needs no inflating, whatever its label
        try:
            self._take(self.inflater.flush())
        except zlib.error as exc:
            raise FetchError("protocol", f"bad {self.encoding} body: {exc}") from None
        if not self.inflater.eof:
            raise FetchError("protocol", f"{self.encoding} body cut short")

    def value(self) -> bytes:
        return bytes(self.out)


def _zlib_or_gzip(head: bytes) -> bool:
    """Whether a stream starts with a gzip or zlib header (RFC 1952, RFC 1950 2.2)."""
    if len(head) < 2 or head[:2] == b"\x1f\x8b":
        return True
    return head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _tls_facts(answer: Answer, response: Response) -> None:
    ssl_object = answer.ssl_object
    if ssl_object is None:
        return
    response.tls_version = ssl_object.version()
    cert = ssl_object.getpeercert() or {}
    not_after = cert.get("notAfter")
    if isinstance(not_after, str):
        seconds = ssl.cert_time_to_seconds(not_after)
        response.cert_not_after = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
