"""Pure decisions: facts + claims → evidence levels and findings; findings + --fail-on + waivers
→ what fails the run. No I/O; the time is passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from omniready.audit.model import Waiver
from omniready.audit.probe_record import (
    ApiEvidence,
    ApiFacts,
    AuthFacts,
    AuthMetadata,
    Finding,
    HandshakeFacts,
    LifecycleFacts,
    ProbeRecord,
    TlsFacts,
    WebhookEvidence,
    WebhookFacts,
)
from omniready.probe.detect import median
from omniready.probe.discover import ToolFacts
from omniready.probe.inventory import CONDITIONS
from omniready.probe.messages import t

DEFAULT_TLS_DAYS = 30  # a month is the usual lead time to renew a certificate


@dataclass(frozen=True)
class Condition:
    """One --fail-on condition; `days` only for tls-expiring:DAYS."""

    name: str
    days: int | None = None

    def __str__(self) -> str:
        return f"{self.name}:{self.days}" if self.days is not None else self.name


def parse_conditions(values: list[str]) -> list[Condition]:
    """Parse --fail-on values (repeatable, comma-separated); ValueError names the bad one."""
    out: list[Condition] = []
    for value in values:
        for item in (v.strip() for v in value.split(",")):
            if not item:
                continue
            name, _, arg = item.partition(":")
            if name not in CONDITIONS:
                known = ", ".join(
                    c if c != "tls-expiring" else "tls-expiring:DAYS" for c in CONDITIONS
                )
                raise ValueError(f"unknown condition {item!r} (known: {known})")
            if name == "tls-expiring":
                if not arg.isdigit():
                    raise ValueError("tls-expiring needs a number of days, e.g. tls-expiring:30")
                out.append(Condition(name, int(arg)))
            elif arg:
                raise ValueError(f"{name} takes no argument")
            else:
                out.append(Condition(name))
    return out


def unreachable(facts: ToolFacts) -> bool:
    """base_url gave no usable answer: a network failure, no answer in time, or a 5xx."""
    if facts.base_error is not None or facts.base_status is None:
        return True
    return facts.base_status >= 500


def api_evidence(facts: ToolFacts) -> ApiEvidence:
    """spec when a description was read, reachable when base_url answered, else none."""
    if facts.spec is not None:
        return "spec"
    return "none" if unreachable(facts) else "reachable"


def webhook_evidence(facts: ToolFacts) -> WebhookEvidence:
    """declared by the spec or a WebSub hub, else a consented handshake, else the claim alone."""
    spec = facts.spec
    if spec and (spec.declared_webhooks or spec.callback_operations or spec.extensions):
        return "declared"
    if facts.websub_hub:
        return "declared"
    if facts.handshake is not None and facts.handshake.consented:
        return "handshake"
    return "claimed-only" if facts.target.claims_webhooks else "none"


def status_of(
    facts: ToolFacts, deadline: float | None = None, lang: str = "en"
) -> tuple[str, str | None]:
    """The tool's classified outcome and a one-line reason."""
    if facts.internal_error is not None:
        return "error", t(lang, "internal", detail=facts.internal_error)
    if facts.base_error is not None:
        return facts.base_error.kind, facts.base_error.message
    if facts.timed_out:
        limit = t(lang, "deadline-limit", seconds=deadline) if deadline else ""
        return "timeout", t(lang, "deadline", limit=limit)
    if facts.base_status is not None and facts.base_status >= 500:
        return f"http-{facts.base_status}", t(lang, "base-answered", status=facts.base_status)
    if facts.spec_error is not None:
        return facts.spec_error.kind, facts.spec_error.message
    return "ok", None


def _meta(doc: dict[str, Any] | None) -> AuthMetadata | None:
    if doc is None:
        return None

    def strings(value: Any) -> list[str]:
        return [str(v) for v in value] if isinstance(value, list) else []

    issuer = doc.get("issuer") if isinstance(doc.get("issuer"), str) else doc.get("resource")
    return AuthMetadata(
        url=str(doc["url"]),
        issuer=issuer if isinstance(issuer, str) else None,
        grant_types=strings(doc.get("grant_types_supported")),
        authorization_servers=strings(doc.get("authorization_servers")),
    )


