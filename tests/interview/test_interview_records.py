"""Records each step collects: field reading, building, adding by id, and the prompts that ask."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from omniready.audit.model import Audit, Journey, JourneyStep, Segment, Tool
from omniready.audit.store import load_audit, save_audit
from omniready.checklist import Checklist
from omniready.interview import records
from omniready.interview.conversation import Interview
from omniready.interview.parse import BadValue
from omniready.interview.records import FieldSpec, parse_field
from omniready.interview.walk import Stop


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("slug", "whatsapp", "whatsapp"),
        ("channels", "Web, whatsapp ,web", ["web", "whatsapp"]),
        (
            "channels",
            "Teléfono, correo, tienda, Citas",
            ["phone", "email", "store", "appointments"],
        ),
        ("channel", "telefono", "phone"),
        ("channel", "Tienda Centro", "tienda-centro"),
        ("int", "12.000", 12000),
        ("share", "35%", 0.35),
        ("share", "0,35", 0.35),
        ("share", "35", 0.35),
        ("seconds", "90", 90),
        ("seconds", "3m", 180),
        ("seconds", "1,5 min", 90),
        ("bool", "s", True),
        ("bool", "no", False),
        ("months", "12, 11 12", [11, 12]),
        ("url", "https://x.example", "https://x.example"),
        ("env", "ZENDESK_TOKEN", "ZENDESK_TOKEN"),
        ("text", "  Área TI ", "Área TI"),
        ("text", "", None),
    ],
)
def test_parse_field(kind: Any, raw: str, value: object) -> None:
    assert parse_field(FieldSpec("f", ("", ""), kind), raw, "es") == value


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("slug", "Tienda Centro"),
        ("channels", "web, ¿?"),
        ("int", "-3"),
        ("int", "2,5"),
        ("share", "140%"),
        ("months", "13"),
        ("months", "dic"),
        ("url", "acme.example"),
        ("env", "MY-TOKEN"),
        ("bool", "quizás"),
    ],
)
def test_parse_field_refuses(kind: Any, raw: str) -> None:
    with pytest.raises(BadValue):
        parse_field(FieldSpec("f", ("", ""), kind), raw, "es")


def test_required_and_choice_fields() -> None:
    phase = records.JOURNEY_STEP.fields[0]
    assert parse_field(phase, "2") == "purchase"
    assert parse_field(phase, "post-sale") == "post-sale"
    assert parse_field(phase, "Posventa") == "post-sale"  # the Spanish label works too
    with pytest.raises(BadValue):
        parse_field(phase, "")
    with pytest.raises(BadValue):
        parse_field(phase, "4")


def test_slugify_makes_ids_from_names() -> None:
    assert records.slugify("Tienda Ñuñoa (POS)") == "tienda-nunoa-pos"


def test_tool_fields_nest_into_claims_and_auth() -> None:
    tool = records.build(
        Tool,
        {
            "name": "Zendesk",
            "id": "zendesk",
            "channels": ["email"],
            "claims.api": True,
            "claims.webhooks": None,
            "auth.token_env": "ZENDESK_TOKEN",
        },
    )
    assert tool.claims.api is True and tool.claims.webhooks is None
    assert tool.auth is not None and tool.auth.token_env == "ZENDESK_TOKEN"


def test_a_record_with_the_same_id_replaces_in_place(blank: Audit) -> None:
    audit = records.put(blank, "tools", "a", Tool(id="a", name="A"))
    audit = records.put(audit, "tools", "b", Tool(id="b", name="B"))
    audit = records.put(audit, "tools", "a", Tool(id="a", name="A2"))
    assert [(t.id, t.name) for t in audit.steps.tools.inventory] == [("a", "A2"), ("b", "B")]
    assert blank.steps.tools.inventory == []


def walk(term: Any, checklist: Checklist, audit: Audit, path: Path) -> Interview:
    def save(changed: Audit) -> None:
        save_audit(path, changed)

    return Interview(term, checklist, audit, save, "es", str(path))


def test_tool_form_asks_offers_the_id_and_saves(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(
        [
            "s",
            "Zendesk Suite",
            "",
            "helpdesk",
            "email, ¿?",
            "email, Teléfono",
            "Servicio",
            "acme.zendesk.example",
            "https://acme.zendesk.example",
            "s",
            "s",
            "",
            "n",
            "ZENDESK_TOKEN",
            "",
        ]
    )
    assert walk(term, small, blank, path).step_records("tools") == "next"
    tool = load_audit(path).steps.tools.inventory[0]
    assert tool.id == "zendesk-suite" and tool.channels == ["email", "phone"]
    assert (
        tool.claims.api,
        tool.claims.webhooks,
        tool.claims.web_services,
        tool.claims.marketplace,
    ) == (True, True, None, False)
    assert "[zendesk-suite]" in term.screen
    assert "Escriba un canal" in term.screen  # the bad channel list was refused and asked again
    assert "ej. Web, WhatsApp, Teléfono, Correo, Tienda física" in term.screen


def test_journey_with_steps_is_saved_step_by_step(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(
        [
            "s",
            "Compra web, cambio en tienda",
            "",
            "s",
            "2",
            "web",
            "compra",
            "e-commerce",
            "shop",
            "s",
            "3",
            "tienda",
            "cambio",
            "retail",
            "pos",
            "n",
            "n",
            "",
        ]
    )
    walk(term, small, blank, path).step_records("processes")
    journey = load_audit(path).steps.processes.journeys[0]
    assert journey.id == "compra-web-cambio-en-tienda"
    assert [(s.phase, s.channel, s.context_carried) for s in journey.steps] == [
        ("purchase", "web", None),
        ("post-sale", "store", False),
    ]


def test_segment_channel_and_brand_records(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(
        [
            "s",
            "Jóvenes digitales",
            "",
            "35%",
            "18-30",
            "compran de noche",
            "whatsapp, instagram",
            "1",
            "",
        ]
    )
    interview = walk(term, small, blank, path)
    interview.step_records("segments")
    term.lines = [
        "s",
        "whatsapp",
        "1",
        "8.000",
        "12.000",
        "11, 12",
        "12%",
        "3m",
        "5m",
        "2m",
        "80%",
        "8%",
        "",
        "20%",
        "",
    ]
    interview.step_records("metrics")
    term.lines = ["s", "3", "", "web", "¡Hola! Soy Ana", "whatsapp", "Hola 👋", "", ""]
    interview.step_records("brand")
    audit = load_audit(path)
    segment = audit.steps.segments.segments[0]
    assert (segment.id, segment.share, segment.age, segment.prefers) == (
        "jovenes-digitales",
        0.35,
        "18-30",
        "messages",
    )
    figures = audit.steps.metrics.channels["whatsapp"]
    assert (
        figures.kind,
        figures.unique_users,
        figures.monthly_contacts,
        figures.wait_avg_s,
        figures.abandonment_rate,
        figures.no_show_rate,
    ) == ("virtual", 8000, 12000, 180, 0.08, None)
    item = audit.steps.brand.items[0]
    assert (item.id, item.aspect, item.channels) == (
        "greeting",
        "greeting",
        {"web": "¡Hola! Soy Ana", "whatsapp": "Hola 👋"},
    )


def test_a_record_can_be_cancelled_and_the_stage_left_back(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(["s", "Zendesk", "<", "<"])
    assert walk(term, small, blank, path).step_records("tools") == "back"
    assert not path.exists()  # nothing was saved
    assert "Registro cancelado" in term.screen


def test_a_journey_names_an_existing_segment_by_number(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    audit = records.put(blank, "segments", "mayores", Segment(id="mayores", name="60+"))
    audit = records.put(audit, "segments", "jovenes", Segment(id="jovenes", name="18-30"))
    term = scripted(["s", "Cita con recordatorio", "", "9", "2", "n", ""])
    walk(term, small, audit, path).step_records("processes")
    assert load_audit(path).steps.processes.journeys[0].segment == "jovenes"
    assert "1 mayores · 2 jovenes" in term.screen


def test_segment_shares_cannot_add_up_to_more_than_everyone(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    audit = records.put(blank, "segments", "a", Segment(id="a", share=0.7))
    term = scripted(["s", "Otro", "", "40%", "30%", "", "", "", "", ""])
    walk(term, small, audit, path).step_records("segments")
    assert [s.share for s in load_audit(path).steps.segments.segments] == [0.7, 0.3]
    assert "quedan 30 %" in term.screen


def journey_with_steps(blank: Audit) -> Audit:
    steps = [
        JourneyStep(phase="purchase", channel="web"),
        JourneyStep(phase="post-sale", channel="store"),
    ]
    return records.put(
        blank, "processes", "compra", Journey(id="compra", name="Compra", steps=steps)
    )


def test_re_adding_a_journey_asks_and_by_default_picks_another_id(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    audit = journey_with_steps(blank)
    # Same id offered from the name; Enter (no) at "replace?", then a new id, no steps.
    term = scripted(["s", "Compra", "", "", "compra-2", "n", ""])
    walk(term, small, audit, path).step_records("processes")
    journeys = load_audit(path).steps.processes.journeys
    assert [(j.id, len(j.steps)) for j in journeys] == [("compra", 2), ("compra-2", 0)]
    assert "Ya existe «compra»" in term.screen


def test_replacing_a_journey_keeps_its_steps_unless_new_ones_are_added(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(["s", "Compra online", "compra", "s", "n", ""])
    interview = walk(term, small, journey_with_steps(blank), path)
    interview.step_records("processes")
    (journey,) = load_audit(path).steps.processes.journeys
    assert (journey.name, [s.channel for s in journey.steps]) == ("Compra online", ["web", "store"])
    assert "Se conservan sus 2 etapas" in term.screen

    term.lines = [
        "s",
        "Compra online",
        "compra",
        "s",
        "s",
        "preventa",
        "WhatsApp",
        "",
        "",
        "",
        "n",
        "",
    ]
    interview.step_records("processes")
    (journey,) = load_audit(path).steps.processes.journeys
    assert [(s.phase, s.channel) for s in journey.steps] == [("pre-sale", "whatsapp")]


def test_replacing_a_tool_keeps_its_probe_results(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    probed = Tool.model_validate(
        {
            "id": "zendesk",
            "name": "Zendesk",
            "owner": "TI",
            "probe": {"status": "ok", "requests": 3},
        }
    )
    audit = records.put(blank, "tools", "zendesk", probed)
    term = scripted(["s", "Zendesk Suite", "zendesk", "s", *[""] * 9, ""])
    walk(term, small, audit, path).step_records("tools")
    (tool,) = load_audit(path).steps.tools.inventory
    assert (tool.name, tool.owner) == ("Zendesk Suite", None)  # asked: the new answers count
    assert tool.probe is not None and (tool.probe.status, tool.probe.requests) == ("ok", 3)
    asked = [p.split(" ")[0] for p in term.prompts]
    assert asked.index("Ya") < asked.index("Categoría")  # asked before the rest is typed


def test_q_at_a_yes_no_question_inside_a_step_quits(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(["s", "Compra", "", "q"])
    interview = walk(term, small, blank, path)
    assert interview.run(Stop("processes")) == "quit"
    assert [j.id for j in load_audit(path).steps.processes.journeys] == ["compra"]
    assert term.lines == []  # nothing more was asked


def test_channels_are_asked_and_shown_in_the_screens_language_and_kept_as_ids(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(["s", "Teléfono", "", "", "", "", "", "", "", "", "", "", "", "", ""])
    walk(term, small, blank, path).step_records("metrics")
    assert list(load_audit(path).steps.metrics.channels) == ["phone"]
    assert "Cifras por canal: Teléfono" in term.screen
    assert "telefono" not in term.screen.lower().replace("teléfono", "")


def test_phases_are_shown_and_read_in_spanish(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    phase = records.JOURNEY_STEP.fields[0]
    for typed, value in [
        ("Preventa", "pre-sale"),
        ("compra", "purchase"),
        ("postventa", "post-sale"),
        ("Posventa", "post-sale"),
        ("post-sale", "post-sale"),
    ]:
        assert parse_field(phase, typed) == value
    path = tmp_path / "a.yaml"
    term = scripted(["s", "Compra", "", "s", "posventa", "correo", "", "", "", "n", ""])
    walk(term, small, blank, path).step_records("processes")
    (step,) = load_audit(path).steps.processes.journeys[0].steps
    assert (step.phase, step.channel) == ("post-sale", "email")
    assert "1 Preventa · 2 Compra · 3 Posventa" in term.screen


def test_choices_read_as_the_reports_name_them() -> None:
    from omniready.assess import names

    for aspect in ("visual", "voice", "audio", "templates"):
        assert records.choice_label(aspect, "en") == names.aspect(aspect)("en")
    assert records.choice_label("pre-sale", "es") == names.phase("pre-sale")("es")
    spec = records.FieldSpec("aspect", ("", ""), "choice", choices=("audio", "templates"))
    # The interview's older labels are still understood when typed.
    assert records.parse_field(spec, "identidad sonora") == "audio"
    assert records.parse_field(spec, "Response templates", "en") == "templates"


def test_ctrl_c_in_a_journey_step_keeps_the_step_typed_so_far(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    # Phase and channel typed, then Ctrl-C at the activity, and again at "keep it?": kept.
    term = scripted(["s", "Compra", "", "s", "posventa", "correo"], then=KeyboardInterrupt)
    interviewer = walk(term, small, blank, path)
    with pytest.raises(KeyboardInterrupt):
        interviewer.step_records("processes")
    (journey,) = load_audit(path).steps.processes.journeys
    (step,) = journey.steps
    assert (step.phase, step.channel, step.incomplete) == ("post-sale", "email", True)
    assert interviewer.interrupted_record == (
        "Guardado como incompleto: una etapa del recorrido «compra #1» con Fase, Canal; "
        "falta: Actividad, Área responsable, Sistema que se usa."
    )


def test_ctrl_c_before_a_record_has_its_identifier_saves_nothing_and_says_so(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    save_audit(path, blank)
    term = scripted(["s"], then=KeyboardInterrupt)  # Ctrl-C at the segment's name
    interviewer = walk(term, small, blank, path)
    with pytest.raises(KeyboardInterrupt):
        interviewer.step_records("segments")
    assert load_audit(path).steps.segments.segments == []
    assert interviewer.interrupted_record == (
        "No se guardó: un segmento, que se estaba escribiendo y aún no tenía identificador."
    )
