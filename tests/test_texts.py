"""The catalogue of texts: both languages hold the same keys and the same placeholders."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from omniready import texts
from omniready.errors import InputError, Problem
from omniready.texts import LANGS, Message, MissingText, catalogue, text


def _fields(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        # A lone brace: fine in a text shown as written (text() fills in only when given
        # values), as long as the other language's text is shown as written too.
        return {"<shown as written>"}


def test_both_languages_hold_the_same_keys() -> None:
    es, en = (set(catalogue(lang)) for lang in LANGS)
    assert es - en == set(), "only in Spanish"
    assert en - es == set(), "only in English"
    assert len(es) > 50  # the catalogue is really read, not an empty folder


def test_each_text_has_the_same_placeholders_in_both_languages() -> None:
    es, en = catalogue("es"), catalogue("en")
    differ = {
        k: (_fields(es[k]), _fields(en[k])) for k in es if _fields(es[k]) != _fields(en.get(k, ""))
    }
    assert differ == {}


def test_no_text_is_empty_or_untranslated_placeholder() -> None:
    for lang in LANGS:
        empty = [k for k, v in catalogue(lang).items() if not v.strip()]
        assert empty == [], lang


def test_a_text_is_filled_in_and_an_unknown_key_is_a_bug() -> None:
    assert text("metrics.absent.not-mapped", "es", role="wait") == "ninguna fuente trae wait"
    assert text("metrics.absent.not-mapped", "en", role="wait") == "no source maps wait"
    with pytest.raises(MissingText):
        text("metrics.absent.no-such-key", "en")
    with pytest.raises(MissingText):
        text("metrics.absent.not-mapped", "fr")


def test_an_error_is_rendered_in_the_run_language_when_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    error = InputError(
        [Problem("a.yaml", 3, 5, Message("metrics.absent.not-mapped", {"role": "x"}))]
    )
    monkeypatch.setattr(texts, "_run_lang", "es")
    assert error.message == "a.yaml:3:5: ninguna fuente trae x"
    monkeypatch.setattr(texts, "_run_lang", "en")
    assert error.message == "a.yaml:3:5: no source maps x"


def test_an_unquoted_boolean_key_is_refused(tmp_path: Path) -> None:
    # YAML 1.1 reads `no:` as False: the key would silently become "False".
    with pytest.raises(ValueError, match="must be quoted"):
        texts._flatten({False: "x"}, "d", {}, tmp_path / "d.yaml")
