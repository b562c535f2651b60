"""What readers produce and checks consume: typed, immutable records (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from omniready.texts import Message

Severity = Literal["high", "medium", "low", "info"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as it stands in its file (1-based line number)."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Unit:
    """One message as a customer meets it: a page, an e-mail, a template, a post, a script.

    `name` locates it inside its file when the file holds several (a template's name, a CSV row).
    """

    lines: tuple[Line, ...]
    name: str | None = None
    lang: str | None = None  # es or en when the text says (set by the scan, text.language)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class StyleUse:
    """A colour or font found in HTML or CSS, with where it was written."""

    value: str
    line: int
    source: str  # the file that holds it (a linked stylesheet is its own file)


@dataclass(frozen=True, slots=True)
class LogoUse:
    """An image that presents itself as the logo, with its perceptual hash (hex)."""

    source: str
    line: int | None
    phash: str


@dataclass(frozen=True, slots=True)
class AudioStats:
    """Measurements of one audio prompt."""

    duration_s: float
    sample_rate: int
    lufs: float | None  # integrated loudness; None when the prompt is too short to gate
    peak_dbfs: float
    clipped_samples: int
    lead_silence_s: float
    tail_silence_s: float


@dataclass(frozen=True)
class Material:
    """One file read: its channel, kind and provenance, and what the checks can look at."""

    path: str  # as shown to people: relative to the scanned folder's parent
    channel: str
    kind: str  # html | email | whatsapp | text | csv | docx | audio | image
    sha256: str
    size: int
    units: tuple[Unit, ...] = ()
    colours: tuple[StyleUse, ...] = ()
    fonts: tuple[StyleUse, ...] = ()
    logos: tuple[LogoUse, ...] = ()
    audio: AudioStats | None = None


@dataclass(frozen=True, slots=True)
class SetAside:
    """A file the scan could not read, and why."""

    path: str
    # Shown in the run's language and saved so in the scan record.
    reason: str | Message


@dataclass(frozen=True, slots=True, order=True)
class Place:
    """Where a finding shows: a file and line, or a file and a named part (a template)."""

    path: str
    line: int | None = None
    name: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where} ({self.name})" if self.name else where


@dataclass(frozen=True)
class Finding:
    """One inconsistency found by a check: what (`code` and `params`) and where (`places`)."""

    check: str
    code: str
    severity: Severity
    channels: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)
    places: tuple[Place, ...] = ()
