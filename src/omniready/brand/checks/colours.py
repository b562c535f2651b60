"""Colours used in HTML and CSS against the declared palette, by CIEDE2000 (coloraide)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.model import Finding, Material, Place


@cache
def parse(value: str) -> Any:
    """A CSS colour as a coloraide Color in sRGB, or None when it is not a colour."""
    from coloraide import Color

    try:
        return Color(value.strip().lower()).convert("srgb").fit()
    except (ValueError, TypeError, AttributeError):
        return None


@cache
def hex_of(value: str) -> str | None:
    """A CSS colour as #rrggbb (alpha dropped), the key colours are compared and shown by."""
    colour = parse(value)
    return None if colour is None else str(colour.to_string(hex=True, alpha=False))


@cache
def _chroma(hex_value: str) -> float:
    c = parse(hex_value).convert("lch")["chroma"]
    return 0.0 if c != c else float(c)  # an achromatic colour has an undefined (NaN) chroma


@cache
def _distance(a: str, b: str) -> float:
    return float(parse(a).delta_e(parse(b), method="2000"))


def nearest(hex_value: str, palette: Sequence[tuple[str, str]]) -> tuple[str, float]:
    """The palette colour (as written) closest to a colour, and its CIEDE2000 distance."""
    return min(
        (
            (written, round(_distance(hex_value, hex_of(written) or written), 1))
            for written, _ in palette
        ),
        key=lambda pair: pair[1],
    )


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Colours beyond the tolerance from every palette colour, with where each is used."""
    palette = [(v, n) for v, n in facts.palette if hex_of(v)]
    used: dict[str, list[tuple[str, Place]]] = {}
    for material in materials:
        for use in material.colours:
            value = hex_of(use.value)
            if value is not None:
                used.setdefault(value, []).append(
                    (material.channel, Place(use.source, use.line or None))
                )
    summary: dict[str, dict[str, Any]] = {}
    findings: list[Finding] = []
    tolerance = float(spec.params["tolerance"])
    neutral = float(spec.params["neutral_chroma"])
    examined: set[str] = set()
    for value, hits in sorted(used.items()):
        channels = sorted({c for c, _ in hits})
        entry: dict[str, Any] = {"count": len(hits), "channels": channels}
        if _chroma(value) < neutral:
            entry["neutral"] = True
        elif palette:
            examined.update(channels)
            close, distance = nearest(value, palette)
            entry |= {"nearest": close, "delta_e": distance}
            if distance > tolerance:
                findings.append(
                    Finding(
                        spec.id,
                        "off-palette",
                        "medium",
                        tuple(channels),
                        {
                            "value": value,
                            "nearest": close,
                            "distance": distance,
                            "tolerance": tolerance,
                        },
                        tuple(sorted({p for _, p in hits})),
                    )
                )
        summary[value] = entry
    return Outcome(tuple(findings), frozenset(examined), {"palette": summary})
