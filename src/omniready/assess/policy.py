"""The scoring policy (step weights, level bands, default target, horizons), read from data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from omniready.assess.model import Horizon, Level, Severity
from omniready.assess.names import both
from omniready.audit import yamlio
from omniready.checklist import Text
from omniready.texts import group

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Band:
    """A maturity level and the lowest score that reaches it."""

    level: Level
    min: float


@dataclass(frozen=True, slots=True)
class Policy:
    """Numbers that turn answers into scores, levels and a roadmap."""

    step_weights: dict[str, float]
    bands: tuple[Band, ...]
    default_target: int
    severity_impact: dict[Severity, float]
    horizons: tuple[tuple[Horizon, float], ...]
    # Below this overall coverage (0..1) the reports warn that the score is provisional.
    coverage_warning: float = 0.8
    # Most actions per horizon (a horizon not listed has no limit).
    horizon_sizes: dict[str, int] = field(default_factory=dict)
    prerequisites: tuple[str, ...] = ()
    executive_items: int = 12
    cross_step_bonus: float = 0.0
    # Weight of the inventory's probe evidence in the tools step (a question weighs 1 to 3).
    evidence_weight: float = 0.0
    # A probe older than this many days is stale: shown as such, its evidence not counted.
    max_probe_age_days: int = 90
    # What an organization at each level does: "overall" and per step, by level number.
    definitions: dict[str, dict[int, Text]] = field(default_factory=dict)

    def definition(self, level: Level | None, step: str = "overall") -> Text | None:
        """The written definition of a level, overall or for one step."""
        if level is None:
            return None
        return self.definitions.get(step, {}).get(level.number)

    def level_of(self, score: float | None) -> Level | None:
        """The maturity level a 0-100 score reaches; None for no score."""
        if score is None:
            return None
        reached = self.bands[0]
        for band in self.bands:
            if score >= band.min:
                reached = band
        return reached.level

    def level(self, number: int) -> Level:
        """The named level with this number (1-5)."""
        return next(b.level for b in self.bands if b.level.number == number)

    def horizon_of(self, impact: float) -> Horizon:
        """The first horizon whose minimum impact this impact reaches."""
        for horizon, minimum in self.horizons:
            if impact >= minimum:
                return horizon
        return self.horizons[-1][0]


@lru_cache(maxsize=1)
def load_policy() -> Policy:
    """The shipped policy (policy.yaml beside this module), read once."""
    raw = yamlio.parse((_HERE / "policy.yaml").read_text(encoding="utf-8"), _HERE / "policy.yaml")
    bands = tuple(
        Band(Level(int(b["number"]), both(f"assess.level-names.{b['number']}")), float(b["min"]))
        for b in raw["levels"]
    )
    return Policy(
        step_weights={k: float(v) for k, v in raw["step_weights"].items()},
        bands=tuple(sorted(bands, key=lambda b: b.min)),
        default_target=int(raw["default_target"]),
        severity_impact={k: float(v) for k, v in raw["severity_impact"].items()},
        horizons=tuple((h["id"], float(h["min_impact"])) for h in raw["horizons"]),
        coverage_warning=float(raw["coverage_warning"]),
        horizon_sizes={h["id"]: int(h["max_items"]) for h in raw["horizons"] if "max_items" in h},
        prerequisites=tuple(raw.get("prerequisites", ())),
        executive_items=int(raw.get("executive_items", 12)),
        cross_step_bonus=float(raw.get("cross_step_bonus", 0)),
        evidence_weight=float(raw.get("evidence_weight", 0)),
        max_probe_age_days=int(raw.get("max_probe_age_days", 90)),
        definitions=_definitions(),
    )


def _definitions() -> dict[str, dict[int, Text]]:
    """Each level's definition, overall and per step (the catalogue's assess.levels)."""
    out: dict[str, dict[int, Text]] = {}
    for key in group("assess.levels", "es"):
        scope, _, number = key.partition(".")
        out.setdefault(scope, {})[int(number)] = both(f"assess.levels.{key}")
    return out
