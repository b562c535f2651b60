"""The brand scans of two audits compared: matrix cells, form-of-address shares, finding counts.

Pure. Checks are matched by id and channels by name; a check a newer release added (unknown
here) is kept under its id.
"""

from __future__ import annotations

from collections import Counter

from omniready.audit.model import BrandScan
from omniready.checklist import Text
from omniready.diff.model import (
    AddressShareChange,
    FindingCountChange,
    Kind,
    ScanCellChange,
    ScanDiff,
)

FORMS: tuple[str, ...] = ("tu", "usted", "vos", "mixed")


def compare_scans(old: BrandScan | None, new: BrandScan | None) -> ScanDiff | None:
    """What moved from the old scan to the new one; None when neither audit has a scan."""
    if old is None and new is None:
        return None
    return ScanDiff(
        scanned_old=old.scanned_at.date() if old else None,
        scanned_new=new.scanned_at.date() if new else None,
        cells=tuple(_cells(old, new)),
        address=tuple(_address(old, new)),
        counts=tuple(_counts(old, new)),
    )


def _check_order(*scans: BrandScan | None) -> list[str]:
    """The shipped checks in the report's order, then any other check id the scans hold."""
    from omniready.brand.checks import CHECKS

    seen = {c for s in scans if s for c in [*s.matrix, *(f.check for f in s.findings)]}
    return [c for c in CHECKS if c in seen] + sorted(seen - set(CHECKS))


def _title(check: str) -> Text:
    from omniready.brand.checks import CHECKS, spec

    if check not in CHECKS:
        return Text(es=check, en=check)
    found = spec(check)
    return Text(es=found.title("es"), en=found.title("en"))


def _cells(old: BrandScan | None, new: BrandScan | None) -> list[ScanCellChange]:
    changes: list[ScanCellChange] = []
    for check in _check_order(old, new):
        before = old.matrix.get(check, {}) if old else {}
        after = new.matrix.get(check, {}) if new else {}
        for channel in sorted(before.keys() | after.keys()):
            a, b = before.get(channel), after.get(channel)
            if a == b:
                continue
            kind: Kind = "added" if a is None else "removed" if b is None else "changed"
            changes.append(ScanCellChange(check, _title(check), channel, kind, a, b))
    return changes


def shares(counts: dict[str, int]) -> dict[str, float]:
    """Messages per form of address → each form's share of the channel's messages (0-1)."""
    total = sum(counts.values())
    return {form: round(n / total, 3) for form, n in counts.items() if total}


def _address(old: BrandScan | None, new: BrandScan | None) -> list[AddressShareChange]:
    before = {c: shares(v) for c, v in (old.address if old else {}).items()}
    after = {c: shares(v) for c, v in (new.address if new else {}).items()}
    changes: list[AddressShareChange] = []
    for channel in sorted(before.keys() | after.keys()):
        a, b = before.get(channel), after.get(channel)
        forms = {f for side in (a, b) if side for f in side}
        ordered = [f for f in FORMS if f in forms] + sorted(forms - set(FORMS))
        for form in ordered:
            # A channel examined on both sides: a form it lacks is 0 %, not unknown.
            x = None if a is None else a.get(form, 0.0)
            y = None if b is None else b.get(form, 0.0)
            if x != y:
                changes.append(AddressShareChange(channel, form, x, y))
    return changes


def _counts(old: BrandScan | None, new: BrandScan | None) -> list[FindingCountChange]:
    before = Counter(f.check for f in old.findings) if old else Counter[str]()
    after = Counter(f.check for f in new.findings) if new else Counter[str]()
    return [
        FindingCountChange(
            check,
            _title(check),
            before[check] if old else None,
            after[check] if new else None,
        )
        for check in _check_order(old, new)
        if before[check] != after[check]
    ]
