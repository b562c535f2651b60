"""Every interview text comes from the catalogue (texts/<lang>/interview.yaml): the keys the code
names exist in both languages, and no interview module holds a sentence of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import omniready.interview as package
from omniready.interview.records import FORMS, JOURNEY_STEP, choice_label
from omniready.interview.terminal import prompt_line
from omniready.texts import LANGS, catalogue, group, text

MODULES = sorted(Path(package.__file__).parent.glob("*.py"))
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in MODULES)
FORM_LIST = [*FORMS.values(), JOURNEY_STEP]
GROUPS = ("screen", "prompts", "saved", "errors", "records", "partial", "review", "end", "usage")
GROUPS += ("respondents",)
# rich styles are words in the code, not texts for a person.
STYLES = {"bold", "italic", "dim", "green", "cyan", "yellow", "red"}


def named_keys() -> set[str]:
    """The catalogue keys the interview's code names literally: `group.name` (the interview's own
    helpers add `interview.`), a BadValue's key (under `interview.errors`), or a whole key."""
    groups = "|".join(GROUPS)
    short = re.findall(rf"[\"']((?:{groups})\.[a-z-]+)[\"']", SOURCE)
    errors = re.findall(r'BadValue\(\s*"([a-z-]+)"', SOURCE)
    errors += re.findall(r'_checked\(.*, "([a-z-]+)"\)', SOURCE)
    full = re.findall(r'"(interview\.[a-z-]+(?:\.[a-z-]+)?)"', SOURCE)
    return {f"interview.{k}" for k in short} | {f"interview.errors.{k}" for k in errors} | set(full)


def test_every_key_the_code_names_is_in_both_languages() -> None:
    named = named_keys()
    assert len(named) > 60, "the patterns found too little"
    for lang in LANGS:
        assert named - set(catalogue(lang)) == set(), lang


def test_every_interview_text_is_used() -> None:
    # Field, form and choice texts are named through their records; the others literally.
    every = set(group("interview", "es"))
    dynamic = {k for k in every if k.split(".")[0] in {"fields", "forms", "choices"}}
    unused = {f"interview.{k}" for k in every - dynamic} - named_keys()
    assert unused == set()


def test_each_record_form_and_field_reads_in_both_languages() -> None:
    for form in FORM_LIST:
        # Each form names its record in both languages, and the two names differ.
        assert form.one_text("es") != form.one_text("en"), form.name
        assert form.many_text("es") and form.another_text("en"), form.name
        for spec in form.fields:
            assert spec.text("es") and spec.text("en"), spec.name
            assert spec.short("es") and "(" not in spec.short("es"), spec.name
            for choice in spec.choices:
                assert choice_label(choice, "es") and choice_label(choice, "en"), choice


def test_no_interview_module_holds_a_sentence_or_a_language_branch() -> None:
    sentences: list[str] = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in docstrings:
                    continue
                # Two words or more of letters: a sentence for a person, not a key or a mark.
                said = re.findall(r"(?<!\S)[^\W\d_]{2,}", node.value)
                if len(said) >= 2 and not set(said) <= STYLES:
                    sentences.append(f"{path.name}: {node.value!r}")
    assert sentences == []
    # What depends on the language is data: the catalogue, or words.yaml for what is typed.
    assert re.search(r"lang\s*[!=]=\s*[\"']", SOURCE) is None


def test_spanish_texts_have_no_english_words_left() -> None:
    english = {"the", "and", "or", "of", "skipped", "answer", "step", "record", "channel", "said"}
    english |= {"ecommerce", "helpdesk", "pos", "yes", "none"}
    for key, value in group("interview", "es").items():
        words = set(
            re.findall(
                r"[a-záéíóúñ]+", re.sub(r"\{[a-z_]+\}|\[/?bold\]|--[a-z-]+", "", value.lower())
            )
        )
        assert not words & english, key


def test_the_interview_does_not_depend_on_the_cli() -> None:
    assert "omniready.cli" not in SOURCE


def test_prompts_end_in_one_mark() -> None:
    assert prompt_line("¿Por qué no aplica?") == "¿Por qué no aplica? "
    assert prompt_line("Nota") == "Nota: "
    assert text("interview.prompts.na-reason", "es") == "¿Por qué no aplica?"
    assert text("interview.prompts.na-reason", "en") == "Why does it not apply?"
