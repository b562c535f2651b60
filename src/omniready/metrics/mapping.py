"""The mapping file: which column of each source holds which role, and how values translate.

Loaded with the project's YAML loader; every problem is reported as FILE:LINE:COL (exit 2)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from omniready.audit import yamlio
from omniready.audit.store import validation_problems
from omniready.errors import InputError
from omniready.metrics.choices import parse_duration
from omniready.texts import Message

TEXT_ROLES = ("contact_id", "customer_id", "channel", "segment", "type", "department", "outcome")
NUMBER_ROLES = ("age", "wait_s", "handle_s", "satisfaction")
TIME_ROLES = ("start", "answer", "end")
FLAG_ROLES = ("reminder", "attended", "no_show", "resolved", "self_service", "incident")
OUTCOMES = ("answered", "abandoned", "self_service", "excluded")

# Words that mean yes or no in exports, in Spanish and English; a mapping can add its own.
YES = ("1", "true", "yes", "y", "si", "sí", "s", "x", "t", "verdadero")
NO = ("0", "false", "no", "n", "f", "falso")
DEFAULT_OUTCOMES: dict[str, tuple[str, ...]] = {
    "answered": ("answered", "atendida", "atendido", "contestada", "agent", "completed"),
    "abandoned": ("abandoned", "abandonada", "abandonado", "hang", "missed", "perdida"),
    "self_service": ("self-service", "self_service", "autoservicio", "ivr", "bot"),
    "excluded": (),
}

Column = Annotated[str, Field(min_length=1)]
Columns = Column | list[Column]  # several columns are joined with a space (a date and a time)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _words(value: Any) -> list[str]:
    """A YAML list of values as text; YAML's own booleans back to the words people write."""
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        if isinstance(item, bool):
            words += ["yes", "true", "sí", "si"] if item else ["no", "false"]
        elif isinstance(item, float) and item.is_integer():
            words.append(str(int(item)))
        else:
            words.append(str(item))
    return words


class RoleColumns(_Strict):
    """The source's column for each role (absent roles are simply not in the data)."""

    contact_id: Column | None = None
    customer_id: Column | None = None
    channel: Column | None = None
    segment: Column | None = None
    age: Column | None = None
    type: Column | None = None
    department: Column | None = None
    start: Columns | None = None
    answer: Columns | None = None
    wait_s: Column | None = None
    end: Columns | None = None
    handle_s: Column | None = None
    outcome: Column | None = None
    reminder: Column | None = None
    attended: Column | None = None
    no_show: Column | None = None
    resolved: Column | None = None
    self_service: Column | None = None
    incident: Column | None = None
    satisfaction: Column | None = None

    def mapped(self) -> dict[str, list[str]]:
        """Each mapped role with its column(s)."""
        out: dict[str, list[str]] = {}
        for role, value in self:
            if value is not None:
                out[role] = value if isinstance(value, list) else [value]
        return out


