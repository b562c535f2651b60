"""The one writer as a pure function: what changed is written, everything else stays byte for
byte; a fresh file is the dumper's own text; the result always reads as the data saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from omniready.audit import writer, yamlio
from omniready.audit.model import Audit, Organization
from omniready.audit.store import exclusive, load_audit, save_audit, to_yaml
from omniready.errors import OmnireadyError

HAND = """\
# top comment
schema: 2
organization:
  name: Acme   # inline
  country: CL
# between keys
tools:
- id: crm  # the crm
  name: CRM
  probe:
    status: ok
# between items
- {id: pos, name: POS}
- id: web
  name: Web
notes: |
  a literal
  block
"""


def data(text: str) -> dict:
    loaded = yamlio.parse(text, "t.yaml")
    assert isinstance(loaded, dict)
    return loaded


def test_nothing_changed_gives_the_same_bytes() -> None:
    assert writer.apply(HAND, data(HAND)) == HAND


def test_a_changed_scalar_is_replaced_in_place_and_keeps_its_inline_comment() -> None:
    new = data(HAND)
    new["organization"]["name"] = "Acme SpA"
    assert writer.apply(HAND, new) == HAND.replace("name: Acme   #", "name: Acme SpA   #")


def test_keys_and_items_added_and_removed_touch_only_their_lines() -> None:
    new = data(HAND)
    new["organization"]["size"] = "big"
    del new["organization"]["country"]
    new["tools"][0]["probe"] = {"status": "fail", "checked": 3}
    del new["tools"][2]  # web
    new["tools"].append({"id": "erp", "name": "ERP"})
    new["lang"] = "es"
    after = writer.apply(HAND, new)
    assert after == (
        "# top comment\nschema: 2\norganization:\n  name: Acme   # inline\n  size: big\n"
        "# between keys\ntools:\n- id: crm  # the crm\n  name: CRM\n  probe:\n"
        "    status: fail\n    checked: 3\n# between items\n- {id: pos, name: POS}\n"
        "- id: erp\n  name: ERP\nnotes: |\n  a literal\n  block\nlang: es\n"
    )
    assert yamlio.parse(after, "t.yaml") == new


def test_a_flow_mapping_keeps_its_line_and_gains_keys_inline() -> None:
    new = data(HAND)
    new["tools"][1]["probe"] = {"status": "ok", "at": "yes"}
    new["tools"][1]["name"] = "POS 2"
    after = writer.apply(HAND, new)
    assert after == HAND.replace(
        "- {id: pos, name: POS}", "- {id: pos, name: POS 2, probe: {status: ok, at: 'yes'}}"
    )


def test_a_flow_mapping_that_loses_a_key_is_written_whole_in_block_style() -> None:
    new = data(HAND)
    del new["tools"][1]["name"]
    after = writer.apply(HAND, new)
    assert "# between items\n- id: pos\n- id: web\n" in after
    assert after.startswith(HAND.split("- {id: pos")[0])  # every line before it kept


def test_a_bare_list_is_edited_in_place() -> None:
    text = "# inventory\n- id: a  # first\n  name: A\n# second\n- {id: b}\n"
    after = writer.apply(text, [{"id": "a", "name": "A2"}, {"id": "b", "probe": {"n": 1}}])
    assert (
        after == "# inventory\n- id: a  # first\n  name: A2\n# second\n- {id: b, probe: {n: 1}}\n"
    )


def test_a_fresh_file_is_the_dumpers_text() -> None:
    audit = Audit(organization=Organization(name="Óptica Ñandú"))
    assert writer.apply("", data(to_yaml(audit))) == to_yaml(audit)


def test_crlf_is_kept_in_new_lines() -> None:
    text = HAND.replace("\n", "\r\n")
    new = data(HAND)
    new["organization"]["size"] = "big"
    after = writer.apply(text, new)
    assert after == text.replace("  country: CL\r\n", "  country: CL\r\n  size: big\r\n")


@pytest.mark.parametrize(
    "text",
    [
        "{schema: 2, organization: {name: X}}\n",  # a flow document
        "base: &b {name: X}\norganization:\n  <<: *b\n",  # a merge key
        "- 1\n- 2\n",  # not a mapping
        "a: [unclosed\n",  # not YAML
    ],
)
def test_a_layout_that_cannot_be_kept_is_written_fresh_with_the_right_data(text: str) -> None:
    new = {"schema": 2, "organization": {"name": "Y"}}
    after = writer.apply(text, new)
    assert yamlio.parse(after, "t.yaml") == new


def test_a_byte_order_mark_and_the_comments_after_it_are_kept() -> None:
    assert writer.apply("\ufeff# c\na: 1  # one\n", {"a": 2}) == "\ufeff# c\na: 2  # one\n"


def test_a_yes_or_no_string_is_quoted_as_the_dumper_quotes_it() -> None:
    after = writer.apply("a: x  # c\n", {"a": "yes"})
    assert after == "a: 'yes'  # c\n"
    assert yamlio.parse(after, "t.yaml") == {"a": "yes"}


def test_save_keeps_comments_of_the_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "a.audit.yaml"
    save_audit(path, Audit(organization=Organization(name="X")))
    path.write_text("# kept\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with exclusive(path):
        save_audit(path, Audit(organization=Organization(name="Y")))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# kept\n") and "  name: Y\n" in text
    assert load_audit(path).organization.name == "Y"


def test_a_failure_mid_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.audit.yaml"
    save_audit(path, Audit(organization=Organization(name="X")))
    before = path.read_bytes()

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OmnireadyError, match="cannot write"):
        save_audit(path, Audit(organization=Organization(name="Y")))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.audit.yaml"]
