"""Loading with located errors, deterministic saving, atomic writes and the single-writer lock."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from omniready.audit.model import Answer, Audit, Organization, Tool
from omniready.audit.store import (
    AuditLocked,
    exclusive,
    load_audit,
    parse_audit,
    save_audit,
    to_yaml,
    write_atomic,
)
from omniready.errors import InputError, Problem
from omniready.texts import render

MINIMAL = textwrap.dedent(
    """\
    schema: 1
    checklist: core@2026.1
    organization:
      name: Óptica Ñandú
    lang: es
    steps:
      tools:
        answers:
          tools.api-available:
            answer: most
            note: "El CRM sí; el POS no"
        inventory:
        - id: crm
          name: CRM
          channels:
          - web
          - whatsapp
          base_url: https://crm.example
    """
)


def errors_of(text: str) -> list[str]:
    """The problems of `text` as the CLI prints them, in English."""
    with pytest.raises(InputError) as info:
        parse_audit(text, "a.yaml")
    return [in_english(p) for p in info.value.problems]


def in_english(problem: Problem) -> str:
    """A problem as the CLI prints it with --lang en."""
    if problem.line is None:
        return f"{problem.path}: {render(problem.message, 'en')}"
    return f"{problem.path}:{problem.line}:{problem.col or 1}: {render(problem.message, 'en')}"


def test_minimal_file_loads_with_accents_intact() -> None:
    audit = parse_audit(MINIMAL)
    assert audit.organization.name == "Óptica Ñandú"
    assert audit.steps.tools.inventory[0].channels == ["web", "whatsapp"]
    assert audit.steps.tools.answers["tools.api-available"].answer == "most"


def test_save_load_save_is_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "a.audit.yaml"
    save_audit(path, parse_audit(MINIMAL))
    first = path.read_bytes()
    save_audit(path, load_audit(path))
    assert path.read_bytes() == first
    assert "Óptica Ñandú".encode() in first  # UTF-8 as is, not \\u escapes
    assert b"&" not in first and b"*" not in first  # no anchors or aliases


def test_same_content_in_other_key_order_gives_same_bytes() -> None:
    a = parse_audit(MINIMAL)
    reordered = MINIMAL.replace("schema: 1\nchecklist: core@2026.1\n", "checklist: core@2026.1\n")
    b = parse_audit(reordered + "schema: 1\n")
    assert to_yaml(a) == to_yaml(b)


def test_answers_are_saved_sorted_so_git_diffs_stay_small() -> None:
    audit = Audit(organization=Organization(name="X"))
    audit.steps.tools.answers["tools.z"] = Answer(answer="all")
    audit.steps.tools.answers["tools.a"] = Answer(answer="none")
    text = to_yaml(audit)
    assert text.index("tools.a") < text.index("tools.z")


def test_shared_objects_are_written_without_aliases() -> None:
    channels = ["web", "email"]
    audit = Audit(organization=Organization(name="X"))
    audit.steps.tools.inventory = [
        Tool(id="a", name="A", channels=channels),
        Tool(id="b", name="B", channels=channels),
    ]
    assert "&id" not in to_yaml(audit)


def test_multiline_note_is_a_literal_block_and_round_trips() -> None:
    audit = parse_audit(MINIMAL)
    audit.steps.tools.answers["tools.api-available"].note = "línea 1\nlínea 2\n"
    text = to_yaml(audit)
    assert "note: |" in text
    assert to_yaml(parse_audit(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("organization: {name: X}\nlang: fr\n", "a.yaml:2:7: lang:"),
        (
            "organization: {name: X}\nsteps:\n  tools:\n    inventory:\n    - id: Bad Id\n      name: x\n",
            "a.yaml:5:11: id: 'Bad Id' cannot be an id: use lowercase letters",
        ),
        ("organization: {name: X}\nsurprise: 1\n", "a.yaml:2:1: surprise: unknown field"),
        ("organization: {name: X}\norganization: {name: Y}\n", "a.yaml:2:1: duplicate key"),
        ("organization: [\n", "a.yaml:2:1: invalid YAML"),
        ("schema: 99\norganization: {name: X}\n", "a.yaml:1:9: schema 99 is newer"),
        ("- just\n- a list\n", "a.yaml:1:1: an audit file must be a YAML mapping"),
        ("lang: es\n", "a.yaml:1:1: organization: required field is missing"),
        (
            "organization: {name: X}\nsteps:\n  metrics:\n    channels:\n      web: {abandonment_rate: 1.5}\n",
            "a.yaml:5:31: abandonment_rate: '1.5' is not a share: a share is a fraction between 0 and 1; write 0.35 for 35 %",
        ),
        (
            "organization: {name: X}\nsteps:\n  tools:\n    answers:\n      tools.x: {na: true}\n",
            "a.yaml:5:16: tools.x: a not-applicable answer (na: true) needs its reason in note",
        ),
        (
            "organization: {name: X}\nsteps:\n  tools:\n    inventory:\n    - {id: a, name: A, base_url: ftp://x}\n",
            "a.yaml:5:34: base_url: 'ftp://x' is not a web address: start it with http:// or https://",
        ),
    ],
)
def test_bad_input_is_located_at_file_line_and_column(text: str, expected: str) -> None:
    problems = errors_of(text)
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_file_and_directory_are_clean_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_audit(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="is a folder"):
        load_audit(tmp_path)
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match="not UTF-8"):
        load_audit(binary)


def test_write_atomic_keeps_the_old_file_when_the_folder_is_gone(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "a.yaml"
    with pytest.raises(Exception, match="cannot write"):
        write_atomic(target, "x: 1\n")
    assert not target.exists()


def test_write_atomic_leaves_no_temporary_files_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    target.chmod(0o600)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert (target.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_second_process_is_refused_while_the_first_holds_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    code = (
        "import sys\n"
        "from omniready.audit.store import exclusive, AuditLocked\n"
        "from omniready.texts import use_lang\n"
        "use_lang('en')\n"
        "try:\n"
        f"    with exclusive({str(target)!r}):\n"
        "        pass\n"
        "except AuditLocked as e:\n"
        "    print(e.message); sys.exit(7)\n"
    )
    with exclusive(target):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 7
        assert "already open in another omniready process" in done.stdout
        assert f"pid {os.getpid()}" in done.stdout
    # once released, a new writer gets it and the record of who held it is gone
    with exclusive(target):
        pass
    assert not (tmp_path / ".a.audit.yaml.lock.holder").exists()
    with pytest.raises(AuditLocked), exclusive(target), exclusive(target):
        pass


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "organization: {name: X}\nstarted: 2026-13-45\n",
            "a.yaml:2:10: invalid date or time '2026-13-45'",
        ),
        (
            "organization: {name: X}\nstarted: 2026-02-30\n",
            "a.yaml:2:10: invalid date or time '2026-02-30'",
        ),
        (
            "organization: {name: X}\nupdated: 2026-01-01T25:99:00Z\n",
            "a.yaml:2:10: invalid date or time",
        ),
        ("organization: {name: X}\n? [a, b]\n: 1\n", "a.yaml:2:3: a key must be a plain value"),
        (
            "organization: {name: X}\nwaivers:\n- {tool: a, condition: sunset, reason: r, expires: 2026-13-01}\n",
            "a.yaml:3:52: invalid date or time '2026-13-01'",
        ),
    ],
)
def test_impossible_dates_and_compound_keys_are_located(text: str, expected: str) -> None:
    problems = errors_of(text)
    assert any(p.startswith(expected) for p in problems), problems


def test_crlf_files_are_read_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(MINIMAL.replace("\n", "\r\n").encode())
    from omniready.audit.yamlio import read_text

    assert read_text(path).count("\r\n") == MINIMAL.count("\n")
    assert load_audit(path).organization.name == "Óptica Ñandú"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1 # why\n", True),
        ("# header\na: 1\n", True),
        ('organization: {name: "Acme #1"}\n', False),
        ("note: |\n  line # not a comment\n", False),
        ("a: 1\n", False),
    ],
)
def test_has_comments(text: str, expected: bool) -> None:
    from omniready.audit.yamlio import has_comments

    assert has_comments(text) is expected


def test_a_refused_writer_leaves_the_lock_in_place(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    code = (
        "import sys\n"
        "from omniready.audit.store import exclusive, AuditLocked\n"
        "try:\n"
        f"    with exclusive({str(target)!r}):\n"
        "        sys.exit(0)\n"
        "except AuditLocked:\n"
        "    sys.exit(7)\n"
    )
    with exclusive(target):
        for _ in range(3):  # each refusal must leave the first holder's lock working
            done = subprocess.run([sys.executable, "-c", code], timeout=60)
            assert done.returncode == 7
        assert (tmp_path / ".a.audit.yaml.lock").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "organization: {name: X}\nsteps:\n  segments:\n    segments:\n    - {id: a, age: 30-18}\n",
            "a.yaml:5:20: age: the band '30-18' runs backwards: write the lower age first",
        ),
        (
            "organization: {name: X}\nsteps:\n  metrics:\n    channels:\n      web: {monthly_contacts: 123456789012345678901234567890}\n",
            "a.yaml:5:31: monthly_contacts: '123456789012345678901234567890' is too large: "
            "at most 10000000000",
        ),
    ],
)
def test_implausible_figures_are_refused(text: str, expected: str) -> None:
    problems = errors_of(text)
    assert any(p.startswith(expected) for p in problems), problems
