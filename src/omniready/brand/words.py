"""The brand outputs' fixed texts (labels.yaml) and findings' sentences, in es or en."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from omniready.audit.model import ScanFinding


@cache
def _labels() -> dict[str, dict[str, str]]:
    import yaml

    path = Path(__file__).with_name("labels.yaml")
    data: dict[str, dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def label(key: str, lang: str, **params: Any) -> str:
    """A fixed text in `lang`, its {names} filled."""
    texts = _labels().get(key)
    text = key if texts is None else texts.get(lang, texts["en"])
    return text.format(**params) if params else text


def check_title(check_id: str, lang: str) -> str:
    """A check's title in `lang` (from its definition); an unknown check by its id."""
    from omniready.brand.checks import CHECKS, spec

    if check_id not in CHECKS:
        return check_id
    title = spec(check_id).title
    return title.get(lang, title["en"])


def sentence(finding: ScanFinding, lang: str) -> str:
    """A saved finding as a sentence in `lang` (a finding of an unknown check as its code)."""
    from omniready.brand.checks import CHECKS, spec

    if finding.check not in CHECKS:
        return f"{finding.check}: {finding.code}"
    return spec(finding.check).message(finding.code, lang, finding.params)
