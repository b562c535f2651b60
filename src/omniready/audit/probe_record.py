"""What `omniready probe` writes into a tool's `probe:` block (owned by the probe package).

The same record is the per-tool body of `omniready probe --format json`, so both stay in step.
Unknown keys are allowed: a file probed by a newer release still loads in an older one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ApiEvidence = Literal["spec", "reachable", "none"]
WebhookEvidence = Literal["declared", "handshake", "claimed-only", "none"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)


class ApiFacts(_Open):
    """The API description found, if any, and what it declares."""

    evidence: ApiEvidence = "none"
    spec_url: str | None = None
    source: str | None = None  # spec_url | api-catalog | link | well-known
    format: str | None = None  # swagger | openapi | asyncapi
    version: str | None = None
    operations: int | None = None
    security: list[str] = Field(default_factory=list)
    error: str | None = None


class HandshakeFacts(_Open):
    """CloudEvents webhook validation handshake against the client's receiver."""

    consented: bool
    status: int | None = None
    allowed_origin: str | None = None
    allowed_rate: str | None = None
    allow: list[str] = Field(default_factory=list)
    reason: str | None = None


class WebhookFacts(_Open):
    """Evidence that the vendor can push events."""

    evidence: WebhookEvidence = "none"
    declared: int = 0
    callback_operations: int = 0
    extensions: dict[str, int] = Field(default_factory=dict)
    handshake: HandshakeFacts | None = None
    websub_hub: str | None = None


class AuthMetadata(_Open):
    """One OAuth / OpenID / protected-resource metadata document, summarised."""

    url: str
    issuer: str | None = None
    grant_types: list[str] = Field(default_factory=list)
    authorization_servers: list[str] = Field(default_factory=list)


class AuthFacts(_Open):
    """How the vendor asks for credentials."""

    www_authenticate: list[str] = Field(default_factory=list)
    oauth: AuthMetadata | None = None
    oidc: AuthMetadata | None = None
    protected_resource: AuthMetadata | None = None


class TlsFacts(_Open):
    """TLS of base_url (https only)."""

    version: str | None = None
    expires: dt.datetime | None = None
    days_left: int | None = None
    hsts_max_age: int | None = None


class LifecycleFacts(_Open):
    """Deprecation (RFC 9745) and Sunset (RFC 8594) announced by the vendor."""

    deprecated: bool = False
    deprecation: dt.datetime | None = None
    sunset: dt.datetime | None = None
    links: list[str] = Field(default_factory=list)


class Finding(_Open):
    """One condition that holds for the tool, saved without words: which message says why
    (`code`) and the values it quotes (`params`). The sentence is written in the reader's
    language when shown, so probing in another language does not rewrite the file."""

    condition: str  # no-api | no-webhooks | claim-mismatch | tls-expiring | sunset | unreachable
    code: str | None = None  # the message's id: no-api, claims-webhooks, tls-expiring...
    params: dict[str, Any] = Field(default_factory=dict)  # plain values: str, int, bool
    message: str | None = None  # the sentence as saved by releases before `code`


class ProbeRecord(_Open):
    """Saved evidence of one probe run of one tool."""

    probed_at: dt.datetime | None = None
    status: str | None = None  # ok | dns | connect | tls | timeout | too-large | bad-spec | ...
    error: str | None = None
    api: ApiFacts | None = None
    webhooks: WebhookFacts | None = None
    auth: AuthFacts | None = None
    tls: TlsFacts | None = None
    rate_limit: dict[str, str] = Field(default_factory=dict)
    lifecycle: LifecycleFacts | None = None
    latency_ms: float | None = None
    requests: int | None = None
    findings: list[Finding] = Field(default_factory=list)
