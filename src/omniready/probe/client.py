"""The probe's HTTP edge: bounded, polite, credential-safe fetching; failures are classified."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import socket
import ssl
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import httpx

from omniready import __version__
from omniready.probe.detect import http_date, rate_limit_headers
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
        if self.message.startswith((f"{url}:", f"{url} ")):
            return self
        return FetchError(self.kind, f"{url}: {self.message}")


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

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def header_list(self, name: str) -> list[str]:
        return self.headers.get_list(name)


@dataclass
class Stats:
    """Per-tool request counter and latencies, filled by the client as it goes."""

    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    # Seen on any response, retried ones included: a 429's headers are the interesting ones.
    rate_limit: dict[str, str] = field(default_factory=dict)


def ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """Verification context: --ca-file, else SSL_CERT_FILE, else certifi's bundle."""
    cafile = ca_file or os.environ.get("SSL_CERT_FILE")
    if cafile is None:
        import certifi

        cafile = certifi.where()
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        from omniready.errors import OmnireadyError

        raise OmnireadyError(f"{cafile}: cannot load CA certificates: {exc}") from None


# httpx's timeouts often carry no text: say which one ran out.
_TIMEOUT_TEXT: dict[type[BaseException], str] = {
    httpx.ConnectTimeout: "no connection in time (--connect-timeout)",
    httpx.ReadTimeout: "no data in time (--timeout)",
    httpx.WriteTimeout: "could not send in time",
    httpx.PoolTimeout: "no free connection in time",
}


def classify(exc: BaseException) -> FetchError:
    """Map an httpx/OS exception to a classified failure (the caller adds the URL)."""
    if isinstance(exc, FetchError):
        return exc
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
    if isinstance(exc, httpx.TimeoutException | asyncio.TimeoutError | TimeoutError):
        return FetchError("timeout", str(exc) or _TIMEOUT_TEXT.get(type(exc), "timed out"))
    if isinstance(exc, httpx.ConnectError | ConnectionError):
        return FetchError("connect", text)
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


@dataclass
class _Origin:
    """Connection pool and concurrency limit of one origin, and how many tools hold it."""

    limit: asyncio.Semaphore
    http: httpx.AsyncClient
    holders: int = 0


