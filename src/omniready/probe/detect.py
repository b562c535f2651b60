"""Pure detectors: one HTTP response detail or document → facts. No I/O, no clock."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from omniready.probe.messages import evidence

# Header names of the rate-limit families we report: IETF draft, de-facto X- prefix, and 429s.
RATE_LIMIT_PREFIXES = ("ratelimit", "x-ratelimit", "x-rate-limit")


@dataclass(frozen=True)
class Link:
    """One target of an RFC 8288 Link header."""

    href: str
    rels: tuple[str, ...]
    params: dict[str, str] = field(default_factory=dict)


_LINK_VALUE = re.compile(r"\s*<([^>]*)>\s*((?:;\s*[^;,]+?(?:=(?:\"[^\"]*\"|[^;,]*))?\s*)*)(?:,|$)")
_LINK_PARAM = re.compile(r";\s*([^\s=;,]+)\s*(?:=\s*(\"[^\"]*\"|[^;,]*))?")


def parse_link_header(values: Iterable[str], base: str) -> list[Link]:
    """All links of one or more Link header values, their targets resolved against `base`."""
    links: list[Link] = []
    for value in values:
        for match in _LINK_VALUE.finditer(value):
            if not match.group(0).strip():
                continue
            params: dict[str, str] = {}
            for name, raw in _LINK_PARAM.findall(match.group(2) or ""):
                params.setdefault(name.lower(), raw.strip().strip('"'))
            rels = tuple(r.lower() for r in params.pop("rel", "").split())
            links.append(Link(urljoin(base, match.group(1).strip()), rels, params))
    return links


def links_with_rel(links: Iterable[Link], rel: str) -> list[str]:
    """Targets of the links that carry relation `rel`."""
    return [link.href for link in links if rel in link.rels]


def catalog_service_descs(document: Any, base: str) -> list[str]:
    """service-desc targets of an RFC 9727 api-catalog (RFC 9264 linkset JSON)."""
    out: list[str] = []
    linkset = document.get("linkset") if isinstance(document, Mapping) else None
    if not isinstance(linkset, list):
        return out
    for context in linkset:
        if not isinstance(context, Mapping):
            continue
        anchor = context.get("anchor") if isinstance(context.get("anchor"), str) else base
        for target in context.get("service-desc") or []:
            if isinstance(target, Mapping) and isinstance(target.get("href"), str):
                out.append(urljoin(urljoin(base, anchor), target["href"]))
    return out


def parse_json_object(body: bytes) -> dict[str, Any] | None:
    """A JSON object from bytes, or None for anything else (metadata documents)."""
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def www_authenticate_schemes(values: Iterable[str]) -> list[str]:
    """Auth schemes named by WWW-Authenticate challenges (Bearer, Basic...), in order."""
    schemes: list[str] = []
    for value in values:
        # A challenge starts a comma-separated item with a token not followed by '='.
        for match in re.finditer(
            r"(?:^|,)\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?=\s+[^=,]|\s*,|\s*$)", value
        ):
            name = match.group(1)
            if name.lower() not in (s.lower() for s in schemes):
                schemes.append(name)
    return schemes


def rate_limit_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """RateLimit-*, X-RateLimit-* and Retry-After headers, names lowercased, first value kept."""
    out: dict[str, str] = {}
    for name, value in headers:
        lower = name.lower()
        if lower.startswith(RATE_LIMIT_PREFIXES) or lower == "retry-after":
            out.setdefault(lower, value.strip())
    return dict(sorted(out.items()))


def http_date(value: str) -> dt.datetime | None:
    """An HTTP-date (RFC 9110) as an aware UTC datetime, or None."""
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


def deprecation_date(value: str) -> dt.datetime | None:
    """RFC 9745 Deprecation: a structured date `@<epoch>`; older drafts used an HTTP-date."""
    value = value.strip()
    match = re.fullmatch(r"@(-?\d{1,12})", value)
    if match:
        try:
            return dt.datetime.fromtimestamp(int(match.group(1)), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            return None  # a date beyond what datetime holds: no usable date
    return http_date(value)


@dataclass(frozen=True)
class Lifecycle:
    """Deprecation and sunset announced by a response."""

    deprecation: dt.datetime | None = None
    deprecated: bool = False
    sunset: dt.datetime | None = None
    links: tuple[str, ...] = ()


def lifecycle(headers: Mapping[str, str], links: Iterable[Link]) -> Lifecycle:
    """Deprecation (RFC 9745) and Sunset (RFC 8594) headers and their links."""
    dep_raw = headers.get("deprecation")
    sun_raw = headers.get("sunset")
    related = tuple(link.href for link in links if {"deprecation", "sunset"} & set(link.rels))
    return Lifecycle(
        deprecation=deprecation_date(dep_raw) if dep_raw else None,
        deprecated=dep_raw is not None and dep_raw.strip().lower() not in {"", "false", "?0"},
        sunset=http_date(sun_raw) if sun_raw else None,
        links=related,
    )


def merge_lifecycle(first: Lifecycle | None, second: Lifecycle) -> Lifecycle:
    """What either response announced; the first one's dates win where both have one."""
    if first is None:
        return second
    return Lifecycle(
        deprecation=first.deprecation or second.deprecation,
        deprecated=first.deprecated or second.deprecated,
        sunset=first.sunset or second.sunset,
        links=tuple(dict.fromkeys(first.links + second.links)),
    )


@dataclass(frozen=True)
class Handshake:
    """Outcome of the CloudEvents 1.0 webhook validation handshake (OPTIONS)."""

    consented: bool
    status: int
    allowed_origin: str | None = None
    allowed_rate: str | None = None
    allow: tuple[str, ...] = ()
    reason: str | None = None


def handshake_consent(status: int, headers: Mapping[str, str], origin: str) -> Handshake:
    """Read consent from WebHook-Allowed-Origin, WebHook-Allowed-Rate and Allow."""
    allowed_origin = headers.get("webhook-allowed-origin")
    allowed_rate = headers.get("webhook-allowed-rate")
    allow = tuple(m.strip().upper() for m in headers.get("allow", "").split(",") if m.strip())
    reason: str | None = None
    if not 200 <= status < 300:
        reason = evidence("receiver-answered", status=status)
    elif allowed_origin is None:
        reason = evidence("no-allowed-origin")
    elif allowed_origin.strip() not in {"*", origin}:
        reason = evidence("origin-not-allowed", allowed=allowed_origin.strip())
    elif allow and "POST" not in allow:
        reason = evidence("post-not-allowed")
    return Handshake(reason is None, status, allowed_origin, allowed_rate, allow, reason)


def hsts_max_age(value: str | None) -> int | None:
    """max-age of a Strict-Transport-Security header, or None when absent or malformed."""
    if not value:
        return None
    match = re.search(r"max-age\s*=\s*\"?(\d+)", value, re.IGNORECASE)
    return int(match.group(1)) if match else None


def median(values: list[float]) -> float | None:
    """Median of a list, None when empty."""
    return statistics.median(values) if values else None
