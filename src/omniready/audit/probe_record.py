"""What `omniready probe` writes into a tool's `probe:` block (owned by the probe package).

The same record is the per-tool body of `omniready probe --format json`, so both stay in step.
Unknown keys are allowed: a file probed by a newer release still loads in an older one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Characters a vendor could use to rewrite a terminal, forge a CI log line (`::error`) or break
# XML: C0 and C1 controls, DEL, bidirectional overrides, surrogates and non-characters.
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
MAX_TEXT = 1000  # a header value of 60 kB is not worth 60 kB of every report


def printable(text: str, limit: int | None = MAX_TEXT) -> str:
    """Vendor text made safe to print, log or write as XML: unprintable characters shown as
    escapes (`\\x1b`), and at most `limit` characters kept (None: all)."""
    if (limit is None or len(text) <= limit) and not _UNPRINTABLE.search(text):
        return text  # the usual case, at the cost of one scan
    shown = _UNPRINTABLE.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )
    if limit is not None and len(shown) > limit:
        shown = f"{shown[:limit]}… ({len(shown) - limit} more characters)"
    return shown


# Every text the probe saves comes, or may come, from a vendor: it is made printable on the way in.
Text = Annotated[str, AfterValidator(printable)]

ApiEvidence = Literal["spec", "reachable", "none"]
WebhookEvidence = Literal["declared", "handshake", "claimed-only", "none"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)


class ApiFacts(_Open):
    """The API description found, if any, and what it declares."""

    evidence: ApiEvidence = "none"
    spec_url: Text | None = None
    source: Text | None = None  # spec_url | api-catalog | link | well-known
    format: Text | None = None  # swagger | openapi | asyncapi
    version: Text | None = None
    operations: int | None = None
    security: list[Text] = Field(default_factory=list)
    error: Text | None = None


class HandshakeFacts(_Open):
    """CloudEvents webhook validation handshake against the client's receiver."""

    consented: bool
    status: int | None = None
    allowed_origin: Text | None = None
    allowed_rate: Text | None = None
    allow: list[Text] = Field(default_factory=list)
    reason: Text | None = None


class WebhookFacts(_Open):
    """Evidence that the vendor can push events."""

    evidence: WebhookEvidence = "none"
    declared: int = 0
    callback_operations: int = 0
    extensions: dict[Text, int] = Field(default_factory=dict)
    handshake: HandshakeFacts | None = None
    websub_hub: Text | None = None


class AuthMetadata(_Open):
    """One OAuth / OpenID / protected-resource metadata document, summarised."""

    url: Text
    issuer: Text | None = None
    grant_types: list[Text] = Field(default_factory=list)
    authorization_servers: list[Text] = Field(default_factory=list)


class AuthFacts(_Open):
    """How the vendor asks for credentials."""

    www_authenticate: list[Text] = Field(default_factory=list)
    oauth: AuthMetadata | None = None
    oidc: AuthMetadata | None = None
    protected_resource: AuthMetadata | None = None


class TlsFacts(_Open):
    """TLS of base_url (https only)."""

    version: Text | None = None
    expires: dt.datetime | None = None
    days_left: int | None = None
    hsts_max_age: int | None = None


class LifecycleFacts(_Open):
    """Deprecation (RFC 9745) and Sunset (RFC 8594) announced by the vendor."""

    deprecated: bool = False
    deprecation: dt.datetime | None = None
    sunset: dt.datetime | None = None
    links: list[Text] = Field(default_factory=list)


class Finding(_Open):
    """One condition that holds for the tool, saved without words: which message says why
    (`code`) and the values it quotes (`params`). The sentence is written in the reader's
    language when shown, so probing in another language does not rewrite the file."""

    condition: str  # no-api | no-webhooks | claim-mismatch | tls-expiring | sunset | unreachable
    code: Text | None = None  # the message's id: no-api, claims-webhooks, tls-expiring...
    params: dict[str, Any] = Field(default_factory=dict)  # plain values: str, int, bool
    message: Text | None = None  # the sentence as saved by releases before `code`


class ProbeRecord(_Open):
    """Saved evidence of one probe run of one tool."""

    probed_at: dt.datetime | None = None
    status: Text | None = None  # ok | dns | connect | tls | timeout | too-large | bad-spec | ...
    error: Text | None = None
    api: ApiFacts | None = None
    webhooks: WebhookFacts | None = None
    auth: AuthFacts | None = None
    tls: TlsFacts | None = None
    rate_limit: dict[Text, Text] = Field(default_factory=dict)
    lifecycle: LifecycleFacts | None = None
    latency_ms: float | None = None
    requests: int | None = None
    findings: list[Finding] = Field(default_factory=list)
