"""The brand scan's part of the brand step's score: one measured item per check (pure).

Each check that had something to look at counts like a question of the step, with the check's
weight (from its YAML) and as score the share of examined channels without findings. A check
with nothing to look at (no audio prompts, no declared palette) is left out, not scored zero.
"""

from __future__ import annotations

from collections.abc import Callable

from omniready.assess.model import QuestionScore
from omniready.audit.model import Audit
from omniready.checklist import Text
from omniready.texts import text

SCAN_PREFIX = "brand.scan."


def scan_scores(audit: Audit, step: str) -> list[QuestionScore]:
    """The scan's items for `step` (only the brand step has them; none without a scan)."""
    scan = audit.steps.brand.scan if step == "brand" else None
    if scan is None:
        return []
    from omniready.brand.checks import CHECKS, spec

    scores: list[QuestionScore] = []
    for check_id in CHECKS:
        cells = scan.matrix.get(check_id) or {}
        if not cells:
            continue
        definition = spec(check_id)
        clean = sum(1 for state in cells.values() if state == "ok")
        scores.append(
            QuestionScore(
                id=f"{SCAN_PREFIX}{check_id}",
                step="brand",
                weight=definition.weight,
                status="scored",
                score=round(clean / len(cells), 3),
                answer=f"{clean}/{len(cells)}",
                text=_both("brand.scan.what", definition.title),
                remediation=_both("brand.scan.remedy", definition.title),
            )
        )
    return scores


def _both(key: str, title: Callable[[str], str]) -> Text:
    """A scan item's text in both languages, with the check's title in each."""
    return Text(es=text(key, "es", title=title("es")), en=text(key, "en", title=title("en")))
