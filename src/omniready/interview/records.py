"""The records each step collects (tools, journeys, segments, channel figures, brand items):
their fields as data, how a typed field is read, and how a finished record enters the audit.

Pure: conversation.py asks for the fields in order and calls these functions.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from omniready import channels, numbers
from omniready.audit.model import (
    Audit,
    Auth,
    BrandItem,
    ChannelMetrics,
    Journey,
    JourneyStep,
    Segment,
    Tool,
)
from omniready.interview.parse import (
    BadValue,
    match_option,
    parse_number,
    parse_share,
    words,
    yes_no,
)
from omniready.texts import LANGS, has, text

Kind = Literal[
    "text",
    "slug",
    "channel",
    "channels",
    "int",
    "share",
    "seconds",
    "bool",
    "choice",
    "months",
    "url",
    "env",
]

# The channels offered as examples where one is asked, shown by their name in each language.
CHANNEL_EXAMPLES = ("web", "whatsapp", "phone", "email", "store")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record form: where it goes, its label (a key under `interview.fields`;
    `<form>.<name>` unless given) and how it is read."""

    name: str
    label: str = ""
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    default_from: str | None = None  # a slug of this other field's value is offered
    # The choices are the ids of this step's records (a journey names an existing segment).
    choices_from: str | None = None

    def text(self, lang: str) -> str:
        """The field's prompt in `lang`, with examples of channels where one is asked."""
        label = text(f"interview.fields.{self.label}", lang)
        if self.kind in {"channel", "channels"}:
            label += f" ({channel_examples(lang)})"
        return label

    def short(self, lang: str) -> str:
        """The label without its example or hint in brackets: how a message names the field."""
        label = text(f"interview.fields.{self.label}", lang)
        return label.split(" (")[0].rstrip("?").lstrip("¿")


def channel_examples(lang: str) -> str:
    """A few channels by their names in `lang`, as an example of what to type."""
    names = ", ".join(channels.label(c, lang) for c in CHANNEL_EXAMPLES)
    return text("interview.examples", lang, names=names)


@dataclass(frozen=True)
class RecordForm:
    """The form of one kind of record: the step whose records it adds, the model it builds and
    the field that identifies it."""

    step: str
    name: str  # its texts: interview.forms.<name>.{one,many,another}
    fields: tuple[FieldSpec, ...]
    model: type[BaseModel]
    key: str = "id"

    def __post_init__(self) -> None:
        # Each field's text is interview.fields.<form>.<field>, unless it names a shared one.
        labelled = tuple(
            spec if spec.label else replace(spec, label=f"{self.name}.{spec.name}")
            for spec in self.fields
        )
        object.__setattr__(self, "fields", labelled)

    def one_text(self, lang: str) -> str:
        """One record, with its article: "un segmento", "a segment"."""
        return text(f"interview.forms.{self.name}.one", lang)

    def many_text(self, lang: str) -> str:
        """The records' list title: "Segmentos", "Segments"."""
        return text(f"interview.forms.{self.name}.many", lang)

    def another_text(self, lang: str) -> str:
        """One more record: "otro segmento", "another segment"."""
        return text(f"interview.forms.{self.name}.another", lang)


F = FieldSpec


def choice_label(value: str, lang: str) -> str:
    """The on-screen label of a choice value (ids such as segment names stay as they are)."""
    key = f"interview.choices.{value}"
    return text(key, lang) if has(key, lang) else value


def _choice_words(value: str) -> tuple[str, ...]:
    # Both languages and other words people type (words.yaml): compared by match_option without
    # case or accents.
    key = f"interview.choices.{value}"
    labels = tuple(text(key, lang) for lang in LANGS if has(key, lang))
    return (value, *labels, *words()["aliases"].get(value, ()))


def _id_from(field: str) -> FieldSpec:
    """A record's identifier, offered as a slug of another field's value."""
    return F("id", "id", "slug", required=True, default_from=field)


def _name_and_id() -> tuple[FieldSpec, FieldSpec]:
    """A record's name, then its identifier offered from the name."""
    return F("name", required=True), _id_from("name")


TOOL = RecordForm(
    "tools",
    "tool",
    (
        *_name_and_id(),
        F("category"),
        F("channels", kind="channels"),
        F("owner"),
        F("base_url", kind="url"),
        F("claims.api", kind="bool"),
        F("claims.webhooks", kind="bool"),
        F("claims.web_services", kind="bool"),
        F("claims.marketplace", kind="bool"),
        F("auth.token_env", kind="env"),
    ),
    Tool,
)

JOURNEY = RecordForm(
    "processes",
    "journey",
    (
        *_name_and_id(),
        F("segment", kind="choice", choices_from="segments"),
    ),
    Journey,
)

