"""Rewriting an audit file in the current schema, with a backup that is never replaced."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from omniready.audit import yamlio
from omniready.audit.model import SCHEMA_VERSION
from omniready.audit.store import exclusive, parse_audit, to_yaml, write_atomic


@dataclass(frozen=True)
class Migrated:
    """What `migrate_file` did: the schema it found, and where the original now is."""

    found: int
    backup: Path | None  # None: the file was already current and was left alone
    had_comments: bool


def migrate_file(path: Path) -> Migrated:
    """Rewrite `path` in the current schema; the original is kept as FILE.schemaN.bak first."""
    with exclusive(path):
        text = yamlio.read_text(path)
        audit = parse_audit(text, path)  # validates before anything is written
        raw = yamlio.parse(text, path)
        found = raw.get("schema", 1) if isinstance(raw, dict) else 1
        if found == SCHEMA_VERSION:
            return Migrated(found, None, False)
        backup = backup_path(path, found)
        write_atomic(backup, text)  # the backup is complete on disk before the file changes
        write_atomic(path, to_yaml(audit))
    return Migrated(found, backup, bool(re.search(r"(^|\s)#", text, re.MULTILINE)))


def backup_path(file: Path, version: object) -> Path:
    """FILE.schemaN.bak, or FILE.schemaN.2.bak and so on: an earlier backup is never replaced."""
    candidate = file.with_name(f"{file.name}.schema{version}.bak")
    number = 2
    while candidate.exists():
        candidate = file.with_name(f"{file.name}.schema{version}.{number}.bak")
        number += 1
    return candidate
