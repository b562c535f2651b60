"""The probe's HTTP policy over httpx: bounded, polite, credential-safe fetching; failures are
classified.

httpx speaks HTTP (HTTP/1.1, HTTP/2 where the vendor offers it, TLS, proxies); this module
decides redirects, credentials, caps, decompression, retries, limits and failure classes."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import socket
import ssl
import sys
import time
import zlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urljoin

import httpx

from omniready import __version__
from omniready.audit.probe_record import printable
from omniready.errors import OmnireadyError
from omniready.probe.detect import http_date, rate_limit_headers
from omniready.probe.messages import evidence
from omniready.probe.proxy import Proxies, shown
from omniready.probe.rules import origin, url_problem, wire_url
from omniready.texts import Message

USER_AGENT = f"omniready/{__version__}"
_REDIRECTS = {301, 302, 303, 307, 308}
# An unwanted body up to this size is read (raw) so its connection can carry the next request;
# a larger one closes the connection instead.
_DRAIN = 64 * 1024


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
    proxy: str | None = None  # --proxy: every request through it (NO_PROXY still applies)
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
class Exchange:
    """One request as the JSON record lists it: URL, final status (None when it failed), time to
    the response's headers (or to the failure) and the failure's class and message."""

    url: str
    status: int | None
    ms: float
    error: str | None = None
    http_version: str | None = None


@dataclass
class Response:
    """A final (non-redirect) response with its body read up to the cap."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""
    tls_version: str | None = None
    cert_not_after: dt.datetime | None = None
    elapsed_ms: float = 0.0
    http_version: str | None = None  # HTTP/1.1 or HTTP/2, as negotiated

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def header_list(self, name: str) -> list[str]:
        return self.headers.get_list(name)


@dataclass
class Stats:
    """What the client keeps for one tool as it goes: every request, latencies, rate-limit
    headers and the time its requests waited for a free slot."""

    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    # Seen on any response, retried ones included: a 429's headers are the interesting ones.
    rate_limit: dict[str, str] = field(default_factory=dict)
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

    def log(self, url: str, started: float, status: int | None, **more: Any) -> Exchange:
        """Note one request, its time counted from `started` to now."""
        ms = round((time.perf_counter() - started) * 1000, 1)
        entry = Exchange(printable(url), status, ms, **more)
        self.exchanges.append(entry)
        return entry


def _cafile(ca_file: str | None) -> str:
    if ca_file or os.environ.get("SSL_CERT_FILE"):
        return ca_file or os.environ["SSL_CERT_FILE"]
    import certifi

    return certifi.where()


def ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """Verification context: --ca-file, else SSL_CERT_FILE, else certifi's bundle."""
    context = _bare_context()
    _load(context, _cafile(ca_file))
    return context


def _bare_context() -> ssl.SSLContext:
    """A context that verifies certificates and host names, with no CA loaded yet: what
    ssl.create_default_context makes, the CAs added by _load when an https URL needs them."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if sys.version_info >= (3, 13):  # as create_default_context sets them from 3.13 on
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    return context


def _load(context: ssl.SSLContext, cafile: str) -> None:
    try:
        context.load_verify_locations(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise OmnireadyError(
            Message("probe.errors.ca-bundle", {"file": cafile, "detail": str(exc)})
        ) from None


# httpx's timeouts often carry no text: say which one ran out.
_TIMEOUT_TEXT: dict[type[BaseException], str] = {
    httpx.ConnectTimeout: "timeout-connect",
    httpx.ReadTimeout: "timeout-read",
    httpx.WriteTimeout: "timeout-write",
    httpx.PoolTimeout: "timeout-pool",
}


def classify(exc: BaseException, proxy: str | None = None) -> FetchError:
    """Map an httpx or OS exception to a classified failure (the caller adds the URL).

    `proxy`: the request went through it; a connection it refused, or a tunnel it would not
    open (407 and the like), is the proxy's failure, named without its password."""
    if isinstance(exc, FetchError):
        return exc
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    text = str(exc) or type(exc).__name__
    if any(isinstance(e, ssl.SSLError | ssl.CertificateError) for e in chain):
        return FetchError("tls", text)
    if proxy is not None and isinstance(exc, httpx.ProxyError):
        return FetchError("proxy", f"proxy {shown(proxy)} refused: {text}")
    if proxy is not None and isinstance(exc, httpx.ConnectError | ConnectionError):
        return FetchError("proxy", f"proxy {shown(proxy)}: {text}")
    if any(isinstance(e, socket.gaierror) for e in chain) or "Name or service not known" in text:
        return FetchError("dns", text)
    if isinstance(exc, httpx.TimeoutException | asyncio.TimeoutError | TimeoutError):
        return FetchError("timeout", str(exc) or evidence(_TIMEOUT_TEXT.get(type(exc), "timeout")))
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return FetchError("bad-url", text)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.LocalProtocolError | httpx.DecodingError):
        return FetchError("protocol", text)
    if isinstance(exc, httpx.HTTPError | OSError):
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


