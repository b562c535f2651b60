"""Hostile and broken vendors: every one ends in a classified result, never a crash or a hang,
and memory stays bounded by the body cap."""

from __future__ import annotations

import json
import socket
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from omniready.audit.probe_record import ProbeRecord
from omniready.probe.client import Settings

from .conftest import (
    ALIAS_BOMB,
    OPENAPI_31_WEBHOOKS,
    Server,
    closed_port,
    drip,
    endless,
    json_reply,
    redirect_loop,
    reply,
)
from .helpers import probe_one, run, tool

Serve = Callable[..., Server]
# Short limits keep the suite fast; every hostile case must end inside them.
HOSTILE = Settings(
    connect_timeout=1, read_timeout=1, deadline=3, max_body=1_000_000, retry_after_cap=0.1
)


def test_each_hostile_spec_ends_in_its_class(serve: Serve, tmp_path: Path) -> None:
    big = b'{"openapi": "3.1.0", "x": "' + b"y" * 1_200_000 + b'"}'
    server = serve(
        {
            "/": reply(200, "ok"),
            "/drip.json": drip,
            "/endless.json": endless,
            "/loop/0": redirect_loop,
            "/loop/1": redirect_loop,
            "/invalid.json": reply(
                200, '{"openapi": "3.1.0", "paths": {"/a": ', {"Content-Type": "application/json"}
            ),
            "/big.json": reply(200, big, {"Content-Type": "application/json"}),
            "/page.json": reply(
                200,
                "<!DOCTYPE html><html><body>Sign in</body></html>",
                {"Content-Type": "text/html"},
            ),
            "/bomb.yaml": reply(200, ALIAS_BOMB),
            "/gone.json": reply(404, "no"),
        }
    )
    cases = {
        "drip": ("drip.json", "timeout"),
        "endless": ("endless.json", "too-large"),
        "loop": ("loop/0", "redirects"),
        "invalid": ("invalid.json", "bad-spec"),
        "big": ("big.json", "too-large"),
        "html": ("page.json", "bad-spec"),
        "bomb": ("bomb.yaml", "bad-spec"),
        "gone": ("gone.json", "http-404"),
    }
    tools = [
        tool(name, server.url, api={"spec_url": server.url + path}, claims={"api": True})
        for name, (path, _) in cases.items()
    ]
    report = run(tmp_path, tools, replace(HOSTILE, per_host=16), fail_on="no-api")
    statuses = {r.target.id: r.record.status for r in report.results}
    assert statuses == {name: expected for name, (_, expected) in cases.items()}
    for result in report.results:
        assert result.record.api is not None and result.record.api.evidence == "reachable"
        assert result.failed  # no-api holds for each of them
    assert "alias" in (report.results[6].record.error or "")
    # The loop was cut after the allowed redirects: 1 + 5 requests, not more.
    assert server.paths().count("/loop/0") + server.paths().count("/loop/1") == 6


