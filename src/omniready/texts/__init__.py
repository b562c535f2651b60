"""One catalogue of texts per language: `texts/<lang>/<domain>.yaml`, looked up by dotted key.

Every sentence a person reads at run time comes from here, so a translation is one file per
language and a test can prove both languages hold the same keys and placeholders. A key is
`<domain>.<group>...<name>`: `text("metrics.reasons.missing-start", "es")`. Placeholders are
`str.format` fields; numbers are formatted by `omniready.numbers` before they are passed in.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

LANGS: tuple[str, ...] = ("es", "en")
_HERE = Path(__file__).resolve().parent

# The language of this run's messages, set once by the CLI from --lang or the locale; errors
# raised deep in a loader are rendered in it at the edge.
_run_lang: str | None = None


class MissingText(KeyError):
    """A key that is not in a language's catalogue: a bug in the program, not in the input."""


@dataclass(frozen=True)
class Message:
    """A text not yet rendered: a key and its values, shown in whatever language the run uses."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """The text in `lang` (the run's language when None), values filled in."""
        return text(self.key, lang or run_lang(), **self.params)

    def __str__(self) -> str:
        return self.render()


def locale_lang() -> str:
    """The locale's language when it is Spanish or English, else Spanish (the method's own)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value.startswith("en"):
            return "en"
        if value.startswith("es"):
            return "es"
    return "es"


def use_lang(lang: str) -> None:
    """Make `lang` the language of this run's messages (errors rendered at the edge)."""
    global _run_lang
    _run_lang = lang


def run_lang() -> str:
    """The language of this run: the one the CLI chose, else the locale's."""
    return _run_lang or locale_lang()


def text(key: str, lang: str, /, **params: Any) -> str:
    """The catalogue's text for `key` in `lang`, with `params` filled in (Messages rendered)."""
    try:
        template = catalogue(lang)[key]
    except KeyError:
        raise MissingText(f"no text {key!r} in the {lang!r} catalogue") from None
    if not params:
        return template
    values = {k: v.render(lang) if isinstance(v, Message) else v for k, v in params.items()}
    return template.format(**values)


def has(key: str, lang: str) -> bool:
    """Whether the catalogue of `lang` holds `key` (for values that may or may not have a text)."""
    return key in catalogue(lang)


def group(prefix: str, lang: str) -> dict[str, str]:
    """Every text under `prefix.` keyed by the rest of its key (labels handed to a template)."""
    start = prefix + "."
    return {k[len(start) :]: v for k, v in catalogue(lang).items() if k.startswith(start)}


def render(message: str | Message, lang: str | None = None) -> str:
    """A message as text: rendered when it is a Message, as it is when already a string."""
    return message.render(lang) if isinstance(message, Message) else message


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All texts of one language, flattened to dotted keys; read once per run."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    folder = _HERE / lang
    if lang not in LANGS or not folder.is_dir():
        raise MissingText(f"no catalogue for language {lang!r}")
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe loader
        _flatten(data or {}, path.stem, texts, path)
    return texts


def _flatten(node: Any, prefix: str, into: dict[str, str], path: Path) -> None:
    if isinstance(node, str):
        into[prefix] = node
        return
    if not isinstance(node, dict):
        raise ValueError(f"{path}: {prefix}: a text must be a string or a group of texts")
    for key, value in node.items():
        if not isinstance(key, str):  # `no:` or `on:` unquoted reads as a boolean in YAML 1.1
            raise ValueError(f"{path}: {prefix}: key {key!r} must be quoted")
        _flatten(value, f"{prefix}.{key}", into, path)
