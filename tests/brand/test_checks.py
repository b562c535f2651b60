"""Every check firing and not firing, on Spanish and English materials the tests write."""

from __future__ import annotations

from pathlib import Path

from omniready.audit.model import Audit
from omniready.brand.checks import CHECKS, Facts, spec
from omniready.brand.checks.readability import score
from omniready.brand.facts import facts_of
from omniready.texts import has

from .helpers import codes, folder, logo_png, run, template, templates, tone, write

ACME = Facts(names=("Acme Retail", "Acme"))


def test_every_check_has_a_definition_with_both_languages() -> None:
    for check_id in CHECKS:
        definition = spec(check_id)
        assert definition.id == check_id and definition.weight >= 0
        assert definition.title("es") and definition.title("en")
        assert definition.codes(), check_id
        for code in definition.codes():
            for lang in ("es", "en"):
                assert has(f"brand.checks.{check_id}.messages.{code}", lang), (check_id, code)


# -- brand name -------------------------------------------------------------------------------


def test_declared_spellings_are_not_findings(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Bienvenido a Acme Retail.",
            "email/a.txt": "Thanks for shopping at Acme. Write to hola@acme.example",
        },
    )
    outcome = run(root, "names", ACME)
    assert outcome.findings == () and outcome.examined == {"web", "email"}


def test_case_hyphen_and_accent_variants_are_caught_with_places(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Hola\nBienvenido a ACME Retail.",
            "email/a.txt": "Saludos del equipo Acme-Retail",
            "sms/a.txt": "Tu pedido de Acmé llega hoy",
            "whatsapp/a.txt": "Welcome to Acne Retail",
        },
    )
    outcome = run(root, "names", ACME)
    found = {f.params["variant"]: [str(p) for p in f.places] for f in outcome.findings}
    assert found == {
        "ACME Retail": ["m/web/a.txt:2"],
        "Acme-Retail": ["m/email/a.txt:1"],
        "Acmé": ["m/sms/a.txt:1"],
        "Acne Retail": ["m/whatsapp/a.txt:1"],
    }


def test_without_declared_names_nothing_is_compared(tmp_path: Path) -> None:
    root = folder(tmp_path, {"web/a.txt": "ACME Retail"})
    assert run(root, "names").findings == ()


# -- greetings --------------------------------------------------------------------------------


def test_same_greeting_and_closing_everywhere_is_fine(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Hola, Ana\nTu pedido va.\nSaludos",
            "sms/a.txt": "¡Hola! Tu pedido llegó.\nSaludos",
            "email/a.txt": "Hola Ana:\nTu pedido va.\nSaludos cordiales",
        },
    )
    outcome = run(root, "greetings")
    assert outcome.findings == ()
    assert outcome.summary["greetings"]["greeting"] == {
        "email": {"hola": 1},
        "sms": {"hola": 1},
        "web": {"hola": 1},
    }
    assert outcome.examined == {"email", "sms", "web"}


def test_a_channel_with_another_greeting_and_one_with_several(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Hola, Ana\nTu pedido va.",
            "sms/a.txt": "Hola\nTu pedido llegó.",
            "email/a.txt": "Estimada Ana:\nSu pedido va.\nAtentamente,\nEl equipo de Acme",
            "whatsapp/a.txt": "Hola\nx\n---\nBuenos días\ny",
        },
    )
    outcome = run(root, "greetings")
    found = codes(outcome)
    assert ("differs", ("email",)) in found
    assert ("several", ("whatsapp",)) in found
    differs = next(f for f in outcome.findings if f.code == "differs")
    assert differs.params == {
        "channel": "email",
        "part": "greeting",
        "found": "estimado",
        "majority": "hola",
    }
    assert [str(p) for p in differs.places] == ["m/email/a.txt:1"]
    assert (
        spec("greetings")
        .message("differs", "es", differs.params)
        .startswith("El canal email usa «estimado» como saludo")
    )


def test_english_greetings_are_recognised(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Hi there\nYour order ships.",
            "email/a.txt": "Dear Ann,\nYour order ships.",
            "sms/a.txt": "Hi Ann\nYour order ships.",
        },
    )
    assert codes(run(root, "greetings")) == [("differs", ("email",))]


