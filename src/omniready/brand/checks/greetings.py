"""Greetings, closings and signatures per channel (patterns in greetings.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.checks import spec as spec_of
from omniready.brand.model import Finding, Material, Place
from omniready.brand.places import place
from omniready.brand.text import plain

PARTS = ("greeting", "closing", "signature")


@cache
def _patterns(check_id: str) -> dict[str, tuple[re.Pattern[str], tuple[str, ...]]]:
    """Per part, one pattern of all its labels' patterns (group n is label n), in file order."""
    data = spec_of(check_id).data
    joined: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {}
    for part in PARTS:
        labels = tuple(data[part])
        alternatives = "|".join(f"(?P<l{i}>{data[part][label]})" for i, label in enumerate(labels))
        joined[part] = (re.compile(alternatives), labels)
    return joined


def _label(text: str, pattern: tuple[re.Pattern[str], tuple[str, ...]]) -> str | None:
    rx, labels = pattern
    match = rx.search(plain(text).strip(" ¡!¿?.,:;-–"))
    return labels[int(match.lastgroup[1:])] if match and match.lastgroup else None


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Each part's usual form per channel against the form most channels use."""
    patterns = _patterns(spec.id)
    head, tail = int(spec.params["head_lines"]), int(spec.params["tail_lines"])
    seen: dict[str, dict[str, Counter[str]]] = {part: {} for part in PARTS}
    places: dict[tuple[str, str, str], list[Place]] = {}
    for material in materials:
        for unit in material.units:
            lines = [ln for ln in unit.lines if not (unit.name and ln.text == unit.name)]
            windows = {"greeting": lines[:head], "closing": lines[-tail:], "signature": lines[-1:]}
            for part, window in windows.items():
                for line in window:
                    label = _label(line.text, patterns[part])
                    if label is None:
                        continue
                    seen[part].setdefault(material.channel, Counter())[label] += 1
                    key = (part, material.channel, label)
                    places.setdefault(key, []).append(place(material, unit, line))
                    break
    findings: list[Finding] = []
    for part in PARTS:
        by_channel = seen[part]
        usual = {ch: counts.most_common(1)[0][0] for ch, counts in by_channel.items()}
        majority = Counter(usual.values()).most_common(1)
        for channel, counts in sorted(by_channel.items()):
            if len(counts) > 1:
                # Saved as counts, shown as percentages in the reader's language (Spec.message).
                shares = dict(counts.most_common())
                findings.append(
                    Finding(
                        spec.id,
                        "several",
                        "low",
                        (channel,),
                        {"channel": channel, "part": part, "shares": shares},
                        tuple(p for k in list(counts)[1:] for p in places[(part, channel, k)]),
                    )
                )
            if len(usual) > 1 and majority and usual[channel] != majority[0][0]:
                found = usual[channel]
                findings.append(
                    Finding(
                        spec.id,
                        "differs",
                        "medium",
                        (channel,),
                        {
                            "channel": channel,
                            "part": part,
                            "found": found,
                            "majority": majority[0][0],
                        },
                        tuple(places[(part, channel, found)]),
                    )
                )
    examined = frozenset(ch for part in PARTS for ch in seen[part])
    summary = {
        part: {ch: dict(c.most_common()) for ch, c in sorted(seen[part].items())} for part in PARTS
    }
    return Outcome(tuple(findings), examined, {"greetings": summary})
