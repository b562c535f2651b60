"""Words, sentences, language and syllables of customer text (shared by several checks)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?¡¿:;…]+|\n")
_SPANISH_MARKS = re.compile(r"[áéíóúñ¿¡]", re.IGNORECASE)
_URL_OR_EMAIL = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    """Frequent short words of each language (stopwords.yaml): a text is in the language with
    more of them."""
    import yaml

    path = Path(__file__).with_name("stopwords.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: frozenset(str(w) for w in words) for lang, words in raw.items()}


def plain(text: str) -> str:
    """Lowercase without accents: "Acmé" → "acme" (ñ becomes n as well)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # words repeat: the same few thousand across a whole folder
def plain_word(word: str) -> str:
    """`plain` of one word, remembered."""
    return plain(word)


def without_addresses(text: str) -> str:
    """The text with URLs and e-mail addresses blanked (same length, so offsets still hold)."""
    return _URL_OR_EMAIL.sub(lambda m: " " * len(m.group()), text)


def words(text: str) -> list[str]:
    """The words of a text (letters only; numbers, URLs and e-mail addresses left out)."""
    return WORD.findall(without_addresses(text))


def sentences(text: str) -> int:
    """How many sentences a text has (at least one when it has words)."""
    pieces = [p for p in _SENTENCE_END.split(text) if WORD.search(p)]
    return max(1, len(pieces))


def language(text: str) -> str | None:
    """es or en by frequent words, or None when the text gives no sign of either."""
    stopwords = _stopwords()
    counts = {lang: 0 for lang in stopwords}
    for word in words(text):
        lowered = word.lower()
        for lang, stop in stopwords.items():
            if lowered in stop:
                counts[lang] += 1
    if counts["es"] == counts["en"]:
        # Accents, ñ and opening marks are Spanish; English text has none of them.
        return "es" if _SPANISH_MARKS.search(text) else None
    return "es" if counts["es"] > counts["en"] else "en"


@cache
def _english() -> object:
    import pyphen

    return pyphen.Pyphen(lang="en_US", left=1, right=1)


@cache
def syllables(word: str, lang: str) -> int:
    """Syllables of a word: pylabeador's Spanish syllabification rules, or for English pyphen's
    hyphenation points (at least one)."""
    # Logic, not a text: each language is split into syllables by its own rules.
    if lang == "es":
        import pylabeador

        try:
            return len(pylabeador.syllabify(word.lower()))
        except pylabeador.HyphenatorError:
            return max(1, sum(1 for c in plain(word) if c in "aeiouy"))
    return len(_english().positions(word.lower())) + 1  # type: ignore[attr-defined]