JOURNEY_STEP = RecordForm(
    "processes",
    "journey-step",
    (
        F(
            "phase",
            kind="choice",
            required=True,
            choices=("pre-sale", "purchase", "post-sale"),
        ),
        F("channel", kind="channel", required=True),
        F("activity"),
        F("owner"),
        F("system"),
        F("context_carried", kind="bool"),
    ),
    JourneyStep,
)

SEGMENT = RecordForm(
    "segments",
    "segment",
    (
        *_name_and_id(),
        F("share", kind="share"),
        F("age"),
        F("habits"),
        F("preferred_channels", kind="channels"),
        F("prefers", kind="choice", choices=("messages", "calls", "mixed")),
    ),
    Segment,
)

CHANNEL = RecordForm(
    "metrics",
    "channel",
    (
        F("channel", kind="channel", required=True),
        F("kind", kind="choice", choices=("virtual", "physical")),
        F("unique_users", kind="int"),
        F("monthly_contacts", kind="int"),
        F("peak_months", kind="months"),
        F("incident_rate", kind="share"),
        F("wait_avg_s", kind="seconds"),
        F("wait_p90_s", kind="seconds"),
        F("sla_target_s", kind="seconds"),
        F("sla_attainment", kind="share"),
        F("abandonment_rate", kind="share"),
        F("no_show_rate", kind="share"),
        F("self_service_rate", kind="share"),
    ),
    ChannelMetrics,
    key="channel",
)

BRAND = RecordForm(
    "brand",
    "brand-item",
    (
        F(
            "aspect",
            kind="choice",
            required=True,
            choices=("visual", "voice", "greeting", "audio", "promotions", "rules", "templates"),
        ),
        _id_from("aspect"),
    ),
    BrandItem,
)

FORMS: dict[str, RecordForm] = {f.step: f for f in (TOOL, JOURNEY, SEGMENT, CHANNEL, BRAND)}


def slugify(text: str) -> str:
    """An id from free text: "Tienda Centro (POS)" → "tienda-centro-pos", cut to the 80
    characters an id may have (Slug in audit/model.py)."""
    return channels.slug(text)[:80]


def _checked(model: type[BaseModel], name: str, value: Any, key: str) -> Any:
    """`value` if the model accepts it for the field `name` (the field's type and validators),
    else BadValue(key): the interview checks a field as the file's model does, when typed."""
    try:
        model.__pydantic_validator__.validate_assignment(model.model_construct(), name, value)
    except ValidationError:
        raise BadValue(key) from None
    return value


def parse_field(spec: FieldSpec, raw: str, lang: str = "es") -> Any:
    """The value of one typed field, None when left empty; raises BadValue when it does not fit."""
    text = raw.strip()
    if not text:
        if spec.required:
            raise BadValue("field-required")
        return None
    kind = spec.kind
    if kind == "slug":
        return _checked(Tool, "id", text, "bad-slug")
    if kind == "channel":
        return _channel(text)
    if kind == "channels":
        return list(dict.fromkeys(_channel(item) for item in text.split(",") if item.strip()))
    if kind == "int":
        number = parse_number(text, lang)
        if not isinstance(number, int) or number < 0:
            raise BadValue("bad-int")
        return number
    if kind == "share":
        return parse_share(text, lang)
    if kind == "seconds":
        return _seconds(text, lang)
    if kind == "bool":
        answer = yes_no(text)
        if answer is None:
            raise BadValue("bad-bool")
        return answer
    if kind == "choice":
        if text.isdigit() and 1 <= int(text) <= len(spec.choices):
            return spec.choices[int(text) - 1]
        found = match_option(text, [(c, tuple(_choice_words(c))) for c in spec.choices])
        if len(found) == 1:
            return found[0]
        shown = " · ".join(f"{i} {choice_label(c, lang)}" for i, c in enumerate(spec.choices, 1))
        raise BadValue("choices", choices=shown)
    if kind == "months":
        try:
            months = [int(m) for m in re.split(r"[,\s]+", text) if m]
        except ValueError:
            raise BadValue("bad-months") from None
        if not months or not all(1 <= m <= 12 for m in months):
            raise BadValue("bad-months")
        return sorted(set(months))
    if kind == "url":
        return _checked(Tool, "base_url", text, "bad-url")
    if kind == "env":
        return _checked(Auth, "token_env", text, "bad-env")
    if spec.name == "age":
        return _checked(Segment, "age", text, "bad-age")
    return text


def _channel(text: str) -> str:
    # "Teléfono", "telefono" and "phone" are one channel, kept under its id in the file.
    channel = channels.canonical(text)
    return _checked(JourneyStep, "channel", channel, "bad-channel")


