"""Discovery rules as data: which URLs to ask, in which order, for which fact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from omniready.texts import Message

# RFC 9727: the api-catalog linkset lives at a well-known URL of the origin.
API_CATALOG = "/.well-known/api-catalog"

# Where vendors commonly publish descriptions when nothing announces them (tried in order).
SPEC_PATHS: tuple[str, ...] = (
    "openapi.json",
    "openapi.yaml",
    "swagger.json",
    "swagger.yaml",
    "v3/api-docs",
    "api-docs",
    "swagger/v1/swagger.json",
    "api/openapi.json",
    "docs/openapi.json",
    "asyncapi.json",
    "asyncapi.yaml",
)

# Auth metadata documents at the origin root: RFC 8414, OpenID Connect Discovery, RFC 9728.
AUTH_METADATA: dict[str, str] = {
    "oauth": "/.well-known/oauth-authorization-server",
    "oidc": "/.well-known/openid-configuration",
    "protected_resource": "/.well-known/oauth-protected-resource",
}

SPEC_ACCEPT = "application/openapi+json, application/json, application/yaml;q=0.9, */*;q=0.5"


@lru_cache(maxsize=4096)  # asked on every request for the same few URLs; parsing is not free
def origin(url: str) -> str:
    """scheme://host[:port] of a URL, lowercased, the host in its ASCII (IDNA) form, default
    ports dropped: two spellings of one host are one origin."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        host = ascii_host(host)
    except ValueError:
        pass  # url_problem reports it before any request
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    port = parts.port
    if port is None or (scheme, port) in {("http", 80), ("https", 443)}:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def spec_candidates(base_url: str) -> list[str]:
    """Well-known spec URLs relative to base_url, then at the origin root, without repeats."""
    return list(iter_spec_candidates(base_url))


def iter_spec_candidates(base_url: str) -> Iterator[str]:
    """spec_candidates one at a time: the search usually stops at the first or second, so the
    other twenty URLs are never built."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    seen: set[str] = set()
    for prefix in (base, None):
        for path in SPEC_PATHS:
            url = urljoin(prefix if prefix is not None else origin(base_url) + "/", path)
            if url not in seen:
                seen.add(url)
                yield url


def catalog_url(base_url: str) -> str:
    """The api-catalog URL of base_url's origin."""
    return origin(base_url) + API_CATALOG


def auth_metadata_urls(base_url: str) -> dict[str, str]:
    """Auth metadata URLs at base_url's origin, keyed by kind."""
    root = origin(base_url)
    return {kind: root + path for kind, path in AUTH_METADATA.items()}


# Whitespace and control characters: on a request line they would forge or break it.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")


@lru_cache(maxsize=4096)
def url_problem(url: str) -> Message | None:
    """Why `url` cannot be probed, or None when it is a usable http(s) URL."""
    if _UNSAFE.search(url):
        return Message("probe.errors.bad-url-unsafe", {"url": repr(url)})
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return Message("probe.errors.bad-url-port", {"url": repr(url), "detail": str(exc)})
    if parts.scheme not in {"http", "https"}:
        return Message("probe.errors.bad-url-scheme", {"url": repr(url)})
    if not parts.hostname:
        return Message("probe.errors.bad-url-no-host", {"url": repr(url)})
    why = host_problem(parts.hostname)
    if why is not None:
        return Message("probe.errors.bad-url-host", {"url": repr(url), "detail": why})
    return None


@lru_cache(maxsize=4096)
def ascii_host(host: str) -> str:
    """A host name as DNS and TLS see it: international names encoded with IDNA 2008 after
    UTS 46 mapping, as browsers do (`straße.test` → `xn--strae-oqa.test`, not `strasse.test`);
    ValueError when no such encoding exists."""
    if host.isascii() or host.startswith("[") or ":" in host:
        return host
    import idna  # only for international names

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from None


@lru_cache(maxsize=4096)
def wire_url(url: str) -> str:
    """The URL as sent: its host in ASCII (see ascii_host), everything else unchanged."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.isascii():
        return url
    userinfo = parts.netloc.rpartition("@")[0]
    port = f":{parts.port}" if parts.port is not None else ""
    netloc = (f"{userinfo}@" if userinfo else "") + ascii_host(host) + port
    return parts._replace(netloc=netloc).geturl()


def host_problem(host: str) -> Message | None:
    """Why a host name cannot be resolved (RFC 1035 lengths, IDNA 2008), or None."""
    if host.startswith("[") or ":" in host:
        return None  # an IPv6 literal: urlsplit has checked its brackets
    try:
        encoded = ascii_host(host)
    except ValueError as exc:
        return Message("probe.errors.host-not-idna", {"host": repr(host), "detail": str(exc)})
    labels = encoded.removesuffix(".").split(".")
    if len(encoded) > 253 or any(not 0 < len(label) <= 63 for label in labels):
        return Message("probe.errors.host-bad-label", {"host": repr(host)})
    return None
