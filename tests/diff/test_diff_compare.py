"""The semantic diff: matched by id, noise left out, metrics judged in the right direction."""

from __future__ import annotations

import functools
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omniready.audit.model import Audit
from omniready.checklist import Checklist, Text, load_checklist
from omniready.diff.compare import compare, diff_audits, verdict
from omniready.diff.model import (
    AuditDiff,
    FieldChange,
    FindingChange,
    Mismatch,
    Regression,
    ScoreDelta,
    StepDelta,
    regressions,
)


def fields(diff: AuditDiff, section: str, ident: str) -> dict[str, tuple[Any, Any]]:
    record = next(r for r in diff.records if r.section == section and r.id == ident)
    return {f.field: (f.old, f.new) for f in record.fields}


def test_same_audit_is_empty(mk: SimpleNamespace, checklist: Checklist) -> None:
    diff = diff_audits(mk.audit(), mk.audit(), checklist)
    assert diff.empty
    assert diff.overall.delta == 0
    assert regressions(diff) == []


def test_key_order_timestamps_and_list_order_of_records_are_noise(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    data = mk.raw(updated="2026-03-04T18:20:00Z", started="2026-03-01")
    data["steps"]["tools"]["inventory"].reverse()  # records are matched by id, not position
    data["steps"]["tools"]["answers"] = dict(reversed(data["steps"]["tools"]["answers"].items()))
    data["organization"] = {"name": "Acme"}
    diff = diff_audits(mk.audit(), mk.audit(data), checklist)
    assert diff.empty


def test_notes_are_left_out_unless_asked(mk: SimpleNamespace, checklist: Checklist) -> None:
    data = mk.raw()
    data["steps"]["tools"]["answers"]["tools.api-available"]["note"] = "now"
    new = mk.audit(data)
    assert diff_audits(mk.audit(), new, checklist).answers == ()
    shown = diff_audits(mk.audit(), new, checklist, include_notes=True).answers
    assert [(a.question, a.fields) for a in shown] == [
        ("tools.api-available", (FieldChange("note", "PBX has none", "now"),))
    ]


def test_answer_changes_carry_text_values_and_score_delta(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    data = mk.raw()
    answers = data["steps"]["tools"]["answers"]
    answers["tools.api-available"] = {"answer": "most", "evidence": ["vendors.xlsx"]}
    del answers["tools.webhooks-available"]
    answers["tools.tool-owners"] = {"answer": "all"}
    diff = diff_audits(mk.audit(), mk.audit(data), checklist)
    by_id = {a.question: a for a in diff.answers}
    api = by_id["tools.api-available"]
    assert (api.kind, api.old, api.new, api.score_old, api.score_new, api.delta) == (
        "changed",
        "half",
        "most",
        50.0,
        75.0,
        25.0,
    )
    assert api.text == checklist.by_id["tools.api-available"].text
    assert FieldChange("evidence", None, "vendors.xlsx") in api.fields
    assert by_id["tools.webhooks-available"].kind == "removed"
    assert by_id["tools.tool-owners"].kind == "added"
    assert by_id["tools.tool-owners"].score_new == 100.0
    # the checklist's option labels, for the formats to show in --lang
    half = checklist.by_id["tools.api-available"].option("half")
    assert half is not None and api.old_label == half.label
    assert by_id["tools.webhooks-available"].new_label is None
    # in checklist order, not alphabetical
    ids = [q.id for q in checklist.questions]
    assert [a.question for a in diff.answers] == sorted(by_id, key=ids.index)


def test_yes_no_answers_carry_the_si_no_labels(mk: SimpleNamespace, checklist: Checklist) -> None:
    old = mk.audit(steps__tools__answers={"tools.data-export": {"answer": False}})
    new = mk.audit(steps__tools__answers={"tools.data-export": {"answer": True}})
    (change,) = diff_audits(old, new, checklist).answers
    assert (change.old, change.new) == ("no", "yes")
    assert change.old_label is not None and change.new_label is not None
    assert (change.old_label("es"), change.new_label("es")) == ("No", "Sí")


def test_waivers_added_removed_and_expiry_moved(mk: SimpleNamespace, checklist: Checklist) -> None:
    def waiver(condition: str, expires: str) -> dict[str, str]:
        return {"tool": "helpdesk", "condition": condition, "reason": "vendor", "expires": expires}

    old = mk.audit(waivers=[waiver("no-webhooks", "2026-06-30"), waiver("no-spec", "2026-06-30")])
    new = mk.audit(
        waivers=[waiver("no-webhooks", "2026-12-31"), waiver("tls-expiry", "2027-01-01")]
    )
    diff = diff_audits(old, new, checklist)
    assert [(r.id, r.kind, r.fields) for r in diff.records_of("waivers")] == [
        ("helpdesk/no-spec", "removed", ()),
        ("helpdesk/no-webhooks", "changed", (FieldChange("expires", "2026-06-30", "2026-12-31"),)),
        ("helpdesk/tls-expiry", "added", ()),
    ]


def test_metric_policy_names_real_figures() -> None:
    from omniready.audit.model import ChannelMetrics
    from omniready.diff.policy import metric_policy

    policy = metric_policy()
    figures = set(ChannelMetrics.model_fields)
    assert policy.lower_is_better | policy.higher_is_better | policy.shares <= figures
    assert not policy.lower_is_better & policy.higher_is_better


def test_not_applicable_and_skipped_read_as_such(mk: SimpleNamespace, checklist: Checklist) -> None:
    data = mk.raw()
    data["steps"]["tools"]["answers"]["tools.api-available"] = {"na": True, "note": "no tools"}
    data["steps"]["tools"]["answers"]["tools.webhooks-available"] = {"skipped": True}
    diff = diff_audits(mk.audit(), mk.audit(data), checklist)
    assert [(a.old, a.new, a.score_new) for a in diff.answers] == [
        ("half", "n/a", None),
        ("some", "skipped", None),
    ]


def test_tools_added_removed_and_changed(mk: SimpleNamespace, checklist: Checklist) -> None:
    data = mk.raw()
    inventory = data["steps"]["tools"]["inventory"]
    inventory[0]["claims"]["webhooks"] = False
    inventory[0]["channels"] = ["email", "phone", "whatsapp"]
    del inventory[1]
    inventory.append({"id": "crm", "name": "HubSpot"})
    diff = diff_audits(mk.audit(), mk.audit(data), checklist)
    assert [(r.kind, r.id, r.name) for r in diff.records_of("tools")] == [
        ("removed", "pos", "POS"),
        ("changed", "helpdesk", "Zendesk"),
        ("added", "crm", "HubSpot"),
    ]
    assert fields(diff, "tools", "helpdesk") == {
        "channels": ("email, phone", "email, phone, whatsapp"),
        "claims.webhooks": (True, False),
    }


PROBE_2025: dict[str, Any] = {
    "probed_at": "2025-03-01T10:00:00Z",
    "status": "ok",
    "latency_ms": 120,
    "api": {
        "evidence": "reachable",
        "format": "openapi",
        "version": "3.0.3",
        "operations": 40,
        "security": ["oauth2"],
    },
    "webhooks": {"evidence": "claimed-only", "declared": 0},
    "requests": 14,
    "tls": {"version": "TLSv1.3", "expires": "2025-05-20T00:00:00Z", "days_left": 80},
    "rate_limit": {"RateLimit-Limit": "100", "RateLimit-Remaining": "37", "Retry-After": "3"},
    "findings": [{"condition": "no-webhooks", "message": "no webhook evidence after 14 requests"}],
}


def with_probe(mk: SimpleNamespace, probe: dict[str, Any]) -> Audit:
    data = mk.raw()
    data["steps"]["tools"]["inventory"][0]["probe"] = probe
    return mk.audit(data)


def test_probe_noise_is_left_out(mk: SimpleNamespace, checklist: Checklist) -> None:
    later = {
        **PROBE_2025,
        "probed_at": "2026-03-01T10:00:00Z",
        "latency_ms": 480,
        "requests": 9,
        "tls": {"version": "TLSv1.3", "expires": "2026-04-01T00:00:00Z", "days_left": 12},
        "rate_limit": {"RateLimit-Limit": "100", "RateLimit-Remaining": "99"},
        "findings": [{"condition": "no-webhooks", "message": "no webhook evidence (9 requests)"}],
    }
    diff = diff_audits(with_probe(mk, PROBE_2025), with_probe(mk, later), checklist)
    assert diff.records == ()


def test_probe_capability_changes(mk: SimpleNamespace, checklist: Checklist) -> None:
    later = {
        **PROBE_2025,
        "api": {
            "evidence": "spec",
            "spec_url": "https://x.example/openapi.json",
            "format": "openapi",
            "version": "3.1.0",
            "operations": 52,
            "security": ["oauth2", "apiKey"],
        },
        "webhooks": {"evidence": "declared", "declared": 6},
        "findings": [],
        "future_field": {"added_by": "a newer probe"},
    }
    changed = fields(
        diff_audits(with_probe(mk, PROBE_2025), with_probe(mk, later), checklist),
        "tools",
        "helpdesk",
    )
    assert changed["capability.webhooks"] == (False, True)  # webhooks gained
    assert changed["capability.api_description"] == (False, True)  # API description gained
    assert changed["probe.api.version"] == ("3.0.3", "3.1.0")
    assert changed["probe.api.operations"] == (40, 52)
    assert changed["probe.api.evidence"] == ("reachable", "spec")
    assert changed["probe.webhooks.evidence"] == ("claimed-only", "declared")
    assert changed["probe.api.security"] == ("oauth2", "oauth2, apiKey")
    assert changed["probe.future_field.added_by"] == (None, "a newer probe")
    assert changed["probe.finding.no-webhooks"] == (True, None)  # the probe's finding went away
    lost = fields(
        diff_audits(with_probe(mk, later), with_probe(mk, PROBE_2025), checklist),
        "tools",
        "helpdesk",
    )
    assert lost["capability.webhooks"] == (True, False)  # and lost the other way round


def test_journey_handoffs_that_now_carry_context(mk: SimpleNamespace, checklist: Checklist) -> None:
    data = mk.raw()
    steps = data["steps"]["processes"]["journeys"][0]["steps"]
    steps[1]["context_carried"] = True
    steps.append(
        {"phase": "post-sale", "channel": "phone", "context_carried": False, "owner": "support"}
    )
    diff = diff_audits(mk.audit(), mk.audit(data), checklist)
    assert fields(diff, "journeys", "buy-online-exchange") == {
        "path": (
            "web@purchase > store@post-sale",
            "web@purchase > store@post-sale > phone@post-sale",
        ),
        "handoff web@purchase > store@post-sale": ("context lost", "context carried"),
        "step phone@post-sale.owner": (None, "support"),
        "handoff store@post-sale > phone@post-sale": (None, "context lost"),
    }


def test_segments_and_brand_items(mk: SimpleNamespace, checklist: Checklist) -> None:
    data = mk.raw()
    data["steps"]["segments"]["segments"][0]["share"] = 0.35
    data["steps"]["segments"]["segments"].append({"id": "seniors", "age": "61+"})
    data["steps"]["brand"]["items"][0]["channels"]["phone"] = "Acme, buenos días"
    data["steps"]["brand"]["items"][0]["channels"]["web"] = "¡Hola!"
    diff = diff_audits(mk.audit(), mk.audit(data), checklist)
    assert fields(diff, "segments", "young") == {"share": (0.3, 0.35)}
    assert [r.kind for r in diff.records_of("segments")] == ["changed", "added"]
    assert fields(diff, "brand", "greeting") == {
        "channels.web": ("Hola", "¡Hola!"),
        "channels.phone": (None, "Acme, buenos días"),
    }


@pytest.mark.parametrize(
    ("metric", "old", "new", "expected"),
    [
        ("wait_p90_s", 300, 120, "better"),
        ("wait_avg_s", 60, 90, "worse"),
        ("abandonment_rate", 0.08, 0.05, "better"),
        ("no_show_rate", 0.1, 0.2, "worse"),
        ("incident_rate", 0.12, 0.1, "better"),
        ("sla_attainment", 0.6, 0.8, "better"),
        ("sla_attainment", 0.8, 0.6, "worse"),
        ("self_service_rate", 0.2, 0.35, "better"),
        ("monthly_contacts", 12000, 15000, "neutral"),
        ("sla_target_s", 120, 60, "neutral"),
        ("wait_p90_s", None, 120, "neutral"),
        ("wait_p90_s", 120, 120, "neutral"),  # never listed: only figures that moved are
    ],
)
def test_metric_direction(metric: str, old: Any, new: Any, expected: str) -> None:
    assert verdict(metric, old, new) == expected


def test_metric_changes_per_channel(mk: SimpleNamespace, checklist: Checklist) -> None:
    data = mk.raw()
    channel = data["steps"]["metrics"]["channels"]["whatsapp"]
    channel.update(wait_p90_s=180, abandonment_rate=0.1, sla_attainment=0.7)
    data["steps"]["metrics"]["channels"]["phone"] = {"wait_p90_s": 60}
    diff = diff_audits(mk.audit(), mk.audit(data), checklist)
    assert [(m.channel, m.metric, m.old, m.new, m.verdict) for m in diff.metrics] == [
        ("phone", "wait_p90_s", None, 60, "neutral"),
        ("whatsapp", "wait_p90_s", 300, 180, "better"),
        ("whatsapp", "sla_attainment", 0.6, 0.7, "better"),
        ("whatsapp", "abandonment_rate", 0.08, 0.1, "worse"),
    ]
    assert diff.metrics[1].delta == -120


def test_different_organizations_warn(mk: SimpleNamespace, checklist: Checklist) -> None:
    other = mk.audit(organization={"name": "Globex"})
    assert diff_audits(mk.audit(), other, checklist).warnings == (
        Mismatch("organization", "Acme", "Globex"),
    )
    same = mk.audit(organization={"name": " ACME "})
    assert diff_audits(mk.audit(), same, checklist).warnings == ()


# ---------------------------------------------------------------------------- regressions


def _diff(
    overall: tuple[float, float],
    step: tuple[float, float],
    findings: tuple[FindingChange, ...] = (),
) -> AuditDiff:
    title = Text(es="t", en="t")
    return AuditDiff(
        "A",
        "A",
        "c",
        "c",
        ScoreDelta(*overall),
        (StepDelta("tools", title, ScoreDelta(*step)),),
        findings=findings,
    )


def test_regression_threshold() -> None:
    assert regressions(_diff((50, 50), (50, 50))) == []
    assert regressions(_diff((50, 60), (50, 70))) == []
    assert regressions(_diff((50, 49), (50, 50))) == [Regression("overall", None, 50, 49, -1)]
    assert regressions(_diff((50, 49), (50, 47)), threshold=3) == []
    assert regressions(_diff((50, 50), (50, 46.5)), threshold=3) == [
        Regression("step", "tools", 50, 46.5, -3.5)
    ]


def test_new_high_finding_is_a_regression_even_when_scores_rise() -> None:
    title = Text(es="t", en="t")
    new_high = FindingChange("privacy-weak", "high", title, ("processes",), "new")
    new_low = FindingChange("brand-inconsistent:x", "low", title, ("brand",), "new")
    gone = FindingChange("other", "high", title, ("tools",), "resolved")
    assert regressions(_diff((50, 60), (50, 60), (new_low, gone))) == []
    assert regressions(_diff((50, 60), (50, 60), (new_high,)), threshold=100) == [
        Regression("finding", finding="privacy-weak")
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            ["overall score dropped 1.0 points (50.0 → 49.0)", "new high-severity finding: x t"],
        ),
        (
            "es",
            [
                "el puntaje general bajó 1,0 puntos (50,0 → 49,0)",
                "nuevo hallazgo de severidad alta: x t",
            ],
        ),
    ],
)
def test_regressions_are_worded_per_language(lang: str, expected: list[str]) -> None:
    from omniready.diff.formats import regression_lines

    new_high = FindingChange("x", "high", Text(es="t", en="t"), ("tools",), "new")
    assert regression_lines(_diff((50, 49), (50, 50), (new_high,)), 0, lang) == expected