class Client:
    """A small connection pool per origin under a global and a per-host concurrency limit.

    One pool per origin, not one shared pool: a shared pool scans every connection on each
    request, which costs more than the requests themselves once hundreds of vendors are probed;
    and a vendor's few requests reuse their keep-alive connections instead of evicting others'.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._global = asyncio.Semaphore(settings.concurrency)
        self._origins: dict[str, _Origin] = {}
        # Loading certifi's bundle takes ~20 ms: only when an https origin needs it. A CA file
        # the user named is loaded at once, so a bad one is refused before any request.
        self._ssl: ssl.SSLContext | None = None
        if settings.ca_file is not None or os.environ.get("SSL_CERT_FILE"):
            self._ssl = ssl_context(settings.ca_file)
        # For plain-http origins, which never speak TLS (a redirect to https uses that origin's
        # own pool): a context that verifies and trusts nobody, cheap to make, safe if misused.
        self._trust_nobody = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self._timeout = httpx.Timeout(
            settings.read_timeout, connect=settings.connect_timeout, pool=None
        )

    def _origin(self, key: str) -> _Origin:
        entry = self._origins.get(key)
        if entry is None:
            per_host = self.settings.per_host
            if self._ssl is None and key.startswith("https:"):
                self._ssl = ssl_context(self.settings.ca_file)
            http = httpx.AsyncClient(
                timeout=self._timeout,
                follow_redirects=False,  # by hand, so credentials never cross origins
                verify=self._ssl if key.startswith("https:") and self._ssl else self._trust_nobody,
                limits=httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host),
                # Only encodings we inflate ourselves, in bounded steps (see _read_capped).
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                # No proxy, netrc or cookie from the environment: nothing may add credentials.
                trust_env=False,
            )
            entry = self._origins[key] = _Origin(asyncio.Semaphore(per_host), http)
        return entry

    def hold(self, url: str) -> None:
        """Keep url's origin pool open while a tool uses it."""
        self._origin(origin(url)).holders += 1

    async def release(self, url: str) -> None:
        """Close url's origin pool when no tool holds it any more (frees its sockets early)."""
        key = origin(url)
        entry = self._origins.get(key)
        if entry is None:
            return
        entry.holders -= 1
        if entry.holders <= 0:
            del self._origins[key]
            await entry.http.aclose()

    async def aclose(self) -> None:
        entries, self._origins = list(self._origins.values()), {}
        for entry in entries:
            await entry.http.aclose()

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
        send = dict(headers or {})
        if token and token_origin and key == token_origin:
            send["Authorization"] = f"Bearer {token}"
        attempt = 0
        while True:
            try:
                entry = self._origin(key)
                async with entry.limit, self._global:
                    response, location = await self._send(
                        entry.http, url, stats, method, send, read_body
                    )
            except FetchError:
                raise
            except (httpx.HTTPError, httpx.InvalidURL, OSError, ssl.SSLError) as exc:
                raise classify(exc) from None
            if response.status in {429, 503} and attempt < self.settings.retries:
                attempt += 1
                # Sleep outside the semaphores: a waiting retry must not block other hosts.
                delay = _retry_after(response.header("retry-after"), self.settings.retry_after_cap)
                await asyncio.sleep(delay)
                continue
            return response, location

    async def _send(
        self,
        http: httpx.AsyncClient,
        url: str,
        stats: Stats,
        method: str,
        headers: dict[str, str],
        read_body: bool,
    ) -> tuple[Response, str | None]:
        started = time.perf_counter()
        request = http.build_request(method, url, headers=headers)
        raw = await http.send(request, stream=True)
        try:
            stats.requests += 1
            stats.latencies_ms.append((time.perf_counter() - started) * 1000)
            response = Response(str(raw.url), raw.status_code, raw.headers)
            response.elapsed_ms = stats.latencies_ms[-1]
            for name, value in rate_limit_headers(raw.headers.multi_items()).items():
                stats.rate_limit.setdefault(name, value)
            if url[:6].lower() == "https:":  # asking a plain socket for TLS costs, per request
                _tls_facts(raw, response)
            location = raw.headers.get("location")
            redirect = raw.status_code in _REDIRECTS and bool(location)
            if read_body and not redirect:
                response.body = await self._read_capped(raw)
            elif _small(raw):
                # Reading a short unwanted body keeps the connection for the next request;
                # raw, so a compressed one is never inflated.
                async for _ in raw.aiter_raw():
                    pass
            if redirect and location:
                return response, urljoin(str(raw.url), location.strip())
            return response, None
        finally:
            await raw.aclose()

    async def _read_capped(self, raw: httpx.Response) -> bytes:
        """The body, decoded, never holding more than the cap: a gzip bomb stops at the cap too,
        because we inflate it ourselves in bounded steps instead of chunk by whole chunk."""
        cap = self.settings.max_body
        declared = raw.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError("too-large", f"body of {declared} bytes exceeds the cap of {cap}")
        encoding = raw.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in {"identity", "", "gzip", "x-gzip", "deflate"}:
            raise FetchError("protocol", f"unsupported content-encoding {encoding!r}")
        # wbits 47: accept gzip or zlib headers, as servers label "deflate" either way.
        inflater = zlib.decompressobj(47) if encoding not in {"identity", ""} else None
        out = bytearray()

        def take(data: bytes) -> None:
            if len(out) + len(data) > cap:
                raise FetchError("too-large", f"body exceeds the cap of {cap} bytes")
            out.extend(data)

        try:
            async for chunk in raw.aiter_raw():
                if inflater is None:
                    take(chunk)
                    continue
                data = chunk
                while data:
                    take(inflater.decompress(data, cap + 1 - len(out)))
                    data = inflater.unconsumed_tail
            if inflater is not None:
                take(inflater.flush())
        except zlib.error as exc:
            raise FetchError("protocol", f"bad {encoding} body: {exc}") from None
        return bytes(out)


def _small(raw: httpx.Response) -> bool:
    length = raw.headers.get("content-length", "")
    return length.isdigit() and int(length) <= 64 * 1024


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
