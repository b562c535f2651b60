"""Old files keep working: schema migrations are pure, step by step, and `migrate` is safe."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from omniready.audit.migrations import MIGRATIONS, upgrade
from omniready.audit.model import SCHEMA_VERSION
from omniready.audit.store import load_audit, parse_audit, to_yaml
from omniready.cli import app
from omniready.errors import InputError

runner = CliRunner()

SCHEMA1 = """\
schema: 1
checklist: core@2025.1
organization: {name: Acme}
steps:
  tools:
    answers:
      tools.api-available: {answer: most, evidence: vendors.xlsx}
      tools.webhooks-available: {answer: some, evidence: ""}
      tools.tool-owners: {answer: half}
"""


def test_every_schema_below_the_current_one_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_schema1_evidence_string_becomes_a_one_element_list() -> None:
    audit = parse_audit(SCHEMA1, "old.yaml")
    answers = audit.steps.tools.answers
    assert audit.schema_ == SCHEMA_VERSION
    assert answers["tools.api-available"].evidence == ["vendors.xlsx"]
    assert answers["tools.webhooks-available"].evidence == []  # "" meant no evidence
    assert answers["tools.tool-owners"].evidence == []


def test_migration_does_not_modify_its_argument() -> None:
    raw: dict[str, Any] = {
        "schema": 1,
        "steps": {"tools": {"answers": {"q": {"answer": "x", "evidence": "doc"}}}},
    }
    before = copy.deepcopy(raw)
    upgraded, found = upgrade(raw, SCHEMA_VERSION)
    assert raw == before
    assert found == 1
    assert upgraded["schema"] == SCHEMA_VERSION
    assert upgraded["steps"]["tools"]["answers"]["q"]["evidence"] == ["doc"]


@pytest.mark.parametrize(
    "raw",
    [
        {"schema": 1},
        {"schema": 1, "steps": None},
        {"schema": 1, "steps": ["not", "a", "mapping"]},
        {"schema": 1, "steps": {"tools": "text"}},
        {"schema": 1, "steps": {"tools": {"answers": ["a"]}}},
        {"schema": 1, "steps": {"tools": {"answers": {"q": "not a mapping"}}}},
        {"schema": 1, "steps": {"tools": {"answers": {"q": {"evidence": 3}}}}},
    ],
)
def test_migration_leaves_malformed_data_for_validation(raw: dict[str, Any]) -> None:
    upgraded, _ = upgrade(copy.deepcopy(raw), SCHEMA_VERSION)
    assert {k: v for k, v in upgraded.items() if k != "schema"} == {
        k: v for k, v in raw.items() if k != "schema"
    }


def test_malformed_old_evidence_is_reported_at_its_line() -> None:
    text = SCHEMA1.replace("evidence: vendors.xlsx", "evidence: {a: 1}")
    with pytest.raises(InputError) as info:
        parse_audit(text, "old.yaml")
    assert "old.yaml:7:53:" in str(info.value)
    assert "evidence" in str(info.value)


@given(st.one_of(st.none(), st.text(max_size=20), st.lists(st.text(min_size=1), max_size=3)))
def test_migration_is_idempotent_on_current_data(evidence: Any) -> None:
    raw = {"schema": 1, "steps": {"brand": {"answers": {"q": {"evidence": evidence}}}}}
    once, _ = upgrade(copy.deepcopy(raw), 2)
    twice = MIGRATIONS[1](copy.deepcopy(once))
    assert {k: v for k, v in twice.items() if k != "schema"} == {
        k: v for k, v in once.items() if k != "schema"
    }


def test_shipped_schema1_file_loads_and_saves_as_current(mk: SimpleNamespace) -> None:
    audit = load_audit(mk.old_2025)
    assert audit.schema_ == SCHEMA_VERSION
    evidence = audit.steps.tools.answers["tools.api-available"].evidence
    assert evidence == ["Planilla de proveedores 2025"]
    text = to_yaml(audit)
    assert text.startswith(f"schema: {SCHEMA_VERSION}\n")
    assert parse_audit(text) == audit  # the rewritten file reads back the same


# ---------------------------------------------------------------------------- omniready migrate


def test_migrate_rewrites_in_the_current_schema_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "acme.audit.yaml"
    path.write_text(SCHEMA1, encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0, result.output
    backup = tmp_path / "acme.audit.yaml.schema1.bak"
    assert backup.read_text(encoding="utf-8") == SCHEMA1  # byte for byte, comments included
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"schema: {SCHEMA_VERSION}\n")
    # The one writer keeps the file's own style (a flow mapping stays one): read what it says.
    migrated = load_audit(path).steps.tools.answers["tools.api-available"]
    assert migrated.evidence == ["vendors.xlsx"]
    assert "migrated schema 1 → 2" in result.stderr
    assert str(backup) in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_migrate_twice_does_nothing_the_second_time(tmp_path: Path) -> None:
    path = tmp_path / "acme.audit.yaml"
    path.write_text(SCHEMA1, encoding="utf-8")
    assert runner.invoke(app, ["migrate", str(path)]).exit_code == 0
    migrated = path.read_bytes()
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0
    assert "nothing to do" in result.stderr
    assert path.read_bytes() == migrated
    assert len(list(tmp_path.glob("*.bak"))) == 1


def test_migrate_never_replaces_an_earlier_backup(tmp_path: Path) -> None:
    path = tmp_path / "a.audit.yaml"
    earlier = tmp_path / "a.audit.yaml.schema1.bak"
    earlier.write_text("precious\n", encoding="utf-8")
    path.write_text(SCHEMA1, encoding="utf-8")
    assert runner.invoke(app, ["migrate", str(path)]).exit_code == 0
    assert earlier.read_text(encoding="utf-8") == "precious\n"
    assert (tmp_path / "a.audit.yaml.schema1.2.bak").read_text(encoding="utf-8") == SCHEMA1


def test_migrate_keeps_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "a.audit.yaml"
    path.write_text("# Acme, March 2025\n" + SCHEMA1, encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0
    assert "comments" not in result.stderr  # nothing to warn about any more
    assert path.read_text(encoding="utf-8").startswith("# Acme, March 2025\nschema: 2\n")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            SCHEMA1.replace("{answer: half}", "{answer: half, colour: red}"),
            ":9:41:",  # at the unknown key
            "unknown field",
        ),
        (SCHEMA1.replace("schema: 1", "schema: 99"), ":1:9:", "newer than this release"),
        (SCHEMA1 + "  : [\n", ":", "invalid YAML"),
    ],
)
def test_migrate_bad_file_exits_2_and_changes_nothing(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = tmp_path / "bad.audit.yaml"
    path.write_text(text, encoding="utf-8")
    # migrate has no --lang: the locale's language, English here, says what is wrong.
    result = runner.invoke(app, ["migrate", str(path)], env={"LC_ALL": "en_US.UTF-8"})
    assert result.exit_code == 2, result.output
    assert f"{path}{where}" in result.stderr
    assert message in result.stderr
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "bad.audit.yaml"
    ]


def test_migrate_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["migrate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.stderr


def test_migrate_that_fails_to_write_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.audit.yaml"
    path.write_text(SCHEMA1, encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def replace_then_fail(src: str, dst: str) -> None:
        calls.append(str(dst))
        if str(dst) == str(path):  # the backup lands, then the disk fills up
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("omniready.audit.store.os.replace", replace_then_fail)
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 2
    assert "cannot write: No space left on device" in result.stderr
    assert path.read_text(encoding="utf-8") == SCHEMA1
    assert calls[0].endswith(".schema1.bak")  # the backup was written first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_shipped_schema1_file_validates_and_reports(tmp_path: Path, mk: SimpleNamespace) -> None:
    before = mk.old_2025.read_bytes()
    assert runner.invoke(app, ["validate", str(mk.old_2025)]).exit_code == 0
    result = runner.invoke(
        app,
        ["report", str(mk.old_2025), "-o", str(tmp_path), "--format", "md,json", "--lang", "en"],
    )
    assert result.exit_code == 0, result.output
    report = (tmp_path / "acme-2025.schema1-report.md").read_text(encoding="utf-8")
    assert "Acme Retail SpA" in report
    assert "38.4" in report  # the overall score of the 2025 audit
    assert mk.old_2025.read_bytes() == before  # reading an old file never rewrites it