# -- promotions -------------------------------------------------------------------------------

PROMO = Facts(
    promotions=(
        {
            "id": "verano",
            "code": "VERANO20",
            "percent": 20.0,
            "valid_until": "2027-01-31",
            "channels": ["web", "email", "whatsapp"],
        },
    )
)


def test_same_terms_everywhere_is_fine(tmp_path: Path) -> None:
    root = tmp_path / "m"
    write(
        root / "web" / "a.html",
        "<p>Usa el código VERANO20: 20% de descuento hasta el 31 de enero.</p>",
    )
    write(root / "email" / "a.txt", "Código VERANO20 con 20 % de descuento, válido hasta el 31/01.")
    templates(
        root / "whatsapp" / "t.json",
        template("verano", "Tu cupón VERANO20: 20% hasta el 31 de enero"),
    )
    outcome = run(root, "promotions", PROMO)
    assert outcome.findings == ()
    rows = outcome.summary["promotions"]
    assert {(r["channel"], r["percent"], r["until"]) for r in rows} == {
        ("email", 20.0, "01-31"),
        ("web", 20.0, "01-31"),
        ("whatsapp", 20.0, "01-31"),
    }


def test_different_terms_off_declared_and_missing_channel(tmp_path: Path) -> None:
    root = tmp_path / "m"
    write(
        root / "web" / "a.html",
        "<p>Usa el código VERANO20: 20% de descuento hasta el 31 de enero.</p>",
    )
    write(
        root / "email" / "a.txt", "Hola\nCódigo VERANO20: 15% de descuento hasta el 28 de febrero."
    )
    templates(root / "whatsapp" / "t.json", template("hola", "Hola {{1}}"))
    outcome = run(root, "promotions", PROMO)
    found = codes(outcome)
    assert ("terms-differ", ("email", "web")) in found
    assert ("off-declared", ("email",)) in found
    assert ("missing", ("whatsapp",)) in found
    differ = next(
        f for f in outcome.findings if f.code == "terms-differ" and f.params["field"] == "percent"
    )
    assert [str(p) for p in differ.places] == ["m/email/a.txt:2", "m/web/a.html:1"]


def test_english_promotions_and_minimum_purchase(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Use code SUMMER10 for 10% off orders over $50, until January 31.",
            "email/a.txt": "Coupon SUMMER10: 10% off orders over $60, until January 31.",
        },
    )
    outcome = run(root, "promotions")
    assert codes(outcome) == [("terms-differ", ("email", "web"))]
    assert outcome.findings[0].params["field"] == "minimum"


# -- contacts ---------------------------------------------------------------------------------


def test_contacts_agreeing_across_channels(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Llámanos al +56 2 2345 6789 o escribe a hola@acme.example. Horario: 9:00 a 18:00 h",
            "sms/a.txt": "Llama al 2 2345 6789, de 9:00 a 18:00 h. Ver https://www.acme.example/x y https://wa.me/562",
        },
    )
    outcome = run(root, "contacts")
    assert outcome.findings == ()
    assert outcome.summary["contacts"]["phone"] == {"23456789": ["sms", "web"]}
    assert outcome.summary["contacts"]["url"] == {"acme.example": ["sms"]}


def test_contacts_differing_and_undeclared(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Call us at +1 415 555 0100. Returns within 30 days.",
            "email/a.txt": "Call +1 415 555 0100.\nReturns accepted within 14 days.",
            "sms/a.txt": "Call +1 415 555 0199. Open 9am-5pm",
        },
    )
    outcome = run(root, "contacts")
    kinds = {f.params["kind"]: f.channels for f in outcome.findings}
    assert kinds == {"phone": ("sms",), "return_days": ("email",)} or kinds == {
        "phone": ("sms",),
        "return_days": ("web",),
    }
    declared = Facts(
        contacts={"phones": ["+1 415 555 0100"], "emails": [], "urls": [], "return_days": 30}
    )
    outcome = run(root, "contacts", declared)
    assert sorted((f.code, f.params["kind"], f.params["value"]) for f in outcome.findings) == [
        ("undeclared", "phone", "+1 415 555 0199"),
        ("undeclared", "return_days", "14"),
    ]