def probe_spec_measuring_memory(
    tmp_path: Path, base_url: str, spec_url: str
) -> tuple[ProbeRecord, int]:
    """Probe one tool whose description is at spec_url with a 2 MB cap; its record and the
    peak of Python memory allocated meanwhile."""
    tracemalloc.start()
    try:
        record = probe_one(
            tmp_path,
            tool("t", base_url, api={"spec_url": spec_url}),
            replace(HOSTILE, max_body=2_000_000),
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return record, peak


def test_endless_body_keeps_memory_bounded(serve: Serve, tmp_path: Path) -> None:
    server = serve({"/endless.json": endless})
    record, peak = probe_spec_measuring_memory(tmp_path, server.url, server.url + "endless.json")
    assert record.status == "too-large"
    assert peak < 12_000_000  # a few times the 2 MB cap, never the endless body


def test_alias_bomb_in_a_guessed_location_is_skipped_not_fatal(
    serve: Serve, tmp_path: Path
) -> None:
    server = serve({"/": reply(200, "hi"), "/openapi.yaml": reply(200, ALIAS_BOMB)})
    record = probe_one(tmp_path, tool("b", server.url), HOSTILE)
    assert record.status == "ok"
    assert record.api is not None and record.api.evidence == "reachable"


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    sock.close()


@pytest.fixture
def garbage_server() -> Iterator[str]:
    """Answers every connection with bytes that are not HTTP."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    stop = threading.Event()

    def serve_garbage() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn = sock.accept()[0]
            except OSError:
                continue
            try:
                conn.recv(65536)
                conn.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve_garbage, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    stop.set()
    thread.join()
    sock.close()


def test_each_hostile_host_ends_in_its_class(
    serve: Serve, tmp_path: Path, silent_server: str, garbage_server: str
) -> None:
    failing = serve({"/": reply(500, "oops")})
    report = run(
        tmp_path,
        [
            tool("nxdomain", "http://no-such-vendor.invalid/"),
            tool("refused", f"http://127.0.0.1:{closed_port()}/"),
            tool("silent", silent_server),
            tool("garbage", garbage_server),
            tool("failing", failing.url),
        ],
        HOSTILE,
        fail_on="unreachable,not-found",
    )
    statuses = {r.target.id: r.record.status for r in report.results}
    assert statuses == {
        "nxdomain": "dns",
        "refused": "connect",
        "silent": "timeout",
        "garbage": "protocol",
        "failing": "http-500",
    }
    for result in report.results:
        # A server error is an answer: the vendor is there but nothing works (not-found).
        failing = result.target.id == "failing"
        assert [f.condition for f in result.record.findings] == [
            "not-found" if failing else "unreachable"
        ]
        assert result.failed
        assert result.failure == (None if failing else result.record.status)
        # Every reason says which URL failed, even when the OS gives no text.
        assert (result.record.error or "").startswith(result.target.base_url), result.record
    assert "no-such-vendor.invalid" in (report.results[0].record.error or "")
    assert "no data in time (--timeout)" in (report.results[2].record.error or "")


def test_a_vendor_that_only_throttles_is_unknown_not_absent(serve: Serve, tmp_path: Path) -> None:
    # 429 with a long Retry-After on every request: nothing is learnt about API or webhooks,
    # so the claims are neither confirmed nor denied; the run fails only on `unreachable`.
    throttled = reply(429, "slow down", {"Retry-After": "3600"})
    server = serve({"/": throttled, "/.well-known/api-catalog": throttled})
    claims = {"claims": {"api": True, "webhooks": True}}
    settings = replace(HOSTILE, deadline=10)
    report = run(
        tmp_path,
        [tool("busy", server.url, **claims)],
        settings,
        fail_on="no-api,no-webhooks,claim-mismatch",
    )
    record = report.results[0].record
    assert record.status == "http-429"
    assert record.error == f"{server.url} answered 429: rate-limited, Retry-After 3600"
    assert [f.condition for f in record.findings] == ["unreachable"]
    assert not report.failed
    assert record.rate_limit == {"retry-after": "3600"}
    # base_url and the api-catalog, each tried 1 + 2 retries; no guessed paths, no auth URLs.
    assert sorted(set(server.paths())) == ["/", "/.well-known/api-catalog"]
    assert record.requests == 6
    assert run(tmp_path, [tool("busy", server.url, **claims)], settings, "unreachable").failed


def test_a_vendor_failing_everywhere_costs_a_few_requests_not_dozens(
    serve: Serve, tmp_path: Path
) -> None:
    down = reply(503, "down", {"Retry-After": "0"})
    server = serve({"/": down, "/.well-known/api-catalog": down})
    record = probe_one(tmp_path, tool("down", server.url, claims={"api": True}), HOSTILE)
    assert record.status == "http-503"
    assert [f.condition for f in record.findings] == ["not-found"]
    # base_url and the api-catalog (asked at once, before base_url's answer is known), each
    # with its two retries after a 503; the 22 guessed paths and 3 auth URLs are not asked.
    assert record.requests == 6
    assert sorted(set(server.paths())) == ["/", "/.well-known/api-catalog"]


def _slow_headers(req: BaseHTTPRequestHandler) -> None:
    import time

    time.sleep(3)


def test_tool_deadline_bounds_many_slow_requests(serve: Serve, tmp_path: Path) -> None:
    # Every request is slower than the deadline allows in total: the tool ends as timeout.
    server = serve({"/": reply(200, ""), "/openapi.json": _slow_headers})
    record = probe_one(
        tmp_path, tool("slow", server.url), replace(HOSTILE, read_timeout=5, deadline=1)
    )
    assert record.status == "timeout"
    assert record.error is not None and "deadline" in record.error


def test_broken_links_and_odd_urls_are_classified_not_fatal(serve: Serve, tmp_path: Path) -> None:
    server = serve(
        {
            "/": reply(
                200,
                "",
                [
                    ("Link", '<http://x:99999999/spec>; rel="service-desc"'),
                    ("Link", '<ftp://files.example/spec>; rel="service-desc"'),
                ],
            ),
            "/jump": reply(301, "", {"Location": "gopher://old.example/"}),
        }
    )
    record = probe_one(tmp_path, tool("odd", server.url), HOSTILE)
    assert record.status == "bad-url" and record.api is not None
    assert record.api.evidence == "reachable"
    jump = probe_one(
        tmp_path, tool("j", server.url, api={"spec_url": server.url + "jump"}), HOSTILE
    )
    assert jump.status == "bad-url"


def test_a_bug_with_one_vendor_is_an_error_result_not_a_crash(
    serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omniready.probe import discover

    def broken(body: bytes) -> None:
        raise TypeError("simulated bug")

    monkeypatch.setattr(discover, "parse_spec", broken)
    server = serve({"/openapi.json": reply(200, "{}")})
    report = run(tmp_path, [tool("a", server.url), tool("b", server.url)], HOSTILE)
    assert [r.record.status for r in report.results] == ["error", "error"]
    assert "simulated bug" in (report.results[0].record.error or "")
    with pytest.raises(TypeError):
        run(tmp_path, [tool("a", server.url)], replace(HOSTILE, debug=True))


def test_gzip_bomb_stops_at_the_cap_with_memory_bounded(serve: Serve, tmp_path: Path) -> None:
    import gzip

    bomb = gzip.compress(b'{"openapi": "3.1.0", "x": "' + b"0" * 200_000_000, compresslevel=9)
    server = serve(
        {
            "/bomb.json": reply(
                200, bomb, {"Content-Encoding": "gzip", "Content-Type": "application/json"}
            )
        }
    )
    record, peak = probe_spec_measuring_memory(tmp_path, server.url, server.url + "bomb.json")
    assert record.status == "too-large"
    assert peak < 12_000_000


def test_compressed_spec_and_bad_encodings(serve: Serve, tmp_path: Path) -> None:
    import gzip
    import zlib

    body = json.dumps(OPENAPI_31_WEBHOOKS).encode()
    server = serve(
        {
            "/gz.json": reply(200, gzip.compress(body), {"Content-Encoding": "gzip"}),
            "/zl.json": reply(200, zlib.compress(body), {"Content-Encoding": "deflate"}),
            "/raw.json": reply(200, zlib.compress(body)[2:-4], {"Content-Encoding": "deflate"}),
            "/br.json": reply(200, b"xx", {"Content-Encoding": "br"}),
            "/bad.json": reply(200, b"not gzip at all", {"Content-Encoding": "gzip"}),
        }
    )
    statuses = {}
    for name in ("gz", "zl", "raw", "br", "bad"):
        record = probe_one(
            tmp_path, tool(name, server.url, api={"spec_url": f"{server.url}{name}.json"}), HOSTILE
        )
        statuses[name] = record.status
        if record.status == "ok":
            assert record.api is not None and record.api.operations == 4
    assert statuses == {"gz": "ok", "zl": "ok", "raw": "ok", "br": "protocol", "bad": "protocol"}
    assert server.seen[0].headers["accept-encoding"] == "gzip, deflate"


def test_large_descriptions_parse_within_one_memory_budget(
    serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Parsing holds several times a body in memory: three vendors' large specs must not add up
    # past the run's budget (here one 1 MB description's worth at a time).
    import time

    from omniready.probe import budget, discover

    monkeypatch.setattr(budget, "PARSE_BUDGET", 1_000_000 * budget.PARSE_COST)

    active, most = 0, 0
    lock = threading.Lock()
    real = discover.parse_spec

    def counting(body: bytes) -> object:
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
        try:
            time.sleep(0.05)  # long enough for the others to arrive
            return real(body)
        finally:
            with lock:
                active -= 1

    big = dict(OPENAPI_31_WEBHOOKS, **{"x-padding": "y" * 1_000_000})
    body = json.dumps(big)
    monkeypatch.setattr(discover, "parse_spec", counting)
    servers = [serve({"/openapi.json": reply(200, body)}) for _ in range(3)]
    report = run(
        tmp_path,
        [tool(f"big{i}", s.url) for i, s in enumerate(servers)],
        replace(HOSTILE, max_body=10_000_000, deadline=20),
    )
    assert [r.record.api.evidence for r in report.results if r.record.api] == ["spec"] * 3
    assert most == 1


def test_a_tool_finishing_leaves_an_origin_another_tool_still_uses(
    serve: Serve, tmp_path: Path
) -> None:
    import time

    def slow_spec(req: BaseHTTPRequestHandler) -> None:
        time.sleep(0.8)  # "a" is done long before this answer comes
        json_reply(OPENAPI_31_WEBHOOKS)(req)

    shared = serve({"/slow.json": slow_spec})
    own = serve({"/": reply(200, "hello")})
    report = run(
        tmp_path,
        [tool("a", shared.url), tool("b", own.url, api={"spec_url": shared.origin + "/slow.json"})],
        replace(HOSTILE, deadline=5),
    )
    b = report.results[1].record
    assert b.status == "ok", b.error
    assert b.api is not None and b.api.evidence == "spec"


def test_a_compressed_body_cut_short_is_a_protocol_failure(serve: Serve, tmp_path: Path) -> None:
    import gzip

    whole = gzip.compress(json.dumps(OPENAPI_31_WEBHOOKS).encode())
    server = serve(
        {"/cut.json": reply(200, whole[: len(whole) // 2], {"Content-Encoding": "gzip"})}
    )
    record = probe_one(
        tmp_path, tool("cut", server.url, api={"spec_url": server.url + "cut.json"}), HOSTILE
    )
    assert record.status == "protocol"
    assert "cut short" in (record.error or "")


def test_hosts_and_characters_no_request_can_carry_are_bad_urls(
    serve: Serve, tmp_path: Path
) -> None:
    catalog = {
        "linkset": [
            {"anchor": "x", "service-desc": [{"href": "/spec\x1b[31m\x00.json"}]},
        ]
    }
    server = serve(
        {
            "/": reply(302, "", {"Location": "http://a..b/"}),
            "/.well-known/api-catalog": json_reply(catalog),
        }
    )
    record = probe_one(tmp_path, tool("odd", server.url), HOSTILE)
    assert record.status == "bad-url", record.error
    assert "a..b" in (record.error or "")
    # The catalog's link with control characters was never put on a request line.
    assert all("\x1b" not in path and "\x00" not in path for path in server.paths())


def test_gzip_members_are_read_in_turn_and_several_locations_refused(
    serve: Serve, tmp_path: Path
) -> None:
    import gzip

    body = json.dumps(OPENAPI_31_WEBHOOKS).encode()
    half = len(body) // 2
    server = serve(
        {
            "/two.json": reply(
                200,
                gzip.compress(body[:half]) + gzip.compress(body[half:]),
                {"Content-Encoding": "gzip"},
            ),
            "/moved": reply(302, "", [("Location", "/a.json"), ("Location", "/b.json")]),
        }
    )
    two = probe_one(
        tmp_path, tool("two", server.url, api={"spec_url": server.url + "two.json"}), HOSTILE
    )
    assert two.status == "ok" and two.api is not None and two.api.operations == 4
    moved = probe_one(
        tmp_path, tool("moved", server.url, api={"spec_url": server.url + "moved"}), HOSTILE
    )
    assert moved.status == "protocol"
    assert "2 different Locations" in (moved.error or "")
    assert (moved.error or "").count(server.url + "moved") == 1


def test_time_queued_behind_other_tools_does_not_count_against_a_deadline(
    serve: Serve, tmp_path: Path
) -> None:
    import time

    def slow(handler: Callable[[BaseHTTPRequestHandler], None]) -> Callable[..., None]:
        def answer(req: BaseHTTPRequestHandler) -> None:
            time.sleep(0.05)
            handler(req)

        return answer

    paths = ["/", "/.well-known/api-catalog", "/.well-known/oauth-authorization-server"]
    paths += ["/.well-known/openid-configuration", "/.well-known/oauth-protected-resource"]
    routes = {path: slow(reply(404, "")) for path in paths}
    routes["/"] = slow(reply(200, "hello"))
    routes["/openapi.json"] = slow(json_reply(OPENAPI_31_WEBHOOKS))
    vendor = serve(routes)
    # Ten tools on one origin, one request at a time: each needs ~0.3 s of its own, the run
    # ~3 s. In a shared FIFO queue every tool would be ~3 s old when it ends.
    settings = replace(HOSTILE, concurrency=1, per_host=1, deadline=1.5)
    report = run(tmp_path, [tool(f"t{i}", vendor.url) for i in range(10)], settings)
    assert [r.record.status for r in report.results] == ["ok"] * 10


def test_a_stream_of_empty_gzip_members_is_capped_on_its_compressed_bytes(
    serve: Serve, tmp_path: Path
) -> None:
    import gzip

    member = gzip.compress(b"")
    flood = member * (1_100_000 // len(member))  # 1.1 MB in, nothing out: over a 1 MB cap

    def no_length(req: BaseHTTPRequestHandler) -> None:
        # No Content-Length: the body ends when the connection does, so only reading tells.
        req.send_response(200)
        req.send_header("Content-Encoding", "gzip")
        req.send_header("Connection", "close")
        req.end_headers()
        req.wfile.write(flood)
        req.close_connection = True

    server = serve({"/empty.json": no_length})
    record = probe_one(
        tmp_path, tool("e", server.url, api={"spec_url": server.url + "empty.json"}), HOSTILE
    )
    assert record.status == "too-large", record.error
    assert "compressed" in (record.error or "")
