"""Which proxy a request goes through: `--proxy`, else HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and
NO_PROXY as curl and httpx read them (lowercase names first). Pure: the environment is passed in."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from omniready.errors import OmnireadyError
from omniready.texts import Message


def shown(proxy: str) -> str:
    """A proxy URL fit to print: the password, if any, left out (the user name stays)."""
    parts = urlsplit(proxy)
    if parts.password is None:
        return proxy
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def _proxy_url(value: str, source: str) -> str:
    """A proxy as httpx takes it: a bare host:port means http://host:port, as curl reads it."""
    url = value.strip() if "://" in value else f"http://{value.strip()}"
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise OmnireadyError(
            Message("probe.errors.proxy-scheme", {"source": source, "scheme": parts.scheme}),
            hint=Message("probe.errors.proxy-scheme-hint"),
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise OmnireadyError(
            Message(
                "probe.errors.proxy-url",
                {"source": source, "url": repr(shown(url)), "detail": str(exc)},
            )
        ) from None
    if not parts.hostname:
        raise OmnireadyError(
            Message("probe.errors.proxy-no-host", {"source": source, "url": repr(shown(url))})
        )
    return url


def _variable(env: Mapping[str, str], name: str) -> tuple[str, str] | None:
    """(name as set, value) of a proxy variable, the lowercase spelling first, as curl does."""
    for spelling in (name.lower(), name.upper()):
        value = env.get(spelling, "").strip()
        if value:
            return spelling, value
    return None


@dataclass(frozen=True)
class Proxies:
    """The proxy of each scheme (None: direct) and the hosts NO_PROXY sends direct."""

    http: str | None = None
    https: str | None = None
    no_proxy: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str], override: str | None = None) -> Proxies:
        """`override` (--proxy) for every scheme, else the environment's variables; NO_PROXY
        applies to both, as curl applies it to -x too. OmnireadyError names a bad value."""
        found = _variable(env, "no_proxy")
        no_proxy = tuple(entry.strip().lower() for entry in (found[1] if found else "").split(","))
        no_proxy = tuple(entry for entry in no_proxy if entry)
        if override:
            url = _proxy_url(override, "--proxy")
            return cls(url, url, no_proxy)
        every = _variable(env, "all_proxy")
        chosen: dict[str, str | None] = {}
        for scheme in ("http", "https"):
            found = _variable(env, f"{scheme}_proxy") or every
            chosen[scheme] = _proxy_url(found[1], f"${found[0]}") if found else None
        return cls(chosen["http"], chosen["https"], no_proxy)

    def for_url(self, url: str) -> str | None:
        """The proxy `url` goes through, or None for a direct connection."""
        parts = urlsplit(url)
        proxy = self.https if parts.scheme.lower() == "https" else self.http
        if proxy is None or not self.no_proxy:
            return proxy
        return None if bypassed(parts.hostname or "", self.no_proxy) else proxy


def bypassed(host: str, no_proxy: tuple[str, ...]) -> bool:
    """Whether NO_PROXY sends `host` direct: `*`, the host itself or a parent domain (with or
    without a leading dot), an address, or a network in CIDR notation."""
    host = host.lower().strip("[]").rstrip(".")
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        address = None
    for entry in no_proxy:
        if entry == "*":
            return True
        name = entry.strip("[]").lstrip(".").rstrip(".")
        if address is not None and "/" in name:
            try:
                if address in ipaddress.ip_network(name, strict=False):
                    return True
            except ValueError:
                continue
        elif host == name or host.endswith("." + name):
            return True
    return False