class Values(_Strict):
    """How raw values translate: channel and segment ids, outcomes, yes/no flags."""

    channel: dict[str, list[str]] = Field(default_factory=dict)
    segment: dict[str, list[str]] = Field(default_factory=dict)
    outcome: dict[Literal["answered", "abandoned", "self_service", "excluded"], list[str]] = Field(
        default_factory=dict
    )
    reminder: dict[Literal["yes", "no"], list[str]] = Field(default_factory=dict)
    attended: dict[Literal["yes", "no"], list[str]] = Field(default_factory=dict)
    no_show: dict[Literal["yes", "no"], list[str]] = Field(default_factory=dict)
    resolved: dict[Literal["yes", "no"], list[str]] = Field(default_factory=dict)
    self_service: dict[Literal["yes", "no"], list[str]] = Field(default_factory=dict)
    incident: dict[Literal["yes", "no"], list[str]] = Field(default_factory=dict)
    # Values of the `type` column that open an incident or case.
    incident_types: list[str] = Field(default_factory=list)

    @field_validator(
        "channel", "segment", "outcome", "reminder", "attended", "no_show", "resolved",
        "self_service", "incident", mode="before",
    )  # fmt: skip
    @classmethod
    def _lists(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out: dict[str, list[str]] = {}
        for key, words in value.items():
            name = {True: "yes", False: "no"}.get(key, key) if isinstance(key, bool) else key
            out[str(name)] = _words(words)
        return out

    @field_validator("incident_types", mode="before")
    @classmethod
    def _type_list(cls, value: Any) -> Any:
        return _words(value) if value is not None else value


class Source(_Strict):
    """One system's export: its files, how to read them, and its columns."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)]
    # Glob patterns, relative to the mapping file, of this system's files (monthly files too).
    files: list[str] = Field(default_factory=list)
    format: Literal["csv", "xlsx", "parquet", "jsonl"] | None = None
    encoding: Literal["utf-8", "utf-16", "cp1252", "latin-1"] | None = None
    delimiter: Annotated[str, Field(min_length=1, max_length=1)] | None = None
    decimal: Literal[".", ","] | None = None
    sheet: str | None = None
    channel: str | None = None  # one channel for the whole source
    incident: bool | None = None  # every row opens a case (a case system's export)
    date_format: str | list[str] | None = None
    columns: RoleColumns = Field(default_factory=RoleColumns)
    values: Values = Field(default_factory=Values)


class Mapping(_Strict):
    """The whole mapping file."""

    version: Literal[1] = 1
    timezone: str = "UTC"
    repeat_days: Annotated[int, Field(ge=1, le=365)] = 7
    service_level_goal: Annotated[float, Field(gt=0, lt=1)] = 0.8
    age_bands: list[Annotated[str, Field(pattern=r"^\d{1,3}(-\d{1,3}|\+)$")]] = Field(
        default_factory=lambda: ["0-17", "18-29", "30-44", "45-59", "60-74", "75+"]
    )
    # Service-level target per channel: 60s, 2m, 4h; --sla and the audit's targets also count.
    sla: dict[str, float] = Field(default_factory=dict)
    # Channels answered live by agents: staffing (Erlang C) is computed for these.
    live_channels: list[str] = Field(default_factory=lambda: ["phone", "chat", "whatsapp"])
    sources: Annotated[list[Source], Field(min_length=1)]

    @field_validator("sla", mode="before")
    @classmethod
    def _durations(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out: dict[str, float] = {}
        for channel, duration in value.items():
            if isinstance(duration, bool):
                raise ValueError(f"{channel}: expected a duration such as 60s or 2m")
            out[str(channel)] = float(
                duration if isinstance(duration, int | float) else parse_duration(str(duration))
            )
        return out

    @field_validator("sources")
    @classmethod
    def _unique(cls, value: list[Source]) -> list[Source]:
        names = [s.name for s in value]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"two sources are named {name!r}")
        return value


def parse_mapping(text: str, path: str | Path) -> Mapping:
    """Validate mapping YAML text; every problem located at its line and column."""
    raw = yamlio.parse(text, path)
    if not isinstance(raw, dict):
        raise InputError.at(path, Message("metrics.errors.not-a-mapping"), 1, 1)
    try:
        mapping = Mapping.model_validate(raw)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, path, text)) from None
    for index, source in enumerate(mapping.sources):
        columns = source.columns.mapped()
        if "start" not in columns:
            raise InputError(
                [
                    yamlio.problem_at(
                        path,
                        text,
                        ["sources", index, "columns"],
                        Message(
                            "metrics.errors.no-start",
                            {"index": index, "source": repr(source.name)},
                        ),
                    )
                ]
            )
        if source.channel is None and "channel" not in columns:
            raise InputError(
                [
                    yamlio.problem_at(
                        path,
                        text,
                        ["sources", index],
                        Message(
                            "metrics.errors.no-channel",
                            {"index": index, "source": repr(source.name)},
                        ),
                    )
                ]
            )
    return mapping


def load_mapping(path: str | Path) -> tuple[Mapping, str]:
    """The mapping file and its sha256."""
    text = yamlio.read_text(path)
    return parse_mapping(text, path), hashlib.sha256(text.encode("utf-8")).hexdigest()
