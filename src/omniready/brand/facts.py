"""The declared brand facts of an audit, as the checks take them (the logo read and hashed)."""

from __future__ import annotations

from pathlib import Path

from omniready.audit.model import Audit
from omniready.brand.checks import Facts
from omniready.brand.errors import BrandError


def facts_of(audit: Audit, audit_path: Path) -> Facts:
    """The audit's `brand.declared` as Facts; the logo file is relative to the audit file."""
    declared = audit.steps.brand.declared
    if declared is None:
        return Facts()
    logo_hash = None
    if declared.logo:
        from omniready.brand.readers.image import logo_hash as hash_of

        logo_path = (audit_path.parent / declared.logo).resolve()
        try:
            data = logo_path.read_bytes()
        except OSError as exc:
            raise BrandError(
                f"{audit_path}: brand.declared.logo {declared.logo}: {exc.strerror or exc}"
            ) from None
        try:
            logo_hash = hash_of(data, declared.logo)
        except ImportError as exc:
            raise BrandError(
                f"{audit_path}: brand.declared.logo needs the image libraries ({exc.name} is "
                "missing)",
                hint="pip install 'omniready[brand]'",
            ) from None
        if logo_hash is None:
            raise BrandError(
                f"{audit_path}: brand.declared.logo {declared.logo}: not an image Pillow can read"
            )
    return Facts(
        names=tuple(declared.names),
        palette=tuple((c.value, c.name or c.value) for c in declared.palette),
        fonts=tuple(declared.fonts),
        logo_phash=logo_hash,
        logo=declared.logo,
        address=declared.address,
        promotions=tuple(p.model_dump(mode="json") for p in declared.promotions),
        contacts=declared.contacts.model_dump(mode="json"),
    )
