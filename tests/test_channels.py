"""The channel vocabulary: what people type in either language maps to one id."""

from __future__ import annotations

import pytest

from omniready import channels


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Teléfono", "phone"),
        ("telefono", "phone"),
        ("Phone", "phone"),
        ("Correo electrónico", "email"),
        ("E-mail", "email"),
        ("Tienda", "store"),
        ("tienda física", "store"),
        ("Citas", "appointments"),
        ("WhatsApp", "whatsapp"),
        ("Canal Raro", "canal-raro"),  # unknown: kept, as a slug
    ],
)
def test_canonical(typed: str, expected: str) -> None:
    assert channels.canonical(typed) == expected


def test_labels_in_both_languages_and_unknown_ids_as_they_are() -> None:
    assert channels.label("phone", "es") == "Teléfono"
    assert channels.label("phone", "en") == "Phone"
    assert channels.label("canal-raro", "es") == "canal-raro"


def test_every_alias_maps_to_one_channel_only() -> None:
    import yaml

    from omniready.resources import data_dir

    raw = yaml.safe_load((data_dir("checklists") / "channels.yaml").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for entry in raw["channels"]:
        for word in [entry["id"], *entry["aliases"]]:
            key = channels.slug(word)
            assert seen.setdefault(key, entry["id"]) == entry["id"], word
    assert {c.kind for c in channels.known().values()} == {"virtual", "physical"}


def test_every_known_channel_is_named_in_both_languages() -> None:
    from omniready.texts import LANGS, has

    for channel_id in channels.known():
        for lang in LANGS:
            assert has(f"channels.names.{channel_id}", lang), (channel_id, lang)


def test_a_name_from_the_catalogue_is_also_read_when_typed() -> None:
    # "Servicio en terreno" / "Field service" are names only (not aliases in channels.yaml).
    assert channels.canonical("Servicio en terreno") == "field"
    assert channels.canonical("field service") == "field"
