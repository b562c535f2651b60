"""Form of address: the documented rules on real sentences in each form, and the findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from omniready.brand.checks import Facts
from omniready.brand.checks.address import form_of, marks

from .helpers import codes, folder, run

SENTENCES = [
    # tú: pronouns, possessives, present forms, imperatives with enclitics (accent + theme vowel)
    ("Escríbenos por WhatsApp y te ayudamos.", "tu"),
    ("Si necesitas ayuda, llámanos al 600 123 456.", "tu"),
    ("No olvides usar tu código de descuento.", "tu"),
    ("Descarga la app y recibe tu pedido en casa.", "tu"),
    ("Apúntate a nuestro boletín y entérate primero.", "tu"),
    ("Respóndenos con un SÍ para confirmar.", "tu"),
    ("Sigue tu pedido desde la web.", "tu"),
    # usted: the other vowel before the pronoun, -se, usted, negative subjunctive
    ("Escríbanos por WhatsApp y le ayudaremos.", "usted"),
    ("Si usted necesita ayuda, llámenos al 600 123 456.", "usted"),
    ("No olvide usar su código de descuento.", "usted"),
    ("Descargue la aplicación y reciba su pedido en casa.", "usted"),
    ("Inscríbase a nuestro boletín.", "usted"),
    ("Respóndanos con un SÍ para confirmar.", "usted"),
    ("Siga su pedido desde la web.", "usted"),
    # vos: no accent with a pronoun, -inos for -ir verbs, final á/é, vos present forms
    ("Escribinos por WhatsApp y te ayudamos.", "vos"),
    ("Si necesitás ayuda, llamanos al 600 123 456.", "vos"),
    ("Descargá la app y seguí tu pedido.", "vos"),
    ("Anotate a nuestro boletín.", "vos"),
    ("¿Tenés dudas? Consultanos.", "vos"),
    # mixed in one sentence, and none at all
    ("Hola, escríbanos si necesitas ayuda.", "mixed"),
    ("¿Podés escribirnos? Si tienes dudas, llámanos.", "mixed"),
    ("Nuestro horario es de 9 a 18 h.", None),
    ("El tomate y el chocolate están en oferta.", None),
]


@pytest.mark.parametrize(("sentence", "form"), SENTENCES)
def test_form_of_real_sentences(sentence: str, form: str | None) -> None:
    assert form_of(marks(sentence)) == form, marks(sentence)


def test_the_enclitic_pair_is_told_apart_by_the_vowel() -> None:
    assert marks("escríbenos") == [("escríbenos", "tu")]
    assert marks("escríbanos") == [("escríbanos", "usted")]
    assert marks("escribinos") == [("escribinos", "vos")]
    assert marks("llámanos") == [("llámanos", "tu")]
    assert marks("llámenos") == [("llámenos", "usted")]
    assert marks("llamanos") == [("llamanos", "vos")]


def test_consistent_channels_have_no_findings_and_shares_are_counted(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Escríbenos si necesitas ayuda.",
            "sms/a.txt": "Hola, tu pedido llega hoy.\n---\nLlámanos si tienes dudas.",
        },
    )
    outcome = run(root, "address")
    assert outcome.findings == ()
    assert outcome.summary["address"] == {"sms": {"tu": 2}, "web": {"tu": 1}}
    assert outcome.examined == {"sms", "web"}


def test_mixing_in_a_message_in_a_channel_and_between_channels(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Escríbenos si necesitas ayuda.\n---\nDescarga la app y recibe tu pedido.",
            "email/a.txt": "Estimado cliente:\nEscríbanos si usted necesita ayuda.\n",
            "sms/a.txt": "Escríbanos si necesitas ayuda.\n---\nHola, tu pedido llega hoy.\n",
            "ivr/a.txt": "Llámanos cuando quieras.\n",
        },
    )
    outcome = run(root, "address")
    found = codes(outcome)
    assert ("mixed-message", ("sms",)) in found
    assert ("mixed-channel", ("sms",)) in found
    assert ("channels-differ", ("email",)) in found
    assert not any(ch == ("web",) for _, ch in found)
    mixed = next(f for f in outcome.findings if f.code == "mixed-message")
    assert [str(p) for p in mixed.places] == ["m/sms/a.txt:1"]


def test_declared_form_is_what_channels_are_held_to(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Escríbenos si necesitas ayuda.",
            "email/a.txt": "Escríbanos si usted necesita ayuda.",
        },
    )
    outcome = run(root, "address", Facts(address="usted"))
    assert codes(outcome) == [("not-declared", ("web",))]


def test_english_messages_are_not_read_for_spanish_address(tmp_path: Path) -> None:
    root = folder(
        tmp_path,
        {
            "web/a.txt": "Write to us and we will help you with your order.",
            "email/a.txt": "Thanks for your order, you can track it on the web.",
        },
    )
    outcome = run(root, "address")
    assert outcome.findings == () and outcome.examined == frozenset()
