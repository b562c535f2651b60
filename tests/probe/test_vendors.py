"""Each kind of vendor the issue lists, served for real on 127.0.0.1, probed end to end."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import trustme

from omniready import __version__
from omniready.probe.client import Settings

from .conftest import (
    OPENAPI_31_WEBHOOKS,
    SHAPE_ASYNCAPI_26,
    SWAGGER_20_YAML,
    Server,
    json_reply,
    reply,
    send,
)
from .helpers import FAST, probe_one, run, tool
from .test_spec import COLUMNS, SHAPE_IDS, SHAPE_TABLE, VENDOR_TABLE

Serve = Callable[..., Server]


def test_openapi_31_with_webhooks_at_a_well_known_path(serve: Serve, tmp_path: Path) -> None:
    server = serve({"/api/openapi.json": json_reply(OPENAPI_31_WEBHOOKS)}, path="/api/")
    record = probe_one(
        tmp_path, tool("helpdesk", server.url, claims={"api": True, "webhooks": True})
    )
    assert record.status == "ok"
    assert record.api is not None and record.webhooks is not None
    assert (record.api.evidence, record.api.source, record.api.format, record.api.version) == (
        "spec",
        "well-known",
        "openapi",
        "3.1.0",
    )
    assert record.api.spec_url == server.url + "openapi.json"
    assert (record.api.operations, record.api.security) == (4, ["http:bearer"])
    assert (record.webhooks.evidence, record.webhooks.declared) == ("declared", 2)
    assert record.findings == []
    assert all(s.headers["user-agent"] == f"omniready/{__version__}" for s in server.seen)


def test_spec_url_is_where_the_description_was_served_from(serve: Serve, tmp_path: Path) -> None:
    server = serve(
        {
            "/openapi.json": reply(301, "", {"Location": "/docs/v2/openapi.json"}),
            "/docs/v2/openapi.json": json_reply(OPENAPI_31_WEBHOOKS),
        }
    )
    record = probe_one(tmp_path, tool("moved", server.url))
    assert record.api is not None and record.api.evidence == "spec"
    assert record.api.spec_url == server.origin + "/docs/v2/openapi.json"


def test_well_known_paths_fall_back_to_the_origin_root(serve: Serve, tmp_path: Path) -> None:
    server = serve({"/swagger.yaml": reply(200, SWAGGER_20_YAML)}, path="/v1/")
    record = probe_one(tmp_path, tool("crm", server.url))
    assert record.api is not None and record.api.spec_url == server.origin + "/swagger.yaml"
    paths = server.paths()
    assert paths.index("/v1/asyncapi.yaml") < paths.index("/swagger.yaml")


def test_swagger_yaml_at_an_odd_path_announced_only_by_a_link_header(
    serve: Serve, tmp_path: Path
) -> None:
    server = serve(
        {
            "/": reply(
                200,
                "<html>welcome</html>",
                {
                    "Link": '</internal/desc-v7.yml>; rel="service-desc"',
                    "Content-Type": "text/html",
                },
            ),
            "/internal/desc-v7.yml": reply(
                200, SWAGGER_20_YAML, {"Content-Type": "application/octet-stream"}
            ),
        }
    )
    record = probe_one(tmp_path, tool("crm", server.url, claims={"api": True}))
    assert record.api is not None
    assert (record.api.source, record.api.format, record.api.version, record.api.operations) == (
        "link",
        "swagger",
        "2.0",
        2,
    )
    assert record.api.security == ["apiKey:header"]
    assert "/openapi.json" not in server.paths()  # found before guessing


def test_api_catalog_service_desc(serve: Serve, tmp_path: Path) -> None:
    catalog = {
        "linkset": [
            {
                "anchor": "/",
                "service-desc": [{"href": "/specs/events.yaml", "type": "application/yaml"}],
            }
        ]
    }
    events = SHAPE_ASYNCAPI_26.encode()
    server = serve(
        {"/.well-known/api-catalog": json_reply(catalog), "/specs/events.yaml": reply(200, events)}
    )
    record = probe_one(tmp_path, tool("iot", server.url))
    assert record.api is not None
    assert (record.api.source, record.api.format, record.api.operations) == (
        "api-catalog",
        "asyncapi",
        3,
    )


def handshake(allowed: str | None, status: int = 200) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(req: BaseHTTPRequestHandler) -> None:
        headers = {"Allow": "POST, OPTIONS", "WebHook-Allowed-Rate": "120"}
        if allowed == "echo":
            headers["WebHook-Allowed-Origin"] = req.headers["WebHook-Request-Origin"]
        elif allowed is not None:
            headers["WebHook-Allowed-Origin"] = allowed
        send(req, status, b"", headers)

    return handler


def test_cloudevents_handshake_consent_and_refusal(serve: Serve, tmp_path: Path) -> None:
    vendor = serve({"/": reply(200, "")})
    consenting = serve({"OPTIONS /hooks": handshake("echo")})
    refusing = serve({"OPTIONS /hooks": handshake(None, 403)})
    wrong = serve({"OPTIONS /hooks": handshake("someone-else.example")})
    report = run(
        tmp_path,
        [
            tool(
                "yes",
                vendor.url,
                webhook={"receiver_url": consenting.origin + "/hooks"},
                claims={"webhooks": True},
            ),
            tool(
                "no",
                vendor.url,
                webhook={"receiver_url": refusing.origin + "/hooks"},
                claims={"webhooks": True},
            ),
            tool("other", vendor.url, webhook={"receiver_url": wrong.origin + "/hooks"}),
        ],
        fail_on="no-webhooks,claim-mismatch",
    )
    yes, no, other = (r.record.webhooks for r in report.results)
    assert yes is not None and no is not None and other is not None
    assert yes.evidence == "handshake" and yes.handshake is not None
    assert (yes.handshake.consented, yes.handshake.allowed_rate, yes.handshake.allow) == (
        True,
        "120",
        ["POST", "OPTIONS"],
    )
    assert consenting.seen[0].method == "OPTIONS"
    assert consenting.seen[0].headers["webhook-request-origin"] == vendor.origin.split("//")[1]
    assert no.evidence == "claimed-only" and no.handshake is not None
    assert (no.handshake.consented, no.handshake.status) == (False, 403)
    assert other.evidence == "none" and other.handshake is not None
    assert other.handshake.reason is not None and "origin not allowed" in other.handshake.reason
    assert [r.failed for r in report.results] == [False, True, True]


def test_oauth_oidc_and_protected_resource_metadata(serve: Serve, tmp_path: Path) -> None:
    server = serve(
        {
            "/api/": reply(
                401,
                "",
                {"WWW-Authenticate": 'Bearer realm="api", resource_metadata="/.well-known/x"'},
            ),
            "/.well-known/oauth-authorization-server": json_reply(
                {"issuer": "https://auth.example", "grant_types_supported": ["client_credentials"]}
            ),
            "/.well-known/openid-configuration": json_reply({"issuer": "https://id.example"}),
            "/.well-known/oauth-protected-resource": json_reply(
                {
                    "resource": "https://api.example",
                    "authorization_servers": ["https://auth.example"],
                }
            ),
        }
    )
    record = probe_one(tmp_path, tool("sso", server.origin + "/api/"))
    auth = record.auth
    assert auth is not None and auth.oauth and auth.oidc and auth.protected_resource
    assert auth.www_authenticate == ["Bearer"]
    assert (auth.oauth.issuer, auth.oauth.grant_types) == (
        "https://auth.example",
        ["client_credentials"],
    )
    assert auth.oidc.issuer == "https://id.example"
    assert auth.protected_resource.authorization_servers == ["https://auth.example"]
    assert record.api is not None and record.api.evidence == "reachable"


def test_tls_vendor_with_trustme_certificate(
    serve: Serve, tmp_path: Path, ca: trustme.CA, ca_file: Path
) -> None:
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=10, hours=1)
    cert = ca.issue_cert("127.0.0.1", not_after=soon)
    server = serve(
        {
            "/": reply(200, "hi", {"Strict-Transport-Security": "max-age=31536000"}),
            "/openapi.json": json_reply(OPENAPI_31_WEBHOOKS),
        },
        tls=True,
        cert=cert,
    )
    settings = replace(FAST, ca_file=str(ca_file))
    report = run(tmp_path, [tool("secure", server.url)], settings, fail_on="tls-expiring:30")
    record = report.results[0].record
    assert record.status == "ok" and record.tls is not None
    assert record.tls.version in {"TLSv1.2", "TLSv1.3"}
    assert (record.tls.days_left, record.tls.hsts_max_age) == (10, 31536000)
    assert [f.condition for f in record.findings] == ["tls-expiring"]
    assert report.failed
    untrusted = probe_one(tmp_path, tool("secure", server.url))  # certifi does not know our CA
    assert untrusted.status == "tls"
    assert [f.condition for f in untrusted.findings] == ["unreachable"]


def assert_probed(
    serve: Serve,
    tmp_path: Path,
    name: str,
    body: bytes,
    fmt: str,
    version: str,
    ops: int,
    hooks: int,
    callbacks: int,
    ext: dict[str, int],
    sec: str,
) -> None:
    # Static servers send YAML as octet-stream: the probe must not trust Content-Type.
    server = serve({f"/{name}": reply(200, body, {"Content-Type": "application/octet-stream"})})
    record = probe_one(tmp_path, tool("v", server.url, api={"spec_url": server.url + name}))
    assert record.api is not None and record.webhooks is not None
    assert (record.api.format, record.api.version, record.api.operations) == (fmt, version, ops)
    assert (record.webhooks.declared, record.webhooks.callback_operations) == (hooks, callbacks)
    assert record.webhooks.extensions == ext
    assert (",".join(record.api.security) or "-") == sec
    expected_evidence = "declared" if hooks or callbacks or ext else "none"
    assert record.webhooks.evidence == expected_evidence


@pytest.mark.parametrize(("name", *COLUMNS), VENDOR_TABLE)
def test_real_vendor_specs_served_over_http(
    serve: Serve,
    tmp_path: Path,
    vendor_specs: Path,
    name: str,
    fmt: str,
    version: str,
    ops: int,
    hooks: int,
    callbacks: int,
    ext: dict[str, int],
    sec: str,
) -> None:
    body = (vendor_specs / name).read_bytes()
    assert_probed(serve, tmp_path, name, body, fmt, version, ops, hooks, callbacks, ext, sec)


@pytest.mark.parametrize(("text", *COLUMNS), SHAPE_TABLE, ids=SHAPE_IDS)
def test_shapes_of_real_vendor_specs_served_over_http(
    serve: Serve,
    tmp_path: Path,
    text: str,
    fmt: str,
    version: str,
    ops: int,
    hooks: int,
    callbacks: int,
    ext: dict[str, int],
    sec: str,
) -> None:
    body = text.encode()
    assert_probed(serve, tmp_path, "spec", body, fmt, version, ops, hooks, callbacks, ext, sec)


def test_websub_hub_rate_limits_deprecation_and_sunset(serve: Serve, tmp_path: Path) -> None:
    server = serve(
        {
            "/": reply(
                200,
                "",
                [
                    ("Link", '<https://hub.example/>; rel="hub"'),
                    ("Link", '<https://docs.example/retire>; rel="sunset"'),
                    ("Deprecation", "@1688169599"),
                    ("Sunset", "Sun, 11 Nov 2029 23:59:59 GMT"),
                    ("RateLimit-Limit", "100"),
                    ("X-RateLimit-Remaining", "99"),
                ],
            )
        }
    )
    report = run(tmp_path, [tool("old", server.url)], fail_on="sunset")
    record = report.results[0].record
    assert record.webhooks is not None and record.webhooks.websub_hub == "https://hub.example/"
    assert record.webhooks.evidence == "declared"
    assert record.rate_limit == {"ratelimit-limit": "100", "x-ratelimit-remaining": "99"}
    assert record.lifecycle is not None and record.lifecycle.deprecated
    assert record.lifecycle.sunset == dt.datetime(2029, 11, 11, 23, 59, 59, tzinfo=dt.timezone.utc)
    assert record.lifecycle.links == ["https://docs.example/retire"]
    assert report.failed and "sunset on 2029-11-11" in report.results[0].evaluations[0].message


def test_retries_on_429_and_503_honouring_retry_after(serve: Serve, tmp_path: Path) -> None:
    answers = iter([(429, {"Retry-After": "100"}), (503, {"Retry-After": "0"}), (200, {})])

    def flaky(req: BaseHTTPRequestHandler) -> None:
        status, headers = next(answers, (200, {}))
        send(req, status, json.dumps(OPENAPI_31_WEBHOOKS) if status == 200 else "", headers)

    server = serve({"/spec.json": flaky})
    record = probe_one(
        tmp_path, tool("busy", server.url, api={"spec_url": server.url + "spec.json"})
    )
    assert record.status == "ok" and server.paths().count("/spec.json") == 3
    assert record.rate_limit.get("retry-after") == "100"


def test_no_retry_beyond_the_limit_and_none_on_other_errors(serve: Serve, tmp_path: Path) -> None:
    server = serve(
        {"/busy.json": reply(503, "", {"Retry-After": "0"}), "/broken.json": reply(500, "")}
    )
    settings = replace(FAST, retries=1)
    busy = probe_one(
        tmp_path, tool("a", server.url, api={"spec_url": server.url + "busy.json"}), settings
    )
    broken = probe_one(
        tmp_path, tool("a", server.url, api={"spec_url": server.url + "broken.json"}), settings
    )
    assert (busy.status, broken.status) == ("http-503", "http-500")
    assert server.paths().count("/busy.json") == 2 and server.paths().count("/broken.json") == 1


def test_token_goes_to_the_vendor_only(serve: Serve, tmp_path: Path) -> None:
    secret = "s3cr3t-token-value-XYZ"
    elsewhere = serve({"/spec.json": json_reply(OPENAPI_31_WEBHOOKS)})
    receiver = serve({"OPTIONS /in": handshake("*")})
    vendor = serve(
        {
            "/": reply(200, ""),
            "/moved.json": reply(302, "", {"Location": elsewhere.origin + "/spec.json"}),
        }
    )
    record = probe_one(
        tmp_path,
        tool(
            "crm",
            vendor.url,
            auth={"token_env": "CRM_TOKEN"},
            api={"spec_url": vendor.url + "moved.json"},
            webhook={"receiver_url": receiver.origin + "/in"},
        ),
        env={"CRM_TOKEN": secret},
    )
    assert record.status == "ok" and record.api is not None and record.api.operations == 4
    assert all(s.headers.get("authorization") == f"Bearer {secret}" for s in vendor.seen)
    assert elsewhere.seen and all("authorization" not in s.headers for s in elsewhere.seen)
    assert receiver.seen and all("authorization" not in s.headers for s in receiver.seen)
    assert secret not in record.model_dump_json()


def test_concurrency_limits_are_respected(serve: Serve, tmp_path: Path) -> None:
    import threading
    import time

    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def slow(req: BaseHTTPRequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        send(req, 404, "")

    server = serve({"/": slow, **{f"/{p}": slow for p in ["openapi.json", "openapi.yaml"]}})
    settings = Settings(per_host=2, concurrency=8, deadline=10, read_timeout=5)
    report = run(tmp_path, [tool(f"t{i}", server.url) for i in range(4)], settings)
    # Every answer is a 404 (a wrong base_url), none a network failure.
    assert all(r.record.status == "http-404" for r in report.results)
    assert state["peak"] <= 2


def test_a_deprecated_description_is_heard_too(serve: Serve, tmp_path: Path) -> None:
    server = serve(
        {
            "/v1.json": reply(
                200,
                json.dumps(OPENAPI_31_WEBHOOKS),
                {"Deprecation": "@1688169599", "Link": '</v2.json>; rel="successor-version"'},
            )
        }
    )
    record = probe_one(tmp_path, tool("v1", server.url, api={"spec_url": server.url + "v1.json"}))
    assert record.lifecycle is not None and record.lifecycle.deprecated
    assert [f.condition for f in record.findings] == ["sunset"]


def test_a_token_no_header_can_carry_is_refused_and_a_trailing_newline_dropped(
    serve: Serve, tmp_path: Path
) -> None:
    vendor = serve({"/": reply(200, "")})
    forged = "abc\r\nX-Forged: yes"
    report = run(
        tmp_path,
        [
            tool("bad", vendor.url, auth={"token_env": "BAD_TOKEN"}),
            tool("good", vendor.url + "good/", auth={"token_env": "GOOD_TOKEN"}),
        ],
        env={"BAD_TOKEN": forged, "GOOD_TOKEN": "tok-123\n"},
    )
    assert any("$BAD_TOKEN" in w and "without credentials" in w for w in report.warnings)
    assert not any(forged in w or "abc" in w for w in report.warnings)
    assert all("x-forged" not in s.headers for s in vendor.seen)
    sent = {s.headers.get("authorization") for s in vendor.seen if s.path.startswith("/good")}
    assert sent == {"Bearer tok-123"}
    assert "Bearer abc" not in {s.headers.get("authorization") for s in vendor.seen}


def test_a_token_for_plain_http_warns_and_fail_on_refuses_to_send_it(
    serve: Serve, tmp_path: Path
) -> None:
    server = serve({"/": reply(200, "hi")})
    entry = tool("crm", server.url, auth={"token_env": "CRM_TOKEN"})
    env = {"CRM_TOKEN": "tok-plain-123"}
    warned = run(tmp_path, [entry], env=env)
    assert any("$CRM_TOKEN goes over plain http://" in w for w in warned.warnings)
    assert [f.condition for f in warned.results[0].record.findings][-1] == "insecure-token"
    assert not warned.failed
    assert server.seen[0].headers.get("authorization") == "Bearer tok-plain-123"
    server.seen.clear()
    refused = run(tmp_path, [entry], env=env, fail_on="insecure-token")
    assert refused.failed
    assert any("is not sent over plain http://" in w for w in refused.warnings)
    assert server.seen and all("authorization" not in s.headers for s in server.seen)
