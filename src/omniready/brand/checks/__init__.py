"""The brand checks: one module per check, its definition (YAML) beside it.

A check is `run(materials, facts, spec) -> Outcome`: pure, no I/O. Its YAML holds its weight and
its thresholds (`params`); its title, each finding's sentence and the names of the values a
finding shows are in the catalogue of texts (texts/<lang>/brand.yaml, `checks.<id>`).
Adding a check: write `<id>.py` with `run` and `<id>.yaml`, its texts in the catalogue, and add
its id to CHECKS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

from omniready.brand.model import Finding, Material
from omniready.texts import group, has, text

# In the order the report's matrix shows them.
CHECKS: tuple[str, ...] = (
    "names",
    "address",
    "greetings",
    "promotions",
    "contacts",
    "colours",
    "fonts",
    "logo",
    "audio",
    "readability",
)


@dataclass(frozen=True)
class Spec:
    """A check's definition, read from its YAML file."""

    id: str
    weight: float
    params: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)  # any other key of the YAML (word lists)

    def title(self, lang: str) -> str:
        """The check's title in `lang`."""
        return text(f"brand.checks.{self.id}.title", lang)

    def codes(self) -> tuple[str, ...]:
        """The codes of the findings this check can make (those with a sentence)."""
        prefix = f"brand.checks.{self.id}.messages"
        return tuple(group(prefix, "en"))

    def message(self, code: str, lang: str, params: dict[str, Any]) -> str:
        """A finding's sentence in `lang`, its {names} filled from the finding's params (a value
        the catalogue names, such as a form of address, shown by its name)."""
        key = f"brand.checks.{self.id}.messages.{code}"
        if not has(key, lang):
            return code
        values = f"brand.checks.{self.id}.values."
        dress = getattr(import_module(f"omniready.brand.checks.{self.id}"), "shown", None)
        if dress is not None:  # a check that says how its params read in a language
            params = dress(params, lang)

        def named(v: Any) -> Any:
            return text(values + v, lang) if isinstance(v, str) and has(values + v, lang) else v

        shown = {
            k: shares(v, lang, named) if isinstance(v, dict) else named(v)
            for k, v in params.items()
        }
        return text(key, lang).format_map(_Quoted(shown))


def shares(counts: dict[str, Any], lang: str, named: Any = str) -> str:
    """Counts saved by a finding ({"tu": 3, "usted": 1}) as their shares, largest first, each
    by its name and a whole percentage that add up to 100: "tú 75 %, usted 25 %" ("75%" in
    English). A count that is not a number is shown as it is."""
    from omniready import numbers
    from omniready.brand.view import percents

    whole = {k: v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)}
    if len(whole) != len(counts):
        return ", ".join(f"{named(k)} {v}" for k, v in counts.items())
    ranked = sorted(percents(whole), key=lambda kv: -kv[1])
    return ", ".join(f"{named(k)} {numbers.percent(pct / 100, lang)}" for k, pct in ranked)


class _Quoted(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key) if key in self else self.__missing__(key)
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value


@dataclass(frozen=True)
class Facts:
    """The declared brand facts the checks compare with (from the audit's `brand.declared`)."""

    names: tuple[str, ...] = ()
    palette: tuple[tuple[str, str], ...] = ()  # (CSS value, name)
    fonts: tuple[str, ...] = ()
    logo_phash: str | None = None
    logo: str | None = None
    address: str | None = None
    promotions: tuple[dict[str, Any], ...] = ()
    contacts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What one check found: findings, the channels it examined, and summaries for the report."""

    findings: tuple[Finding, ...] = ()
    examined: frozenset[str] = frozenset()
    summary: dict[str, Any] = field(default_factory=dict)


class Check(Protocol):
    def __call__(self, materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome: ...


@cache
def spec(check_id: str) -> Spec:
    """A check's definition from its YAML file beside its module."""
    import yaml

    path = Path(__file__).with_name(f"{check_id}.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = {"id", "weight", "params"}
    return Spec(
        id=raw["id"],
        weight=float(raw["weight"]),
        params=raw.get("params") or {},
        data={k: v for k, v in raw.items() if k not in known},
    )


def run_check(check_id: str, materials: Sequence[Material], facts: Facts) -> Outcome:
    """Run one check by id."""
    module = import_module(f"omniready.brand.checks.{check_id}")
    run: Check = module.run
    return run(materials, facts, spec(check_id))


def run_all(materials: Sequence[Material], facts: Facts) -> dict[str, Outcome]:
    """Every check, in CHECKS order."""
    return {check_id: run_check(check_id, materials, facts) for check_id in CHECKS}
