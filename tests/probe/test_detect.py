"""Pure detectors as case tables: headers and small documents in, facts out."""

from __future__ import annotations

import datetime as dt

import pytest

from omniready.probe import detect, rules

UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            ['<https://x.example/openapi.json>; rel="service-desc"'],
            [("https://x.example/openapi.json", ("service-desc",))],
        ),
        (
            ["</spec.yaml>; rel=service-desc; type=application/yaml"],
            [("https://api.example/spec.yaml", ("service-desc",))],
        ),
        (
            ['<a>; rel="service-desc service-doc", <https://hub.example/>; rel="hub"'],
            [
                ("https://api.example/v1/a", ("service-desc", "service-doc")),
                ("https://hub.example/", ("hub",)),
            ],
        ),
        (
            ["<one>; rel=hub", '<two>; title="a, b; c"; rel="sunset"'],
            [("https://api.example/v1/one", ("hub",)), ("https://api.example/v1/two", ("sunset",))],
        ),
        (['<x>; REL="Service-Desc"'], [("https://api.example/v1/x", ("service-desc",))]),
        (["garbage without brackets"], []),
        ([""], []),
    ],
)
def test_link_header(values: list[str], expected: list[tuple[str, tuple[str, ...]]]) -> None:
    links = detect.parse_link_header(values, "https://api.example/v1/")
    assert [(link.href, link.rels) for link in links] == expected


def test_links_with_rel() -> None:
    links = detect.parse_link_header(['<a>; rel="hub", <b>; rel="self"'], "https://h/")
    assert detect.links_with_rel(links, "hub") == ["https://h/a"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (['Bearer realm="api"'], ["Bearer"]),
        (['Bearer realm="api", error="invalid_token", error_description="x, y"'], ["Bearer"]),
        (['Basic realm="a", Bearer realm="b"'], ["Basic", "Bearer"]),
        (["Negotiate", 'Basic realm="x"'], ["Negotiate", "Basic"]),
        (["Bearer"], ["Bearer"]),
        (['DPoP algs="ES256", Bearer'], ["DPoP", "Bearer"]),
        ([], []),
    ],
)
def test_www_authenticate(values: list[str], expected: list[str]) -> None:
    assert detect.www_authenticate_schemes(values) == expected


def test_rate_limit_headers() -> None:
    headers = [
        ("RateLimit-Limit", "100"),
        ("X-RateLimit-Remaining", " 9 "),
        ("Retry-After", "3"),
        ("ratelimit-limit", "200"),
        ("Content-Type", "x"),
        ("RateLimit-Policy", "100;w=60"),
        ("X-Rate-Limit-Reset", "5"),
    ]
    assert detect.rate_limit_headers(headers) == {
        "ratelimit-limit": "100",
        "ratelimit-policy": "100;w=60",
        "retry-after": "3",
        "x-rate-limit-reset": "5",
        "x-ratelimit-remaining": "9",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("@1688169599", dt.datetime(2023, 6, 30, 23, 59, 59, tzinfo=UTC)),
        ("Sun, 11 Nov 2029 23:59:59 GMT", dt.datetime(2029, 11, 11, 23, 59, 59, tzinfo=UTC)),
        ("true", None),
        ("@abc", None),
        ("@999999999999", None),  # past year 9999: no usable date, and no crash
    ],
)
def test_deprecation_date(value: str, expected: dt.datetime | None) -> None:
    assert detect.deprecation_date(value) == expected


def test_lifecycle_reads_headers_and_links() -> None:
    links = detect.parse_link_header(
        [
            '<https://d/policy>; rel="deprecation"',
            '<https://d/sunset>; rel="sunset"',
            "<x>; rel=hub",
        ],
        "https://d/",
    )
    life = detect.lifecycle(
        {"deprecation": "@1688169599", "sunset": "Sun, 11 Nov 2029 23:59:59 GMT"}, links
    )
    assert life.deprecated and life.deprecation == dt.datetime(2023, 6, 30, 23, 59, 59, tzinfo=UTC)
    assert life.sunset == dt.datetime(2029, 11, 11, 23, 59, 59, tzinfo=UTC)
    assert life.links == ("https://d/policy", "https://d/sunset")
    assert detect.lifecycle({}, []) == detect.Lifecycle()
    assert detect.lifecycle({"sunset": "not a date"}, []).sunset is None


def test_merge_lifecycle() -> None:
    day = dt.datetime(2030, 1, 1, tzinfo=UTC)
    base = detect.Lifecycle(sunset=day, links=("a",))
    spec = detect.Lifecycle(deprecated=True, sunset=day.replace(year=2031), links=("a", "b"))
    merged = detect.merge_lifecycle(base, spec)
    assert (merged.deprecated, merged.sunset, merged.links) == (True, day, ("a", "b"))
    assert detect.merge_lifecycle(None, spec) == spec


