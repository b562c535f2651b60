"""Names for people of the ids that finding texts mention: channels, journey phases, brand aspects.

Each function returns a `Text` (both languages) from the catalogue (texts/<lang>/assess.yaml,
group `names`); `fill` picks the report's language, so a Spanish report says "Teléfono" where
the id is `phone`. Ids stay in finding ids and record paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from omniready.checklist import Text
from omniready.texts import has, text


def both(key: str, /, **params: Any) -> Text:
    """A catalogue text in both languages; a `Text` value is filled in each text's language."""

    def say(lang: str) -> str:
        return text(
            key, lang, **{k: v(lang) if isinstance(v, Text) else v for k, v in params.items()}
        )

    return Text.model_construct(es=say("es"), en=say("en"))


def same(value: str) -> Text:
    """A text that reads the same in both languages (a name, a number)."""
    return Text(es=value, en=value)


def _named(group_name: str, value: str) -> Text:
    key = f"assess.names.{group_name}.{value}"
    return both(key) if has(key, "es") else same(value)


@cache
def channel(channel_id: str) -> Text:
    """A channel's name in both languages (checklists/channels.yaml); unknown ids as they are."""
    from omniready import channels

    return Text(es=channels.label(channel_id, "es"), en=channels.label(channel_id, "en"))


def phase(phase_id: str) -> Text:
    """A journey phase's name in both languages."""
    return _named("phases", phase_id)


def aspect(aspect_id: str) -> Text:
    """A brand aspect's name in both languages."""
    return _named("aspects", aspect_id)


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
