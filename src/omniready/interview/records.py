"""The records each step collects (tools, journeys, segments, channel figures, brand items):
their fields as data, how a typed field is read, and how a finished record enters the audit.

Pure: conversation.py asks for the fields in order and calls these functions.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from omniready import channels
from omniready.assess import names
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
from omniready.checklist import Text, read_text_groups
from omniready.interview.parse import BadValue, match_option, parse_number, parse_share, yes_no

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
    """One field of a record form: where it goes, its label (es, en) and how it is read."""

    name: str
    label: tuple[str, str]
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    default_from: str | None = None  # a slug of this other field's value is offered
    # The choices are the ids of this step's records (a journey names an existing segment).
    choices_from: str | None = None

    def text(self, lang: str) -> str:
        label = self.label[1] if lang == "en" else self.label[0]
        if self.kind in {"channel", "channels"}:
            label += f" ({channel_examples(lang)})"
        return label

    def short(self, lang: str) -> str:
        """The label without its example or hint in brackets: how a message names the field."""
        label = self.label[1] if lang == "en" else self.label[0]
        return label.split(" (")[0].rstrip("?").lstrip("¿")


def channel_examples(lang: str) -> str:
    """A few channels by their names in `lang`, as an example of what to type."""
    names = ", ".join(channels.label(c, lang) for c in CHANNEL_EXAMPLES)
    return f"{'e.g.' if lang == 'en' else 'ej.'} {names}"


@dataclass(frozen=True)
class RecordForm:
    """The form of one kind of record: the step whose records it adds, the model it builds and
    the field that identifies it."""

    step: str
    one: tuple[str, str]
    fields: tuple[FieldSpec, ...]
    model: type[BaseModel]
    many: tuple[str, str] = ("Registros", "Records")
    another: tuple[str, str] = ("otro", "another")
    key: str = "id"

    def one_text(self, lang: str) -> str:
        return self.one[1] if lang == "en" else self.one[0]

    def many_text(self, lang: str) -> str:
        return self.many[1] if lang == "en" else self.many[0]

    def another_text(self, lang: str) -> str:
        return self.another[1] if lang == "en" else self.another[0]


F = FieldSpec

# The groups of assess/names.yaml that name the choices' values, as reports name them too.
CHOICE_GROUPS = ("phases", "aspects", "prefers", "kind")
# Other words people type for a choice, besides its value and its two labels (older labels too).
CHOICE_ALIASES: dict[str, tuple[str, ...]] = {
    "pre-sale": ("pre-venta", "presale"),
    "purchase": ("venta", "sale"),
    "post-sale": ("postventa", "post-venta", "aftersale", "after-sale"),
    "mixed": ("mixto", "both"),
    "physical": ("presencial",),
    "voice": ("voice and tone",),
    "audio": ("identidad sonora", "audio identity"),
    "templates": ("plantillas de respuesta", "response templates"),
}


@cache
def _choice_names() -> dict[str, Text]:
    groups = read_text_groups(names.NAMES_FILE)
    return {value: text for group in CHOICE_GROUPS for value, text in groups[group].items()}


def choice_label(value: str, lang: str) -> str:
    """The on-screen label of a choice value (ids such as segment names stay as they are)."""
    text = _choice_names().get(value)
    return text(lang) if text else value


def _choice_words(value: str) -> tuple[str, ...]:
    # Both languages and older words: compared by match_option without case or accents.
    text = _choice_names().get(value)
    labels = (text.es, text.en) if text else ()
    return (value, *labels, *CHOICE_ALIASES.get(value, ()))


def _id_from(field: str) -> FieldSpec:
    """A record's identifier, offered as a slug of another field's value."""
    return F("id", ("Identificador", "Identifier"), "slug", required=True, default_from=field)


def _name_and_id(label: tuple[str, str]) -> tuple[FieldSpec, FieldSpec]:
    """A record's name, then its identifier offered from the name."""
    return F("name", label, required=True), _id_from("name")


