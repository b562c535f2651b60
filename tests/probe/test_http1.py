"""The HTTP/1.1 layer against scripted servers on 127.0.0.1: framing, keep-alive, bad servers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from omniready.probe.http1 import BadHost, Headers, Pool, ProtocolError, Sink, request_target

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[None]]


class Body:
    """A sink that keeps everything."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.finished = False

    def feed(self, data: bytes) -> None:
        self.data.extend(data)

    def finish(self) -> None:
        self.finished = True


def exchange(
    handler: Handler,
    count: int = 1,
    *,
    want_body: bool = True,
    read_timeout: float = 2.0,
) -> tuple[list[Any], int]:
    """Run `count` GETs, one after another, through one Pool against a server running `handler`
    for each connection (told its number); returns the results (or exceptions) and how many
    connections the server saw."""
    seen = 0

    async def main() -> list[Any]:
        async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal seen
            seen += 1
            try:
                await handler(reader, writer, seen)
            except (ConnectionError, asyncio.IncompleteReadError):
                pass
            finally:
                writer.close()

        server = await asyncio.start_server(accept, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        pool = Pool(
            f"http://127.0.0.1:{port}",
            ssl_context=None,
            connect_timeout=2,
            read_timeout=read_timeout,
            headers={"User-Agent": "test"},
        )
        results: list[Any] = []
        for i in range(count):
            body = Body()

            def choose(status: int, headers: Headers, body: Sink = body) -> Sink | None:
                return body if want_body else None

            try:
                answer = await pool.request("GET", f"http://127.0.0.1:{port}/{i}", {}, choose)
                # A body handed over must have been told it is complete (a gzip one flushes then).
                assert body.finished or not want_body, "the sink was never finished"
                results.append((answer.status, answer.headers, bytes(body.data)))
            except (OSError, ProtocolError) as exc:  # the test looks at which one
                results.append(exc)
        pool.close()
        server.close()
        await server.wait_closed()
        return results

    results = asyncio.run(main())
    return results, seen


async def read_request(reader: asyncio.StreamReader) -> bytes:
    return await reader.readuntil(b"\r\n\r\n")


def ok(body: bytes, *extra: str) -> bytes:
    head = "".join(f"{line}\r\n" for line in extra)
    return f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n{head}\r\n".encode() + body


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("http://h", "/"),
        ("http://h?x=1", "/?x=1"),
        ("http://h/p?q", "/p?q"),
        ("http://h?q=/a", "/?q=/a"),
        ("http://u@h:80/p#frag", "/p"),
        ("https://h:8443/.well-known/api-catalog", "/.well-known/api-catalog"),
        ("http://h/a%20b/ñ?x=é", "/a%20b/%C3%B1?x=%C3%A9"),
    ],
)
def test_request_target(url: str, target: str) -> None:
    assert request_target(url) == target


def test_headers_are_case_insensitive_and_repeatable() -> None:
    headers = Headers([("link", "<a>; rel=x"), ("content-type", "text/plain"), ("link", "<b>")])
    assert headers.get("Link") == "<a>; rel=x, <b>"
    assert headers.get_list("LINK") == ["<a>; rel=x", "<b>"]
    assert headers["Content-Type"] == "text/plain"
    assert "CONTENT-TYPE" in headers and "location" not in headers
    assert headers.get("location") is None and headers.get("location", "") == ""
    assert list(headers) == ["link", "content-type"] and len(headers) == 2
    with pytest.raises(KeyError):
        headers["location"]


def test_keep_alive_carries_several_requests_on_one_connection() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        while True:
            request = await read_request(reader)
            writer.write(ok(request.split(b" ")[1]))
            await writer.drain()

    results, connections = exchange(handler, 3)
    assert [(status, body) for status, _, body in results] == [
        (200, b"/0"),
        (200, b"/1"),
        (200, b"/2"),
    ]
    assert connections == 1


def test_request_line_and_headers_as_sent() -> None:
    received: list[bytes] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        received.append(await read_request(reader))
        writer.write(ok(b""))
        await writer.drain()

    exchange(handler)
    lines = received[0].decode().split("\r\n")
    assert lines[0] == "GET /0 HTTP/1.1"
    assert lines[1].startswith("Host: 127.0.0.1:")
    assert "User-Agent: test" in lines


def test_a_kept_alive_connection_closed_by_the_server_is_replaced() -> None:
    # The first connection answers once, then takes the next request and hangs up unanswered.
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(ok(b"first" if n == 1 else b"again"))
        await writer.drain()
        if n == 1:
            await read_request(reader)

    results, connections = exchange(handler, 2)
    assert [body for _, _, body in results] == [b"first", b"again"]
    assert connections == 2


def test_connection_close_is_honoured() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(ok(b"x", "Connection: close"))
        await writer.drain()

    results, connections = exchange(handler, 2)
    assert [body for _, _, body in results] == [b"x", b"x"]
    assert connections == 2


def test_chunked_body_and_a_body_that_ends_with_the_connection() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        if n == 1:
            writer.write(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
            )
            await writer.drain()
            await read_request(reader)
            writer.write(b"HTTP/1.0 200 OK\r\n\r\nuntil the end")
        await writer.drain()

    results, _ = exchange(handler, 2)
    assert [body for _, _, body in results] == [b"hello world", b"until the end"]


