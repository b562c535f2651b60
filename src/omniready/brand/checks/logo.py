"""Logo images against the declared logo, by the Hamming distance of their pHashes."""

from __future__ import annotations

from collections.abc import Sequence

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.model import Finding, Material, Place


def distance(a: str, b: str) -> int:
    """Differing bits between two hex perceptual hashes."""
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Each logo image further than max_distance bits from the declared logo."""
    if facts.logo_phash is None:
        return Outcome()
    limit = int(spec.params["max_distance"])
    findings: list[Finding] = []
    examined: set[str] = set()
    for material in materials:
        for logo in material.logos:
            examined.add(material.channel)
            bits = distance(logo.phash, facts.logo_phash)
            if bits > limit:
                findings.append(
                    Finding(
                        spec.id,
                        "differs",
                        "high",
                        (material.channel,),
                        {"distance": bits, "logo": facts.logo},
                        (Place(logo.source, logo.line or None),),
                    )
                )
    return Outcome(tuple(findings), frozenset(examined))
