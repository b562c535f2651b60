"""Is the brand's name written only in its declared spellings (fuzzy matching by rapidfuzz)?"""

from __future__ import annotations

import re
from collections.abc import Sequence

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.model import Finding, Material, Place
from omniready.brand.places import place
from omniready.brand.text import plain, plain_word, without_addresses

_TOKEN = re.compile(r"\w+", re.UNICODE)
_JOINERS = re.compile(r"^[\s\-.·_&']*$")  # what may stand between the words of one name


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(plain(text)))


def _names_in(text: str, keys: dict[str, str], sizes: list[int], cutoff: float) -> list[str]:
    """Runs of words in `text` that read as one of the names, longest runs first."""
    from rapidfuzz import fuzz

    # Most lines hold nothing like the name: one pass of rapidfuzz's partial ratio (in C) over
    # the whole line says so before any run of words is looked at (10 points spare).
    line = plain(text)
    if all(fuzz.partial_ratio(k, line, score_cutoff=cutoff - 10) == 0 for k in keys):
        return []
    tokens = list(_TOKEN.finditer(text))
    used = [False] * len(tokens)
    initials = {k[0] for k in keys}
    lengths = [len(k) for k in keys]
    found: list[str] = []
    for size in sizes:
        for i in range(len(tokens) - size + 1):
            if any(used[i : i + size]) or plain_word(tokens[i].group())[:1] not in initials:
                continue
            window = tokens[i : i + size]
            gaps = [text[a.end() : b.start()] for a, b in zip(window, window[1:], strict=False)]
            if not all(_JOINERS.match(gap) for gap in gaps):
                continue
            raw = text[window[0].start() : window[-1].end()]
            # The ratio cannot exceed 200·min(a, b)/(a + b) for lengths a and b: most runs of
            # words are too long or too short to be the name (10 points spare for punctuation).
            n = len(raw)
            if all(200 * min(n, k) / (n + k) < cutoff - 10 for k in lengths):
                continue
            key = _key(raw)
            if max(fuzz.ratio(key, k, score_cutoff=cutoff) for k in keys) >= cutoff:
                used[i : i + size] = [True] * size
                found.append(raw)
    return found


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Every spelling that reads as the name but is not declared is a finding, with its places."""
    names = [n for n in facts.names if len(_key(n)) >= int(spec.params["min_length"])]
    if not names:
        return Outcome()
    allowed = set(facts.names)
    keys = {_key(n): n for n in names}
    sizes = sorted({len(k.split()) for k in keys}, reverse=True)
    cutoff = float(spec.params["similarity"])
    found: dict[str, list[tuple[str, Place]]] = {}
    examined: set[str] = set()
    for material in materials:
        for unit in material.units:
            examined.add(material.channel)
            for line in unit.lines:
                for raw in _names_in(without_addresses(line.text), keys, sizes, cutoff):
                    if raw not in allowed:
                        where = place(material, unit, line)
                        found.setdefault(raw, []).append((material.channel, where))
    findings = tuple(
        Finding(
            check=spec.id,
            code="variant",
            severity="medium",
            channels=tuple(sorted({c for c, _ in hits})),
            params={
                "variant": variant,
                "name": facts.names[0],
                "count": len(hits),
                "channels": sorted({c for c, _ in hits}),
            },
            places=tuple(sorted({p for _, p in hits})),
        )
        for variant, hits in sorted(found.items())
    )
    return Outcome(findings, frozenset(examined))