# -- colours, fonts, logo ---------------------------------------------------------------------

PALETTE = Facts(palette=(("#0a3d62", "azul"), ("#f5b700", "amarillo")), fonts=("Acme Sans",))


def test_palette_colours_within_tolerance_and_neutrals_pass(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.html": '<style>h1{color:#0b3e63;font-family:"Acme Sans",Arial}</style><body bgcolor="#ffffff" style="color: rgb(245 183 0)">x</body>'
        },
    )
    outcome = run(root, "colours", PALETTE)
    assert outcome.findings == ()
    assert outcome.summary["palette"]["#ffffff"]["neutral"] is True
    assert outcome.summary["palette"]["#0b3e63"]["nearest"] == "#0a3d62"
    assert run(root, "fonts", PALETTE).findings == ()


def test_off_palette_colour_and_undeclared_font(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.html": "<html>\n<p style=\"color:#1e90ff; font-family: 'Comic Sans MS', Arial\">x</p>\n</html>"
        },
    )
    colours = run(root, "colours", PALETTE)
    assert codes(colours) == [("off-palette", ("web",))]
    finding = colours.findings[0]
    assert finding.params["value"] == "#1e90ff" and finding.params["nearest"] == "#0a3d62"
    assert finding.params["distance"] > 5 and [str(p) for p in finding.places] == ["m/web/a.html:2"]
    fonts = run(root, "fonts", PALETTE)
    assert [(f.params["font"], [str(p) for p in f.places]) for f in fonts.findings] == [
        ("Comic Sans MS", ["m/web/a.html:2"])
    ]


def test_logo_same_picture_resized_passes_and_another_is_found(tmp_path: Path) -> None:
    from PIL import Image

    declared = logo_png(tmp_path / "brand" / "logo.png")
    root = tmp_path / "m"
    (root / "web").mkdir(parents=True)
    Image.open(declared).resize((128, 128)).save(root / "web" / "logo.png")
    logo_png(root / "whatsapp" / "perfil.png", variant=1)
    write(root / "email" / "a.html", '<p>Hola</p>\n<img src="../web/logo.png" alt="Acme logo">')
    audit = Audit.model_validate(
        {
            "organization": {"name": "Acme"},
            "steps": {"brand": {"declared": {"logo": "brand/logo.png"}}},
        }
    )
    facts = facts_of(audit, tmp_path / "a.audit.yaml")
    outcome = run(root, "logo", facts)
    assert codes(outcome) == [("differs", ("whatsapp",))]
    assert outcome.examined == {"web", "whatsapp", "email"}
    assert [str(p) for p in outcome.findings[0].places] == ["m/whatsapp/perfil.png"]


# -- audio ------------------------------------------------------------------------------------


def test_prompts_of_even_loudness_pass(tmp_path: Path) -> None:
    root = tmp_path / "m"
    for name in ("a", "b", "c"):
        tone(root / "ivr" / f"{name}.wav", amplitude=0.2)
    outcome = run(root, "audio")
    assert outcome.findings == () and outcome.examined == {"ivr"}


def test_loud_clipped_and_late_prompts_are_found(tmp_path: Path) -> None:
    root = tmp_path / "m"
    tone(root / "ivr" / "a.wav", amplitude=0.1)
    tone(root / "ivr" / "b.wav", amplitude=0.1)
    tone(root / "ivr" / "c.flac", amplitude=0.1, lead=1.5)
    tone(root / "ivr" / "loud.wav", amplitude=1.0)
    outcome = run(root, "audio")
    found = sorted((f.code, str(f.places[0])) for f in outcome.findings)
    assert found == [
        ("clipped", "m/ivr/loud.wav"),
        ("loudness-outlier", "m/ivr/loud.wav"),
        ("silence", "m/ivr/c.flac"),
    ]


# -- readability ------------------------------------------------------------------------------

EASY_ES = "Hola. Tu pedido ya va. Llega hoy. Te avisamos."
HARD_ES = "La documentación contractual correspondiente establece obligaciones complementarias relativas a la tramitación administrativa de reclamaciones extraordinarias."


