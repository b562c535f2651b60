"""The brand command's logic between the command line and the library: load the audit, read
the materials, run the checks, write `scan:` (unless --no-write) and render the output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from omniready.audit.model import BrandScan
from omniready.brand.choices import Format


@dataclass(frozen=True)
class BrandOutcome:
    """What the command shows: the output for stdout, and how many files were set aside."""

    text: str
    scan: BrandScan
    set_aside: int


def scan_materials(
    audit_path: Path,
    folders: Sequence[Path],
    *,
    mapping: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    now: dt.datetime | None = None,
) -> BrandScan:
    """Read the folders and run every check against the audit's declared brand facts."""
    from omniready import __version__
    from omniready.audit.store import load_audit
    from omniready.brand.channels import load_mapping
    from omniready.brand.checks import run_all
    from omniready.brand.facts import facts_of
    from omniready.brand.record import build_record
    from omniready.brand.scan import gather

    audit = load_audit(audit_path)
    facts = facts_of(audit, audit_path)
    gathered = gather(folders, load_mapping(mapping), progress)
    outcomes = run_all(gathered.materials, facts)
    moment = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return build_record(gathered, outcomes, folders, moment, __version__)


def write_scan(audit_path: Path, scan: BrandScan) -> None:
    """Put the scan into the audit's brand step, under the audit lock, atomically."""
    from omniready.audit.store import exclusive, load_audit, save_audit

    with exclusive(audit_path):
        audit = load_audit(audit_path)  # as it is now, not as it was before the scan
        audit.steps.brand.scan = scan
        save_audit(audit_path, audit)


def run_brand(
    audit_path: Path,
    folders: Sequence[Path],
    *,
    fmt: Format,
    lang: str,
    write: bool = True,
    mapping: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BrandOutcome:
    """Scan, write and render."""
    from omniready.brand.formats import render

    scan = scan_materials(audit_path, folders, mapping=mapping, progress=progress)
    if write:
        write_scan(audit_path, scan)
    return BrandOutcome(render(scan, fmt, lang), scan, len(scan.set_aside))