class Client:
    """httpx under the probe's policy: a global and a per-origin limit on requests in flight,
    one httpx.AsyncClient per route (direct, or each proxy), shared by every tool."""

    def __init__(self, settings: Settings, *, tls: bool = True, proxies: Proxies | None = None):
        """`tls`: the inventory names https URLs. A CA bundle costs ~20 ms to load, so without
        them it is loaded only if a redirect leads to https."""
        self.settings = settings
        self.proxies = proxies or Proxies()
        self._global = asyncio.Semaphore(settings.concurrency)
        self._per_origin: dict[str, asyncio.Semaphore] = {}
        self._routes: dict[str | None, httpx.AsyncClient] = {}
        self._ssl = _bare_context()
        self._ca_loaded = False
        # A CA file the user named (--ca-file, or $SSL_CERT_FILE when https is ahead) is loaded
        # at once, so a bad one is refused as bad input before any request.
        if settings.ca_file is not None or (tls and os.environ.get("SSL_CERT_FILE")):
            self._load_ca()
        self._timeout = httpx.Timeout(
            settings.read_timeout, connect=settings.connect_timeout, pool=None
        )
        # No cookie is kept: nothing a vendor sets travels on to another request.
        self._cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))

    def _load_ca(self) -> None:
        if not self._ca_loaded:
            _load(self._ssl, _cafile(self.settings.ca_file))
            self._ca_loaded = True

    def _route(self, proxy: str | None) -> httpx.AsyncClient:
        http = self._routes.get(proxy)
        if http is None:
            keep = self.settings.concurrency
            http = self._routes[proxy] = httpx.AsyncClient(
                http2=True,
                proxy=proxy,
                verify=self._ssl,
                timeout=self._timeout,
                follow_redirects=False,  # by hand, so credentials never cross origins
                # In flight is bounded by the probe's own limits; idle connections by this.
                limits=httpx.Limits(max_connections=None, max_keepalive_connections=keep),
                # Only encodings we inflate ourselves, in bounded steps (see _CappedBody).
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                cookies=self._cookies,
                # Proxies come from Proxies (the same variables); no netrc, no other setting.
                trust_env=False,
            )
        return http

    async def aclose(self) -> None:
        routes, self._routes = list(self._routes.values()), {}
        for http in routes:
            await http.aclose()

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
        raise FetchError("redirects", evidence("redirects", url=first, limit=limit, last=url))

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
        problem = url_problem(url)
        if problem is not None:
            why = problem.render()
            stats.log(url, time.perf_counter(), None, error=f"bad-url: {why}")
            raise FetchError("bad-url", why)
        key = origin(url)
        send = {"Accept": "*/*", **(headers or {})}
        if token and token_origin and key == token_origin:
            send["Authorization"] = f"Bearer {token}"
        limit = self._per_origin.get(key)
        if limit is None:
            limit = self._per_origin[key] = asyncio.Semaphore(self.settings.per_host)
        attempt = 0
        while True:
            async with self._slot(limit, stats):
                response, location = await self._send(url, stats, method, send, read_body)
            if response.status in {429, 503} and attempt < self.settings.retries:
                attempt += 1
                # Sleep outside the semaphores: a waiting retry must not block other hosts.
                delay = _retry_after(response.header("retry-after"), self.settings.retry_after_cap)
                await asyncio.sleep(delay)
                continue
            return response, location

    @contextlib.asynccontextmanager
    async def _slot(self, limit: asyncio.Semaphore, stats: Stats) -> AsyncIterator[None]:
        """The origin's and the run's permission to send, the wait counted in stats."""
        loop = asyncio.get_running_loop()
        stats.queue_enter(loop.time())
        try:
            await limit.acquire()
            try:
                await self._global.acquire()
            except BaseException:
                limit.release()
                raise
        finally:
            stats.queue_leave(loop.time())
        try:
            yield
        finally:
            self._global.release()
            limit.release()

    async def _send(
        self,
        url: str,
        stats: Stats,
        method: str,
        headers: dict[str, str],
        read_body: bool,
    ) -> tuple[Response, str | None]:
        started = time.perf_counter()
        proxy = self.proxies.for_url(wire_url(url))
        try:
            if url[:6].lower() == "https:" and not self._ca_loaded:
                try:
                    self._load_ca()
                except OmnireadyError as exc:  # met only on a redirect: that vendor's failure
                    raise FetchError("tls", exc.message) from None
            http = self._route(proxy)
            request = http.build_request(method, wire_url(url), headers=headers)
            raw = await http.send(request, stream=True)
        except Exception as exc:
            failure = classify(exc, proxy)
            stats.log(url, started, None, error=f"{failure.kind}: {printable(failure.message)}")
            raise failure from None
        stats.requests += 1
        elapsed = (time.perf_counter() - started) * 1000
        stats.latencies_ms.append(elapsed)
        entry = stats.log(url, started, raw.status_code, http_version=raw.http_version)
        try:
            return await self._answer(raw, url, stats, elapsed, proxy, read_body)
        except FetchError as failure:
            entry.error = f"{failure.kind}: {printable(failure.message)}"
            raise
        finally:
            await raw.aclose()

    async def _answer(
        self,
        raw: httpx.Response,
        url: str,
        stats: Stats,
        elapsed: float,
        proxy: str | None,
        read_body: bool,
    ) -> tuple[Response, str | None]:
        """The response whose headers have come: logged, its body read when wanted (up to the
        cap), its Location resolved when it redirects."""
        status = raw.status_code
        if proxy is not None and status == 407:
            # A forwarding proxy (plain http) answers for the vendor: its refusal is its own.
            raise FetchError("proxy", f"proxy {shown(proxy)} refused: 407 {raw.reason_phrase}")
        response = Response(
            url, status, raw.headers, elapsed_ms=elapsed, http_version=raw.http_version
        )
        for name, value in rate_limit_headers(raw.headers.multi_items()).items():
            stats.rate_limit.setdefault(name, value)
        if url[:6].lower() == "https:":  # asking a plain socket for TLS costs, per request
            _tls_facts(raw, response)
        locations = {v.strip() for v in raw.headers.get_list("location")} - {""}
        redirect = status in _REDIRECTS and bool(locations)
        try:
            if read_body and not redirect:
                body = _CappedBody(self.settings.max_body, raw.headers)
                async for chunk in raw.aiter_raw():
                    body.feed(chunk)
                body.finish()
                response.body = body.value()
            elif _small(raw):
                # A short unwanted body is read raw (never inflated) to keep the connection.
                async for _ in raw.aiter_raw():
                    pass
        except httpx.HTTPError as exc:
            raise classify(exc, proxy) from None
        if not redirect:
            return response, None
        if len(locations) > 1:
            raise FetchError("protocol", evidence("locations", status=status, count=len(locations)))
        return response, urljoin(url, locations.pop())


