"""Pure verdicts: facts and claims → evidence, findings; findings, --fail-on, waivers → failures."""

from __future__ import annotations

import datetime as dt

import pytest

from omniready.audit.model import Waiver
from omniready.audit.probe_record import Finding
from omniready.probe.client import FetchError
from omniready.probe.detect import Handshake, Lifecycle
from omniready.probe.discover import ToolFacts
from omniready.probe.inventory import Target
from omniready.probe.spec import SpecFacts
from omniready.probe.verdict import (
    CONDITIONS,
    Condition,
    build_record,
    condition_name,
    evaluate,
    parse_conditions,
    tls_threshold,
)

NOW = dt.datetime(2026, 3, 1, 12, 0, 0, 123, tzinfo=dt.timezone.utc)
SPEC = SpecFacts("openapi", "3.1.0", 10)
HOOKS = SpecFacts("openapi", "3.1.0", 10, declared_webhooks=3)


def facts(api: bool | None = None, hooks: bool | None = None, **values: object) -> ToolFacts:
    target = Target("t", "T", "https://t.example/", claims_api=api, claims_webhooks=hooks)
    base = {"base_status": 200, **values}
    return ToolFacts(target, **base)  # type: ignore[arg-type]


def conditions(f: ToolFacts, tls_days: int = 30) -> list[str]:
    return [x.condition for x in build_record(f, NOW, tls_days).findings]


@pytest.mark.parametrize(
    ("f", "api", "hooks", "found"),
    [
        (facts(spec=HOOKS), "spec", "declared", []),
        (facts(spec=SPEC), "spec", "none", ["no-webhooks"]),
        (facts(True, True, spec=SPEC), "spec", "claimed-only", ["no-webhooks", "claim-mismatch"]),
        (facts(True, None), "reachable", "none", ["no-api", "no-webhooks", "claim-mismatch"]),
        # Both claims wrong: one claim-mismatch, saying both (once per tool and condition).
        (facts(False, False, spec=HOOKS), "spec", "declared", ["claim-mismatch"]),
        (
            facts(spec=SpecFacts("openapi", "3.0.0", 1, callback_operations=1)),
            "spec",
            "declared",
            [],
        ),
        (
            facts(spec=SpecFacts("openapi", "3.0.0", 1, extensions={"x-webhooks": 1})),
            "spec",
            "declared",
            [],
        ),
        (facts(spec=SPEC, websub_hub="https://hub/"), "spec", "declared", []),
        (facts(spec=SPEC, handshake=Handshake(True, 200)), "spec", "handshake", []),
        (facts(spec=SPEC, handshake=Handshake(False, 403)), "spec", "none", ["no-webhooks"]),
        # Unreachable: nothing is known, so nothing is denied; only `unreachable` holds.
        (
            facts(True, True, base_status=None, base_error=FetchError("dns", "x")),
            "none",
            "claimed-only",
            ["unreachable"],
        ),
        # A wrong path or a broken service with no description: not-found, nothing else.
        (facts(True, True, base_status=503), "none", "claimed-only", ["not-found"]),
        (facts(True, True, base_status=404), "none", "claimed-only", ["not-found"]),
        (facts(base_status=410), "none", "none", ["not-found"]),
        # A description found elsewhere outweighs a 404 at base_url.
        (facts(base_status=404, spec=HOOKS), "spec", "declared", []),
        # Only 2xx, 401 and 403 say the API is there.
        (facts(base_status=403), "reachable", "none", ["no-api", "no-webhooks"]),
        (facts(base_status=401), "reachable", "none", ["no-api", "no-webhooks"]),
        (facts(base_status=400), "none", "none", ["no-api", "no-webhooks"]),
        # Throttled everywhere: no answer about the API either, so no no-api or mismatch.
        (facts(True, True, base_status=429), "none", "claimed-only", ["unreachable"]),
        (facts(base_status=None, timed_out=True), "none", "none", ["unreachable"]),
        # A 401 or 404 at base_url is an answer: the vendor is there.
        (facts(base_status=401, spec=HOOKS), "spec", "declared", []),
    ],
)
def test_evidence_and_findings(f: ToolFacts, api: str, hooks: str, found: list[str]) -> None:
    record = build_record(f, NOW)
    assert record.api is not None and record.webhooks is not None
    assert (record.api.evidence, record.webhooks.evidence) == (api, hooks)
    assert [x.condition for x in record.findings] == found


@pytest.mark.parametrize(
    ("f", "status"),
    [
        (facts(spec=SPEC), "ok"),
        (facts(base_status=None, base_error=FetchError("tls", "bad cert")), "tls"),
        (facts(timed_out=True), "timeout"),
        (facts(base_status=502), "http-502"),
        (facts(base_status=404), "http-404"),
        (facts(base_status=410), "http-410"),
        (facts(base_status=404, spec=SPEC), "ok"),
        (facts(base_status=404, spec_error=FetchError("bad-spec", "u: x")), "bad-spec"),
        (facts(base_status=429), "http-429"),
        (facts(spec_error=FetchError("bad-spec", "u: invalid JSON")), "bad-spec"),
        (facts(spec_error=FetchError("too-large", "u: big")), "too-large"),
    ],
)
def test_status(f: ToolFacts, status: str) -> None:
    assert build_record(f, NOW).status == status


