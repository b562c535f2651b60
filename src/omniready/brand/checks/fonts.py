"""Fonts named in HTML and CSS against the declared fonts."""

from __future__ import annotations

from collections.abc import Sequence

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.model import Finding, Material, Place


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Each font not declared, with its places."""
    used: dict[str, list[tuple[str, Place]]] = {}
    for material in materials:
        for use in material.fonts:
            used.setdefault(use.value, []).append(
                (material.channel, Place(use.source, use.line or None))
            )
    summary = {font: sorted({c for c, _ in hits}) for font, hits in sorted(used.items())}
    if not facts.fonts:
        return Outcome(summary={"fonts": summary})
    declared = {f.casefold() for f in facts.fonts}
    findings = tuple(
        Finding(
            spec.id,
            "undeclared",
            "low",
            tuple(sorted({c for c, _ in hits})),
            {"font": font, "declared": list(facts.fonts), "count": len(hits)},
            tuple(sorted({p for _, p in hits})),
        )
        for font, hits in sorted(used.items())
        if font.casefold() not in declared
    )
    examined = frozenset(c for hits in used.values() for c, _ in hits)
    return Outcome(findings, examined, {"fonts": summary})
