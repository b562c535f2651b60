"""The portfolio's texts, from the catalogue (texts/<lang>/portfolio.yaml): labels and sizes."""

from __future__ import annotations

from typing import Any

from omniready.texts import group, has, text


def label(key: str, lang: str, **params: Any) -> str:
    """One label in `lang`, with its {names} filled."""
    return text(f"portfolio.labels.{key}", lang, **params)


def all_labels(lang: str) -> dict[str, str]:
    """Every label in `lang`, for templates (those with {names} are filled by the view)."""
    return group("portfolio.labels", lang)


def size_name(band: str | None, lang: str) -> str:
    """A size band's name for people; "—" when unknown."""
    if band is None:
        return "—"
    key = f"portfolio.sizes.{band}"
    return text(key, lang) if has(key, lang) else band