@pytest.mark.parametrize(
    ("status", "headers", "consented", "reason"),
    [
        (200, {"webhook-allowed-origin": "vendor.example", "allow": "POST, OPTIONS"}, True, None),
        (200, {"webhook-allowed-origin": "*"}, True, None),
        (
            204,
            {"webhook-allowed-origin": "vendor.example", "webhook-allowed-rate": "120"},
            True,
            None,
        ),
        (200, {}, False, "no WebHook-Allowed-Origin header"),
        (200, {"webhook-allowed-origin": "other.example"}, False, "origin not allowed"),
        (200, {"webhook-allowed-origin": "*", "allow": "GET, OPTIONS"}, False, "POST not in Allow"),
        (403, {"webhook-allowed-origin": "*"}, False, "receiver answered 403"),
        (405, {}, False, "receiver answered 405"),
    ],
)
def test_cloudevents_handshake_consent(
    status: int, headers: dict[str, str], consented: bool, reason: str | None
) -> None:
    result = detect.handshake_consent(status, headers, "vendor.example")
    assert result.consented is consented
    assert (result.reason or "").startswith(reason or "")
    if reason is None:
        assert result.reason is None


def test_handshake_keeps_rate_and_allow() -> None:
    result = detect.handshake_consent(
        200,
        {"webhook-allowed-origin": "*", "webhook-allowed-rate": "*", "allow": "post,options"},
        "v",
    )
    assert (result.allowed_rate, result.allow) == ("*", ("POST", "OPTIONS"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("max-age=31536000; includeSubDomains", 31536000),
        ('max-age="60"', 60),
        ("", None),
        (None, None),
        ("includeSubDomains", None),
    ],
)
def test_hsts(value: str | None, expected: int | None) -> None:
    assert detect.hsts_max_age(value) == expected


def test_api_catalog_linkset() -> None:
    document = {
        "linkset": [
            {
                "anchor": "https://api.example/v1/",
                "service-desc": [{"href": "openapi.json"}],
                "service-doc": [{"href": "/docs"}],
            },
            {"anchor": "/v2/", "service-desc": [{"href": "https://cdn.example/v2.yaml"}, {"x": 1}]},
            "junk",
        ]
    }
    assert detect.catalog_service_descs(
        document, "https://api.example/.well-known/api-catalog"
    ) == ["https://api.example/v1/openapi.json", "https://cdn.example/v2.yaml"]
    assert detect.catalog_service_descs({"linkset": "no"}, "https://a/") == []
    assert detect.catalog_service_descs(None, "https://a/") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [(b'{"issuer": "x"}', {"issuer": "x"}), (b"[1]", None), (b"<html>", None), (b"", None)],
)
def test_parse_json_object(body: bytes, expected: object) -> None:
    assert detect.parse_json_object(body) == expected


def test_http_date() -> None:
    assert detect.http_date("Wed, 21 Oct 2015 07:28:00 GMT") == dt.datetime(
        2015, 10, 21, 7, 28, tzinfo=UTC
    )
    assert detect.http_date("soon") is None


@pytest.mark.parametrize(
    ("values", "expected"), [([], None), ([3.0], 3.0), ([1.0, 9.0], 5.0), ([5.0, 1.0, 3.0], 3.0)]
)
def test_median(values: list[float], expected: float | None) -> None:
    assert detect.median(values) == expected


def test_spec_candidates_relative_then_root_without_repeats() -> None:
    urls = rules.spec_candidates("https://api.example/v2")
    assert urls[0] == "https://api.example/v2/openapi.json"
    assert urls[len(rules.SPEC_PATHS)] == "https://api.example/openapi.json"
    assert len(urls) == 2 * len(rules.SPEC_PATHS)
    assert rules.spec_candidates("https://api.example/") == [
        "https://api.example/" + p for p in rules.SPEC_PATHS
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://API.example:443/x", "https://api.example"),
        ("http://h:80/", "http://h"),
        ("http://h:8080/a?b", "http://h:8080"),
        ("https://[::1]:9/", "https://[::1]:9"),
    ],
)
def test_origin(url: str, expected: str) -> None:
    assert rules.origin(url) == expected


def test_well_known_urls_are_at_the_origin() -> None:
    assert rules.catalog_url("https://a.example/v1/") == "https://a.example/.well-known/api-catalog"
    assert rules.auth_metadata_urls("https://a.example/v1")["oidc"] == (
        "https://a.example/.well-known/openid-configuration"
    )
