"""Hostile audit files: every YAML error is located, the loader's limits hold, and a problem list
is cut at the first hundred (issue 13, points 1-3 and 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from omniready.audit import yamlio
from omniready.audit.store import MAX_PROBLEMS, load_audit, parse_audit
from omniready.audit.yamlio import Limits
from omniready.errors import InputError, OmnireadyError, Problem
from omniready.texts import render

LOCATED = re.compile(r"^a\.yaml:\d+:\d+: ")


def problems_of(text: str) -> list[str]:
    """The problems of `text` as the CLI prints them, in English."""
    with pytest.raises(InputError) as info:
        parse_audit(text, "a.yaml")
    return [in_english(p) for p in info.value.problems]


def in_english(problem: Problem) -> str:
    """A problem as the CLI prints it with --lang en."""
    if problem.line is None:
        return f"{problem.path}: {render(problem.message, 'en')}"
    return f"{problem.path}:{problem.line}:{problem.col or 1}: {render(problem.message, 'en')}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # constructors that raised KeyError and AttributeError: exit 3 before
        (
            "organization: {name: X}\nkind: !!bool maybe\n",
            "a.yaml:2:7: 'maybe' is not a valid !!bool",
        ),
        (
            "organization: {name: X}\nchannel: !!timestamp 99999-01-01\n",
            "a.yaml:2:10: '99999-01-01' is not a valid !!timestamp",
        ),
        ("organization: {name: X}\nn: !!int 0x\n", "a.yaml:2:4: '0x' is not a valid !!int"),
        ("organization: {name: X}\nn: !!float abc\n", "a.yaml:2:4: 'abc' is not a valid !!float"),
        ("organization: {name: X}\nn: " + "9" * 5000 + "\n", "a.yaml:2:4: '99999"),
        ("organization: !!map x\n", "a.yaml:1:15: expected a mapping"),
        # tags an audit has no use for
        ("organization: {name: X}\nx: !foo bar\n", "a.yaml:2:4: tag !foo is not allowed"),
        (
            "organization: {name: X}\nx: !!python/object/apply:os.system [ls]\n",
            "a.yaml:2:4: tag !!python/object/apply:os.system is not allowed",
        ),
        ("organization: {name: X}\nx: !!binary aGk=\n", "a.yaml:2:4: tag !!binary is not allowed"),
        ("organization: {name: X}\nx: !!set {a}\n", "a.yaml:2:4: tag !!set is not allowed"),
        (
            "organization: {name: X}\n<<: {lang: es}\n",
            "a.yaml:2:1: merge keys (<<) are not allowed",
        ),
        # the reader's errors (a control character) carry a position, not a mark
        ("organization: {name: X}\nnote: a\x07b\n", "a.yaml:2:8: invalid YAML: control characters"),
        ("organization: {name: X}\nx:\n\t- a\n", "a.yaml:3:1: invalid YAML"),
    ],
)
def test_every_yaml_error_is_located(text: str, expected: str) -> None:
    problems = problems_of(text)
    assert any(p.startswith(expected) for p in problems), problems


ALIAS_BOMB = (Path(__file__).parents[1] / "data" / "alias-bomb.audit.yaml").read_text(
    encoding="utf-8"
)


def test_an_alias_is_refused_where_it_is_so_an_alias_bomb_never_expands() -> None:
    assert problems_of(ALIAS_BOMB) == [
        "a.yaml:14:20: aliases (*a) are not allowed in an audit file: write the value out"
    ]


def test_an_anchor_without_alias_is_harmless() -> None:
    audit = parse_audit("organization: &org {name: X}\n", "a.yaml")
    assert audit.organization.name == "X"


@pytest.mark.parametrize(
    ("text", "limits", "expected"),
    [
        (
            "organization: {name: X}\nx: " + "[" * 70 + "]" * 70 + "\n",
            Limits(),
            "a.yaml:2:67: lists or mappings nested deeper than 64 (set OMNIREADY_MAX_DEPTH",
        ),
        (
            "organization: {name: X}\nx: [" + "1, " * 30 + "]\n",
            Limits(nodes=20),
            "a.yaml:2:44: more than 20 values (set OMNIREADY_MAX_NODES",
        ),
        (
            "organization: {name: X}\nnote: " + "y" * 101 + "\n",
            Limits(scalar=100),
            "a.yaml:2:7: a value longer than 100 characters (set OMNIREADY_MAX_SCALAR",
        ),
    ],
)
def test_limits_refuse_at_the_node_that_passes_them(
    text: str, limits: Limits, expected: str
) -> None:
    with pytest.raises(InputError) as info:
        yamlio.parse(text, "a.yaml", limits)
    assert str(info.value.problems[0]).startswith(expected), info.value.message


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "organization: {name: X}\nx: [" + "1, " * 30 + "]\n"
    monkeypatch.setenv("OMNIREADY_MAX_NODES", "20")
    with pytest.raises(InputError, match="more than 20 values"):
        yamlio.parse(text, "a.yaml")
    monkeypatch.setenv("OMNIREADY_MAX_NODES", "1_000")
    assert len(yamlio.parse(text, "a.yaml")["x"]) == 30
    for wrong in ("lots", "0", "²"):  # "²" is a digit to str.isdigit, not to int()
        monkeypatch.setenv("OMNIREADY_MAX_NODES", wrong)
        with pytest.raises(OmnireadyError, match=f"OMNIREADY_MAX_NODES={wrong}: must be"):
            yamlio.parse(text, "a.yaml")


def test_a_file_past_the_size_limit_is_refused_where_the_limit_falls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("organization: {name: X}\n" + "# padding\n" * 20, encoding="utf-8")
    monkeypatch.setenv("OMNIREADY_MAX_BYTES", "40")
    with pytest.raises(InputError) as info:
        load_audit(path)
    assert info.value.message.startswith(f"{path}:3:7: larger than 40 bytes")
    assert "OMNIREADY_MAX_BYTES" in info.value.message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"organization: {name: X}\nnote: caf\xe9\n",
            ":2:10: not UTF-8 text (byte 33): save it in the UTF-8 encoding",
        ),
        (
            b"a: 1\r\nb: \xc3\xb1\xff\n",
            ":2:5: not UTF-8 text (byte 11): save it in the UTF-8 encoding",
        ),
        (b"\xff\xfe\x00bad", ":1:1: not UTF-8 text (byte 0): save it in the UTF-8 encoding"),
    ],
)
def test_invalid_utf8_is_located_by_line_column_and_byte(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_audit(path)
    assert info.value.message == f"{path}{expected}"


def test_a_file_with_thousands_of_problems_reports_the_first_hundred_and_the_count() -> None:
    tools = "".join(f"    - {{id: Bad Id {i}, name: x}}\n" for i in range(2000))
    text = "organization: {name: X}\nsteps:\n  tools:\n    inventory:\n" + tools
    problems = problems_of(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert all(LOCATED.match(p) for p in problems[:MAX_PROBLEMS])
    assert problems[0].startswith("a.yaml:5:12: id: 'Bad Id 0' cannot be an id:")
    assert problems[-1] == "a.yaml: … and 1,900 more problems (2,000 in all)"


def test_the_shipped_files_load_within_the_default_limits() -> None:
    from omniready.resources import example_audit

    assert load_audit(example_audit()).organization.name


def test_a_huge_size_limit_reads_only_what_the_file_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("organization: {name: X}\n", encoding="utf-8")
    monkeypatch.setenv("OMNIREADY_MAX_BYTES", str(10**12))  # read(10**12) would ask for 1 TB
    assert load_audit(path).organization.name == "X"
