"""The declared brand facts of an audit, as the checks take them (the logo read and hashed)."""

from __future__ import annotations

from pathlib import Path

from omniready.audit.model import Audit
from omniready.brand.checks import Facts
from omniready.brand.errors import BrandError
from omniready.texts import Message


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
            params = {"path": audit_path, "logo": declared.logo, "why": exc.strerror or exc}
            raise BrandError(Message("brand.errors.logo-unreadable", params)) from None
        try:
            logo_hash = hash_of(data, declared.logo)
        except ImportError as exc:
            params = {"path": audit_path, "missing": exc.name}
            raise BrandError(
                Message("brand.errors.logo-needs-libraries", params),
                hint="pip install 'omniready[brand]'",
            ) from None
        if logo_hash is None:
            params = {"path": audit_path, "logo": declared.logo}
            raise BrandError(Message("brand.errors.logo-not-an-image", params))
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
