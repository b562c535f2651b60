"""The portfolio's texts in Spanish and English (labels.yaml beside this module)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from omniready.checklist import Text, read_text_groups
from omniready.portfolio.profile import size_bands

_HERE = Path(__file__).resolve().parent


@cache
def labels() -> dict[str, Text]:
    """Every label by key."""
    return read_text_groups(_HERE / "labels.yaml")["labels"]


def label(key: str, lang: str, **params: Any) -> str:
    """One label in `lang`, with its {names} filled."""
    text = labels()[key](lang)
    return text.format(**params) if params else text


def all_labels(lang: str) -> dict[str, str]:
    """Every label in `lang`, for templates (those with {names} are filled by the view)."""
    return {key: text(lang) for key, text in labels().items()}


def size_name(band: str | None, lang: str) -> str:
    """A size band's name for people; "—" when unknown."""
    if band is None:
        return "—"
    found = next((b for b in size_bands()[0] if b.id == band), None)
    return found.label(lang) if found else band
