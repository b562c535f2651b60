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
from omniready.probe.messages import finding_text, t

# The conditions --fail-on and waivers may name; only tls-expiring takes an argument (DAYS).
CONDITIONS = (
    "no-api",
    "no-webhooks",
    "claim-mismatch",
    "tls-expiring",
    "sunset",
    "unreachable",
    "not-found",
    "insecure-token",
)
# base_url statuses that say the API is there: it answered, or asks for credentials.
_PRESENT = {401, 403}
# base_url statuses that say nothing is there (a wrong path) or nothing works (a server error).
_ABSENT = {404, 410}
DEFAULT_TLS_DAYS = 30  # a month is the usual lead time to renew a certificate


def condition_name(condition: str) -> str:
    """A condition's name without its argument: tls-expiring:30 → tls-expiring."""
    return condition.partition(":")[0]


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
    """base_url gave no answer: a network failure, no answer in time, or only 429s.

    Then nothing is known about the vendor's API or webhooks: a throttled vendor must not read
    as one that dropped them."""
    status = facts.base_status
    return facts.base_error is not None or status is None or status == 429


def absent_status(status: int | None) -> bool:
    """A base_url answer that says nothing is there: 404, 410 or a server error (5xx)."""
    return status is not None and (status in _ABSENT or status >= 500)


def not_found(facts: ToolFacts) -> bool:
    """base_url answered 404, 410 or 5xx and no description was found anywhere: a wrong URL or
    a broken service, not evidence about the API."""
    return facts.spec is None and not unreachable(facts) and absent_status(facts.base_status)


def api_evidence(facts: ToolFacts) -> ApiEvidence:
    """spec when a description was read; reachable when base_url answered 2xx, 401 or 403 (an
    API that wants credentials is still there); else none."""
    if facts.spec is not None:
        return "spec"
    status = facts.base_status
    if facts.base_error is None and status is not None:
        if 200 <= status < 300 or status in _PRESENT:
            return "reachable"
    return "none"


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


def status_of(facts: ToolFacts, deadline: float | None = None) -> tuple[str, str | None]:
    """The tool's classified outcome and a one-line reason.

    The reason is saved in the file, so it is in one language, English, like the network's own
    error texts it often quotes: re-probing in Spanish must not rewrite it."""
    lang = "en"
    if facts.internal_error is not None:
        return "error", t(lang, "internal", detail=facts.internal_error)
    if facts.base_error is not None:
        return facts.base_error.kind, facts.base_error.message
    if facts.timed_out:
        limit = t(lang, "deadline-limit", seconds=deadline) if deadline else ""
        return "timeout", t(lang, "deadline", limit=limit)
    status = facts.base_status
    if status == 429:
        wait = facts.stats.rate_limit.get("retry-after")
        retry = t(lang, "retry-after", value=wait) if wait else ""
        return "http-429", t(lang, "rate-limited", url=facts.target.base_url, retry=retry)
    if status is not None and status >= 500:
        return f"http-{status}", t(lang, "base-answered", url=facts.target.base_url, status=status)
    if facts.spec_error is not None:
        return facts.spec_error.kind, facts.spec_error.message
    if status in _ABSENT and facts.spec is None:  # a wrong base_url is not "ok"
        return f"http-{status}", t(lang, "base-answered", url=facts.target.base_url, status=status)
    return "ok", None


def summarise_auth_metadata(doc: dict[str, Any] | None) -> AuthMetadata | None:
    """An OAuth, OpenID or protected-resource metadata document → the few fields we keep."""
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
) -> ProbeRecord:
    """The typed, saved record of one tool's probe, findings included (codes, not prose)."""
    status, error = status_of(facts, deadline)
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
        oauth=summarise_auth_metadata(meta.get("oauth")),
        oidc=summarise_auth_metadata(meta.get("oidc")),
        protected_resource=summarise_auth_metadata(meta.get("protected_resource")),
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
    record.findings = findings(facts, record, tls_days)
    return record


def findings(facts: ToolFacts, record: ProbeRecord, tls_days: int) -> list[Finding]:
    """Every condition that holds for the tool; unknown (unreachable) is not evidence of absence.

    Each finding names its message and values; the words come when it is shown."""
    out: list[Finding] = []
    target = facts.target

    def add(condition: str, code: str, **params: Any) -> None:
        out.append(Finding(condition=condition, code=code, params=params))

    if unreachable(facts):
        add(
            "unreachable",
            "unreachable",
            url=target.base_url,
            status=record.status,
            error=record.error or "",
        )
    elif not_found(facts):
        add("not-found", "not-found", url=target.base_url, status=facts.base_status)
    else:
        assert record.api is not None and record.webhooks is not None
        api, hooks = record.api.evidence, record.webhooks.evidence
        hooks_found = hooks in {"declared", "handshake"}
        if api != "spec" and record.api.error:
            add("no-api", "no-api-error", error=record.api.error)
        elif api != "spec":
            add("no-api", "no-api")
        if not hooks_found:
            add("no-webhooks", "no-webhooks")
        mismatches = [
            code
            for code, holds in (
                ("claims-api", target.claims_api is True and api != "spec"),
                ("claims-no-api", target.claims_api is False and api == "spec"),
                ("claims-webhooks", target.claims_webhooks is True and not hooks_found),
                ("claims-no-webhooks", target.claims_webhooks is False and hooks_found),
            )
            if holds
        ]
        # One finding per condition: both claims wrong is one claim-mismatch saying both.
        if len(mismatches) == 1:
            add("claim-mismatch", mismatches[0])
        elif mismatches:
            add("claim-mismatch", "claims", codes=mismatches)
    if facts.token_over_http:
        add("insecure-token", "insecure-token", var=target.token_env or "", url=target.base_url)
    tls = record.tls
    if tls is not None and tls.days_left is not None and tls.days_left < tls_days:
        add("tls-expiring", "tls-expiring", days=tls.days_left, limit=tls_days)
    life = record.lifecycle
    if life is not None and (life.sunset or life.deprecated):
        dates = {
            "deprecation": life.deprecation.date().isoformat() if life.deprecation else None,
            "sunset": life.sunset.date().isoformat() if life.sunset else None,
        }
        add("sunset", "sunset", deprecated=life.deprecated, **{k: v for k, v in dates.items() if v})
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
    judged: set[str] = set()
    for finding in found:
        if finding.condition not in names or finding.condition in judged:
            continue  # a record saved with a condition twice is judged once
        judged.add(finding.condition)
        label = str(names[finding.condition])
        message = finding_text(finding, lang)
        waiver = next(
            (
                w
                for w in waivers
                if w.tool == tool_id and condition_name(w.condition) == finding.condition
            ),
            None,
        )
        if waiver is None:
            out.append(Evaluation(label, message, fails=True))
        elif waiver.expires >= today:
            out.append(
                Evaluation(
                    label,
                    message,
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
                    t(lang, "waiver-expired", message=message, date=waiver.expires),
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
