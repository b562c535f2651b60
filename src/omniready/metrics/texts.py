"""The texts of `omniready metrics`: the catalogue's `metrics.*` keys, by section and key."""

from __future__ import annotations

from typing import Any

from omniready.texts import has, text


def t(section: str, key: str, lang: str, **values: Any) -> str:
    """The text `metrics.section.key` in `lang`, filled in.

    Keys can come from an audit file (a set-aside reason written by another release): one the
    catalogue does not know is shown as itself rather than ending the report.
    """
    full = f"metrics.{section}.{key}"
    return text(full, lang, **values) if has(full, lang) else key
