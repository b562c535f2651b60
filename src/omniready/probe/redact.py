"""A vendor that echoes our Authorization header back (in a body field, a header, a link) must
not get the token stored or shown: its value is removed from every string of a tool's record
and request list before anything is saved, printed or rendered. Pure functions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote

from omniready.audit.probe_record import ProbeRecord
from omniready.probe.client import Exchange

REDACTED = "[redacted]"


def _forms(secret: str) -> tuple[str, ...]:
    """The token as sent and as it reads inside a URL (percent-encoded), longest first."""
    return tuple(sorted({secret, quote(secret, safe="")}, key=len, reverse=True))


def scrub(value: Any, secret: str | None) -> Any:
    """`value` with every occurrence of `secret` in its strings (dict keys included) replaced
    by REDACTED; containers are copied, other values returned as they are."""
    if not secret:
        return value
    forms = _forms(secret)

    def clean(item: Any) -> Any:
        if isinstance(item, str):
            for form in forms:
                item = item.replace(form, REDACTED)
            return item
        if isinstance(item, dict):
            return {clean(k): clean(v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return type(item)(clean(v) for v in item)
        return item

    return clean(value)


def redact_record(record: ProbeRecord, secret: str | None) -> ProbeRecord:
    """The record with the token's value removed from every string it holds."""
    if not secret:
        return record
    data = record.model_dump(mode="python")
    cleaned = scrub(data, secret)
    return record if cleaned == data else ProbeRecord.model_validate(cleaned)


def redact_exchanges(exchanges: list[Exchange], secret: str | None) -> tuple[Exchange, ...]:
    """The request list with the token's value removed from its URLs and errors."""
    if not secret:
        return tuple(exchanges)
    return tuple(
        replace(e, url=scrub(e.url, secret), error=scrub(e.error, secret)) for e in exchanges
    )
