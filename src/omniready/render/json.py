"""The JSON report: the whole assessment for machines, with the audit's identity around it."""

from __future__ import annotations

import json

from omniready.assess.model import to_data
from omniready.render.context import Report

# Bumped when a field is renamed, removed or changes shape (adding fields keeps the version).
# 2: a finding's `params` are texts in both languages ({"es": ..., "en": ...}), not strings.
# 3: the integration matrix's `emits_evidence` and `receives_evidence` are texts in both
#    languages too (they were English strings).
JSON_FORMAT_VERSION = 3


def render_json(report: Report) -> str:
    """The assessment as compact JSON (texts in both languages; `lang` says the asked one).

    Compact rather than indented: the C encoder is several times faster on large audits,
    and `jq .` indents it for people.
    """
    audit, result = report.audit, report.assessment
    data = to_data(result)
    # Derived, but what a pipeline checks first: is the score complete enough to act on?
    data["provisional"] = result.provisional
    data["unscored_steps"] = list(result.unscored_steps)
    document = {
        "format": "omniready-assessment",
        "version": JSON_FORMAT_VERSION,
        "lang": report.lang,
        "organization": audit.organization.model_dump(exclude_none=True),
        "assessor": audit.assessor,
        "updated": audit.updated.isoformat() if audit.updated else None,
        "assessment": data,
    }
    if report.benchmark is not None:  # `report --benchmark` (omniready.portfolio.section)
        document["benchmark"] = report.benchmark.to_data()
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
