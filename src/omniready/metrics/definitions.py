"""The metric definitions (definitions.yaml) as typed records: each figure beside its SQL."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FILE = Path(__file__).resolve().parent / "definitions.yaml"


@dataclass(frozen=True)
class Tolerance:
    """Which audit channel figure a metric fills, and how far a typed value may differ."""

    field: str
    relative: float | None = None
    absolute: float | None = None

    def disagrees(self, typed: float, measured: float) -> bool:
        """Whether a typed value is off the measured one by more than the tolerance."""
        if self.absolute is not None:
            return abs(typed - measured) > self.absolute
        limit = (self.relative or 0) * max(abs(measured), 1e-9)
        return abs(typed - measured) > limit


@dataclass(frozen=True)
class Figure:
    """One figure: id, unit, texts, what it needs from the mapping, and its two SQL aggregates
    (`value` and `n`, the rows it rests on) over the table `used`."""

    id: str
    unit: str  # count | share | seconds | ratio | score
    text_es: str
    text_en: str
    definition_es: str
    definition_en: str
    value: str
    n: str
    needs: tuple[str, ...] = ()
    empty: str = "no-rows"
    audit: Tolerance | None = None

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_es

    def definition(self, lang: str) -> str:
        return self.definition_en if lang == "en" else self.definition_es


@dataclass(frozen=True)
class Definitions:
    """Every figure and table query, and a short digest of the file (kept with the results)."""

    figures: tuple[Figure, ...]
    tables: dict[str, str]
    digest: str
    targets: dict[str, dict[str, float]] = field(default_factory=dict)  # figure → kind → target

    def by_id(self, figure_id: str) -> Figure:
        return next(f for f in self.figures if f.id == figure_id)


@cache
def load() -> Definitions:
    """The shipped definitions."""
    import yaml

    text = FILE.read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    figures = tuple(
        Figure(
            id=item["id"],
            unit=item["unit"],
            text_es=item["text"]["es"],
            text_en=item["text"]["en"],
            definition_es=item["definition"]["es"],
            definition_en=item["definition"]["en"],
            value=item["value"],
            n=item["n"],
            needs=tuple(item.get("needs", ())),
            empty=item.get("empty", "no-rows"),
            audit=Tolerance(**item["audit"]) if "audit" in item else None,
        )
        for item in raw["figures"]
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return Definitions(
        figures, dict(raw["tables"]), f"{raw['version']}-{digest}", raw.get("targets", {})
    )
