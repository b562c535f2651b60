"""What a typed line means: command keys and values read as people type them."""

from __future__ import annotations

import pytest

from omniready.checklist import Checklist, Option, Question, Text
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
        ("tools.a", "maybe", "bad-yesno"),
        ("processes.a", "4", "bad-option"),
        ("processes.a", "0", "bad-option"),
        ("segments.b", "many", "bad-number"),
        ("segments.b", "51", "above-max"),
        ("segments.b", "-1", "below-min"),
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
        ("SI", False, True),
        ("si", False, True),
        ("S", False, True),
        (" yes ", False, True),
        ("Y", False, True),
        ("N", False, False),
        ("No", False, False),
        # Nothing but yes and no words: a sentence or a number typed at the wrong prompt.
        ("true", False, None),
        ("false", False, None),
        ("Duplicate customers between CRM and POS", False, None),
        ("12,500", False, None),
        ("nada", False, None),
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


# The shipped coverage scale as the Spanish screen shows it (labels may differ per question).
SCALE = [
    ("none", "No / nada"),
    ("some", "En algunos casos"),
    ("half", "En la mitad"),
    ("most", "En la mayoría"),
    ("all", "En todos"),
    ("unknown", "No se sabe"),
]


def scale_question(labels: list[tuple[str, str]] = SCALE) -> Question:
    options = [
        Option(value=v, score=None, label=Text(es=es, en=v.capitalize())) for v, es in labels
    ]
    return Question(id="tools.x", type="scale", options=options, text=Text(es="¿x?", en="x?"))


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("en la mayoria", "most"),  # no accent
        ("EN LA MAYORÍA", "most"),
        ("mayoría", "most"),  # a word of the label
        ("mayo", "most"),  # an unambiguous prefix
        ("todos", "all"),
        ("nada", "none"),
        ("no", "none"),  # exact alternative beats "No se sabe"
        ("mitad", "half"),
        ("algunos", "some"),
        ("no se", "unknown"),
        ("most", "most"),  # the value kept in the file
        ("4", "most"),
    ],
)
def test_options_match_without_case_or_accents_by_prefix_and_number(raw: str, value: str) -> None:
    assert parse.parse_value(scale_question(), raw, "es") == value


def test_a_yes_no_word_never_picks_an_option_by_its_first_word() -> None:
    labels = [("none", "Ninguna"), ("all", "Todas"), ("unknown", "No se sabe")]
    for raw in ("no", "n", "s"):
        with pytest.raises(BadValue) as caught:
            parse.parse_value(scale_question(labels), raw, "es")
        assert caught.value.key == "bad-option"


@pytest.mark.parametrize("raw", ["en", "la", "m"])
def test_an_ambiguous_prefix_names_the_candidates_and_lists_the_options(raw: str) -> None:
    with pytest.raises(BadValue) as caught:
        parse.parse_value(scale_question(), raw, "es")
    assert caught.value.key == "ambiguous-option"
    message = parse_message(caught.value)
    assert "1 No / nada · 2 En algunos casos" in message and "6 No se sabe" in message


def test_a_bad_option_lists_the_options_as_the_screen_shows_them() -> None:
    with pytest.raises(BadValue) as caught:
        parse.parse_value(scale_question(), "muchísimos", "es")
    assert caught.value.key == "bad-option"
    message = parse_message(caught.value)
    assert "4 En la mayoría" in message and "most" not in message  # no English values


def test_options_are_matched_in_the_screens_language() -> None:
    question = scale_question()
    assert parse.parse_value(question, "Unknown", "en") == "unknown"
    with pytest.raises(BadValue):
        parse.parse_value(question, "mayoría", "en")  # the Spanish label is not on screen


def parse_message(bad: BadValue, lang: str = "es") -> str:
    return bad.message.render(lang)


def count_question() -> Question:
    return Question(id="tools.n", type="number", integer=True, min=0, text=Text(es="¿n?", en="n?"))


@pytest.mark.parametrize(("raw", "value"), [("12", 12), ("1.200", 1200), ("3,0", 3)])
def test_counts_are_whole_numbers(raw: str, value: int) -> None:
    parsed = parse.parse_value(count_question(), raw, "es")
    assert parsed == value and type(parsed) is int


@pytest.mark.parametrize("raw", ["2,5", "2.5", "0,1"])
def test_a_count_refuses_decimals(raw: str) -> None:
    with pytest.raises(BadValue) as caught:
        parse.parse_value(count_question(), raw, "es")
    assert caught.value.key == "bad-int"


@pytest.mark.parametrize("raw", ["0.35", "0,35", "35 %", "35%", "35"])
def test_shares_accept_a_fraction_a_percentage_and_a_bare_number(
    small: Checklist, raw: str
) -> None:
    assert parse.parse_value(small.by_id["metrics.b"], raw, "es") == pytest.approx(0.35)


def test_a_share_above_everything_is_refused(small: Checklist) -> None:
    with pytest.raises(BadValue) as caught:
        parse.parse_value(small.by_id["metrics.b"], "140 %", "es")
    assert caught.value.key == "bad-share"


def test_the_words_file_names_every_command_and_only_those() -> None:
    from typing import get_args

    actions = set(get_args(parse.Action)) - {"value"}
    assert set(parse.words()["commands"]) == actions
    assert parse.command("ATRÁS") == "back" and parse.command("Quién") == "who"
    assert set(parse.words()["thousands"]) == {"es", "en"}