def _seconds(text: str, lang: str) -> float | int:
    # Consultants quote waits in minutes as often as in seconds: "3m", "1h", "90s".
    unit = {"s": 1, "m": 60, "min": 60, "h": 3600}
    match = re.match(r"^(.*?)\s*(s|m|min|h)$", text.lower())
    factor = 1
    if match:
        text, factor = match.group(1), unit[match.group(2)]
    value = parse_number(text, lang) * factor
    if value < 0:
        raise BadValue("bad-number")
    return int(value) if float(value).is_integer() else value


def check_share(audit: Audit, segment_id: str, share: float, lang: str = "es") -> None:
    """Refuse a share that would make the segments add up to more than all customers."""
    others = sum(s.share or 0 for s in audit.steps.segments.segments if s.id != segment_id)
    if others + share > 1.0001:  # the tolerance of `omniready validate`
        left = max(0.0, 1 - others)
        raise BadValue("share-over", left=numbers.percent(left, lang))


def nest(values: dict[str, Any]) -> dict[str, Any]:
    """Dotted field names become nested mappings; empty (None) fields are left out."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        *parents, leaf = name.split(".")
        target = out
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = value
    return out


M = TypeVar("M", bound=BaseModel)


def build(model: type[M], values: dict[str, Any]) -> M:
    """Validate the collected values as a record; raises BadValue naming the field refused (each
    field was checked when typed, so this is a field the form cannot fill)."""
    try:
        return model.model_validate(nest(values))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadValue("bad-record", field=where) from None


def make(form: RecordForm, values: dict[str, Any]) -> tuple[str, BaseModel]:
    """The identifier and the record a filled form stands for."""
    ident = str(values[form.key])
    if form.key != "id":  # a channel's figures are kept under the channel, not inside them
        values = {k: v for k, v in values.items() if k != form.key}
    return ident, build(form.model, values)


def partial(form: RecordForm, audit: Audit, values: dict[str, Any]) -> BaseModel:
    """The record for a form left half-way, marked incomplete: what was typed, over what a
    record with the same identifier held (it is being replaced); BadValue if it cannot be one."""
    ident = str(values[form.key])
    typed = nest({k: v for k, v in values.items() if k != form.key or form.key == "id"})
    old = find(audit, form.step, ident)
    base = old.model_dump(exclude_defaults=True) if old is not None else {}
    return build(form.model, _deep_merge(base, typed) | {"incomplete": True})


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _listed(audit: Audit, step: str) -> list[Any]:
    """The list of records a step keeps (not for metrics, which keeps a mapping)."""
    s = audit.steps
    lists: dict[str, list[Any]] = {
        "tools": s.tools.inventory,
        "processes": s.processes.journeys,
        "segments": s.segments.segments,
        "brand": s.brand.items,
    }
    return lists[step]


def record_ids(audit: Audit, step: str) -> list[str]:
    """Identifiers of the records a step holds, in file order."""
    if step == "metrics":
        return list(audit.steps.metrics.channels)
    return [item.id for item in _listed(audit, step)]


def find(audit: Audit, step: str, ident: str) -> BaseModel | None:
    """The record of `step` with this identifier, if there is one."""
    if step == "metrics":
        return audit.steps.metrics.channels.get(ident)
    return next((item for item in _listed(audit, step) if item.id == ident), None)


def put(audit: Audit, step: str, ident: str, record: BaseModel) -> Audit:
    """A new audit with the record added to its step; one with the same identifier is replaced
    in place (a correction keeps its position), a new one goes last."""
    new = audit.model_copy(deep=True)
    if step == "metrics":
        assert isinstance(record, ChannelMetrics)
        new.steps.metrics.channels[ident] = record
        return new
    items = _listed(new, step)
    ids = [item.id for item in items]
    if ident in ids:
        items[ids.index(ident)] = record
    else:
        items.append(record)
    return new


def keep_unasked(form: RecordForm, old: BaseModel, new: M, asked: Collection[str] = ()) -> M:
    """`new` replacing `old`, keeping what the form did not ask for (a tool's probe results, a
    journey's steps); `asked` names more fields that were asked outside the form."""
    asked = {spec.name.split(".")[0] for spec in form.fields} | set(asked)
    kept = {name: getattr(old, name) for name in type(old).model_fields if name not in asked}
    return new.model_copy(update=kept)


def add_journey_step(
    audit: Audit, journey_id: str, step: JourneyStep, *, first: bool = False
) -> Audit:
    """A new audit with `step` appended to the journey `journey_id`; with `first`, it replaces
    the steps the journey had (new steps for a journey that was re-entered)."""
    new = audit.model_copy(deep=True)
    for journey in new.steps.processes.journeys:
        if journey.id == journey_id:
            journey.steps = [step] if first else [*journey.steps, step]
    return new
