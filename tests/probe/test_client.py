"""The client's pure helpers: failure classes and Retry-After reading; the proxy choice."""

from __future__ import annotations

import datetime as dt
import socket
import ssl

import httpx
import pytest

from omniready.errors import OmnireadyError
from omniready.probe.client import FetchError, _retry_after, classify, ssl_context
from omniready.probe.proxy import Proxies, bypassed, shown


def chained(outer: BaseException, inner: BaseException) -> BaseException:
    outer.__cause__ = inner
    return outer


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (socket.gaierror(-2, "Name or service not known"), "dns"),
        (chained(OSError("x"), socket.gaierror(-2, "Name or service not known")), "dns"),
        (ssl.SSLCertVerificationError("bad cert"), "tls"),
        (chained(ConnectionError("x"), ssl.SSLError("handshake")), "tls"),
        (ConnectionRefusedError(111, "Connection refused"), "connect"),
        (TimeoutError("no data in time (--timeout)"), "timeout"),
        (TimeoutError(), "timeout"),
        (httpx.RemoteProtocolError("malformed response"), "protocol"),
        (httpx.ReadTimeout(""), "timeout"),
        (httpx.UnsupportedProtocol("ftp"), "bad-url"),
        (chained(httpx.ConnectError("x"), socket.gaierror(-2, "Name or service not known")), "dns"),
        (ConnectionResetError(104, "reset"), "connect"),
        (FetchError("too-large", "big"), "too-large"),
    ],
)
def test_classify(exc: BaseException, kind: str) -> None:
    assert classify(exc).kind == kind


def test_classify_lets_bugs_through() -> None:
    with pytest.raises(KeyError):
        classify(KeyError("bug"))


@pytest.mark.parametrize(
    ("value", "cap", "expected"),
    [
        ("3", 5.0, 3.0),
        ("100", 5.0, 5.0),
        (None, 5.0, 1.0),
        ("soon", 0.5, 0.5),
        ("0", 5.0, 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 5.0, 0.0),
    ],
)
def test_retry_after_is_capped(value: str | None, cap: float, expected: float) -> None:
    assert _retry_after(value, cap) == expected


def test_retry_after_future_date_is_capped() -> None:
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    assert _retry_after(later.strftime("%a, %d %b %Y %H:%M:%S GMT"), 2.0) == 2.0


def test_unreadable_ca_file_is_bad_input(tmp_path: object) -> None:
    with pytest.raises(OmnireadyError, match="cannot load CA certificates"):
        ssl_context("/nonexistent/ca.pem")


def test_a_proxy_that_refuses_is_the_proxys_failure_named_without_its_password() -> None:
    proxy = "http://me:s3cret@proxy.corp:3128"
    refused = classify(httpx.ConnectError("[Errno 111] Connection refused"), proxy)
    assert refused.kind == "proxy"
    assert "proxy.corp:3128" in refused.message and "s3cret" not in refused.message
    tunnel = classify(httpx.ProxyError("407 Proxy Authentication Required"), proxy)
    assert (tunnel.kind, "407" in tunnel.message) == ("proxy", True)
    # Without a proxy the same refusal is the vendor's.
    assert classify(httpx.ConnectError("[Errno 111] Connection refused")).kind == "connect"


@pytest.mark.parametrize(
    ("env", "override", "url", "expected"),
    [
        ({}, None, "https://a.example/", None),
        ({"HTTPS_PROXY": "proxy:3128"}, None, "https://a.example/", "http://proxy:3128"),
        ({"HTTPS_PROXY": "http://p:1"}, None, "http://a.example/", None),
        ({"HTTP_PROXY": "http://p:1"}, None, "http://a.example/", "http://p:1"),
        ({"ALL_PROXY": "http://p:2"}, None, "https://a.example/", "http://p:2"),
        (
            {"https_proxy": "http://low:1", "HTTPS_PROXY": "http://up:1"},
            None,
            "https://a/",
            "http://low:1",
        ),
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "example.com"},
            None,
            "https://api.example.com/",
            None,
        ),
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".example.com"},
            None,
            "https://example.com/",
            None,
        ),
        (
            {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "example.com"},
            None,
            "https://badexample.com/",
            "http://p:1",
        ),
        ({"HTTPS_PROXY": "http://p:1", "no_proxy": "10.0.0.0/8"}, None, "https://10.1.2.3/", None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}, None, "https://a.example/", None),
        ({"HTTPS_PROXY": "http://p:1"}, "http://cli:9", "https://a.example/", "http://cli:9"),
        ({"NO_PROXY": "a.example"}, "http://cli:9", "https://a.example/", None),
    ],
)
def test_proxy_for_a_url(
    env: dict[str, str], override: str | None, url: str, expected: str | None
) -> None:
    assert Proxies.from_env(env, override).for_url(url) == expected


def test_bypass_rules() -> None:
    assert bypassed("LOCALHOST", ("localhost",))
    assert bypassed("::1", ("::1",))
    assert not bypassed("127.0.0.2", ("127.0.0.1",))


def test_a_socks_or_broken_proxy_is_bad_input_naming_its_source() -> None:
    with pytest.raises(OmnireadyError, match=r"\$ALL_PROXY: socks5:// proxies are not supported"):
        Proxies.from_env({"ALL_PROXY": "socks5://p:1080"})
    with pytest.raises(OmnireadyError, match="--proxy: bad proxy URL") as caught:
        Proxies.from_env({}, "http://u:pw@p:notaport")
    assert "pw" not in caught.value.message


def test_shown_hides_the_password_only() -> None:
    assert shown("http://user:pw@p:3128") == "http://user:***@p:3128"
    assert shown("http://p:3128") == "http://p:3128"


def test_scrub_removes_the_token_as_sent_and_percent_encoded_everywhere() -> None:
    from omniready.probe.redact import REDACTED, scrub

    secret = "ab/c+d=="
    data = {"k-ab/c+d==": ["x ab/c+d== y", "u?t=ab%2Fc%2Bd%3D%3D"], "n": 3}
    assert scrub(data, secret) == {
        f"k-{REDACTED}": [f"x {REDACTED} y", f"u?t={REDACTED}"],
        "n": 3,
    }
    assert scrub(data, None) is data
