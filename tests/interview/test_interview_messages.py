"""Every interview text exists in both languages, with the same placeholders, and is used."""

from __future__ import annotations

import re
import string
from pathlib import Path

import omniready.interview as package
from omniready.interview.messages import MESSAGES, message
from omniready.interview.records import FORMS, JOURNEY_STEP
from omniready.interview.terminal import prompt_line

SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in Path(package.__file__).parent.glob("*.py")
)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_placeholders() -> None:
    for key, (es, en) in MESSAGES.items():
        assert es.strip() and en.strip(), key
        assert fields(es) == fields(en), key


def test_every_key_the_code_names_exists() -> None:
    named = set(re.findall(r'(?:message|self\.t|self\.note|say|BadValue)\(\s*"([a-z_]+)"', SOURCE))
    named |= set(re.findall(r'key = "([a-z_]+)" if', SOURCE))
    assert named, "the pattern found nothing"
    assert named - set(MESSAGES) == set()


def test_spanish_is_the_default_and_english_on_request() -> None:
    assert message("step", "es", k=1, n=5) == "Paso 1 de 5"
    assert message("step", "fr", k=1, n=5) == "Paso 1 de 5"
    assert message("step", "en", k=1, n=5) == "Step 1 of 5"


def test_every_record_field_has_both_labels() -> None:
    for form in [*FORMS.values(), JOURNEY_STEP]:
        # Each form names its record in both languages, and the two names differ.
        assert form.one_text("es") and form.one_text("en"), form.step
        assert form.one_text("es") != form.one_text("en"), form.step
        for spec in form.fields:
            assert spec.text("es") and spec.text("en"), spec.name


def test_the_interview_does_not_depend_on_the_cli() -> None:
    assert "omniready.cli" not in SOURCE


SPANISH = [es for es, _ in MESSAGES.values()] + [
    spec.label[0] for form in [*FORMS.values(), JOURNEY_STEP] for spec in form.fields
]


def test_spanish_texts_have_no_english_words_left() -> None:
    english = {"the", "and", "or", "of", "skipped", "answer", "step", "record", "channel", "said"}
    english |= {"ecommerce", "helpdesk", "pos", "yes", "none"}
    for text in SPANISH:
        words = set(
            re.findall(r"[a-záéíóúñ]+", re.sub(r"\{[a-z_]+\}|\[/?bold\]", "", text.lower()))
        )
        assert not words & english, text


def test_prompts_end_in_one_mark() -> None:
    assert prompt_line("¿Por qué no aplica?") == "¿Por qué no aplica? "
    assert prompt_line("Nota") == "Nota: "
    assert "¿Dicen" not in SOURCE
    assert message("ask_na_reason", "es") == "¿Por qué no aplica?"