def build_record(
    facts: ToolFacts,
    now: dt.datetime,
    tls_days: int = DEFAULT_TLS_DAYS,
    deadline: float | None = None,
    lang: str = "en",
) -> ProbeRecord:
    """The typed, saved record of one tool's probe, findings included (prose in `lang`)."""
    status, error = status_of(facts, deadline, lang)
    spec = facts.spec
    api = ApiFacts(
        evidence=api_evidence(facts),
        spec_url=facts.spec_url,
        source=facts.spec_source,
        format=spec.format if spec else None,
        version=spec.version if spec else None,
        operations=spec.operations if spec else None,
        security=list(spec.security) if spec else [],
        error=facts.spec_error.message if facts.spec_error else None,
    )
    handshake = None
    if facts.handshake is not None:
        h = facts.handshake
        handshake = HandshakeFacts(
            consented=h.consented,
            status=h.status,
            allowed_origin=h.allowed_origin,
            allowed_rate=h.allowed_rate,
            allow=list(h.allow),
            reason=h.reason,
        )
    elif facts.handshake_error is not None:
        handshake = HandshakeFacts(consented=False, reason=str(facts.handshake_error))
    webhooks = WebhookFacts(
        evidence=webhook_evidence(facts),
        declared=spec.declared_webhooks if spec else 0,
        callback_operations=spec.callback_operations if spec else 0,
        extensions=dict(spec.extensions) if spec else {},
        handshake=handshake,
        websub_hub=facts.websub_hub,
    )
    meta = facts.auth_metadata
    auth = AuthFacts(
        www_authenticate=list(facts.www_authenticate),
        oauth=_meta(meta.get("oauth")),
        oidc=_meta(meta.get("oidc")),
        protected_resource=_meta(meta.get("protected_resource")),
    )
    tls = None
    if facts.tls_version or facts.cert_not_after:
        days = (facts.cert_not_after - now).days if facts.cert_not_after else None
        tls = TlsFacts(
            version=facts.tls_version,
            expires=facts.cert_not_after,
            days_left=days,
            hsts_max_age=facts.hsts_max_age,
        )
    life = facts.lifecycle
    lifecycle = None
    if life is not None and (life.deprecated or life.sunset or life.links):
        lifecycle = LifecycleFacts(
            deprecated=life.deprecated,
            deprecation=life.deprecation,
            sunset=life.sunset,
            links=list(life.links),
        )
    latency = median(facts.stats.latencies_ms)
    record = ProbeRecord(
        probed_at=now.replace(microsecond=0),
        status=status,
        error=error,
        api=api,
        webhooks=webhooks,
        auth=auth,
        tls=tls,
        rate_limit=dict(sorted(facts.stats.rate_limit.items())),
        lifecycle=lifecycle,
        latency_ms=round(latency, 1) if latency is not None else None,
        requests=facts.stats.requests,
    )
    record.findings = findings(facts, record, tls_days, lang)
    return record


def findings(
    facts: ToolFacts, record: ProbeRecord, tls_days: int, lang: str = "en"
) -> list[Finding]:
    """Every condition that holds for the tool; unknown (unreachable) is not evidence of absence."""
    out: list[Finding] = []
    target = facts.target

    def add(condition: str, key: str, **values: object) -> None:
        out.append(Finding(condition=condition, message=t(lang, key, **values)))

    if unreachable(facts):
        add(
            "unreachable",
            "unreachable",
            url=target.base_url,
            status=record.status,
            error=record.error,
        )
    else:
        assert record.api is not None and record.webhooks is not None
        api, hooks = record.api.evidence, record.webhooks.evidence
        hooks_found = hooks in {"declared", "handshake"}
        if api != "spec":
            add("no-api", "no-api", why=f" ({record.api.error})" if record.api.error else "")
        if not hooks_found:
            add("no-webhooks", "no-webhooks")
        if target.claims_api is True and api != "spec":
            add("claim-mismatch", "claims-api")
        if target.claims_api is False and api == "spec":
            add("claim-mismatch", "claims-no-api")
        if target.claims_webhooks is True and not hooks_found:
            add("claim-mismatch", "claims-webhooks")
        if target.claims_webhooks is False and hooks_found:
            add("claim-mismatch", "claims-no-webhooks")
    tls = record.tls
    if tls is not None and tls.days_left is not None and tls.days_left < tls_days:
        add("tls-expiring", "tls-expiring", days=tls.days_left, limit=tls_days)
    life = record.lifecycle
    if life is not None and (life.sunset or life.deprecated):
        parts = []
        if life.deprecated:
            since = t(lang, "since", date=life.deprecation.date()) if life.deprecation else ""
            parts.append(t(lang, "deprecated") + since)
        if life.sunset:
            parts.append(t(lang, "sunset-on", date=life.sunset.date()))
        add("sunset", "sunset", what=", ".join(parts))
    return out


@dataclass(frozen=True)
class Evaluation:
    """A finding named in --fail-on, and whether it fails the run after waivers."""

    condition: str
    message: str
    fails: bool
    waived: bool = False
    reason: str | None = None
    expires: dt.date | None = None
    expired: bool = False


def evaluate(
    tool_id: str,
    found: list[Finding],
    fail_on: list[Condition],
    waivers: tuple[Waiver, ...] | list[Waiver],
    today: dt.date,
    lang: str = "en",
) -> list[Evaluation]:
    """Findings that --fail-on names; a waiver valid on `today` stops one from failing."""
    names = {c.name: c for c in fail_on}
    out: list[Evaluation] = []
    for finding in found:
        if finding.condition not in names:
            continue
        label = str(names[finding.condition])
        waiver = next(
            (
                w
                for w in waivers
                if w.tool == tool_id and w.condition.split(":", 1)[0] == finding.condition
            ),
            None,
        )
        if waiver is None:
            out.append(Evaluation(label, finding.message, fails=True))
        elif waiver.expires >= today:
            out.append(
                Evaluation(
                    label,
                    finding.message,
                    fails=False,
                    waived=True,
                    reason=waiver.reason,
                    expires=waiver.expires,
                )
            )
        else:
            out.append(
                Evaluation(
                    label,
                    t(lang, "waiver-expired", message=finding.message, date=waiver.expires),
                    fails=True,
                    reason=waiver.reason,
                    expires=waiver.expires,
                    expired=True,
                )
            )
    return out


def tls_threshold(fail_on: list[Condition]) -> int:
    """Days of the tls-expiring condition when given, else the default lead time."""
    return next(
        (c.days for c in fail_on if c.name == "tls-expiring" and c.days is not None),
        DEFAULT_TLS_DAYS,
    )
