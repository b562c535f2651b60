"""What a typed line means: command keys and values read as people type them."""

from __future__ import annotations

import pytest

from omniready.checklist import Checklist
from omniready.interview import parse
from omniready.interview.parse import BadValue


@pytest.mark.parametrize(
    ("raw", "action"),
    [
        ("", "pass"),
        ("   ", "pass"),
        (">", "pass"),
        ("<", "back"),
        ("na", "na"),
        ("N/A", "na"),
        ("nota", "note"),
        ("note", "note"),
        ("q", "quit"),
        ("salir", "quit"),
        ("?", "help"),
        ("quien", "who"),
        ("evidencia", "evidence"),
        ("borrar", "clear"),
        ("3", "value"),
        ("n", "value"),
        ("s", "value"),
        ("half", "value"),
    ],
)
def test_command_keys(raw: str, action: str) -> None:
    assert parse.command(raw) == action


@pytest.mark.parametrize(
    ("qid", "raw", "value"),
    [
        ("tools.a", "s", True),
        ("tools.a", "Sí", True),
        ("tools.a", "yes", True),
        ("tools.a", "1", True),
        ("tools.a", "n", False),
        ("tools.a", "2", False),
        ("processes.a", "2", "half"),
        ("processes.a", "HALF", "half"),
        ("processes.a", "todo", "all"),
        ("processes.b", " CRM solo web ", "CRM solo web"),
        ("segments.b", "12", 12),
        ("segments.b", "2,5", 2.5),
        ("metrics.b", "35%", 0.35),
        ("metrics.b", "0.5", 0.5),
        ("brand.a", "3", "all"),
    ],
)
def test_parse_value(small: Checklist, qid: str, raw: str, value: object) -> None:
    parsed = parse.parse_value(small.by_id[qid], raw, "es")
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("qid", "raw", "key"),
    [
        ("tools.a", "maybe", "bad_yesno"),
        ("processes.a", "4", "bad_option"),
        ("processes.a", "0", "bad_option"),
        ("segments.b", "many", "bad_number"),
        ("segments.b", "51", "above_max"),
        ("segments.b", "-1", "below_min"),
    ],
)
def test_parse_value_refuses_with_a_message_key(
    small: Checklist, qid: str, raw: str, key: str
) -> None:
    with pytest.raises(BadValue) as caught:
        parse.parse_value(small.by_id[qid], raw, "es")
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("1200", "es", 1200),
        ("1.200", "es", 1200),
        ("1,200", "en", 1200),
        ("1.200.000", "es", 1200000),
        ("1,5", "es", 1.5),
        ("1.5", "es", 1.5),
        ("1.234,5", "es", 1234.5),
        ("1,234.5", "en", 1234.5),
        ("0,25", "en", 0.25),
        (".5", "es", 0.5),
        ("12 000", "es", 12000),
        ("-3", "es", -3),
    ],
)
def test_parse_number_reads_numbers_as_people_type_them(raw: str, lang: str, value: float) -> None:
    assert parse.parse_number(raw, lang) == value


@pytest.mark.parametrize(
    ("raw", "numbered", "expected"),
    [
        ("Sí", False, True),
        (" yes ", False, True),
        ("true", False, True),
        ("N", False, False),
        ("false", False, False),
        ("1", False, None),
        ("1", True, True),
        ("2", True, False),
        ("maybe", True, None),
    ],
)
def test_yes_no_is_read_the_same_everywhere(
    raw: str, numbered: bool, expected: bool | None
) -> None:
    assert parse.yes_no(raw, numbered=numbered) is expected
