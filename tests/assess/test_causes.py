"""Findings are causes: symptoms grouped, advice fitting the channel and what is in place,
brand and rule wordings compared tolerantly."""

from __future__ import annotations

from typing import Any

import pytest

from omniready.assess import assess, wording
from omniready.assess.rules import shipped_rules


def rules(*ids: str) -> tuple[Any, ...]:
    return tuple(r for r in shipped_rules() if r.id in ids)


def test_one_finding_per_cause_with_every_place_as_evidence(mk: Any) -> None:
    audit = mk.audit(
        metrics={
            "channels": {
                "phone": {"abandonment_rate": 0.3, "sla_attainment": 0.4},
                "web": {"abandonment_rate": 0.2},
            }
        }
    )
    (finding,) = assess(
        audit, mk.checklist(), rules=rules("abandonment-high", "sla-missed")
    ).findings
    assert finding.id == "channel-capacity"
    assert finding.rules == ("abandonment-high", "sla-missed")
    # One line per channel, its figures from both rules together.
    assert [d.en for d in finding.details] == [
        "Phone: abandonment = 30% (threshold 10%) · service-level attainment = 40% (threshold 80%)",
        "Web: abandonment = 20% (threshold 10%)",
    ]


@pytest.mark.parametrize(
    ("channel", "says", "never"),
    [
        ("phone", "call-back", "queue tickets"),
        ("store", "queue tickets", "call-back"),
        ("whatsapp", "Acknowledge at once", "call-back"),
        ("web", "where customers leave", "call-back"),
    ],
)
def test_advice_fits_the_channel_kind(mk: Any, channel: str, says: str, never: str) -> None:
    audit = mk.audit(metrics={"channels": {channel: {"abandonment_rate": 0.5}}})
    (finding,) = assess(audit, mk.checklist(), rules=rules("abandonment-high")).findings
    assert says in finding.remediation.en and never not in finding.remediation.en


@pytest.mark.parametrize(
    ("answer", "advises_reminders"),
    [("measured-and-reminders", False), ("neither", True)],
)
def test_no_advice_for_what_is_in_place(mk: Any, answer: str, advises_reminders: bool) -> None:
    from omniready.checklist import Option, Text

    options = [
        Option(value=v, score=s, label=Text(es=v, en=v))
        for v, s in (("neither", 0.0), ("measured-and-reminders", 1.0))
    ]
    question = mk.question("metrics.no-shows-reminders", type_="choice", options=options)
    audit = mk.audit(
        metrics={
            "answers": {"metrics.no-shows-reminders": {"answer": answer}},
            "channels": {"appointments": {"no_show_rate": 0.3}},
        }
    )
    (finding,) = assess(audit, mk.checklist(question), rules=rules("no-show-high")).findings
    assert finding.remediation.en.startswith("Send reminders") is advises_reminders
    if not advises_reminders:
        assert "confirmation" in finding.remediation.en


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Logo 2024", "Logo 2024, azul y naranja", True),
        ("Tú, cercano", "tu,  CERCANO", True),
        ("30 días", "10 días", False),
        ("Logo 2024", "Letrero con logo 2019 en 5 de 14 tiendas", False),
        ("Hola", "Buenos días", False),
    ],
)
def test_same_wording(a: str, b: str, same: bool) -> None:
    assert wording.same_wording(a, b) is same


@pytest.mark.parametrize(
    "text", ["No aplica en tienda", "no aplica", "Not applicable", "N/A", "", "  ", None]
)
def test_not_applicable_reads_as_absent(text: str | None) -> None:
    assert wording.is_absent(text)


def test_present_wordings_are_not_absent() -> None:
    assert not wording.is_absent("20% en línea blanca")
    assert not wording.is_absent("Nota: aplica solo online")


def test_brand_item_with_added_words_is_one_version(mk: Any) -> None:
    items = [
        {
            "id": "logo",
            "aspect": "visual",
            "channels": {"web": "Logo 2024, azul y naranja", "email": "Logo 2024"},
        }
    ]
    found = assess(
        mk.audit(brand={"items": items}), mk.checklist(), rules=rules("brand-inconsistent")
    )
    assert found.findings == ()


def test_not_applicable_promotion_is_missing_in_that_channel(mk: Any) -> None:
    steps = {
        "tools": {"inventory": [{"id": "pos", "name": "POS", "channels": ["store", "web"]}]},
        "brand": {
            "items": [
                {
                    "id": "cyber",
                    "aspect": "promotions",
                    "channels": {"web": "20%", "store": "No aplica en tienda"},
                }
            ]
        },
    }
    (finding,) = assess(
        mk.audit(**steps), mk.checklist(), rules=rules("rule-missing-in-channel")
    ).findings
    assert finding.id == "promotions"
    assert "Store" in finding.evidence.en


def test_example_findings_speak_in_words(example: Any) -> None:
    """Client text names things as people do: no record paths, no rule or question ids."""
    ids = {r.id for r in shipped_rules()} | {q.id for q in example.questions}
    for finding in example.findings:
        for text in (finding.title, finding.evidence, finding.remediation, *finding.details):
            for lang in ("es", "en"):
                value = text(lang)
                for marker in ("steps.", "answers.", "journeys.", "metrics.channels"):
                    assert marker not in value, value
                assert not [i for i in ids if i in value], value
