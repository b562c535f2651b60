"""HTTP/1.1 exchanges over asyncio, parsed by llhttp (httptools): keep-alive pools per origin.

Why not httpx or aiohttp: the probe sends many small requests at once, and on a shared
two-core machine each request's CPU becomes every other request's waiting time. httpx's stack
(httpx, httpcore, anyio, h11) costs about 1 ms of CPU per response and aiohttp costs 0.19 s of
import; this module does only what the probe needs (GET/OPTIONS without a body, keep-alive,
TLS) on llhttp, the parser Node.js and aiohttp use. Policy (redirects, credentials, caps,
retries, failure classes) stays in client.py.
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Protocol, TypeVar, overload
from urllib.parse import quote, urlsplit

import httptools

# Response headers (or trailers, or other framing without data) larger than this are a hostile
# or broken server, not an API.
MAX_HEADER_BYTES = 64 * 1024
# Characters kept as they are in a request target; others (spaces, non-ASCII) are %-encoded.
_TARGET_SAFE = "!#$%&'()*+,/:;=?@[]~"


T = TypeVar("T")


class ProtocolError(Exception):
    """The server broke HTTP/1.1: garbage, a truncated response, oversized headers."""


class StaleConnection(ProtocolError):
    """A kept-alive connection closed before answering: worth one retry on a new one."""


class BadHost(ValueError):
    """A host name no resolver can take (an empty label, too long, a character IDNA refuses)."""


class Headers(Mapping[str, str]):
    """Response headers, names case-insensitive; repeated ones joined by ", " on lookup."""

    __slots__ = ("_items",)

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = items  # names already lowercased

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    @overload
    def get(self, name: str, /) -> str | None: ...

    @overload
    def get(self, name: str, default: str, /) -> str: ...

    @overload
    def get(self, name: str, default: T, /) -> str | T: ...

    def get(self, name: str, default: object = None, /) -> object:
        # Asked several times per response: no KeyError raised and caught on the usual miss.
        values = self.get_list(name)
        return ", ".join(values) if values else default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and any(key == name.lower() for key, _ in self._items)

    def get_list(self, name: str) -> list[str]:
        """Every value of `name`, in the order received."""
        lower = name.lower()
        return [value for key, value in self._items if key == lower]

    def multi_items(self) -> list[tuple[str, str]]:
        """(name, value) pairs in the order received, names lowercased."""
        return list(self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(key for key, _ in self._items))

    def __len__(self) -> int:
        return len(dict.fromkeys(key for key, _ in self._items))

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


class Sink(Protocol):
    """Receives a response body piece by piece; may raise to stop the exchange."""

    def feed(self, data: bytes) -> None: ...

    def finish(self) -> None: ...


# Told the status and headers; returns where the body goes, or None when it is not wanted.
ChooseSink = Callable[[int, Headers], Sink | None]


class Answer:
    """What one exchange produced: status, headers, TLS object and when the headers came."""

    __slots__ = ("status", "headers", "ssl_object", "headers_at")

    def __init__(
        self, status: int, headers: Headers, ssl_object: ssl.SSLObject | None, headers_at: float
    ) -> None:
        self.status = status
        self.headers = headers
        self.ssl_object = ssl_object
        self.headers_at = headers_at


def _text(raw: bytes) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class Connection(asyncio.Protocol):
    """One TCP (or TLS) connection carrying one exchange at a time."""

    def __init__(self, read_timeout: float) -> None:
        self.read_timeout = read_timeout
        self.transport: asyncio.Transport | None = None
        self.ssl_object: ssl.SSLObject | None = None
        self.closed = False
        self.exchanges = 0  # completed; on a reused connection, silence may mean stale
        self._parser = httptools.HttpResponseParser(self)
        self._reset(None, lambda status, headers: None)
        self._error: BaseException | None = None
        self._watchdog: asyncio.TimerHandle | None = None

    def _reset(self, done: asyncio.Future[Answer] | None, choose: ChooseSink) -> None:
        self._done = done
        self._choose = choose
        self._items: list[tuple[str, str]] = []
        self._header_size = 0  # of the header fields parsed so far (trailers included)
        self._framing = 0  # bytes read since the last body data: headers, trailers, chunk lines
        self._body_seen = False
        self._message_done = False
        self._answer: Answer | None = None
        self._sink: Sink | None = None
        self._received = False
        self._keep = False  # a whole response read, and the server keeps the connection
        self._chunked = False
        self._has_length = False

    # asyncio callbacks

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.ssl_object = transport.get_extra_info("ssl_object")

    def data_received(self, data: bytes) -> None:
        if self._done is None or self._done.done():
            self.abort()  # bytes nobody asked for: the connection can't be trusted any more
            return
        self._received = True
        self._last_data = time.monotonic()
        self._body_seen = False
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            error, self._error = self._error, None
            self._fail(error or ProtocolError(f"malformed response: {exc}"))
            return
        # httptools keeps an unfinished header or trailer in memory: reads that carry no body
        # data (headers, trailers, chunk lines) must not add up without bound.
        self._framing = 0 if self._body_seen else self._framing + len(data)
        if self._framing > MAX_HEADER_BYTES and not self._message_done:
            part = "headers" if self._answer is None else "trailers or chunk framing"
            self._fail(ProtocolError(f"response {part} over {MAX_HEADER_BYTES} bytes"))
        elif self._answer is not None and self._sink is None and not self._message_done:
            # A body nobody wants, not over in the read that brought its headers: answer now
            # and drop the connection rather than wait for the rest (or for ever). A short one
            # usually arrives with its headers, and then the connection is kept.
            self._finish(reusable=False)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._stop_watchdog()
        if self._done is None or self._done.done():
            return
        if self._answer is not None and not self._chunked and not self._has_length:
            # A body without length or chunks ends when the connection does (RFC 9112 6.3).
            try:
                if self._sink is not None:
                    self._sink.finish()
            except Exception as error:  # noqa: BLE001 - the sink's verdict on the body
                self._fail(error)
            else:
                self._finish()
        elif not self._received and self.exchanges > 0:
            self._fail(StaleConnection("the kept-alive connection was closed"))
        elif exc is not None:
            self._fail(exc)
        else:
            self._fail(ProtocolError("the server closed the connection mid-response"))

    # llhttp callbacks (an exception raised here stops the parser; data_received reports it)

    def on_message_begin(self) -> None:
        if self._message_done:
            # A second response in the same read: nothing was asked for it, and the first
            # answer must stay as it was.
            self._error = ProtocolError("the server sent more than one response")
            raise self._error

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_size += len(name) + len(value)
        if self._header_size > MAX_HEADER_BYTES:
            self._error = ProtocolError(f"response headers over {MAX_HEADER_BYTES} bytes")
            raise self._error
        if self._answer is None:  # trailers (after a chunked body) are not the answer's headers
            self._items.append((name.decode("latin-1").lower(), _text(value).strip()))

    def on_headers_complete(self) -> None:
        status = self._parser.get_status_code()
        if status == 101:
            self._error = ProtocolError("the server switched protocols")
            raise self._error
        if 100 <= status < 200:
            return  # an interim response: its complete message resets the headers
        headers = Headers(self._items)
        self._chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        self._has_length = "content-length" in headers
        self._answer = Answer(status, headers, self.ssl_object, time.perf_counter())
        try:
            self._sink = self._choose(status, headers)
        except BaseException as exc:
            self._error = exc
            raise

    def on_body(self, body: bytes) -> None:
        self._body_seen = True
        if self._sink is not None:
            try:
                self._sink.feed(body)
            except BaseException as exc:
                self._error = exc
                raise

    def on_message_complete(self) -> None:
        if self._answer is None:  # the end of an interim (1xx) response
            self._items, self._header_size = [], 0
            return
        if self._sink is not None:
            try:
                self._sink.finish()
            except BaseException as exc:
                self._error = exc
                raise
        # Asked here: once the callback returns, llhttp has moved on to the next message.
        self._keep = self._parser.should_keep_alive()
        self._message_done = True
        self.exchanges += 1
        self._finish()

    # exchange control

    def send(self, request: bytes, done: asyncio.Future[Answer], choose: ChooseSink) -> None:
        """Write a request; `done` gets the answer once the body is read (or not wanted)."""
        assert self.transport is not None
        self._reset(done, choose)
        self._last_data = time.monotonic()
        self.transport.write(request)
        self._arm_watchdog(self.read_timeout)

    @property
    def reusable(self) -> bool:
        """Done with a whole response and allowed to carry another."""
        return self._keep and not self.closed

    def abort(self) -> None:
        self.closed = True
        self._stop_watchdog()
        if self.transport is not None:
            self.transport.abort()

    def _finish(self, reusable: bool = True) -> None:
        self._stop_watchdog()
        done, answer = self._done, self._answer
        if done is not None and not done.done() and answer is not None:
            done.set_result(answer)
        if not reusable:
            self.abort()

    def _fail(self, error: BaseException) -> None:
        done = self._done
        if done is not None and not done.done():
            done.set_exception(error)
        self.abort()

    def _arm_watchdog(self, delay: float) -> None:
        loop = asyncio.get_running_loop()
        self._watchdog = loop.call_later(delay, self._check_silence)

    def _check_silence(self) -> None:
        # One timer per exchange, pushed forward when data came: cheaper than one per chunk.
        quiet = time.monotonic() - self._last_data
        if quiet >= self.read_timeout:
            self._fail(TimeoutError("no data in time (--timeout)"))
        else:
            self._arm_watchdog(self.read_timeout - quiet)

    def _stop_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None


def request_target(url: str) -> str:
    """The path and query of an absolute URL as sent on the request line (RFC 9112 3.2.1):
    the fragment left out, spaces and non-ASCII characters %-encoded."""
    url = url.split("#", 1)[0]
    authority = url.find("//") + 2
    ends = [i for i in (url.find("/", authority), url.find("?", authority)) if i >= 0]
    rest = url[min(ends) :] if ends else ""
    target = rest if rest.startswith("/") else "/" + rest
    if target.isascii() and " " not in target:
        return target  # the usual case: nothing to encode
    return quote(target, safe=_TARGET_SAFE)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def _within(awaitable: Awaitable[T], seconds: float) -> T:
    """`awaitable` bounded in time; asyncio.timeout (3.11) spares wait_for's extra task, and each
    loop pass it saves is latency for every request waiting behind it."""
    if hasattr(asyncio, "timeout"):
        async with asyncio.timeout(seconds):
            return await awaitable
    return await asyncio.wait_for(awaitable, seconds)


class Pool:
    """Kept-alive connections to one origin; the caller limits how many exchanges run at once."""

    def __init__(
        self,
        url: str,
        *,
        ssl_context: ssl.SSLContext | None,
        connect_timeout: float,
        read_timeout: float,
        headers: Mapping[str, str],
    ) -> None:
        parts = urlsplit(url)
        self.https = parts.scheme.lower() == "https"
        self.host = parts.hostname or ""
        self.port = parts.port or (443 if self.https else 80)
        self.ssl_context = ssl_context if self.https else None
        self.literal = _is_address(self.host)
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        try:
            host = self.host if self.host.isascii() else self.host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise BadHost(f"host {self.host!r}: {exc}") from None
        if ":" in host:
            host = f"[{host}]"  # IPv6 literal
        default = 443 if self.https else 80
        authority = host if self.port == default else f"{host}:{self.port}"
        self._head = f"Host: {authority}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self._idle: list[Connection] = []
        self._open: set[Connection] = set()
        self._closed = False

    async def request(
        self, method: str, url: str, headers: Mapping[str, str], choose: ChooseSink
    ) -> Answer:
        """One exchange on a kept-alive connection (or a new one); raises OSError, ssl.SSLError,
        TimeoutError, ProtocolError, BadHost or whatever `choose` and the sink raise."""
        if method == "HEAD":
            raise ValueError("HEAD is not supported: llhttp cannot be told a response has no body")
        if any("\r" in v or "\n" in v for v in headers.values()):
            raise ValueError("a header value with a line break would forge headers")
        lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        request = f"{method} {request_target(url)} HTTP/1.1\r\n{self._head}{lines}\r\n".encode()
        while True:
            connection = await self._connection()
            try:
                return await self._exchange(connection, request, choose)
            except StaleConnection:
                continue  # the server dropped it while idle; a new connection is tried next

    async def _connection(self) -> Connection:
        if self._closed:
            raise ProtocolError("the connection pool was closed")
        while self._idle:
            connection = self._idle.pop()
            if not connection.closed:
                return connection
            self._open.discard(connection)
        loop = asyncio.get_running_loop()
        connect = loop.create_connection(
            lambda: Connection(self.read_timeout),
            self.host,
            self.port,
            ssl=self.ssl_context,
            server_hostname=self.host if self.ssl_context else None,
            # Happy eyeballs (RFC 8305) for names that may resolve to IPv6 and IPv4; an address
            # has one way in, and the race's extra tasks would only delay it.
            happy_eyeballs_delay=None if self.literal else 0.25,
        )
        try:
            _, connection = await _within(connect, self.connect_timeout)
        except asyncio.TimeoutError:
            raise TimeoutError("no connection in time (--connect-timeout)") from None
        except ValueError as exc:
            if isinstance(exc, OSError):
                raise  # a certificate failure (ssl errors are ValueErrors too)
            # The resolver refuses the name itself (UnicodeError, an embedded NUL).
            raise BadHost(f"host {self.host!r}: {exc}") from None
        if self._closed:  # closed while connecting: this one must not outlive it
            connection.abort()
            raise ProtocolError("the connection pool was closed")
        self._open.add(connection)
        return connection

    async def _exchange(self, connection: Connection, request: bytes, choose: ChooseSink) -> Answer:
        done: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        connection.send(request, done, choose)
        try:
            return await done
        finally:
            if connection.reusable and not self._closed:
                self._idle.append(connection)
            else:
                # Cancelled (a deadline), failed or not worth keeping: never reused.
                connection.abort()
                self._open.discard(connection)

    def close(self) -> None:
        """Close every connection at once (no TLS close_notify: the run is over)."""
        self._closed = True
        for connection in self._open:
            connection.abort()
        self._open.clear()
        self._idle.clear()