TOOL = RecordForm(
    "tools",
    ("una herramienta", "a tool"),
    (
        *_name_and_id(("Nombre de la herramienta", "Tool name")),
        F(
            "category",
            (
                "Categoría (comercio electrónico, punto de venta, mesa de ayuda, CRM, mensajería…)",
                "Category (ecommerce, pos, helpdesk, crm, messaging…)",
            ),
        ),
        F("channels", ("Canales que atiende", "Channels it serves"), "channels"),
        F("owner", ("Responsable (área o persona)", "Owner (department or person)")),
        F("base_url", ("URL base (https://…)", "Base URL (https://…)"), "url"),
        F(
            "claims.api",
            ("¿El proveedor declara una API?", "Does the vendor claim an API?"),
            "bool",
        ),
        F(
            "claims.webhooks",
            ("¿El proveedor declara webhooks?", "Does the vendor claim webhooks?"),
            "bool",
        ),
        F(
            "claims.web_services",
            ("¿Servicios web (SOAP u otros)?", "Web services (SOAP or other)?"),
            "bool",
        ),
        F(
            "claims.marketplace",
            (
                "¿Tiene un marketplace de integraciones o aplicaciones (conectores listos)?",
                "Does it have an integration or app marketplace (ready-made connectors)?",
            ),
            "bool",
        ),
        F(
            "auth.token_env",
            (
                "Variable de entorno con el token (el token nunca va al archivo)",
                "Environment variable holding the token (never the token itself)",
            ),
            "env",
        ),
    ),
    Tool,
    many=("Inventario de herramientas", "Tool inventory"),
    another=("otra herramienta", "another tool"),
)

JOURNEY = RecordForm(
    "processes",
    ("un recorrido del cliente", "a customer journey"),
    (
        *_name_and_id(
            (
                "Nombre del recorrido (ej. compra web y cambio en tienda)",
                "Journey name (e.g. buy online, exchange in store)",
            )
        ),
        F(
            "segment",
            ("Segmento (opcional)", "Segment (optional)"),
            "choice",
            choices_from="segments",
        ),
    ),
    Journey,
    many=("Recorridos del cliente", "Customer journeys"),
    another=("otro recorrido", "another journey"),
)

JOURNEY_STEP = RecordForm(
    "processes",
    ("una etapa del recorrido", "a journey step"),
    (
        F(
            "phase",
            ("Fase", "Phase"),
            "choice",
            required=True,
            choices=("pre-sale", "purchase", "post-sale"),
        ),
        F("channel", ("Canal", "Channel"), "channel", required=True),
        F("activity", ("Actividad", "Activity")),
        F("owner", ("Área responsable", "Owner department")),
        F("system", ("Sistema que se usa", "System used")),
        F(
            "context_carried",
            (
                "¿Llega el contexto del cliente a esta etapa, sin que repita nada?",
                "Does the customer's context reach this step, with nothing repeated?",
            ),
            "bool",
        ),
    ),
    JourneyStep,
)

SEGMENT = RecordForm(
    "segments",
    ("un segmento", "a segment"),
    (
        *_name_and_id(("Nombre del segmento", "Segment name")),
        F("share", ("Proporción de clientes (ej. 35%)", "Share of customers (e.g. 35%)"), "share"),
        F("age", ("Rango de edad (ej. 18-30 o 60+)", "Age range (e.g. 18-30 or 60+)")),
        F("habits", ("Hábitos de consumo", "Consumption habits")),
        F("preferred_channels", ("Canales preferidos", "Preferred channels"), "channels"),
        F("prefers", ("Prefiere", "Prefers"), "choice", choices=("messages", "calls", "mixed")),
    ),
    Segment,
    many=("Segmentos", "Segments"),
    another=("otro segmento", "another segment"),
)

