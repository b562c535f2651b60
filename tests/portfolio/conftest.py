"""Folders of generated audits, written as real files in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from omniready.audit.model import Audit
from omniready.audit.store import to_yaml
from omniready.checklist import Checklist, load_checklist
from omniready.portfolio.peers import peer_audit


@pytest.fixture(scope="session")
def checklist() -> Checklist:
    return load_checklist()


WriteAudit = Callable[..., Path]


@pytest.fixture
def write_audit(tmp_path: Path, checklist: Checklist) -> WriteAudit:
    """Write one generated audit (peer_audit's keywords) into tmp_path/audits; its path."""
    folder = tmp_path / "audits"
    folder.mkdir(exist_ok=True)

    def write(
        seed: int, *, file: str | None = None, audit: Audit | None = None, **traits: object
    ) -> Path:
        made = audit or peer_audit(checklist, seed, **traits)  # type: ignore[arg-type]
        path = folder / (file or f"org-{seed}.audit.yaml")
        path.write_text(to_yaml(made), encoding="utf-8")
        return path

    return write