def _small(raw: httpx.Response) -> bool:
    length = raw.headers.get("content-length", "")
    return length.isdigit() and int(length) <= _DRAIN


class _CappedBody:
    """A body, decoded, never holding more than the cap: a gzip bomb stops at the cap too,
    because it is inflated in bounded steps instead of chunk by whole chunk."""

    def __init__(self, cap: int, headers: Mapping[str, str]) -> None:
        self.cap = cap
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError("too-large", evidence("declared-too-large", size=declared, cap=cap))
        self.encoding = headers.get("content-encoding", "identity").strip().lower()
        if self.encoding not in {"identity", "", "gzip", "x-gzip", "deflate"}:
            raise FetchError("protocol", evidence("encoding", encoding=repr(self.encoding)))
        # wbits 47: accept gzip or zlib headers, as servers label "deflate" either way.
        self.inflater = zlib.decompressobj(47) if self.encoding not in {"identity", ""} else None
        self.out = bytearray()
        self.compressed = 0

    def _take(self, data: bytes) -> None:
        if len(self.out) + len(data) > self.cap:
            raise FetchError("too-large", evidence("too-large", cap=self.cap))
        self.out.extend(data)

    def feed(self, data: bytes) -> None:
        if self.inflater is None:
            self._take(data)
            return
        if not self.compressed and self.encoding == "deflate" and not _zlib_or_gzip(data):
            # "deflate" is also sent without its zlib wrapper (old IIS, some CDNs): raw inflate.
            self.inflater = zlib.decompressobj(-15)
        self.compressed += len(data)
        if self.compressed > self.cap:
            # What goes in counts too: a stream of empty gzip members inflates to nothing.
            raise FetchError("too-large", evidence("compressed-too-large", cap=self.cap))
        try:
            while data:
                self._take(self.inflater.decompress(data, self.cap + 1 - len(self.out)))
                data = self.inflater.unconsumed_tail
                if self.inflater.eof and self.inflater.unused_data[:2] == b"\x1f\x8b":
                    # Another gzip member (RFC 1952 2.2): the body goes on with it.
                    data = self.inflater.unused_data + data
                    self.inflater = zlib.decompressobj(47)
        except zlib.error as exc:
            raise FetchError(
                "protocol", evidence("bad-body", encoding=self.encoding, detail=exc)
            ) from None

    def finish(self) -> None:
        if self.inflater is None or not self.compressed:
            return  # an empty body needs no inflating, whatever its label
        try:
            self._take(self.inflater.flush())
        except zlib.error as exc:
            raise FetchError(
                "protocol", evidence("bad-body", encoding=self.encoding, detail=exc)
            ) from None
        if not self.inflater.eof:
            raise FetchError("protocol", evidence("cut-short", encoding=self.encoding))

    def value(self) -> bytes:
        return bytes(self.out)


def _zlib_or_gzip(head: bytes) -> bool:
    """Whether a stream starts with a gzip or zlib header (RFC 1952, RFC 1950 2.2)."""
    if len(head) < 2 or head[:2] == b"\x1f\x8b":
        return True
    return head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _tls_facts(raw: httpx.Response, response: Response) -> None:
    stream = raw.extensions.get("network_stream")
    ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
    if ssl_object is None:
        return
    response.tls_version = ssl_object.version()
    cert = ssl_object.getpeercert() or {}
    not_after = cert.get("notAfter")
    if isinstance(not_after, str):
        seconds = ssl.cert_time_to_seconds(not_after)
        response.cert_not_after = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