def test_compare_without_assessments_uses_option_scores(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    new = mk.audit(steps__tools__answers={"tools.api-available": {"answer": "all"}})
    diff = compare(mk.audit(), new, checklist)
    api = next(a for a in diff.answers if a.question == "tools.api-available")
    assert (api.score_old, api.score_new) == (50.0, 100.0)
    assert diff.findings == () and diff.overall.old is None


# ---------------------------------------------------------------------------- checklist renames


RENAMES = """\
questions:
  - id: tools.webhook-events
    type: scale
    scale: coverage
    weight: 2
    replaces: [tools.hooks]
    text: {es: "¿Eventos por webhooks?", en: "Events through webhooks?"}
  - id: tools.api-read
    type: scale
    scale: coverage
    replaces: [tools.api-docs]
    text: {es: "¿API de lectura?", en: "Read API?"}
  - id: tools.api-write
    type: scale
    scale: coverage
    replaces: [tools.api-docs]
    text: {es: "¿API de escritura?", en: "Write API?"}
"""


@pytest.fixture
def renamed_checklist(tmp_path: Path) -> Checklist:
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "renames.yaml").write_text(RENAMES, encoding="utf-8")
    return load_checklist(folder)


def test_answers_under_an_old_id_are_compared_to_the_new_question(
    mk: SimpleNamespace, renamed_checklist: Checklist
) -> None:
    old = mk.audit(
        steps__tools__answers={
            "tools.hooks": {"answer": "some"},
            "tools.api-docs": {"answer": "half"},
        }
    )
    new = mk.audit(
        steps__tools__answers={
            "tools.webhook-events": {"answer": "half"},
            "tools.api-read": {"answer": "half"},
            "tools.api-write": {"answer": "none"},
        }
    )
    diff = diff_audits(old, new, renamed_checklist)
    assert [(a.question, a.kind, a.old, a.new, a.renamed_from) for a in diff.answers] == [
        ("tools.webhook-events", "changed", "some", "half", "tools.hooks"),
        ("tools.api-write", "changed", "half", "none", "tools.api-docs"),  # split: both compared
    ]
    # the old file is scored against the new questions too
    tools_old = diff.steps[0].score.old
    assert tools_old is not None and tools_old > 0


