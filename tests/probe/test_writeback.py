"""Writing results back: only the probe blocks change; comments, order and style stay byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from omniready.audit.store import load_audit
from omniready.errors import OmnireadyError
from omniready.probe.writeback import splice, write_probes

AUDIT = """\
# Acme Retail, 2026 audit — comentarios a mano
schema: 1
checklist: core@2026.1
organization: {name: Acme Retail, country: CL}   # cliente
assessor: Ana Pérez
steps:
  tools:
    answers:
      tools.central-customer-record: {answer: half, note: "CRM solo e-commerce"}
    inventory:
      # the helpdesk: Zendesk
      - id: helpdesk
        name: Zendesk
        channels: [email, chat]   # and phone soon
        base_url: https://acme.zendesk.example
        claims: {api: true, webhooks: true}
        probe:
          status: timeout
          api:
            evidence: none   # old result, replaced

      # the shop, written as one line
      - {id: shop, name: Shop, base_url: "https://shop.example"}
      - id: crm
        name: CRM
        base_url: https://crm.example
        owner: |
          Sales team
          (two lines)
      # end of inventory
waivers:
  - {tool: shop, condition: no-webhooks, reason: "exports only", expires: 2030-01-01}
"""

NOW = dt.datetime(2026, 3, 2, 15, 4, 5, tzinfo=dt.timezone.utc)


def block(status: str) -> dict[str, Any]:
    return {
        "probed_at": NOW,
        "status": status,
        "api": {"evidence": "spec", "operations": 3, "security": ["http:bearer"]},
        "webhooks": {"evidence": "declared", "declared": 2},
    }


def drop_probe_lines(text: str) -> list[str]:
    """Lines of a block-style file with every `probe:` block taken out."""
    out: list[str] = []
    skip_under: int | None = None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_under is not None and (not line.strip() or indent > skip_under):
            if line.strip():
                continue
        skip_under = None if skip_under is not None and indent <= skip_under else skip_under
        if line.lstrip().startswith("probe:"):
            skip_under = indent
            continue
        out.append(line)
    return out


BLOCKS = {"helpdesk": block("ok"), "shop": block("ok"), "crm": block("bad-spec")}


def test_only_probe_blocks_change(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(AUDIT, encoding="utf-8")
    write_probes(path, ("steps", "tools", "inventory"), BLOCKS)
    after = path.read_text(encoding="utf-8")
    shop = '      - {id: shop, name: Shop, base_url: "https://shop.example", probe: '
    assert [line for line in drop_probe_lines(after) if not line.startswith(shop)] == [
        line for line in drop_probe_lines(AUDIT) if not line.startswith(shop[:-9])
    ]
    assert "evidence: none" not in after  # the old result is replaced ...
    assert "evidence: spec   # old result, replaced" in after  # ... in place: its comment stays
    assert after.count("probe:") == 3
    audit = load_audit(path)
    tools = {t.id: t for t in audit.steps.tools.inventory}
    for tid in BLOCKS:
        probe = tools[tid].probe
        assert probe is not None and probe.api is not None
        assert probe.probed_at == NOW and probe.api.operations == 3
    assert tools["crm"].owner == "Sales team\n(two lines)\n"
    assert tools["crm"].probe is not None and tools["crm"].probe.status == "bad-spec"


def test_crlf_file_keeps_crlf_and_every_byte_outside_the_probe_blocks(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    crlf = AUDIT.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(crlf)
    write_probes(path, ("steps", "tools", "inventory"), BLOCKS)
    after = path.read_bytes()
    # The same edit as in an LF file, byte for byte, with the file's own line ending...
    lf = splice(AUDIT, ("steps", "tools", "inventory"), BLOCKS)
    assert after == lf.replace("\n", "\r\n").encode("utf-8")
    assert after.count(b"\n") == after.count(b"\r\n")  # no bare LF anywhere
    # ... and outside the probe blocks every line is as it was (the one-line shop gains
    # its probe inline).
    shop = '      - {id: shop, name: Shop, base_url: "https://shop.example"'
    text, before = after.decode("utf-8"), crlf.decode("utf-8")
    assert [x for x in drop_probe_lines(text) if not x.startswith(shop)] == [
        x for x in drop_probe_lines(before) if not x.startswith(shop)
    ]
    assert text.splitlines(keepends=True)[:16] == before.splitlines(keepends=True)[:16]
    probe = load_audit(path).steps.tools.inventory[0].probe
    assert probe is not None and probe.status == "ok"


def test_crlf_plain_list_without_final_newline() -> None:
    text = "- id: a\r\n  name: A\r\n  base_url: http://a  # keep me"
    after = splice(text, (), {"a": {"status": "ok"}})
    assert after == text + "\r\n  probe:\r\n    status: ok\r\n"


def test_writing_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    once = splice(AUDIT, ("steps", "tools", "inventory"), BLOCKS)
    assert splice(once, ("steps", "tools", "inventory"), BLOCKS) == once


def test_untouched_tools_keep_their_old_block() -> None:
    after = splice(AUDIT, ("steps", "tools", "inventory"), {"crm": block("ok")})
    assert "evidence: none   # old result, replaced" in after


def test_plain_list_without_final_newline() -> None:
    text = "- id: a\n  name: A\n  base_url: http://a  # keep me"
    after = splice(text, (), {"a": {"status": "ok"}})
    assert after == text + "\n  probe:\n    status: ok\n"


def test_plain_list_at_top_level_with_nested_sequence_last() -> None:
    text = "- id: a\n  channels:\n  - web\n  - chat\n# after\n- id: b\n"
    after = splice(text, (), {"a": {"status": "ok"}, "b": {"status": "dns"}})
    assert after == (
        "- id: a\n  channels:\n  - web\n  - chat\n  probe:\n    status: ok\n"
        "# after\n- id: b\n  probe:\n    status: dns\n"
    )


def test_flow_tool_with_an_old_probe_is_replaced_in_place() -> None:
    text = "tools:\n  - {id: a, probe: {status: old}, name: A}\n"
    after = splice(text, ("tools",), {"a": {"status": "ok"}})
    assert after == "tools:\n  - {id: a, probe: {status: ok}, name: A}\n"


def test_refuses_when_the_result_would_change_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(AUDIT, encoding="utf-8")
    from omniready.probe import writeback

    monkeypatch.setattr(writeback, "splice", lambda text, loc, blocks: text.replace("Acme", "X"))
    with pytest.raises(OmnireadyError, match="nothing was written"):
        write_probes(path, ("steps", "tools", "inventory"), BLOCKS)
    assert path.read_text(encoding="utf-8") == AUDIT


def test_missing_tool_list_is_an_error() -> None:
    with pytest.raises(OmnireadyError):
        splice("a: 1\n", ("tools",), {"a": {}})


KEYS = st.sampled_from(["name", "owner", "category", "base_url", "notes"])
VALUES = st.one_of(
    st.text(min_size=0, max_size=20),
    st.integers(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(
    tools=st.lists(st.dictionaries(KEYS, VALUES, max_size=4), min_size=1, max_size=4),
    flow=st.lists(st.booleans(), min_size=4, max_size=4),
    comment=st.booleans(),
)
def test_any_inventory_keeps_its_content(
    tools: list[dict[str, Any]], flow: list[bool], comment: bool
) -> None:
    lines = ["# inventory", "tools:"]
    for index, extra in enumerate(tools):
        entry = {"id": f"t{index}", **extra}
        if flow[index]:
            lines.append(
                "  - " + yaml.safe_dump(entry, default_flow_style=True, width=10**6).strip()
            )
        else:
            body = yaml.safe_dump([entry], default_flow_style=False, allow_unicode=True)
            lines.extend("  " + line for line in body.splitlines())
        if comment:
            lines.append("  # between tools")
    text = "\n".join(lines) + "\n"
    blocks = {f"t{i}": {"status": "ok", "n": i} for i in range(len(tools))}
    after = splice(text, ("tools",), blocks)
    before_data, after_data = yaml.safe_load(text), yaml.safe_load(after)
    for tool in after_data["tools"]:
        assert tool.pop("probe") == blocks[tool["id"]]
    assert after_data == before_data
    if comment:
        assert after.count("# between tools") == len(tools)
