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
from omniready.brand.text import language, plain, without_addresses

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
        bare = plain(base)
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


@lru_cache(maxsize=1 << 16)
def _enclitic_of(word: str) -> str | None:
    return _enclitic(word, rules())


def _bare(word: str, previous: str | None, opens: bool, r: Rules) -> str | None:
    """The form of a verb without pronouns: vos imperatives, negative and opening imperatives."""
    bare = plain(word)
    if word.endswith(("á", "é")) and r.classes.get(bare[:-1]) == (
        "ar" if word.endswith("á") else "er"
    ):
        return "vos"  # consultá, respondé (the -ar past tense ends in é, so only -er here)
    if previous == "no":
        if bare.endswith("es") and r.classes.get(bare[:-2]) == "ar":
            return "tu"  # no olvides
        if bare.endswith("as") and r.classes.get(bare[:-2]) in {"er", "ir"}:
            return "tu"  # no pierdas
        if bare.endswith("e") and r.classes.get(bare[:-1]) == "ar" and word == bare:
            return "usted"  # no olvide
        if bare.endswith("a") and r.classes.get(bare[:-1]) in {"er", "ir"} and word == bare:
            return "usted"  # no pierda
    if opens and word == bare:
        verb_class = r.classes.get(bare[:-1])
        if verb_class is None:
            return None
        if bare.endswith("a"):
            return "tu" if verb_class == "ar" else "usted"
        if bare.endswith("e"):
            return "usted" if verb_class == "ar" else "tu"
    return None


def marks(text: str, r: Rules | None = None) -> list[tuple[str, str]]:
    """(word, form) for each word of the text that marks a form of address."""
    r = r or rules()
    text = without_addresses(text)
    found: list[tuple[str, str]] = []
    previous: str | None = None
    opens = True
    for match in _WORD.finditer(text):
        token = match.group()
        word = token.lower()
        gap = text[match.start() - 1] if match.start() else "\n"
        opens = opens or match.start() == 0 or any(c in _OPENERS for c in gap)
        key = word if word in r.words else word.rstrip(".")
        form = r.words.get(key)
        if form is None and key not in r.not_verbs:
            form = _enclitic_of(key) or _bare(key, previous, opens, r)
        if form is not None:
            found.append((token.rstrip("."), form))
        previous = key
        opens = False
        # a sentence ends at the punctuation that follows the word
        after = text[match.end() : match.end() + 2]
        if any(c in _OPENERS for c in after):
            opens = True
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


_NAMES = {"tu": "tú", "usted": "usted", "vos": "vos", "mixed": "mix"}  # alike in es and en


def _shares(counts: Counter[str]) -> str:
    total = sum(counts.values())
    return ", ".join(
        f"{_NAMES.get(form, form)} {round(100 * n / total)} %" for form, n in counts.most_common()
    )


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Forms of address per channel; mixing within a message or a channel, and channels that
    differ from the declared form (or, when none is declared, from most channels)."""
    r = rules()
    per_channel: dict[str, Counter[str]] = {}
    places: dict[tuple[str, str], list[Place]] = {}
    findings: list[Finding] = []
    for material in materials:
        for unit in material.units:
            if language(unit.text) != "es":
                continue
            found, lines = _marks_by_line(unit, r)
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


def _marks_by_line(unit: Unit, r: Rules) -> tuple[list[tuple[str, str]], list[Line]]:
    found: list[tuple[str, str]] = []
    lines: list[Line] = []
    for line in unit.lines:
        here = marks(line.text, r)
        if here:
            found += here
            lines.append(line)
    return found, lines
