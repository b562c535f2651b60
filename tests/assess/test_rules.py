"""Every shipped finding rule: one case where it fires and one where it does not."""

from __future__ import annotations

from typing import Any

import pytest

from omniready.assess import assess
from omniready.assess.findings import compare, symptoms_of
from omniready.assess.rules import Context, load_rules, shipped_rules
from omniready.audit.model import Audit
from omniready.checklist import Checklist
from omniready.errors import InputError

QUESTIONS = (
    "processes.procedures-mapped",
    "tools.central-customer-record",
    "metrics.self-service",
    "metrics.proactive-recurring",
    "brand.bot-persona",
    "processes.same-attention-every-channel",
    "processes.context-on-handoff",
    "processes.business-rules-consistent",
    "processes.feedback-used",
    "processes.privacy",
    "processes.backoffice-roles-mapped",
    "brand.promotions-honored",
    "metrics.sla-defined",
)


@pytest.fixture
def run(mk: Any) -> Any:
    """run(rule_id, steps) → finding ids of that one rule on an audit built from `steps`."""
    checklist: Checklist = mk.checklist(
        *(mk.question(q) for q in QUESTIONS),
        mk.question("metrics.unique-users", type_="yesno"),
    )

    def symptom_ids(rule_id: str, steps: dict[str, Any]) -> list[str]:
        """Where the rule fires, as `rule:subject` (before symptoms are grouped by cause)."""
        rules = tuple(r for r in load_rules() if r.id == rule_id)
        audit: Audit = mk.audit(**steps)
        result = assess(audit, checklist, rules=rules)
        ctx = Context(audit, {q.id: q for q in result.questions}, result.matrix)
        symptoms, errors = symptoms_of(rules, ctx)
        assert not errors and not result.errors
        # Grouping keeps them: one finding per cause, every rule that fired listed in it.
        assert {s.rule.id for s in symptoms} <= {r for f in result.findings for r in f.rules}
        return [f"{s.rule.id}:{s.hit.subject}" if s.hit.subject else s.rule.id for s in symptoms]

    return symptom_ids


def merge(*parts: dict[str, Any]) -> dict[str, Any]:
    """Audit steps from several parts, merged key by key (answers of one step together)."""
    out: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = merge(out[key], value)
            else:
                out[key] = value
    return out