def test_an_interim_response_is_skipped() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n" + ok(b"final"))
        await writer.drain()

    [(status, headers, body)], _ = exchange(handler)
    assert (status, body) == (200, b"final")
    assert "link" not in headers  # the interim response's headers are not the answer's


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", "closed the connection"),
        (b"this is not HTTP at all\r\n\r\n", "malformed response"),
        (b"HTTP/1.1 200 OK\r\n" + b"X-Filler: " + b"a" * 70_000 + b"\r\n\r\n", "headers over"),
        (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "switched protocols"),
    ],
)
def test_broken_responses_are_protocol_errors(reply: bytes, message: str) -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(reply)
        await writer.drain()

    [result], _ = exchange(handler)
    assert isinstance(result, ProtocolError), result
    assert message in str(result)


def test_endless_headers_are_refused_without_waiting_for_their_end() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(10_000):
            writer.write(b"X-More: " + b"b" * 100 + b"\r\n")
            await writer.drain()

    [result], _ = exchange(handler)
    assert isinstance(result, ProtocolError) and "headers over" in str(result)


def test_silence_is_a_timeout() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        await asyncio.sleep(5)

    [result], _ = exchange(handler, read_timeout=0.3)
    assert isinstance(result, TimeoutError)
    assert "--timeout" in str(result)


def test_a_drip_resets_the_silence_timer() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n")
        for byte in b"drip":
            await asyncio.sleep(0.15)
            writer.write(bytes([byte]))
            await writer.drain()

    [(status, _, body)], _ = exchange(handler, read_timeout=0.3)
    assert (status, body) == (200, b"drip")


def test_an_unwanted_large_body_is_not_read_and_its_connection_not_kept() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n")
        await writer.drain()
        await asyncio.sleep(5)  # the body never comes: the answer must not wait for it

    results, connections = exchange(handler, 2, want_body=False, read_timeout=1)
    assert [(status, body) for status, _, body in results] == [(200, b""), (200, b"")]
    assert connections == 2


def test_a_small_unwanted_body_is_drained_and_the_connection_kept() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        while True:
            await read_request(reader)
            writer.write(ok(b"not wanted"))
            await writer.drain()

    results, connections = exchange(handler, 3, want_body=False)
    assert [body for _, _, body in results] == [b"", b"", b""]
    assert connections == 1


def test_head_is_refused() -> None:
    async def main() -> None:
        pool = Pool(
            "http://127.0.0.1:9", ssl_context=None, connect_timeout=1, read_timeout=1, headers={}
        )
        await pool.request("HEAD", "http://127.0.0.1:9/", {}, lambda status, headers: None)

    with pytest.raises(ValueError, match="HEAD"):
        asyncio.run(main())


def test_trailers_are_not_the_answers_headers() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Location\r\n\r\n"
            b"2\r\nhi\r\n0\r\nLocation: http://elsewhere.example/\r\n\r\n"
        )
        await writer.drain()

    [(status, headers, body)], _ = exchange(handler)
    assert (status, body) == (200, b"hi")
    assert "location" not in headers


def test_a_second_response_in_the_same_read_leaves_the_first_as_it_was() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        while True:
            await read_request(reader)
            writer.write(ok(b"hi") + ok(b"world", "X-Extra: 1"))
            await writer.drain()

    results, connections = exchange(handler, 2)
    for status, headers, body in results:
        assert (status, body, headers.get("content-length")) == (200, b"hi", "2")
        assert "x-extra" not in headers
    assert connections == 2  # the connection that spoke out of turn is not reused


def test_an_endless_trailer_is_refused() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-Tail: "
        )
        for _ in range(10_000):
            writer.write(b"t" * 1000)
            await writer.drain()

    [result], _ = exchange(handler)
    assert isinstance(result, ProtocolError) and "trailers" in str(result)


def test_a_host_the_resolver_refuses_is_a_bad_host() -> None:
    async def main() -> None:
        pool = Pool("http://a..b", ssl_context=None, connect_timeout=1, read_timeout=1, headers={})
        await pool.request("GET", "http://a..b/", {}, lambda status, headers: None)

    with pytest.raises(BadHost):
        asyncio.run(main())


def test_a_header_value_with_a_line_break_is_never_sent() -> None:
    async def main() -> None:
        pool = Pool(
            "http://127.0.0.1:9", ssl_context=None, connect_timeout=1, read_timeout=1, headers={}
        )
        headers = {"Authorization": "Bearer x\r\nX-Forged: 1"}
        await pool.request("GET", "http://127.0.0.1:9/", headers, lambda status, headers: None)

    with pytest.raises(ValueError, match="line break"):
        asyncio.run(main())


def test_an_unwanted_body_that_does_not_come_is_not_waited_for() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 10\r\n\r\n")
        await writer.drain()
        await asyncio.sleep(5)  # the ten bytes never come

    started = time.monotonic()
    [(status, headers, _)], _ = exchange(handler, want_body=False, read_timeout=3)
    assert (status, headers.get("location")) == (302, "/next")
    assert time.monotonic() - started < 1.5
