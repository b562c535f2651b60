"""The channel vocabulary (checklists/channels.yaml): canonical ids, kinds, typed aliases; the
channels' names are in the catalogue of texts (texts/<lang>/channels.yaml)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from omniready.texts import LANGS, has, text


@dataclass(frozen=True)
class Channel:
    id: str
    kind: str  # virtual or physical

    def label(self, lang: str) -> str:
        """The channel's name in `lang`; its id when the catalogue does not name it."""
        key = f"channels.names.{self.id}"
        return text(key, lang) if has(key, lang) else self.id


def slug(text: str) -> str:
    """Lowercase ASCII slug of free text: "Teléfono Fijo" → "telefono-fijo"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


@cache
def _vocabulary() -> tuple[dict[str, Channel], dict[str, str]]:
    import yaml

    from omniready.resources import data_dir

    raw = yaml.safe_load((data_dir("checklists") / "channels.yaml").read_text(encoding="utf-8"))
    channels: dict[str, Channel] = {}
    aliases: dict[str, str] = {}
    for entry in raw["channels"]:
        channel = Channel(entry["id"], entry["kind"])
        channels[channel.id] = channel
        names = [channel.label(lang) for lang in LANGS]
        for word in [channel.id, *names, *entry.get("aliases", [])]:
            aliases[slug(word)] = channel.id
    return channels, aliases


def known() -> dict[str, Channel]:
    """Every known channel by id, in the file's order."""
    return _vocabulary()[0]


def canonical(text: str) -> str:
    """The channel id for what a person typed, in either language; unknown words as a slug."""
    key = slug(text)
    return _vocabulary()[1].get(key, key)


def label(channel_id: str, lang: str) -> str:
    """The channel's name for people; an unknown id is shown as it is."""
    channel = known().get(channel_id)
    return channel.label(lang) if channel else channel_id
