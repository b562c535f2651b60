"""The client's pure helpers: failure classes and Retry-After reading."""

from __future__ import annotations

import datetime as dt
import socket
import ssl

import pytest

from omniready.errors import OmnireadyError
from omniready.probe.client import FetchError, _retry_after, classify, ssl_context
from omniready.probe.http1 import ProtocolError, StaleConnection


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
        (ProtocolError("malformed response"), "protocol"),
        (StaleConnection("closed"), "protocol"),
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