def test_fernandez_huerta_and_flesch_order_easy_and_hard_text() -> None:
    assert score(EASY_ES, "es")[0] > 80 > score(HARD_ES, "es")[0]
    easy_en = score("Hi. Your order is on its way. It comes today.", "en")[0]
    hard_en = score(
        "Notwithstanding contractual documentation, administrative reclamation necessitates considerable deliberation.",
        "en",
    )[0]
    assert easy_en > 80 > hard_en


def test_channels_reading_alike_pass_and_one_far_harder_is_found(tmp_path: Path) -> None:
    alike = folder(
        tmp_path / "1", {"web/a.txt": EASY_ES, "sms/a.txt": EASY_ES, "email/a.txt": EASY_ES}
    )
    assert run(alike, "readability").findings == ()
    far = folder(
        tmp_path / "2", {"web/a.txt": EASY_ES, "sms/a.txt": EASY_ES, "email/a.txt": HARD_ES}
    )
    outcome = run(far, "readability")
    assert codes(outcome) == [("reads-differently", ("email",))]
    assert outcome.findings[0].params["direction"] == "harder"
    assert set(outcome.summary["readability"]["es"]) == {"web", "sms", "email"}


def test_every_finding_reads_as_a_full_sentence_in_both_languages(tmp_path: Path) -> None:
    from omniready.brand.channels import Mapping
    from omniready.brand.checks import run_all
    from omniready.brand.scan import gather

    root = folder(
        tmp_path,
        {
            "web/a.html": '<p style="color:#1e90ff;font-family:Georgia">Hola, escríbenos. Código VERANO20: 20% hasta el 31 de enero. Llama al +56 2 2345 6789. Tienes 30 días para cambios.</p>',
            "email/a.txt": "Estimado cliente:\nEscríbanos, ACME Retail. Código VERANO20: 15% hasta el 28 de febrero.\nLlame al +56 2 9999 0000. Tiene 15 días para cambios.\nAtentamente",
            "sms/a.txt": "Hola, tu pedido llega hoy.\n---\nBuenos días, escríbanos si necesitas ayuda.",
            "chatbot/a.txt": "La documentación contractual correspondiente establece obligaciones complementarias relativas a la tramitación administrativa.",
        },
    )
    for name, amplitude, lead in (("a", 0.1, 0.0), ("b", 0.1, 0.0), ("c", 1.0, 1.5)):
        tone(root / "ivr" / f"{name}.wav", amplitude=amplitude, lead=lead)
    logo_png(root / "whatsapp" / "perfil.png", variant=1)
    declared = logo_png(tmp_path / "logo.png")
    import imagehash
    from PIL import Image

    facts = Facts(
        names=("Acme Retail",),
        palette=(("#0a3d62", "azul"),),
        fonts=("Acme Sans",),
        logo_phash=str(imagehash.phash(Image.open(declared))),
        logo="logo.png",
        address="tu",
        promotions=(
            {
                "id": "v",
                "code": "VERANO20",
                "percent": 20.0,
                "valid_until": "2027-01-31",
                "channels": ["web", "sms"],
            },
        ),
        contacts={"phones": ["+56 2 2345 6789"], "emails": [], "urls": [], "return_days": 30},
    )
    materials = gather([root], Mapping()).materials
    # Declared facts, then none: "differs from the declared" and "differs between channels".
    runs = [run_all(materials, facts), run_all(materials, Facts())]
    found = [(check, f) for outcomes in runs for check, o in outcomes.items() for f in o.findings]
    every_code = {(check, code) for check in CHECKS for code in spec(check).codes()}
    assert every_code == {(check, f.code) for check, f in found}
    for check, finding in found:
        for lang in ("es", "en"):
            text = spec(check).message(finding.code, lang, finding.params)
            assert "{" not in text and "}" not in text, (check, finding.code, lang, text)


def test_the_channel_that_differs_from_most_is_the_one_flagged(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Código VERANO20: 20% de descuento.",
            "sms/a.txt": "Código VERANO20: 20% de descuento.",
            "email/a.txt": "Código VERANO20: 15% de descuento.",
        },
    )
    outcome = run(root, "promotions")
    assert codes(outcome) == [("terms-differ", ("email",))]
    assert len(outcome.findings[0].places) == 3  # every announcement, to compare side by side