def test_a_question_dropped_from_the_checklist_shows_without_text(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    old = mk.audit(steps__tools__answers={"tools.retired-question": {"answer": "x"}})
    diff = diff_audits(old, mk.audit(steps__tools__answers={}), checklist)
    retired = next(a for a in diff.answers if a.question == "tools.retired-question")
    assert (retired.kind, retired.text, retired.step) == ("removed", None, "tools")


# ---------------------------------------------------------------------------- the shipped files


def test_schema1_file_diffs_against_the_current_example(
    mk: SimpleNamespace, checklist: Checklist
) -> None:
    from omniready.audit.store import load_audit

    diff = diff_audits(load_audit(mk.old_2025), load_audit(mk.example), checklist)
    assert diff.warnings == ()
    assert (diff.checklist_old, diff.checklist_new) == ("core@2025.1", "core@2026.1")
    assert diff.overall.delta is not None and diff.overall.delta > 0
    assert {r.id for r in diff.records_of("tools", "added")} == {"crm", "whatsapp"}
    journey = fields(diff, "journeys", "reclamo-redes-llamada")
    assert journey["handoff instagram@post-sale > instagram@post-sale#2"] == (
        "context unknown",
        "context carried",
    )
    assert any(f.status == "resolved" for f in diff.findings)
    # Privacy's finding is resolved but its question is short of full marks: open, not closed.
    roadmap = {r.id: r.status for r in diff.roadmap}
    assert roadmap["cause:privacy-weak"] == "open"
    assert roadmap["question:processes.privacy"] == "new"
    phone = {m.metric: m.verdict for m in diff.metrics if m.channel == "phone"}
    assert phone["abandonment_rate"] == "better" and phone["wait_p90_s"] == "better"
    evidence = next(a for a in diff.answers if a.question == "tools.central-customer-record")
    assert evidence.fields[0].field == "evidence"


def test_an_old_answer_that_fits_no_new_question_shows_under_its_old_id(
    mk: SimpleNamespace, renamed_checklist: Checklist
) -> None:
    old = mk.audit(steps__tools__answers={"tools.hooks": {"answer": 3}})  # not a coverage value
    new = mk.audit(steps__tools__answers={"tools.webhook-events": {"answer": "half"}})
    diff = diff_audits(old, new, renamed_checklist)
    assert [(a.question, a.kind, a.text is None) for a in diff.answers] == [
        ("tools.webhook-events", "added", False),
        ("tools.hooks", "removed", True),
    ]


VALUE = st.sampled_from(["none", "some", "half", "most", "all"])
ANSWERS = st.dictionaries(
    st.sampled_from(
        [
            "tools.api-available",
            "tools.webhooks-available",
            "tools.tool-owners",
            "tools.inventory-complete",
        ]
    ),
    st.fixed_dictionaries({"answer": VALUE}),
    max_size=4,
)
CHANNEL = st.fixed_dictionaries(
    {},
    optional={
        "wait_p90_s": st.integers(0, 900),
        "sla_attainment": st.floats(0, 1),
        "abandonment_rate": st.floats(0, 1),
    },
)


@settings(max_examples=40, deadline=None)
@given(ANSWERS, ANSWERS, CHANNEL, CHANNEL)
def test_diff_backwards_mirrors_diff_forwards(
    a: dict[str, Any], b: dict[str, Any], ma: dict[str, Any], mb: dict[str, Any]
) -> None:
    checklist = shipped_checklist()
    old = audit_of(a, ma)
    new = audit_of(b, mb)
    forward, backward = compare(old, new, checklist), compare(new, old, checklist)
    mirror = {"added": "removed", "removed": "added", "changed": "changed"}
    assert sorted((c.question, mirror[c.kind], c.new, c.old) for c in forward.answers) == sorted(
        (c.question, c.kind, c.old, c.new) for c in backward.answers
    )
    flip = {"better": "worse", "worse": "better", "neutral": "neutral", "same": "same"}
    assert [(m.metric, flip[m.verdict]) for m in forward.metrics] == [
        (m.metric, m.verdict) for m in backward.metrics
    ]
    assert compare(old, old, checklist).empty


@functools.cache
def shipped_checklist() -> Checklist:
    return load_checklist()  # hypothesis examples cannot take a function-scoped fixture


def audit_of(answers: dict[str, Any], channel: dict[str, Any]) -> Audit:
    return Audit.model_validate(
        {
            "organization": {"name": "A"},
            "steps": {"tools": {"answers": answers}, "metrics": {"channels": {"web": channel}}},
        }
    )


def test_report_and_show_score_a_split_question_alike(
    mk: SimpleNamespace, renamed_checklist: Checklist
) -> None:
    # report assesses the audit as written; diff and show first move answers to current ids.
    from omniready.assess import assess
    from omniready.diff.compare import with_current_ids

    audit = mk.audit(steps__tools__answers={"tools.api-docs": {"answer": "half"}})
    as_written = assess(audit, renamed_checklist)
    moved = assess(with_current_ids(audit, renamed_checklist), renamed_checklist)
    scores = {
        q.id: q.score for q in as_written.questions if q.id in {"tools.api-read", "tools.api-write"}
    }
    assert scores == {"tools.api-read": 0.5, "tools.api-write": 0.5}
    assert scores == {
        q.id: q.score for q in moved.questions if q.id in {"tools.api-read", "tools.api-write"}
    }
