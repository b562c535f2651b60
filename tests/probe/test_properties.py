"""Property tests: detectors and the spec reader never raise on anything a vendor can send."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from omniready.probe import detect, rules
from omniready.probe.spec import BadSpec, parse_spec

HEADER = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=120)
LINKISH = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            ";",
            ",",
            "=",
            '"',
            " ",
            "rel",
            "hub",
            "a",
            "/",
            "service-desc",
            "http://x:9999999/",
            "[",
            "]",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HEADER, LINKISH), max_size=3))
def test_link_header_never_raises(values: list[str]) -> None:
    for link in detect.parse_link_header(values, "https://base.example/a/"):
        assert isinstance(link.href, str)


@settings(max_examples=300, deadline=None)
@given(HEADER)
def test_header_detectors_never_raise(value: str) -> None:
    detect.www_authenticate_schemes([value])
    detect.deprecation_date(value)
    detect.deprecation_date("@" + "".join(c for c in value if c.isdigit())[:12])
    detect.http_date(value)
    detect.hsts_max_age(value)
    detect.handshake_consent(200, {"webhook-allowed-origin": value, "allow": value}, "v")
    detect.lifecycle({"deprecation": value, "sunset": value}, [])
    rules.url_problem(value)


JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "openapi",
                    "swagger",
                    "asyncapi",
                    "paths",
                    "webhooks",
                    "components",
                    "securitySchemes",
                    "channels",
                    "get",
                    "$ref",
                    "callbacks",
                    "x-webhooks",
                    "type",
                    "flows",
                    "operations",
                    "securityDefinitions",
                    "scheme",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSONISH)
def test_spec_analysis_never_raises_but_bad_spec(document: object) -> None:
    import json

    try:
        parse_spec(json.dumps(document).encode())
    except BadSpec:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_spec_reader_never_raises_but_bad_spec_on_bytes(body: bytes) -> None:
    try:
        parse_spec(body)
    except BadSpec:
        pass


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["openapi", "paths", "webhooks", "x-webhooks"]),
        st.one_of(
            st.just("3.1.0"),
            st.just("3.0.3"),
            st.dictionaries(
                st.sampled_from(["/a", "/b", "c"]),
                st.dictionaries(
                    st.sampled_from(["get", "post", "x-y", "callbacks"]),
                    st.just({"callbacks": {"e": {}}}),
                    max_size=3,
                ),
                max_size=3,
            ),
        ),
        max_size=4,
    )
)
def test_counts_are_never_negative(document: dict[str, object]) -> None:
    import json

    try:
        facts = parse_spec(json.dumps(document).encode())
    except BadSpec:
        return
    assert facts.operations >= facts.callback_operations >= 0
    assert facts.declared_webhooks >= 0