CHANNEL = RecordForm(
    "metrics",
    ("las cifras de un canal", "a channel's figures"),
    (
        F("channel", ("Canal", "Channel"), "channel", required=True),
        F("kind", ("Tipo", "Kind"), "choice", choices=("virtual", "physical")),
        F("unique_users", ("Usuarios únicos al mes", "Unique users a month"), "int"),
        F("monthly_contacts", ("Contactos al mes", "Contacts a month"), "int"),
        F("peak_months", ("Meses pico (1-12)", "Peak months (1-12)"), "months"),
        F(
            "incident_rate",
            (
                "Contactos que abren incidencia (ej. 12%)",
                "Contacts that open an incident (e.g. 12%)",
            ),
            "share",
        ),
        F(
            "wait_avg_s",
            ("Espera media (segundos, o 3m)", "Average wait (seconds, or 3m)"),
            "seconds",
        ),
        F(
            "wait_p90_s",
            (
                "Espera máxima del 90 % de los contactos (segundos, o 5m)",
                "p90 wait (seconds, or 5m)",
            ),
            "seconds",
        ),
        F(
            "sla_target_s",
            ("Objetivo de SLA (segundos, o 2m)", "SLA target (seconds, or 2m)"),
            "seconds",
        ),
        F(
            "sla_attainment",
            ("Cumplimiento del SLA (ej. 80%)", "SLA attainment (e.g. 80%)"),
            "share",
        ),
        F("abandonment_rate", ("Abandono (ej. 8%)", "Abandonment (e.g. 8%)"), "share"),
        F(
            "no_show_rate",
            ("Inasistencia a citas (ej. 15%)", "Appointment no-shows (e.g. 15%)"),
            "share",
        ),
        F(
            "self_service_rate",
            ("Resuelto por autoservicio (ej. 20%)", "Solved by self-service (e.g. 20%)"),
            "share",
        ),
    ),
    ChannelMetrics,
    many=("Cifras por canal", "Figures per channel"),
    another=("las cifras de otro canal", "another channel's figures"),
    key="channel",
)

BRAND = RecordForm(
    "brand",
    ("un elemento de marca", "a brand item"),
    (
        F(
            "aspect",
            ("Aspecto", "Aspect"),
            "choice",
            required=True,
            choices=("visual", "voice", "greeting", "audio", "promotions", "rules", "templates"),
        ),
        _id_from("aspect"),
    ),
    BrandItem,
    many=("Elementos de marca", "Brand items"),
    another=("otro elemento de marca", "another brand item"),
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
            raise BadValue("field_required")
        return None
    kind = spec.kind
    if kind == "slug":
        return _checked(Tool, "id", text, "bad_slug")
    if kind == "channel":
        return _channel(text)
    if kind == "channels":
        return list(dict.fromkeys(_channel(item) for item in text.split(",") if item.strip()))
    if kind == "int":
        number = parse_number(text, lang)
        if not isinstance(number, int) or number < 0:
            raise BadValue("bad_int")
        return number
    if kind == "share":
        return parse_share(text, lang)
    if kind == "seconds":
        return _seconds(text, lang)
    if kind == "bool":
        answer = yes_no(text)
        if answer is None:
            raise BadValue("bad_bool")
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
            raise BadValue("bad_months") from None
        if not months or not all(1 <= m <= 12 for m in months):
            raise BadValue("bad_months")
        return sorted(set(months))
    if kind == "url":
        return _checked(Tool, "base_url", text, "bad_url")
    if kind == "env":
        return _checked(Auth, "token_env", text, "bad_env")
    if spec.name == "age":
        return _checked(Segment, "age", text, "bad_age")
    return text


def _channel(text: str) -> str:
    # "Teléfono", "telefono" and "phone" are one channel, kept under its id in the file.
    channel = channels.canonical(text)
    return _checked(JourneyStep, "channel", channel, "bad_channel")


def _seconds(text: str, lang: str) -> float | int:
    # Consultants quote waits in minutes as often as in seconds: "3m", "1h", "90s".
    unit = {"s": 1, "m": 60, "min": 60, "h": 3600}
    match = re.match(r"^(.*?)\s*(s|m|min|h)$", text.lower())
    factor = 1
    if match:
        text, factor = match.group(1), unit[match.group(2)]
    value = parse_number(text, lang) * factor
    if value < 0:
        raise BadValue("bad_number")
    return int(value) if float(value).is_integer() else value


def check_share(audit: Audit, segment_id: str, share: float) -> None:
    """Refuse a share that would make the segments add up to more than all customers."""
    others = sum(s.share or 0 for s in audit.steps.segments.segments if s.id != segment_id)
    if others + share > 1.0001:  # the tolerance of `omniready validate`
        left = max(0.0, 1 - others)
        raise BadValue("share_over", left=f"{left:.0%}")


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
    """Validate the collected values as a record; raises BadValue with pydantic's reason."""
    try:
        return model.model_validate(nest(values))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadValue("bad_record", why=f"{where}: {first['msg']}") from None


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
