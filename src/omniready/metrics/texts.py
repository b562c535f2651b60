"""The texts of `omniready metrics` (texts.yaml), looked up by key in es or en."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def _texts() -> dict[str, dict[str, dict[str, str]]]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(
        (Path(__file__).with_name("texts.yaml")).read_text("utf-8")
    )
    return data


def t(section: str, key: str, lang: str, **values: Any) -> str:
    """The text `section.key` in `lang`, filled in; an unknown key is shown as itself."""
    entry = _texts().get(section, {}).get(key)
    if entry is None:
        return key
    return entry.get(lang, entry["en"]).format(**values)
