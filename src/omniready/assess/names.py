"""Names for people of the ids that finding texts mention: channels, journey phases, brand aspects.

Each function returns a `Text` (both languages); `fill` picks the report's language, so a Spanish
report says "Teléfono" where the id is `phone`. Ids stay in finding ids and record paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from omniready.checklist import Text, read_text_groups

NAMES_FILE = Path(__file__).resolve().parent / "names.yaml"


@cache
def _names() -> dict[str, dict[str, Text]]:
    return read_text_groups(NAMES_FILE)


def same(value: str) -> Text:
    """A text that reads the same in both languages (a name, a number)."""
    return Text(es=value, en=value)


@cache
def channel(channel_id: str) -> Text:
    """A channel's name in both languages (checklists/channels.yaml); unknown ids as they are."""
    from omniready import channels

    return Text(es=channels.label(channel_id, "es"), en=channels.label(channel_id, "en"))


def phase(phase_id: str) -> Text:
    """A journey phase's name in both languages."""
    return _names()["phases"].get(phase_id) or same(phase_id)


def aspect(aspect_id: str) -> Text:
    """A brand aspect's name in both languages."""
    return _names()["aspects"].get(aspect_id) or same(aspect_id)


def item(item_id: str) -> Text:
    """A brand item's id as a name: "cyberday-2026" → "Cyberday 2026"."""
    words = item_id.replace("-", " ").replace("_", " ").strip()
    return same(words[:1].upper() + words[1:])


def join(texts: Iterable[Text], sep: str = ", ") -> Text:
    """Several texts joined, language by language."""
    items = list(texts)
    # Both parts are already strings: skip validation (this runs once per finding subject).
    return Text.model_construct(es=sep.join(t.es for t in items), en=sep.join(t.en for t in items))


def channels(ids: Iterable[str]) -> Text:
    """Channel names joined: "Teléfono, Correo" / "Phone, E-mail"."""
    return join(channel(c) for c in ids)
