"""The brand outputs' fixed texts and findings' sentences in es or en, from the catalogue
(texts/<lang>/brand.yaml)."""

from __future__ import annotations

from typing import Any

from omniready.audit.model import ScanFinding
from omniready.texts import has, text


def label(key: str, lang: str, **params: Any) -> str:
    """A fixed text in `lang`, its {names} filled (an unknown key as it is)."""
    found = f"brand.labels.{key}"
    return text(found, lang, **params) if has(found, lang) else key


def check_title(check_id: str, lang: str) -> str:
    """A check's title in `lang`; an unknown check by its id."""
    from omniready.brand.checks import CHECKS, spec

    if check_id not in CHECKS:
        return check_id
    return spec(check_id).title(lang)


def sentence(finding: ScanFinding, lang: str) -> str:
    """A saved finding as a sentence in `lang` (a finding of an unknown check as its code)."""
    from omniready.brand.checks import CHECKS, spec

    if finding.check not in CHECKS:
        return f"{finding.check}: {finding.code}"
    return spec(finding.check).message(finding.code, lang, finding.params)