def test_record_fields() -> None:
    f = facts(
        spec=SPEC,
        tls_version="TLSv1.3",
        cert_not_after=NOW + dt.timedelta(days=20),
        hsts_max_age=10,
        lifecycle=Lifecycle(sunset=NOW + dt.timedelta(days=90)),
    )
    f.stats.latencies_ms.extend([30.0, 10.0, 20.04])
    f.stats.requests = 3
    record = build_record(f, NOW)
    assert record.probed_at == NOW.replace(microsecond=0)
    assert record.tls is not None and (record.tls.days_left, record.tls.version) == (20, "TLSv1.3")
    assert (record.latency_ms, record.requests) == (20.0, 3)
    assert [x.condition for x in record.findings] == ["no-webhooks", "tls-expiring", "sunset"]
    assert conditions(f, tls_days=10) == ["no-webhooks", "sunset"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        (["no-api"], [Condition("no-api")]),
        (
            ["no-api,no-webhooks", "sunset"],
            [Condition("no-api"), Condition("no-webhooks"), Condition("sunset")],
        ),
        (
            ["tls-expiring:14, unreachable"],
            [Condition("tls-expiring", 14), Condition("unreachable")],
        ),
        (["claim-mismatch,"], [Condition("claim-mismatch")]),
    ],
)
def test_parse_conditions(values: list[str], expected: list[Condition]) -> None:
    assert parse_conditions(values) == expected


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("no-fun", "unknown condition"),
        ("tls-expiring", "needs a number"),
        ("tls-expiring:soon", "needs a number"),
        ("sunset:3", "takes no argument"),
    ],
)
def test_bad_conditions(value: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_conditions([value])


def test_tls_threshold() -> None:
    assert tls_threshold([]) == 30
    assert tls_threshold([Condition("tls-expiring", 7)]) == 7
    assert str(Condition("tls-expiring", 7)) == "tls-expiring:7"


FOUND = [
    Finding(condition="no-webhooks", message="none"),
    Finding(condition="tls-expiring", message="soon"),
]
TODAY = dt.date(2026, 3, 1)


def waiver(condition: str, expires: dt.date, tool: str = "t") -> Waiver:
    return Waiver(tool=tool, condition=condition, reason="vendor promised", expires=expires)


def test_only_conditions_named_in_fail_on_are_judged() -> None:
    assert evaluate("t", FOUND, [], [], TODAY) == []
    [only] = evaluate("t", FOUND, [Condition("no-webhooks"), Condition("sunset")], [], TODAY)
    assert (only.condition, only.fails, only.waived) == ("no-webhooks", True, False)


def test_valid_waiver_stops_the_failure_until_its_last_day() -> None:
    fail_on = [Condition("no-webhooks"), Condition("tls-expiring", 30)]
    result = evaluate("t", FOUND, fail_on, [waiver("no-webhooks", TODAY)], TODAY)
    assert [(e.condition, e.fails, e.waived) for e in result] == [
        ("no-webhooks", False, True),
        ("tls-expiring:30", True, False),
    ]
    assert result[0].reason == "vendor promised" and result[0].expires == TODAY


def test_expired_waiver_fails_as_if_absent_and_says_so() -> None:
    [e] = evaluate(
        "t",
        FOUND,
        [Condition("no-webhooks")],
        [waiver("no-webhooks", TODAY - dt.timedelta(days=1))],
        TODAY,
    )
    assert (e.fails, e.waived, e.expired) == (True, False, True)
    assert "waiver expired on 2026-02-28" in e.message


def test_waiver_of_another_tool_or_condition_does_not_apply() -> None:
    fail_on = [Condition("no-webhooks")]
    [e] = evaluate(
        "t",
        FOUND,
        fail_on,
        [waiver("no-webhooks", TODAY, tool="other"), waiver("no-api", TODAY)],
        TODAY,
    )
    assert e.fails


def test_waiver_with_a_threshold_matches_by_name() -> None:
    [e] = evaluate(
        "t", FOUND, [Condition("tls-expiring", 60)], [waiver("tls-expiring:30", TODAY)], TODAY
    )
    assert e.waived and not e.fails


@pytest.mark.parametrize(
    ("condition", "name"),
    [("tls-expiring:30", "tls-expiring"), ("sunset", "sunset"), ("no-fun:x:y", "no-fun"), ("", "")],
)
def test_condition_name(condition: str, name: str) -> None:
    assert condition_name(condition) == name


def test_every_condition_parses() -> None:
    parsed = parse_conditions([c if c != "tls-expiring" else "tls-expiring:7" for c in CONDITIONS])
    assert [c.name for c in parsed] == list(CONDITIONS)


def test_both_claims_wrong_is_one_finding_saying_both() -> None:
    from omniready.probe.messages import finding_text

    (finding,) = build_record(facts(False, False, spec=HOOKS), NOW).findings
    text = finding_text(finding, "en")
    assert "claims no API" in text and "claims no webhooks" in text
    assert "no declara" not in finding_text(finding, "es") and "webhooks" in finding_text(
        finding, "es"
    )


def test_a_condition_saved_twice_is_judged_once() -> None:
    twice = [Finding(condition="claim-mismatch", code="claims-api")] * 2
    judged = evaluate("t", twice, [Condition("claim-mismatch")], [], dt.date(2026, 1, 1))
    assert len(judged) == 1


def test_not_found_says_the_status() -> None:
    from omniready.probe.messages import finding_text

    (finding,) = build_record(facts(base_status=404), NOW).findings
    assert finding_text(finding, "en").startswith("https://t.example/ answered 404")
    assert "respondió 404" in finding_text(finding, "es")
