"""Spec identification and counting: the real vendor documents, then hostile and odd ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from omniready.probe.spec import BadSpec, analyse, parse_document, parse_spec

from .conftest import (
    ALIAS_BOMB,
    OPENAPI_31_WEBHOOKS,
    SHAPE_ASYNCAPI_26,
    SHAPE_CALLBACKS,
    SHAPE_NO_PATHS,
    SHAPE_SWAGGER_KEY_LAST,
    SHAPE_X_WEBHOOKS_CALLBACK,
    SHAPE_X_WEBHOOKS_PATH_ITEM,
    SWAGGER_20_YAML,
)

# file, format, version, operations, webhooks, callback_ops, x-webhooks, security — as the
# vendor-specs README lists them (computed there by an independent script).
VENDOR_TABLE = [
    ("OAI__callback-example.yaml", "openapi", "3.0.0", 1, 0, 1, {}, "-"),
    ("OAI__petstore.json", "swagger", "2.0", 3, 0, 0, {}, "-"),
    ("OAI__petstore.yaml", "openapi", "3.0.0", 3, 0, 0, {}, "-"),
    ("OAI__webhook-example.yaml", "openapi", "3.1.0", 0, 1, 0, {}, "-"),
    ("adyen__Webhooks-v1.json", "openapi", "3.1.0", 0, 48, 0, {}, "http:basic"),
    (
        "asyncapi__streetlights-mqtt.yml",
        "asyncapi",
        "2.6.0",
        4,
        0,
        0,
        {},
        "apiKey:user,oauth2:authorizationCode+clientCredentials+implicit+password,openIdConnect",
    ),
    ("slack__slack_web_openapi_v2.json", "swagger", "2.0", 174, 0, 0, {}, "oauth2:accessCode"),
    (
        "zendesk__openapi.yaml",
        "openapi",
        "3.0.2",
        68,
        0,
        0,
        {"x-webhooks": 1},
        "http:basic,http:bearer",
    ),
    (
        "vonage__messages-olympus.yml",
        "openapi",
        "3.0.0",
        1,
        0,
        1,
        {"x-webhooks": 1},
        "http:basic,http:bearer",
    ),
]


# The same columns for documents of those shapes written by the tests (see conftest.py), so that
# every clone checks what matters of each real document.
SHAPE_TABLE = [
    (SHAPE_CALLBACKS, "openapi", "3.0.0", 1, 0, 1, {}, "-"),
    (
        SHAPE_X_WEBHOOKS_PATH_ITEM,
        "openapi",
        "3.0.2",
        2,
        0,
        0,
        {"x-webhooks": 1},
        "http:basic,http:bearer",
    ),
    (
        SHAPE_X_WEBHOOKS_CALLBACK,
        "openapi",
        "3.0.0",
        1,
        0,
        1,
        {"x-webhooks": 1},
        "http:basic,http:bearer",
    ),
    (SWAGGER_20_YAML, "swagger", "2.0", 2, 0, 0, {}, "apiKey:header"),
    (SHAPE_ASYNCAPI_26, "asyncapi", "2.6.0", 3, 0, 0, {}, "apiKey:user"),
    (SHAPE_NO_PATHS, "openapi", "3.1.0", 0, 3, 0, {}, "http:basic"),
    (SHAPE_SWAGGER_KEY_LAST, "swagger", "2.0", 2, 0, 0, {}, "oauth2:accessCode"),
]
SHAPE_IDS = [
    "callbacks",
    "x-webhooks-path-item",
    "x-webhooks-callback",
    "swagger-yaml",
    "asyncapi-2.6",
    "no-paths",
    "swagger-key-last",
]
COLUMNS = ("fmt", "version", "ops", "hooks", "callbacks", "ext", "sec")


def assert_counted(
    body: bytes,
    fmt: str,
    version: str,
    ops: int,
    hooks: int,
    callbacks: int,
    ext: dict[str, int],
    sec: str,
) -> None:
    facts = parse_spec(body)
    assert (facts.format, facts.version) == (fmt, version)
    assert facts.operations == ops
    assert facts.declared_webhooks == hooks
    assert facts.callback_operations == callbacks
    assert facts.extensions == ext
    assert (",".join(facts.security) or "-") == sec


@pytest.mark.parametrize(("name", *COLUMNS), VENDOR_TABLE)
def test_real_vendor_specs_are_counted_as_the_readme_says(
    vendor_specs: Path,
    name: str,
    *,
    fmt: str,
    version: str,
    ops: int,
    hooks: int,
    callbacks: int,
    ext: dict[str, int],
    sec: str,
) -> None:
    body = (vendor_specs / name).read_bytes()
    assert_counted(body, fmt, version, ops, hooks, callbacks, ext, sec)


@pytest.mark.parametrize(("text", *COLUMNS), SHAPE_TABLE, ids=SHAPE_IDS)
def test_the_shapes_of_real_vendor_specs_are_counted(
    text: str,
    fmt: str,
    version: str,
    ops: int,
    hooks: int,
    callbacks: int,
    ext: dict[str, int],
    sec: str,
) -> None:
    assert_counted(text.encode(), fmt, version, ops, hooks, callbacks, ext, sec)


def test_every_vendor_file_is_in_the_table(vendor_specs: Path) -> None:
    files = {p.name for p in vendor_specs.iterdir() if p.name != "README.md"}
    assert files == {row[0] for row in VENDOR_TABLE}


CASES = [
    # (document, format, version, operations, webhooks, callbacks)
    (b'{"openapi" : "3.1.0", "paths": {}}', "openapi", "3.1.0", 0, 0, 0),
    (json.dumps(OPENAPI_31_WEBHOOKS).encode(), "openapi", "3.1.0", 4, 2, 0),
    (SWAGGER_20_YAML.encode(), "swagger", "2.0", 2, 0, 0),
    (
        b"openapi: 3.0\npaths:\n  /a: {get: {}, x-foo: {}, parameters: []}\n",
        "openapi",
        "3.0",
        1,
        0,
        0,
    ),
    (b"asyncapi: 3.0.0\noperations: {a: {}, b: {}, c: {}}\n", "asyncapi", "3.0.0", 3, 0, 0),
    (
        b'\xef\xbb\xbf{"swagger": "2.0", "paths": {"/a": {"head": {}, "trace": {}}}}',
        "swagger",
        "2.0",
        2,
        0,
        0,
    ),
    # A path item that points at a missing component counts nothing instead of failing.
    (b'{"openapi": "3.0.1", "paths": {"/a": {"$ref": "#/nope"}}}', "openapi", "3.0.1", 0, 0, 0),
    # Remote refs are not fetched: the path item is counted as it stands.
    (
        b'{"openapi": "3.0.1", "paths": {"/a": {"$ref": "other.yaml#/a"}}}',
        "openapi",
        "3.0.1",
        0,
        0,
        0,
    ),
]


@pytest.mark.parametrize(("body", "fmt", "version", "ops", "hooks", "callbacks"), CASES)
def test_small_documents(
    body: bytes, fmt: str, version: str, ops: int, hooks: int, callbacks: int
) -> None:
    facts = parse_spec(body)
    assert (facts.format, facts.version, facts.operations) == (fmt, version, ops)
    assert (facts.declared_webhooks, facts.callback_operations) == (hooks, callbacks)


def test_security_in_swagger_and_openapi() -> None:
    assert parse_spec(SWAGGER_20_YAML.encode()).security == ("apiKey:header",)
    assert parse_spec(json.dumps(OPENAPI_31_WEBHOOKS).encode()).security == ("http:bearer",)


def test_vendor_extensions_are_listed_by_name() -> None:
    body = b"openapi: 3.0.0\npaths: {}\nx-webhooks: {a: {}, b: {}}\nx-callbacks: [1]\nx-logo: {}\n"
    assert parse_spec(body).extensions == {"x-callbacks": 1, "x-webhooks": 2}


BAD = [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"<!doctype html><html><body>Welcome</body></html>", "HTML"),
    (b'{"openapi": "3.1.0", "paths": {', "invalid JSON"),
    (b'{"a": 1,}', "invalid JSON"),
    (b"[1, 2]", "not a mapping"),
    (b"just: [unclosed", "invalid YAML"),
    (b"name: a plain YAML file\n", "no openapi, swagger or asyncapi key"),
    (b"openapi: 4.0.0\n", "unsupported openapi version"),
    (b"swagger: 1.2\n", "unsupported swagger version"),
    (b"openapi: [3]\n", "not a string"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (ALIAS_BOMB.encode(), "alias bomb"),
    (b"openapi: 3.0.0\nloop: &a [*a]\n", "recursive"),
    (b"openapi: 3.0.0\nx: !!python/object/apply:os.system ['echo pwned']\n", "invalid YAML"),
]


@pytest.mark.parametrize(("body", "why"), BAD)
def test_bad_documents_are_refused_with_a_reason(body: bytes, why: str) -> None:
    with pytest.raises(BadSpec, match=why):
        parse_spec(body)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    body = b"openapi: 3.0.0\nx: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    with pytest.raises(BadSpec):
        parse_spec(body)
    with pytest.raises(BadSpec):
        parse_spec(b'{"openapi": "3.0.0", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def test_yaml_flow_mapping_is_not_mistaken_for_json() -> None:
    assert parse_document(b"{openapi: 3.0.0, paths: {}}") == {"openapi": "3.0.0", "paths": {}}


def test_analyse_needs_a_mapping() -> None:
    with pytest.raises(BadSpec):
        analyse("openapi")


MERGE_BOMB = """\
openapi: 3.0.0
a: &a {k0: 1, k1: 2, k2: 3, k3: 4, k4: 5, k5: 6, k6: 7, k7: 8}
b: &b {<<: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]}
c: &c {<<: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]}
d: &d {<<: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]}
e: &e {<<: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]}
f: &f {<<: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]}
g: &g {<<: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]}
paths: {}
"""


def _many_paths(count: int) -> bytes:
    lines = ["openapi: 3.0.3", "info: {title: big, version: '1'}", "paths:"]
    for i in range(count):
        lines += [f"  /things/{i}:", "    get:", "      responses: {'200': {description: ok}}"]
    return ("\n".join(lines) + "\n").encode()


def test_alias_expansion_counts_only_what_aliases_add() -> None:
    from omniready.probe.spec import _Loader, _Outline

    def added(text: str) -> int:
        outline = _Outline(_Loader(text))
        outline.read()
        return outline.added

    assert added("a: [1, 2, 3]\nb: {c: d}\n") == 0
    # `*x` stands for the 3-node list [1, 2]: two aliases add 2 × 3 nodes (an alias is the
    # same node as its anchor, counted once among the written ones).
    assert added("a: &x [1, 2]\nb: *x\nc: *x\n") == 6
    with pytest.raises(BadSpec, match="alias bomb"):  # counted, never expanded
        added(ALIAS_BOMB)


def test_yaml_is_read_as_safe_load_reads_it_but_deep_containers() -> None:
    import yaml

    from omniready.probe.spec import KEEP_DEPTH, PRUNED

    text = (
        "openapi: 3.10\nn: ~\nb: yes\ni: 0x1F\nd: 2026-03-01\n"
        "base: &b {k: 1, j: 2}\nm: {<<: *b, j: 3}\nl: [a, *b]\n"
    )
    assert parse_document(text.encode()) == yaml.safe_load(text)
    deep = "x: " + "{a: " * (KEEP_DEPTH + 2) + "1" + "}" * (KEEP_DEPTH + 2) + "\n"
    data = parse_document(deep.encode())
    for _ in range(KEEP_DEPTH - 1):
        data = data["x" if "x" in data else "a"]
    assert data == {"a": PRUNED}


def test_a_large_spec_without_aliases_is_read_whatever_its_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The limit is on what aliases add, not on the document's own size: with a limit of 100
    # extra nodes, a 20,000-node description without aliases still reads...
    monkeypatch.setattr("omniready.probe.spec.MAX_ALIAS_NODES", 100)
    assert parse_spec(_many_paths(2000)).operations == 2000
    # ... and so does one whose few anchors add little, while a bomb is still refused.
    small = _many_paths(2000) + b"x-shared: &s {a: 1}\nx-again: *s\n"
    assert parse_spec(small).operations == 2000
    with pytest.raises(BadSpec, match="alias bomb"):
        parse_spec(ALIAS_BOMB.encode())


def test_merge_key_bombs_are_refused() -> None:
    with pytest.raises(BadSpec, match="alias bomb"):
        parse_spec(MERGE_BOMB.encode())


def test_parsing_leaves_the_cyclic_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    parse_spec(_many_paths(10))
    with pytest.raises(BadSpec):
        parse_spec(b"just: [unclosed")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_spec(_many_paths(10))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_json_description_is_read_as_json_first() -> None:
    body = json.dumps(OPENAPI_31_WEBHOOKS).encode()
    assert parse_spec(b"\n  " + body).declared_webhooks == 2


@pytest.mark.parametrize(
    "body",
    [
        b'{"openapi": "3.1.0", "info": {"x": ' + b"7" * 5000 + b'}, "paths": {}}',
        b"openapi: 3.1.0\ninfo: {x: " + b"7" * 5000 + b"}\npaths: {}\n",
        b"swagger: " + b"2" * 5000 + b"\n",
    ],
)
def test_an_integer_of_thousands_of_digits_is_a_bad_spec_not_a_crash(body: bytes) -> None:
    # Python refuses to convert integers over 4,300 digits (ValueError, not a parse error).
    with pytest.raises(BadSpec, match="digits"):
        parse_spec(body)


@pytest.mark.parametrize(
    "body",
    [
        b"!!int",
        b"openapi: !!bool maybe\n",
        b"openapi: !!timestamp 99999-01-01\n",
        b"a: !!float x\n",
    ],
)
def test_an_explicit_tag_its_value_cannot_take_is_a_bad_spec(body: bytes) -> None:
    with pytest.raises(BadSpec, match="invalid YAML"):
        parse_spec(body)


def test_a_large_yaml_description_parses_in_a_few_times_its_size() -> None:
    # The node graph yaml.safe_load builds first costs ~60x the text; read as events, with deep
    # containers not kept, the peak stays a small multiple of the body.
    import tracemalloc

    body = _many_paths(3000).replace(
        b"      responses: {'200': {description: ok}}",
        b"      responses: {'200': {description: ok, content: {application/json: {schema:"
        b" {type: object, properties: {a: {type: string}, b: {type: integer}}}}}}}",
    )
    assert len(body) > 500_000
    tracemalloc.start()
    try:
        facts = parse_spec(body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert facts.operations == 3000
    assert peak < 20 * len(body), peak / len(body)  # it was ~78x
