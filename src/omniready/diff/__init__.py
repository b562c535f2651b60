"""Semantic diff of two audits, and the normalized text of one audit for git.

from omniready.diff import diff_audits
result = diff_audits(old, new, checklist)   # pure: assess both, compare matched by id
"""

from __future__ import annotations

from omniready.audit.model import Audit
from omniready.checklist import Checklist
from omniready.diff.compare import compare, current_answers, with_current_ids
from omniready.diff.model import AuditDiff, regressions

__all__ = [
    "AuditDiff",
    "compare",
    "current_answers",
    "diff_audits",
    "regressions",
    "with_current_ids",
]


def diff_audits(
    old: Audit, new: Audit, checklist: Checklist, *, include_notes: bool = False
) -> AuditDiff:
    """Assess both audits (answers moved to the current question ids) and compare them."""
    from omniready.assess import assess

    # The originals go to compare, so it can say which answers came from a renamed question.
    old_assessment = assess(with_current_ids(old, checklist), checklist)
    new_assessment = assess(with_current_ids(new, checklist), checklist)
    return compare(old, new, checklist, old_assessment, new_assessment, include_notes=include_notes)
