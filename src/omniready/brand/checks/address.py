"""The form of address of each Spanish message (tú, usted, vos), per channel and per message.

The rules are documented in address.yaml beside this module, with the word lists they use."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from omniready.brand.checks import Facts, Outcome, Spec, spec
from omniready.brand.model import Finding, Line, Material, Place, Unit
from omniready.brand.places import place
from omniready.brand.text import plain, plain_word, without_addresses

FORMS = ("tu", "usted", "vos")
_WORD = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
_OPENERS = ".!?¡¿:;\n"


@dataclass(frozen=True)
class Rules:
    """The word lists of address.yaml, arranged for lookups."""

    words: dict[str, str]  # a word → tu | usted | vos | informal
    clitics: tuple[str, ...]
    classes: dict[str, str]  # a stem → ar | er | ir
    not_verbs: frozenset[str]


@cache
def rules() -> Rules:
    """The rules of address.yaml."""
    data = spec("address").data
    words: dict[str, str] = {}
    for form, listed in data["pronouns"].items():
        words.update({w: form for w in listed})
    for form, listed in data["forms"].items():
        words.update({w: form for w in listed})
    classes = {v[:-2]: v[-2:] for v in data["verbs"]}
    classes.update({plain(stem): inf[-2:] for stem, inf in data["stems"].items()})
    clitics = tuple(sorted(data["clitics"], key=len, reverse=True))
    return Rules(words, clitics, classes, frozenset(data["not_verbs"]))


def _enclitic(word: str, r: Rules) -> str | None:
    """The form of an imperative with enclitic pronouns (llámanos, escríbanos, escribinos)."""
    for clitic in r.clitics:
        if not word.endswith(clitic) or len(word) - len(clitic) < 3:
            continue
        base = word[: -len(clitic)]
        bare = plain_word(base)
        accented = bare != base
        vowel, stem = bare[-1], bare[:-1]
        verb_class = r.classes.get(stem)
        if verb_class is None:
            continue
        form: str | None = None
        if vowel == "i" and verb_class == "ir" and not accented:
            form = "vos"
        elif vowel == ("a" if verb_class == "ar" else "e"):
            form = "tu" if accented or verb_class == "ir" else "vos"
        elif vowel == ("e" if verb_class == "ar" else "a"):
            form = "usted"
        if form == "usted" and clitic.startswith("te"):
            return None
        if form in {"tu", "vos"} and clitic.startswith("se"):
            return None
        return form
    return None


def _bare(word: str, previous: str | None, opens: bool) -> str | None:
    """The form of a verb without pronouns: vos imperatives, negative and opening imperatives."""
    fixed, after_no, opening = _word_forms(word)
    if fixed is not None:
        return fixed
    if previous == "no" and after_no is not None:
        return after_no
    return opening if opens else None


@lru_cache(maxsize=1 << 16)
def _word_forms(word: str) -> tuple[str | None, str | None, str | None]:
    """What a word marks by itself (a pronoun, a listed form, an enclitic or vos imperative),
    after "no" (a negative imperative), and opening a sentence: the part of the rules that
    depends on the word alone, remembered (words repeat)."""
    r = rules()
    listed = r.words.get(word)
    if listed is not None:
        return listed, None, None
    if word in r.not_verbs:
        return None, None, None
    enclitic = _enclitic(word, r)
    if enclitic is not None:
        return enclitic, None, None
    bare = plain_word(word)
    if word.endswith(("á", "é")) and r.classes.get(bare[:-1]) == (
        "ar" if word.endswith("á") else "er"
    ):
        return "vos", None, None  # consultá, respondé (-ar past tense ends in é: only -er here)
    after_no: str | None = None
    if bare.endswith("es") and r.classes.get(bare[:-2]) == "ar":
        after_no = "tu"  # no olvides
    elif bare.endswith("as") and r.classes.get(bare[:-2]) in {"er", "ir"}:
        after_no = "tu"  # no pierdas
    elif bare.endswith("e") and r.classes.get(bare[:-1]) == "ar" and word == bare:
        after_no = "usted"  # no olvide
    elif bare.endswith("a") and r.classes.get(bare[:-1]) in {"er", "ir"} and word == bare:
        after_no = "usted"  # no pierda
    opening: str | None = None
    verb_class = r.classes.get(bare[:-1]) if word == bare else None
    if verb_class is not None and bare.endswith("a"):
        opening = "tu" if verb_class == "ar" else "usted"  # Llama / Escriba
    elif verb_class is not None and bare.endswith("e"):
        opening = "usted" if verb_class == "ar" else "tu"  # Llame / Escribe
    return None, after_no, opening


def marks(text: str) -> list[tuple[str, str]]:
    """(word, form) for each word of the text that marks a form of address."""
    text = without_addresses(text)
    found: list[tuple[str, str]] = []
    previous: str | None = None
    opens = True
    for match in _WORD.finditer(text):
        start, end = match.span()
        token = match.group()
        key = token.lower().rstrip(".")
        # A sentence opens at the text's start or after . ! ? ¡ ¿ : ; or a line break.
        opens = opens or start == 0 or text[start - 1] in _OPENERS
        form = _bare(key, previous, opens)
        if form is not None:
            found.append((token.rstrip("."), form))
        previous = key
        opens = any(c in _OPENERS for c in text[end : end + 2])
    return found


def form_of(found: list[tuple[str, str]]) -> str | None:
    """The form of a message from its marks: tu, usted, vos, mixed, or None without marks."""
    kinds = {form for _, form in found}
    if not kinds:
        return None
    informal = kinds & {"tu", "vos", "informal"}
    if "usted" in kinds and informal:
        return "mixed"
    if "usted" in kinds:
        return "usted"
    if "tu" in kinds and "vos" in kinds:
        return "mixed"
    return "vos" if "vos" in kinds else "tu"


def _shares(counts: Counter[str]) -> dict[str, int]:
    """Messages per form, most used first: saved as counts, shown as percentages per language
    (Spec.message)."""
    return dict(counts.most_common())


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Forms of address per channel; mixing within a message or a channel, and channels that
    differ from the declared form (or, when none is declared, from most channels)."""
    per_channel: dict[str, Counter[str]] = {}
    places: dict[tuple[str, str], list[Place]] = {}
    findings: list[Finding] = []
    for material in materials:
        for unit in material.units:
            if unit.lang != "es":
                continue
            found, lines = _marks_by_line(unit)
            form = form_of(found)
            if form is None or len(found) < int(spec.params["min_marks"]):
                continue
            per_channel.setdefault(material.channel, Counter())[form] += 1
            places.setdefault((material.channel, form), []).append(place(material, unit))
            if form == "mixed":
                kinds = sorted({f if f != "informal" else "tu" for _, f in found})
                findings.append(
                    Finding(
                        spec.id,
                        "mixed-message",
                        "medium",
                        (material.channel,),
                        {"forms": kinds, "words": [w for w, _ in found]},
                        tuple(place(material, unit, line) for line in lines),
                    )
                )
    dominant = {ch: counts.most_common(1)[0][0] for ch, counts in per_channel.items()}
    for channel, counts in sorted(per_channel.items()):
        if len(counts) > 1:
            minority = [f for f, _ in counts.most_common()[1:]]
            findings.append(
                Finding(
                    spec.id,
                    "mixed-channel",
                    "medium",
                    (channel,),
                    {"channel": channel, "shares": _shares(counts)},
                    tuple(p for f in minority for p in places[(channel, f)]),
                )
            )
    majority = Counter(f for f in dominant.values() if f != "mixed").most_common(1)
    expected, code = (facts.address, "not-declared") if facts.address else (None, "")
    if expected is None and majority and len(dominant) > 1:
        expected, code = majority[0][0], "channels-differ"
    for channel, form in sorted(dominant.items()):
        if expected is not None and form != expected:
            findings.append(
                Finding(
                    spec.id,
                    code,
                    "high" if code == "not-declared" else "medium",
                    (channel,),
                    {"channel": channel, "form": form, "declared": expected, "majority": expected},
                    tuple(places[(channel, form)]),
                )
            )
    summary = {ch: dict(sorted(c.items())) for ch, c in sorted(per_channel.items())}
    return Outcome(tuple(findings), frozenset(per_channel), {"address": summary})


def _marks_by_line(unit: Unit) -> tuple[list[tuple[str, str]], list[Line]]:
    found: list[tuple[str, str]] = []
    lines: list[Line] = []
    for line in unit.lines:
        here = marks(line.text)
        if here:
            found += here
            lines.append(line)
    return found, lines
