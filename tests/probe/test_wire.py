"""What httpx gives the probe on the wire, against real servers on 127.0.0.1: a corporate
forward proxy (CONNECT, with and without credentials, NO_PROXY, --proxy) and HTTP/2."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import trustme
from typer.testing import CliRunner

from omniready.cli import app
from omniready.errors import OmnireadyError

from .conftest import OPENAPI_31_WEBHOOKS, Server, closed_port, json_reply, reply
from .h2_server import h2_server
from .helpers import FAST, run, tool
from .proxy_server import forward_proxy

Serve = Callable[..., Server]


def https_vendor(serve: Serve) -> Server:
    return serve(
        {"/": reply(200, "hi"), "/openapi.json": json_reply(OPENAPI_31_WEBHOOKS)}, tls=True
    )


def test_an_https_vendor_through_a_forward_proxy_with_tls_verified_end_to_end(
    serve: Serve, tmp_path: Path, ca_file: Path
) -> None:
    vendor = https_vendor(serve)
    authority = vendor.origin.removeprefix("https://")
    with forward_proxy() as proxy:
        report = run(
            tmp_path,
            [tool("crm", vendor.url)],
            replace(FAST, ca_file=str(ca_file)),
            env={"HTTPS_PROXY": proxy.url},
        )
        record = report.results[0].record
        assert record.status == "ok", record.error
        assert record.api is not None and record.api.evidence == "spec"
        # Through the proxy: it tunnelled the vendor's origin, the vendor saw the requests,
        # and TLS was the vendor's own, verified with our CA through the tunnel.
        assert proxy.connects and set(proxy.connects) == {authority}
        assert "/openapi.json" in vendor.paths()
        assert record.tls is not None and record.tls.version in {"TLSv1.2", "TLSv1.3"}
        # The same tunnel with a CA that does not know the vendor: still refused as tls.
        untrusted = run(tmp_path, [tool("crm", vendor.url)], FAST, env={"https_proxy": proxy.url})
        assert untrusted.results[0].record.status == "tls"


def test_no_proxy_sends_a_host_direct(serve: Serve, tmp_path: Path, ca_file: Path) -> None:
    vendor = https_vendor(serve)
    with forward_proxy() as proxy:
        env = {"HTTPS_PROXY": proxy.url, "NO_PROXY": "localhost,127.0.0.1"}
        report = run(
            tmp_path, [tool("crm", vendor.url)], replace(FAST, ca_file=str(ca_file)), env=env
        )
        assert report.results[0].record.status == "ok"
        assert proxy.connects == []
        assert "/" in vendor.paths()


def test_a_proxy_demanding_credentials_is_a_proxy_failure_naming_it_without_the_password(
    serve: Serve, tmp_path: Path, ca_file: Path
) -> None:
    vendor = https_vendor(serve)
    settings = replace(FAST, ca_file=str(ca_file))
    with forward_proxy(credentials="ana:s3cret") as proxy:
        wrong = proxy.url.replace("http://", "http://ana:wrong-pw@")
        report = run(tmp_path, [tool("crm", vendor.url)], settings, env={"HTTPS_PROXY": wrong})
        record = report.results[0].record
        assert record.status == "proxy", record.error
        assert report.results[0].failure == "proxy"
        assert proxy.url.removeprefix("http://") in (record.error or "")
        assert "407" in (record.error or "")
        assert "wrong-pw" not in record.model_dump_json()
        assert all("wrong-pw" not in (r.error or "") for r in report.results[0].requests)
        assert proxy.connects == [] and proxy.refused
        # With the right credentials the same proxy lets the probe through.
        right = proxy.url.replace("http://", "http://ana:s3cret@")
        ok = run(tmp_path, [tool("crm", vendor.url)], settings, env={"HTTPS_PROXY": right})
        assert ok.results[0].record.status == "ok"
        assert proxy.connects


def test_a_proxy_that_refuses_connections_is_a_proxy_failure(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    report = run(
        tmp_path,
        [tool("a", "https://vendor.invalid/"), tool("b", "http://vendor.invalid/")],
        FAST,
        env={"ALL_PROXY": dead},
    )
    for result in report.results:
        assert result.record.status == "proxy", result.record.error
        assert f"proxy {dead}" in (result.record.error or "")


def test_the_proxy_option_overrides_the_environment(
    serve: Serve, tmp_path: Path, ca_file: Path
) -> None:
    vendor = https_vendor(serve)
    path = tmp_path / "vendors.yaml"
    path.write_text(f"- id: crm\n  name: CRM\n  base_url: {vendor.url}\n", encoding="utf-8")
    with forward_proxy() as proxy:
        result = CliRunner().invoke(
            app,
            ["probe", str(path), "--no-write", "-f", "json", "--ca-file", str(ca_file)]
            + ["--proxy", proxy.url, "--timeout", "2", "--deadline", "5"],
            env={"HTTPS_PROXY": f"http://127.0.0.1:{closed_port()}"},
        )
        assert result.exit_code == 0, result.output
        (crm,) = json.loads(result.stdout)["tools"]
        assert crm["status"] == "ok" and proxy.connects


def test_http2_where_the_vendor_offers_it(tmp_path: Path, ca: trustme.CA, ca_file: Path) -> None:
    spec = json.dumps(OPENAPI_31_WEBHOOKS).encode()
    with h2_server(ca, {"/": (200, b"hi"), "/openapi.json": (200, spec)}) as (origin, seen):
        report = run(tmp_path, [tool("h2", origin + "/")], replace(FAST, ca_file=str(ca_file)))
    result = report.results[0]
    assert result.record.status == "ok", result.record.error
    assert result.record.api is not None and result.record.api.operations == 4
    assert result.http_version == "HTTP/2"
    assert {r.status for r in result.requests if r.url.endswith("/openapi.json")} == {200}
    assert "/openapi.json" in seen


def test_http_version_is_in_the_json_record(serve: Serve, tmp_path: Path) -> None:
    vendor = serve({"/": reply(200, "hi")})
    path = tmp_path / "vendors.yaml"
    path.write_text(f"- id: a\n  name: A\n  base_url: {vendor.url}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["probe", str(path), "--no-write", "-f", "json"])
    (a,) = json.loads(result.stdout)["tools"]
    assert (a["http_version"], a["http_status"]) == ("HTTP/1.1", 200)


def test_a_cookie_a_vendor_sets_is_never_sent_back(serve: Serve, tmp_path: Path) -> None:
    vendor = serve({"/": reply(200, "hi", {"Set-Cookie": "session=abc; Path=/"})})
    run(tmp_path, [tool("a", vendor.url), tool("b", vendor.url)], FAST)
    assert len(vendor.seen) > 10
    assert all("cookie" not in seen.headers for seen in vendor.seen)


def test_international_hosts_go_out_in_idna_2008_after_uts46_mapping(tmp_path: Path) -> None:
    # Seen where it shows: the host a proxy is asked to tunnel to. `ß` stays `ß` (IDNA 2008),
    # never `ss` (IDNA 2003); full-width letters map to ASCII as browsers map them.
    hosts = ["https://straße.test/", "https://Straße.test/", "https://ｓｔｒａßｅ.test/"]
    with forward_proxy() as proxy:
        report = run(
            tmp_path,
            [tool(f"t{i}", url) for i, url in enumerate(hosts)],
            FAST,
            env={"HTTPS_PROXY": proxy.url},
        )
        assert [r.record.status for r in report.results] == ["proxy"] * 3  # 502: no such host
        assert set(proxy.connects) == {"xn--strae-oqa.test:443"}


def test_a_host_idna_2008_refuses_is_bad_input_located(tmp_path: Path) -> None:
    with pytest.raises(OmnireadyError, match=r"vendors.yaml:3:13: .*not a valid international"):
        run(tmp_path, [tool("t", "https://a\u0301\u200d.test/")], FAST)
