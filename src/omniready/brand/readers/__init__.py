"""One reader per material kind; each turns a file's bytes into Parts or raises Unreadable.

The suffix decides the kind (KINDS); a suffix not listed is not a material and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from omniready.brand.model import AudioStats, LogoUse, StyleUse, Unit


@dataclass(frozen=True)
class Parts:
    """What a reader found in one file."""

    units: tuple[Unit, ...] = ()
    colours: tuple[StyleUse, ...] = ()
    fonts: tuple[StyleUse, ...] = ()
    logos: tuple[LogoUse, ...] = ()
    audio: AudioStats | None = None


# Reader signature: (file on disk, its bytes, its name as shown to people) -> Parts.
Reader = Callable[[Path, bytes, str], Parts]

KINDS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".eml": "email",
    ".json": "whatsapp",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".csv": "csv",
    ".docx": "docx",
    ".wav": "audio",
    ".flac": "audio",
    ".mp3": "audio",
    ".ogg": "audio",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".webp": "image",
}

_MODULES = {
    "html": "html",
    "email": "email",
    "whatsapp": "whatsapp",
    "text": "text",
    "csv": "table",
    "docx": "docx",
    "audio": "audio",
    "image": "image",
}


def kind_of(path: Path) -> str | None:
    """The material kind of a file by its suffix, or None when it is not a material."""
    return KINDS.get(path.suffix.lower())


def reader_for(kind: str) -> Reader:
    """The read function of a kind; its module (and heavy library) is imported on first use."""
    module = import_module(f"omniready.brand.readers.{_MODULES[kind]}")
    read: Reader = module.read
    return read
