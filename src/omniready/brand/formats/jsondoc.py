"""The scan as JSON: the record as saved in the audit, each finding with its sentence added."""

from __future__ import annotations

import json

from omniready.audit.model import BrandScan
from omniready.brand.words import sentence


def to_json(scan: BrandScan, lang: str) -> str:
    """The scan record as JSON; findings carry `message` in `lang`."""
    data = scan.model_dump(mode="json")
    for saved, finding in zip(data["findings"], scan.findings, strict=True):
        saved["message"] = sentence(finding, lang)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
