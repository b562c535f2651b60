"""The loader's one pass: the C composer's tree checked against the limits before anything is
built from it, the stream walked first only for a text long enough to pass the node limit, and
the same located errors either way (issue 13, point 2)."""

from __future__ import annotations

import pytest
import yaml

from omniready.audit import yamlio
from omniready.audit.yamlio import Limits
from omniready.errors import InputError


def error_of(text: str, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as info:
        yamlio.parse(text, "a.yaml", limits or Limits())
    return str(info.value.problems[0])


def streamed_first(text: str, limits: Limits) -> bool:
    return len(text) * yamlio._VALUES_PER_CHAR > limits.nodes


def test_one_value_per_character_is_the_densest_text() -> None:
    # `?` alone is a key and its empty value: the bound the loader relies on holds for it
    text = "?\n" * 500
    events = [e for e in yaml.parse(text) if isinstance(e, yaml.NodeEvent)]
    assert len(events) <= len(text) * yamlio._VALUES_PER_CHAR


@pytest.mark.parametrize("nodes", [100_000, 20])  # the tree checked, then the stream first
def test_an_alias_to_a_plain_value_is_refused_where_it_is(nodes: int) -> None:
    text = "organization: {name: &n X}\nnote: *n\n"
    limits = Limits(nodes=nodes)
    assert streamed_first(text, limits) == (nodes == 20)
    assert error_of(text, limits).startswith("a.yaml:2:7: aliases (*n) are not allowed")


def test_a_limit_is_reported_before_a_syntax_error_further_on() -> None:
    text = "organization: {name: X}\nx: " + "[" * 70 + "]" * 70 + "\ny: [\n"
    assert error_of(text).startswith("a.yaml:2:67: lists or mappings nested deeper than 64")


def test_nesting_past_the_c_parser_own_cap_is_located_where_it_stops() -> None:
    # libyaml refuses 1,000 levels of flow nesting while scanning, before any event of them
    text = "x: " + "[" * 1500 + "]" * 1500 + "\n"
    assert not streamed_first(text, Limits())
    assert error_of(text).startswith("a.yaml:1:1003: invalid YAML: exceeded maximum nesting")


def test_the_same_text_gives_the_same_data_and_errors_on_both_paths() -> None:
    text = "organization: {name: X, industry: retail}\nstarted: 2026-01-05\nn: [1, 2.5, true]\n"
    tree = yamlio.parse(text, "a.yaml", Limits())
    streamed = yamlio.parse(text, "a.yaml", Limits(nodes=len(text)))
    assert streamed_first(text, Limits(nodes=len(text)))
    assert tree == streamed
    assert tree["n"] == [1, 2.5, True] and str(tree["started"]) == "2026-01-05"
    for bad, expected in [
        ("a: 1\na: 2\n", "a.yaml:2:1: duplicate key 'a'"),
        ("a: 1\n1: 2\ntrue: 3\n", "a.yaml:3:1: duplicate key True"),  # 1 == True in a dict
        ("? [a]\n: 1\n", "a.yaml:1:3: a key must be a plain value"),
        ("a: {b: 1, <<: {c: 2}}\n", "a.yaml:1:11: merge keys (<<) are not allowed"),
        ("a: !!bool maybe\n", "a.yaml:1:4: 'maybe' is not a valid !!bool"),
        ("a: 2026-02-30\n", "a.yaml:1:4: invalid date or time '2026-02-30'"),
    ]:
        for limits in (Limits(), Limits(nodes=len(bad))):
            assert error_of(bad, limits).startswith(expected), (bad, limits)
