"""Readability per channel and language: Fernández-Huerta (es) and Flesch reading ease (en)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.model import Finding, Material, Place
from omniready.brand.places import place
from omniready.brand.text import sentences, syllables, words


def score(text: str, lang: str) -> tuple[float, int]:
    """The readability of a text in its language (0-100, clamped) and its word count."""
    found = words(text)
    if not found:
        return 0.0, 0
    total = len(found)
    syllable_count = sum(syllables(w, lang) for w in found)
    sentence_count = sentences(text)
    # Logic, not a text: each language has its own formula (Fernández-Huerta, Flesch).
    if lang == "es":
        # As corrected by Law (2011): words per sentence, not sentences per 100 words.
        value = 206.84 - 60 * (syllable_count / total) - 1.02 * (total / sentence_count)
    else:
        value = 206.835 - 1.015 * (total / sentence_count) - 84.6 * (syllable_count / total)
    return max(0.0, min(100.0, value)), total


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Each channel's score per language, and channels far from the median."""
    sums: dict[str, dict[str, list[float]]] = {}
    hardest: dict[tuple[str, str], list[tuple[float, Place]]] = {}
    for material in materials:
        for unit in material.units:
            text = unit.text
            lang = unit.lang
            if lang is None:
                continue
            value, count = score(text, lang)
            if count < int(spec.params["min_words"]):
                continue
            acc = sums.setdefault(lang, {}).setdefault(material.channel, [0.0, 0.0])
            acc[0] += value * count
            acc[1] += count
            hardest.setdefault((lang, material.channel), []).append((value, place(material, unit)))
    table = {
        lang: {ch: round(s / n, 1) for ch, (s, n) in sorted(chans.items())}
        for lang, chans in sorted(sums.items())
    }
    findings: list[Finding] = []
    spread = float(spec.params["spread"])
    for lang, chans in table.items():
        if len(chans) < 2:
            continue
        median = statistics.median(chans.values())
        for channel, value in chans.items():
            if abs(value - median) > spread:
                ranked = sorted(hardest[(lang, channel)], key=lambda vp: vp[0])
                if value > median:
                    ranked.reverse()
                findings.append(
                    Finding(
                        spec.id,
                        "reads-differently",
                        "low",
                        (channel,),
                        {
                            "channel": channel,
                            "score": value,
                            "median": round(median, 1),
                            "direction": "harder" if value < median else "easier",
                            "index": lang,
                        },
                        tuple(p for _, p in ranked[:3]),
                    )
                )
    examined = frozenset(ch for chans in table.values() for ch in chans)
    return Outcome(tuple(findings), examined, {"readability": table})
