"""Probe input: audit files and plain lists become targets; bad input is located exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from omniready.errors import InputError
from omniready.probe.inventory import load_inventory, url_problem

AUDIT = """\
schema: 1
organization: {name: Acme}
steps:
  tools:
    inventory:
      - id: helpdesk
        name: Zendesk
        base_url: https://acme.zendesk.example/api/v2
        api: {spec_url: https://developer.zendesk.example/openapi.yaml}
        webhook: {receiver_url: https://hooks.acme.example/zendesk}
        auth: {token_env: ZENDESK_TOKEN}
        claims: {api: true, webhooks: true}
      - id: shop
        name: Shop
        base_url: https://shop.example
waivers:
  - {tool: shop, condition: no-webhooks, reason: batch export instead, expires: 2999-01-01}
"""


def write(tmp_path: Path, text: str, name: str = "inv.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_audit_file(tmp_path: Path) -> None:
    inventory = load_inventory(write(tmp_path, AUDIT))
    assert inventory.kind == "audit"
    assert inventory.tools_loc == ("steps", "tools", "inventory")
    first, second = inventory.targets
    assert (first.id, first.spec_url, first.receiver_url, first.token_env) == (
        "helpdesk",
        "https://developer.zendesk.example/openapi.yaml",
        "https://hooks.acme.example/zendesk",
        "ZENDESK_TOKEN",
    )
    assert (first.claims_api, first.claims_webhooks) == (True, True)
    assert (first.line, first.col) == (6, 9)
    assert (second.line, second.claims_webhooks) == (13, None)
    assert [w.condition for w in inventory.waivers] == ["no-webhooks"]


def test_plain_list_and_mapping(tmp_path: Path) -> None:
    plain = load_inventory(write(tmp_path, "- {id: a, name: A, base_url: 'http://a.example'}\n"))
    assert (plain.kind, plain.tools_loc, plain.targets[0].line) == ("list", (), 1)
    mapping = load_inventory(
        write(tmp_path, "tools:\n  - {id: a, name: A, base_url: 'http://a.example'}\nwaivers: []\n")
    )
    assert (mapping.tools_loc, mapping.targets[0].line, mapping.targets[0].col) == (
        ("tools",),
        2,
        5,
    )


BAD = [
    ("- id: a\n  name: A\n", "inv.yaml:1:3: tool 'a' has no base_url"),
    (
        "- id: a\n  name: A\n  base_url: ftp://a\n",
        "inv.yaml:3:13: base_url: 'ftp://a' is not a web address",
    ),
    ("- id: a\n  name: A\n  base_url: 'http://'\n", "inv.yaml:3:13: bad URL 'http://': no host"),
    ("- id: a\n  name: A\n  base_url: 'http://a:99999/'\n", "inv.yaml:3:13: bad URL"),
    (
        "- id: a\n  name: A\n  base_url: http://a\n  api: {spec_url: 'file:///etc/passwd'}\n",
        "inv.yaml:4:19: bad URL 'file:///etc/passwd'",
    ),
    (
        "- id: a\n  name: A\n  base_url: http://a\n  webhook: {receiver_url: 'http://a b/'}\n",
        "inv.yaml:4:27: bad URL 'http://a b/': contains spaces",
    ),
    (
        "- {id: a, name: A, base_url: 'http://a'}\n- {id: a, name: B, base_url: 'http://b'}\n",
        "inv.yaml:2:8: duplicate tool id 'a' (first at line 1)",
    ),
    (
        "- {id: a, name: A, base_url: 'http://a', colour: red}\n",
        "inv.yaml:1:42: colour: unknown field",
    ),
    ("- {id: A B, name: A, base_url: 'http://a'}\n", "inv.yaml:1:8: id: 'A B' cannot be an id"),
    ("- {id: a, name: A, base_url: 'http://a'\n", "inv.yaml:2:1: invalid YAML"),
    ("- {id: a, name: A, base_url: 'http://a', id: b}\n", "duplicate key 'id'"),
    ("just text\n", "inv.yaml:1:1: expected an audit file"),
    (
        "tools: [{id: a, name: A, base_url: 'http://a'}]\nwaivers:\n  - {tool: a, condition: "
        "no-fun, reason: r, expires: 2030-01-01}\n",
        "inv.yaml:3:26: unknown condition 'no-fun'",
    ),
    (
        "tools: [{id: a, name: A, base_url: 'http://a'}]\nwaivers:\n  - {tool: b, condition: "
        "sunset, reason: r, expires: 2030-01-01}\n",
        "inv.yaml:3:12: waiver names unknown tool 'b'",
    ),
    (
        "tools: [{id: a, name: A, base_url: 'http://a'}]\nwaivers:\n  - {tool: a, condition: "
        "sunset, reason: r, expires: someday}\n",
        "inv.yaml:3:",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_input_is_located(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_inventory(write(tmp_path, text))
    assert message in str(caught.value), str(caught.value)


AUDIT_BAD = [
    (
        AUDIT.replace("      - id: shop", "      - id: helpdesk"),
        ["inv.yaml:13:13: duplicate id 'helpdesk'", "inv.yaml:17:12: waiver names unknown tool"],
    ),
    (
        AUDIT.replace("{tool: shop,", "{tool: shoe,"),
        ["inv.yaml:17:12: waiver names unknown tool 'shoe'"],
    ),
]


@pytest.mark.parametrize(("text", "messages"), AUDIT_BAD)
def test_audit_file_ids_are_checked_as_validate_does(
    tmp_path: Path, text: str, messages: list[str]
) -> None:
    with pytest.raises(InputError) as caught:
        load_inventory(write(tmp_path, text))
    problems = [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]
    assert len(problems) == len(messages), problems
    assert [p[: len(m)] for p, m in zip(problems, messages, strict=True)] == messages


def test_audit_answers_are_not_the_probes_business(tmp_path: Path) -> None:
    text = AUDIT.replace("  tools:\n", "  tools:\n    answers: {no-such-question: {answer: 3}}\n")
    assert [t.id for t in load_inventory(write(tmp_path, text)).targets] == ["helpdesk", "shop"]


def test_audit_tool_without_url_or_claims_is_skipped(tmp_path: Path) -> None:
    text = AUDIT.replace("        base_url: https://shop.example\n", "")
    inventory = load_inventory(write(tmp_path, text))
    assert [t.id for t in inventory.targets] == ["helpdesk"]
    assert inventory.skipped == ("shop",)


def test_audit_tool_claiming_without_url_is_located(tmp_path: Path) -> None:
    text = AUDIT.replace(
        "        base_url: https://shop.example\n", "        claims: {api: true}\n"
    )
    with pytest.raises(InputError) as caught:
        load_inventory(write(tmp_path, text))
    assert (
        f"{tmp_path / 'inv.yaml'}:13:9: tool 'shop' has no base_url to check its claims (api)"
    ) in str(caught.value)
    assert caught.value.hint is not None and "--only" in caught.value.hint


def test_only_can_name_a_tool_without_url_and_is_told(tmp_path: Path) -> None:
    text = AUDIT.replace("        base_url: https://shop.example\n", "")
    with pytest.raises(InputError, match="tool 'shop' has no base_url"):
        load_inventory(write(tmp_path, text), only=["shop"])


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = "- {id: a, name: A}\n- {id: b, name: B, base_url: 'http://'}\n"
    with pytest.raises(InputError) as caught:
        load_inventory(write(tmp_path, text))
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize("name", ["missing.yaml", "."])
def test_unreadable_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError) as caught:
        load_inventory(tmp_path / name)
    assert str(caught.value).startswith(str(tmp_path / name))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"- id: caf\xe9\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_inventory(path)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://a.example/x", True),
        ("http://[::1]:80/", True),
        ("https:/a", False),
        ("mailto:a@b", False),
        ("http://a:x/", False),
    ],
)
def test_url_problem(url: str, ok: bool) -> None:
    assert (url_problem(url) is None) is ok


def test_the_shipped_example_can_be_probed() -> None:
    example = Path(__file__).parents[2] / "examples" / "acme-retail.audit.yaml"
    inventory = load_inventory(example)
    assert inventory.skipped == ("central-telefonica",)  # a phone switchboard, no claims
    assert len(inventory.targets) == 7