def tool(tid: str, channels: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": tid, "name": tid.upper(), "channels": channels, **extra}


def probe(api: str, hooks: str, status: str = "ok") -> dict[str, Any]:
    return {"status": status, "api": {"evidence": api}, "webhooks": {"evidence": hooks}}


def answer(qid: str, value: str) -> dict[str, Any]:
    step = qid.split(".")[0]
    return {step: {"answers": {qid: {"answer": value}}}}


def channel(**figures: Any) -> dict[str, Any]:
    return {"metrics": {"channels": {"web": figures}}}


def journey(*steps: dict[str, Any]) -> dict[str, Any]:
    return {"processes": {"journeys": [{"id": "j", "steps": list(steps)}]}}


def promo(channels: dict[str, str]) -> dict[str, Any]:
    return {"brand": {"items": [{"id": "promo", "aspect": "promotions", "channels": channels}]}}


def greeting(channels: dict[str, str]) -> dict[str, Any]:
    return {"brand": {"items": [{"id": "hi", "aspect": "greeting", "channels": channels}]}}


STEP_A = {"phase": "purchase", "channel": "web", "owner": "ecom", "system": "shop"}
STEP_B = {"phase": "post-sale", "channel": "store", "owner": "retail", "system": "pos"}
SHOP_POS = {"tools": {"inventory": [tool("shop", ["web"]), tool("pos", ["store"])]}}
YOUNG = {"segments": [{"id": "young", "preferred_channels": ["whatsapp"]}]}
WEB_FANS = {"segments": [{"id": "fans", "share": 0.4, "preferred_channels": ["web"]}]}
STORE_FANS = {"segments": [{"id": "walkers", "share": 0.6, "preferred_channels": ["store"]}]}
BOTH_WAYS = {"api": True, "webhooks": True}
CONNECTED = {
    "tools": {
        "inventory": [
            tool("shop", ["web"], claims=BOTH_WAYS),
            tool("pos", ["store"], claims=BOTH_WAYS),
        ]
    }
}
CRM = tool("crm", ["email"], category="crm", claims=BOTH_WAYS)
CRM_POS = {"tools": {"inventory": [CRM, tool("pos", ["store"])]}}
CRM_POS_CONNECTED = {"tools": {"inventory": [CRM, tool("pos", ["store"], claims=BOTH_WAYS)]}}


def deadline(channels: dict[str, str]) -> dict[str, Any]:
    return {"brand": {"items": [{"id": "deadline", "aspect": "rules", "channels": channels}]}}


# rule id → (audit that makes it fire, subject of the finding, audit that keeps it quiet)
# What `omniready metrics` writes when chat has answered contacts but no service-level target.
MEASURED_CHAT_NO_TARGET = {
    "metrics": {
        "measured": {
            "measured_at": "2026-01-31T00:00:00Z",
            "version": "0",
            "definitions": "1-test",
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
            "channels": {
                "chat": {
                    "values": {"abandonment_rate": 0.1},
                    "absent": {"service_level": "no-sla-target"},
                }
            },
        }
    }
}

CASES: dict[str, tuple[dict[str, Any], str, dict[str, Any]]] = {
    "preferred-channel-unserved": (
        {"segments": YOUNG, **SHOP_POS},
        "whatsapp",
        {"segments": YOUNG, "tools": {"inventory": [tool("wa", ["whatsapp"])]}},
    ),
    "channel-silo": (
        {"tools": {"inventory": [tool("pos", ["store"], claims={"api": False})]}},
        "store",
        {"tools": {"inventory": [tool("pos", ["store"], claims={"api": True})]}},
    ),
    "context-lost-on-handoff": (
        journey(STEP_A, {**STEP_B, "context_carried": False}),
        "j",
        journey(STEP_A, {**STEP_B, "context_carried": True}),
    ),
    "journey-step-without-owner": (
        journey(STEP_A, {**STEP_B, "owner": None}),
        "j",
        journey(STEP_A, STEP_B),
    ),
    "process-differs-by-channel": (
        answer("processes.same-attention-every-channel", "none"),
        "",
        answer("processes.same-attention-every-channel", "half"),
    ),
    "handoff-context-policy-missing": (
        answer("processes.context-on-handoff", "none"),
        "",
        answer("processes.context-on-handoff", "all"),
    ),
    "business-rules-inconsistent": (
        answer("processes.business-rules-consistent", "half"),
        "",
        answer("processes.business-rules-consistent", "all"),
    ),
    "promotions-inconsistent": (
        answer("brand.promotions-honored", "half"),
        "",
        answer("brand.promotions-honored", "all"),
    ),
    "rule-missing-in-channel": (
        {**SHOP_POS, **promo({"web": "10%"})},
        "promo",
        {**SHOP_POS, **promo({"web": "10%", "store": "10%"})},
    ),
    "claim-not-confirmed": (
        {
            "tools": {
                "inventory": [
                    tool("crm", ["web"], claims={"api": True}, probe=probe("none", "none"))
                ]
            }
        },
        "crm",
        {
            "tools": {
                "inventory": [
                    tool("crm", ["web"], claims={"api": True}, probe=probe("spec", "none"))
                ]
            }
        },
    ),
    "channel-without-sla": (channel(wait_p90_s=10), "web", channel(sla_target_s=60)),
    "sla-missed": (channel(sla_attainment=0.5), "web", channel(sla_attainment=0.9)),
    "wait-above-sla": (
        channel(sla_target_s=60, wait_p90_s=90),
        "web",
        channel(sla_target_s=60, wait_p90_s=30),
    ),
    "abandonment-high": (channel(abandonment_rate=0.2), "web", channel(abandonment_rate=0.1)),
    "no-show-high": (channel(no_show_rate=0.3), "web", channel(no_show_rate=0.05)),
    "channel-metrics-missing": (
        {"tools": {"inventory": [tool("shop", ["web"])]}},
        "web",
        {"tools": {"inventory": [tool("shop", ["web"])]}, **channel(unique_users=10)},
    ),
    "brand-inconsistent": (
        greeting({"web": "Hola", "store": "Buenos días"}),
        "hi",
        greeting({"web": "Hola ", "store": "hola"}),
    ),
    "no-feedback-loop": (
        answer("processes.feedback-used", "none"),
        "",
        answer("processes.feedback-used", "half"),
    ),
    "privacy-weak": (answer("processes.privacy", "none"), "", answer("processes.privacy", "all")),
    "backoffice-roles-unmapped": (
        answer("processes.backoffice-roles-mapped", "none"),
        "",
        answer("processes.backoffice-roles-mapped", "half"),
    ),
    "journey-system-unknown": (
        {**journey(STEP_A, STEP_B), "tools": {"inventory": [tool("shop", ["web"])]}},
        "j",
        {**journey(STEP_A, STEP_B), **SHOP_POS},
    ),
    # Cross-step rules: each case needs facts of two steps, and the quiet case changes one.
    "handoff-without-integration": (
        merge(SHOP_POS, journey(STEP_A, {**STEP_B, "context_carried": False})),
        "j",
        merge(CONNECTED, journey(STEP_A, {**STEP_B, "context_carried": False})),
    ),
    "segment-channel-strained": (
        merge({"segments": WEB_FANS}, channel(abandonment_rate=0.2)),
        "fans",
        merge({"segments": WEB_FANS}, channel(abandonment_rate=0.05, sla_attainment=0.9)),
    ),
    "capacity-on-journey": (
        merge(journey(STEP_A), channel(abandonment_rate=0.2, wait_p90_s=200, sla_target_s=60)),
        "web",
        merge(journey(STEP_A), channel(abandonment_rate=0.2, wait_p90_s=30, sla_target_s=60)),
    ),
    "automation-before-procedures": (
        merge(answer("processes.procedures-mapped", "half"), channel(self_service_rate=0.3)),
        "",
        merge(answer("processes.procedures-mapped", "all"), channel(self_service_rate=0.3)),
    ),
    "incidents-without-owner": (
        merge(
            answer("processes.backoffice-roles-mapped", "half"),
            journey(STEP_A),
            channel(incident_rate=0.3),
        ),
        "web",
        merge(
            answer("processes.backoffice-roles-mapped", "all"),
            journey(STEP_A),
            channel(incident_rate=0.3),
        ),
    ),
    "self-service-recurring": (
        merge(
            answer("metrics.self-service", "none"),
            answer("metrics.proactive-recurring", "none"),
            channel(monthly_contacts=1000),
            {"tools": {"inventory": [tool("shop", ["web"], claims={"api": True})]}},
        ),
        "",
        merge(
            answer("metrics.self-service", "all"),
            answer("metrics.proactive-recurring", "none"),
            channel(monthly_contacts=1000),
            {"tools": {"inventory": [tool("shop", ["web"], claims={"api": True})]}},
        ),
    ),
    "promotion-missing-for-segment": (
        merge({"segments": STORE_FANS}, promo({"web": "10%", "store": "No aplica en tienda"})),
        "promo",
        merge({"segments": STORE_FANS}, promo({"web": "10%", "store": "10% en caja"})),
    ),
    "rule-differs-on-journey": (
        merge(
            journey(STEP_A), deadline({"web": "10 días", "store": "30 días", "phone": "30 días"})
        ),
        "deadline",
        merge(journey(STEP_A), deadline({"web": "30 días", "store": "30 días con boleta"})),
    ),
    "answer-contradicted-by-data": (
        merge(answer("metrics.sla-defined", "all"), MEASURED_CHAT_NO_TARGET),
        "",
        merge(answer("metrics.sla-defined", "half"), MEASURED_CHAT_NO_TARGET),
    ),
    "unique-users-before-segments": (
        merge(answer("metrics.unique-users", "false"), {"segments": WEB_FANS}),
        "",
        merge(answer("metrics.unique-users", "true"), {"segments": WEB_FANS}),
    ),
    "crm-misses-preferred-channels": (
        merge(answer("tools.central-customer-record", "half"), CRM_POS, {"segments": STORE_FANS}),
        "",
        merge(
            answer("tools.central-customer-record", "half"),
            CRM_POS_CONNECTED,
            {"segments": STORE_FANS},
        ),
    ),
    "claim-contradicted-on-journey": (
        merge(
            {
                "tools": {
                    "inventory": [
                        tool("shop", ["web"], claims={"api": True}, probe=probe("none", "none"))
                    ]
                }
            },
            journey(STEP_A),
        ),
        "shop",
        merge(
            {
                "tools": {
                    "inventory": [
                        tool("shop", ["web"], claims={"api": True}, probe=probe("spec", "none"))
                    ]
                }
            },
            journey(STEP_A),
        ),
    ),
}
CROSS_STEP = {r.id for r in shipped_rules() if r.cross_step}


def test_at_least_twelve_rules_each_with_a_case() -> None:
    ids = [r.id for r in shipped_rules()]
    assert len(ids) >= 12
    assert sorted(ids) == sorted(CASES)


def test_at_least_twelve_cross_step_rules() -> None:
    assert len(CROSS_STEP) >= 12


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires(rule_id: str, run: Any) -> None:
    fire, subject, _ = CASES[rule_id]
    expected = f"{rule_id}:{subject}" if subject else rule_id
    assert run(rule_id, fire) == [expected]


@pytest.mark.parametrize("rule_id", sorted(CROSS_STEP))
def test_cross_step_rule_needs_both_steps(rule_id: str, run: Any) -> None:
    """Each step's facts alone do not fire a cross-step rule: it says what no single step says."""
    fire = CASES[rule_id][0]
    for step in fire:
        assert run(rule_id, {step: fire[step]}) == [], step


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_stays_quiet(rule_id: str, run: Any) -> None:
    assert run(rule_id, CASES[rule_id][2]) == []


def test_unanswered_or_unknown_never_fires_an_answer_rule(run: Any) -> None:
    assert run("privacy-weak", answer("processes.privacy", "unknown")) == []
    assert run("privacy-weak", {}) == []


def test_unfinished_probe_does_not_deny_a_claim(run: Any) -> None:
    steps = {
        "tools": {
            "inventory": [
                tool(
                    "crm",
                    ["web"],
                    claims={"api": True},
                    probe=probe("none", "none", status="timeout"),
                )
            ]
        }
    }
    assert run("claim-not-confirmed", steps) == []


def test_finding_texts_filled_in_both_languages(mk: Any) -> None:
    rule = next(r for r in shipped_rules() if r.id == "abandonment-high")
    audit = mk.audit(metrics={"channels": {"phone": {"abandonment_rate": 0.25}}})
    (finding,) = assess(audit, mk.checklist(), rules=(rule,)).findings
    # Grouped under its cause; the channel by its name in each language in the evidence.
    assert finding.id == "channel-capacity" and finding.rules == ("abandonment-high",)
    assert finding.title.en == "The busiest channels fall short: abandonment and waits above target"
    # One percent style per language: "25 %" in Spanish, "25%" in English.
    assert finding.evidence.en == "Phone: abandonment = 25% (threshold 10%)"
    assert finding.evidence.es == "Teléfono: abandono = 25 % (umbral 10 %)"
    assert finding.severity == "high" and finding.steps == ("metrics",)
    assert finding.subjects == ("metrics.channels.phone.abandonment_rate",)


def test_abandonment_threshold_by_channel_kind(mk: Any) -> None:
    rule = next(r for r in shipped_rules() if r.id == "abandonment-high")
    figures = {
        "phone": {"abandonment_rate": 0.08},  # virtual by the vocabulary: under 10 %
        "store": {"abandonment_rate": 0.08},  # physical by the vocabulary: over 5 %
        "kiosk": {"kind": "physical", "abandonment_rate": 0.06},  # kind from the record
        "mystery": {"abandonment_rate": 0.9},  # unknown kind: not judged
    }
    audit = mk.audit(metrics={"channels": figures})
    (found,) = assess(audit, mk.checklist(), rules=(rule,)).findings
    assert found.subjects == (
        "metrics.channels.kiosk.abandonment_rate",
        "metrics.channels.store.abandonment_rate",
    )
    assert found.details[1].es == "Tienda física: abandono = 8 % (umbral 5 %)"


def test_waits_shown_in_minutes_and_hours(mk: Any) -> None:
    rule = next(r for r in shipped_rules() if r.id == "wait-above-sla")
    audit = mk.audit(metrics={"channels": {"email": {"wait_p90_s": 14400, "sla_target_s": 5400}}})
    (finding,) = assess(audit, mk.checklist(), rules=(rule,)).findings
    assert "4 h" in finding.evidence.en and "90 min" in finding.evidence.en
    assert "14400" not in finding.evidence.en
    assert finding.evidence.es.startswith("Correo:")


def test_journey_texts_name_phases_and_number_steps_from_one(mk: Any) -> None:
    rule = next(r for r in shipped_rules() if r.id == "journey-step-without-owner")
    steps = [
        {"phase": "pre-sale", "channel": "web", "owner": "marketing"},
        {"phase": "purchase", "channel": "instagram"},
    ]
    audit = mk.audit(processes={"journeys": [{"id": "j", "steps": steps}]})
    (finding,) = assess(audit, mk.checklist(), rules=(rule,)).findings
    assert finding.evidence.es == "Sin responsable: 2. Compra Instagram."
    assert finding.evidence.en == "No owner: 2. Purchase Instagram."
    assert finding.subjects == ("journeys.j.steps.2",)


def test_brand_texts_name_aspects_and_channels(mk: Any) -> None:
    rule = next(r for r in shipped_rules() if r.id == "brand-inconsistent")
    audit = mk.audit(
        brand={
            "items": [
                {"id": "hi", "aspect": "greeting", "channels": {"phone": "Aló", "email": "Hola"}}
            ]
        }
    )
    (finding,) = assess(audit, mk.checklist(), rules=(rule,)).findings
    assert finding.evidence.es == "2 versiones (saludo): Teléfono | Correo."
    assert finding.evidence.en == "2 versions (greeting): Phone | E-mail."


def test_rule_added_through_data_only(tmp_path: Any, mk: Any) -> None:
    extra = tmp_path / "rules.yaml"
    extra.write_text(
        "- id: self-service-low\n"
        "  severity: low\n"
        "  steps: [metrics]\n"
        "  when: {kind: channel-metric, field: self_service_rate, op: lt, value: 0.3,\n"
        "         where: {kind: virtual}}\n"
        "  title: {es: 'Poco autoservicio en {channel}', en: 'Little self-service on {channel}'}\n"
        "  remediation: {es: 'Automatice', en: 'Automate'}\n",
        encoding="utf-8",
    )
    rules = load_rules(extra)
    assert len(rules) == len(shipped_rules()) + 1
    audit = mk.audit(
        metrics={
            "channels": {
                "web": {"kind": "virtual", "self_service_rate": 0.1},
                "store": {"kind": "physical", "self_service_rate": 0.0},
            }
        }
    )
    found = [
        f
        for f in assess(audit, mk.checklist(), rules=rules).findings
        if f.rule == "self-service-low"
    ]
    # A rule of its own cause: one finding, titled by the rule.
    assert [f.id for f in found] == ["self-service-low"]
    assert found[0].title.en == "Little self-service on Web"


def test_bad_rule_file_is_an_input_error(tmp_path: Any) -> None:
    extra = tmp_path / "rules.yaml"
    extra.write_text("- id: x\n  severity: urgent\n", encoding="utf-8")
    with pytest.raises(InputError, match="rules.yaml"):
        load_rules(extra)


@pytest.mark.parametrize(
    ("op", "value", "threshold", "expected"),
    [
        ("lt", 1, 2, True),
        ("lt", 2, 2, False),
        ("lte", 2, 2, True),
        ("gt", 3, 2, True),
        ("gte", 1, 2, False),
        ("eq", "a", "a", True),
        ("ne", "a", "a", False),
        ("missing", None, None, True),
        ("missing", 0, None, False),
        ("present", 0, None, True),
        ("gt", None, 2, False),
        ("lt", "x", 2, False),
    ],
)
def test_compare(op: str, value: Any, threshold: Any, expected: bool) -> None:
    assert compare(op, value, threshold) is expected


def test_a_failing_rule_is_reported_and_the_rest_stands(
    mk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omniready.assess.checks import CHECKS
    from omniready.assess.rules import Rule

    def broken(ctx: Any, params: Any) -> list[Any]:
        raise KeyError("surprise")

    monkeypatch.setitem(CHECKS, "broken", broken)
    bad = Rule.model_validate(
        {
            "id": "broken-rule",
            "severity": "low",
            "steps": ["tools"],
            "check": "broken",
            "title": {"es": "x", "en": "x"},
            "remediation": {"es": "x", "en": "x"},
        }
    )
    abandonment = next(r for r in shipped_rules() if r.id == "abandonment-high")
    result = assess(
        mk.audit(**channel(abandonment_rate=0.5)), mk.checklist(), rules=(bad, abandonment)
    )
    assert [f.rules for f in result.findings] == [("abandonment-high",)]
    assert [(e.rule, e.message) for e in result.errors] == [("broken-rule", "KeyError: 'surprise'")]


def test_every_shipped_check_exists() -> None:
    from omniready.assess.checks import CHECKS

    assert {r.check for r in shipped_rules() if r.check} <= set(CHECKS)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  severity: urgent\n", ":2:13: rule 0 severity:"),
        ("  severity: low\n  check: nope\n", "unknown check 'nope'"),
        ("  severity: low\n  when: {kind: answer, op: lt, value: 1}\n", "needs `question`"),
        ("  severity: low\n", "exactly one of `check`"),
    ],
)
def test_bad_rule_entries_name_the_problem(tmp_path: Any, entry: str, message: str) -> None:
    extra = tmp_path / "rules.yaml"
    extra.write_text(
        "- id: x\n" + entry + "  steps: [tools]\n  title: {es: a, en: a}\n"
        "  remediation: {es: a, en: a}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_rules(extra)
    assert message in caught.value.message
