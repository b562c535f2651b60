"""Rewriting an audit file in the current schema, with a backup that is never replaced; the
file's comments and untouched lines are kept by the one writer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from omniready.audit import writer, yamlio
from omniready.audit.check import load_checked
from omniready.audit.lock import exclusive
from omniready.audit.model import SCHEMA_VERSION
from omniready.audit.store import audit_data, write_atomic
from omniready.checklist import Checklist, with_current_ids


@dataclass(frozen=True)
class Migrated:
    """What `migrate_file` did: the schema it found, and where the original now is."""

    found: int
    backup: Path | None  # None: the file was already current and was left alone


def migrate_file(path: Path, checklist: Checklist) -> Migrated:
    """Rewrite `path` in the current schema; the original is kept as FILE.schemaN.bak first."""
    with exclusive(path):
        audit = load_checked(path, checklist)  # validates before anything is written
        # Answers to renamed or split questions move to the current ids; retired ones are dropped.
        current = with_current_ids(audit, checklist)
        text = yamlio.read_text(path)
        raw = yamlio.parse(text, path)
        found = raw.get("schema", 1) if isinstance(raw, dict) else 1
        if found == SCHEMA_VERSION and current == audit:
            return Migrated(found, None)
        backup = backup_path(path, found)
        write_atomic(backup, text)  # the backup is complete on disk before the file changes
        writer.save(path, audit_data(current))  # renamed keys rewritten, comments kept
    return Migrated(found, backup)


def backup_path(file: Path, version: object) -> Path:
    """FILE.schemaN.bak, or FILE.schemaN.2.bak and so on: an earlier backup is never replaced."""
    candidate = file.with_name(f"{file.name}.schema{version}.bak")
    number = 2
    while candidate.exists():
        candidate = file.with_name(f"{file.name}.schema{version}.{number}.bak")
        number += 1
    return candidate
