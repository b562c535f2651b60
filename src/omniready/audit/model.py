"""Typed records of the audit file. The YAML layout is exactly these models' field order."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from omniready.audit.probe_record import ProbeRecord

# 2: Answer.evidence became a list (an answer often rests on several documents or links).
SCHEMA_VERSION = 2

STEPS: tuple[str, ...] = ("tools", "processes", "segments", "metrics", "brand")
StepId = Literal["tools", "processes", "segments", "metrics", "brand"]
Lang = Literal["es", "en"]
Phase = Literal["pre-sale", "purchase", "post-sale"]

# A slug: lowercase letters, digits, dots, dashes and underscores; ids and channel names use it.
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
Share = Annotated[float, Field(ge=0, le=1)]
NonNegative = Annotated[float, Field(ge=0, le=1e9)]
# A count of people or contacts; the cap only catches typed-in runs of extra digits.
Count = Annotated[int, Field(ge=0, le=10**10)]


class Record(BaseModel):
    """Base of every record: unknown keys are errors, so typos are caught by validate."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Response(Record):
    """One respondent's own answer to a question; the answer agreed on stays in `Answer.answer`."""

    respondent: str
    answer: str | int | float | bool | list[str] | None = None
    note: str | None = None


class Answer(Record):
    """One answer: given, `na` (not applicable, reason in `note`) or `skipped` (unanswered)."""

    answer: str | int | float | bool | list[str] | None = None
    na: bool = False
    skipped: bool = False
    note: str | None = None
    # Documents, links or file paths that back the answer; schema 1 held a single string.
    evidence: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    respondent: str | None = None
    # Each respondent's own answer when several were asked; `answer` above is the consensus.
    responses: list[Response] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Answer:
        if self.na and not (self.note and self.note.strip()):
            raise ValueError("a not-applicable answer needs its reason in `note`")
        if self.na and self.answer is not None:
            raise ValueError("an answer cannot be both given and not applicable")
        if self.skipped and (self.answer is not None or self.na):
            raise ValueError("a skipped answer carries no answer and is not `na`")
        return self

    @property
    def is_answered(self) -> bool:
        return self.answer is not None or self.na


class Organization(Record):
    """The audited company."""

    name: str
    industry: str | None = None
    country: str | None = None
    size: str | None = None


class Claims(Record):
    """What the client or vendor says the tool can do; `omniready probe` checks them."""

    api: bool | None = None
    webhooks: bool | None = None
    web_services: bool | None = None
    marketplace: bool | None = None


class Auth(Record):
    """Name of the environment variable that holds the token; never the token itself."""

    token_env: Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")] | None = None


class ApiRef(Record):
    """Where the vendor publishes its API description, when known."""

    spec_url: str | None = None


class WebhookRef(Record):
    """An endpoint of the client's that should receive the vendor's events."""

    receiver_url: str | None = None


class Tool(Record):
    """A tool that serves customers or holds their data, with the channels it serves."""

    id: Slug
    name: str
    category: str | None = None
    channels: list[Slug] = Field(default_factory=list)
    owner: str | None = None
    base_url: str | None = None
    claims: Claims = Field(default_factory=Claims)
    api: ApiRef | None = None
    webhook: WebhookRef | None = None
    auth: Auth | None = None
    probe: ProbeRecord | None = None
    # True when saved from a form left half-way (Ctrl-C); absent once completed. None, not
    # False, so that a complete record shows nothing of it in the file, `show` or `diff`.
    incomplete: bool | None = None

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        return value


class JourneyStep(Record):
    """One activity of a journey: phase, channel, owner department and system."""

    phase: Phase
    channel: Slug
    activity: str | None = None
    owner: str | None = None
    system: str | None = None
    # Whether the customer's context arrives with them at this step (None on the first step).
    context_carried: bool | None = None
    # True when saved from a form left half-way (Ctrl-C); absent once completed. None, not
    # False, so that a complete record shows nothing of it in the file, `show` or `diff`.
    incomplete: bool | None = None


class Journey(Record):
    """A customer journey across channels, step by step."""

    id: Slug
    name: str | None = None
    segment: Slug | None = None
    steps: list[JourneyStep] = Field(default_factory=list)
    # True when saved from a form left half-way (Ctrl-C); absent once completed. None, not
    # False, so that a complete record shows nothing of it in the file, `show` or `diff`.
    incomplete: bool | None = None


class Segment(Record):
    """A customer segment and the channels it prefers."""

    id: Slug
    name: str | None = None
    share: Share | None = None
    age: Annotated[str, Field(pattern=r"^\d{1,3}(-\d{1,3}|\+)$")] | None = None
    habits: str | None = None
    preferred_channels: list[Slug] = Field(default_factory=list)
    prefers: Literal["messages", "calls", "mixed"] | None = None
    # True when saved from a form left half-way (Ctrl-C); absent once completed. None, not
    # False, so that a complete record shows nothing of it in the file, `show` or `diff`.
    incomplete: bool | None = None

    @field_validator("age")
    @classmethod
    def _age_range(cls, value: str | None) -> str | None:
        if value and "-" in value:
            low, high = (int(part) for part in value.split("-"))
            if low > high:
                raise ValueError(f"age range {value!r} runs backwards; write {high}-{low}")
        return value


class ChannelMetrics(Record):
    """Figures of one channel; rates are shares between 0 and 1, times are in seconds."""

    kind: Literal["virtual", "physical"] | None = None
    unique_users: Count | None = None
    monthly_contacts: Count | None = None
    peak_months: list[Annotated[int, Field(ge=1, le=12)]] = Field(default_factory=list)
    incident_rate: Share | None = None
    wait_avg_s: NonNegative | None = None
    wait_p90_s: NonNegative | None = None
    sla_target_s: NonNegative | None = None
    sla_attainment: Share | None = None
    abandonment_rate: Share | None = None
    no_show_rate: Share | None = None
    self_service_rate: Share | None = None
    # True when saved from a form left half-way (Ctrl-C); absent once completed. None, not
    # False, so that a complete record shows nothing of it in the file, `show` or `diff`.
    incomplete: bool | None = None


class BrandItem(Record):
    """One element of the brand (greeting, logo, voice...) as it shows in each channel."""

    id: Slug
    aspect: Literal["visual", "voice", "greeting", "audio", "promotions", "rules", "templates"]
    channels: dict[Slug, str] = Field(default_factory=dict)
    # True when saved from a form left half-way (Ctrl-C); absent once completed. None, not
    # False, so that a complete record shows nothing of it in the file, `show` or `diff`.
    incomplete: bool | None = None


Answers = dict[str, Answer]


class ToolsStep(Record):
    """Step 1: answers and the tool inventory."""

    answers: Answers = Field(default_factory=dict)
    inventory: list[Tool] = Field(default_factory=list)


class ProcessesStep(Record):
    """Step 2: answers and the journeys."""

    answers: Answers = Field(default_factory=dict)
    journeys: list[Journey] = Field(default_factory=list)


class SegmentsStep(Record):
    """Step 3: answers and the segments."""

    answers: Answers = Field(default_factory=dict)
    segments: list[Segment] = Field(default_factory=list)


class MeasuredFile(Record):
    """One file read by `omniready metrics`: its name (never a path of the machine) and sha256."""

    file: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class MeasuredSource(Record):
    """Provenance of one source: its files and how many rows were used or set aside, and why."""

    name: str
    files: list[MeasuredFile] = Field(default_factory=list)
    rows_read: Count = 0
    rows_used: Count = 0
    # Rows left out of every figure, by reason (unparseable-date, duplicate-id, ...).
    set_aside: dict[str, Count] = Field(default_factory=dict)
    # Rows kept but with one value left unknown, by reason (age-out-of-range, ...).
    blanked: dict[str, Count] = Field(default_factory=dict)


class MeasuredScope(Record):
    """Measured figures of one scope (all contacts, a channel, a segment or channel/segment):
    values by metric id, and for the figures the data cannot give, the reason's code."""

    values: dict[str, float] = Field(default_factory=dict)
    absent: dict[str, str] = Field(default_factory=dict)


class NoShowTest(Record):
    """No-show rates with and without a reminder, and the difference's 95 % interval."""

    with_reminder: Share
    without_reminder: Share
    n_with: Count
    n_without: Count
    difference: float
    ci_low: float
    ci_high: float
    p_value: Share
    significant: bool


class Staffing(Record):
    """Agents Erlang C asks for at a live channel's peak hour to meet its service-level target."""

    weekday: Annotated[int, Field(ge=1, le=7)]
    hour: Annotated[int, Field(ge=0, le=23)]
    arrivals_per_hour: NonNegative
    handle_s: NonNegative
    target_s: NonNegative
    goal: Share
    agents: Count
    service_level: Share


class Disagreement(Record):
    """A hand-typed channel figure the measured data contradicts (beyond the tolerance)."""

    channel: Slug
    field: str
    typed: float | list[int]
    measured: float | list[int]


class MeasuredMetrics(Record):
    """What `omniready metrics` measured from the client's exports, with its provenance."""

    measured_at: dt.datetime
    version: str
    definitions: str  # sha256 prefix of the metric definitions, so diff can tell them apart
    mapping: MeasuredFile | None = None
    period_start: dt.date
    period_end: dt.date
    sources: list[MeasuredSource] = Field(default_factory=list)
    overall: MeasuredScope = Field(default_factory=MeasuredScope)
    channels: dict[str, MeasuredScope] = Field(default_factory=dict)
    segments: dict[str, MeasuredScope] = Field(default_factory=dict)
    channel_segments: dict[str, MeasuredScope] = Field(default_factory=dict)
    # Contacts per channel and month (YYYY-MM), and per ISO weekday (1-7) × hour (0-23).
    monthly: dict[str, dict[str, Count]] = Field(default_factory=dict)
    weekday_hour: list[list[Count]] = Field(default_factory=list)
    no_show: NoShowTest | None = None
    staffing: dict[str, Staffing] = Field(default_factory=dict)
    # The hand-typed figures the measured ones replaced, and where they disagree.
    replaced: dict[str, dict[str, float | list[int]]] = Field(default_factory=dict)
    disagreements: list[Disagreement] = Field(default_factory=list)


class MetricsStep(Record):
    """Step 4: answers and each channel's figures."""

    answers: Answers = Field(default_factory=dict)
    channels: dict[Slug, ChannelMetrics] = Field(default_factory=dict)
    # Written by `omniready metrics`; the channel figures above then hold the measured values.
    measured: MeasuredMetrics | None = None


class PaletteColour(Record):
    """A colour of the brand's palette: a CSS colour (#0a3d62, rgb(10 61 98)) and its name."""

    value: str
    name: str | None = None


class DeclaredPromotion(Record):
    """A promotion as the brand means it: its terms and the channels where it applies."""

    id: Slug
    code: str | None = None
    percent: Annotated[float, Field(gt=0, le=100)] | None = None
    valid_until: dt.date | None = None
    channels: list[Slug] = Field(default_factory=list)


class DeclaredContacts(Record):
    """The contact facts every channel must give alike; what is left empty is not compared
    with a declared value, only between channels."""

    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    return_days: Annotated[int, Field(ge=0, le=3650)] | None = None


class BrandFacts(Record):
    """What the brand declares, which `omniready brand` compares the channels' materials with."""

    # The brand's name first, then the other spellings it allows ("Acme Retail", "Acme").
    names: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    palette: list[PaletteColour] = Field(default_factory=list)
    fonts: list[str] = Field(default_factory=list)
    logo: str | None = None  # an image file, relative to the audit file
    address: Literal["tu", "usted", "vos"] | None = None  # the form of address in Spanish
    promotions: list[DeclaredPromotion] = Field(default_factory=list)
    contacts: DeclaredContacts = Field(default_factory=DeclaredContacts)


class _OpenRecord(BaseModel):
    # A scan written by a newer release still loads: unknown keys are kept, not refused.
    model_config = ConfigDict(extra="allow", defer_build=True)


class ScannedFile(_OpenRecord):
    """One material read by the scan: its name as shown (never a path of the machine)."""

    file: str
    channel: str
    kind: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    bytes: Count = 0


class SetAsideFile(_OpenRecord):
    """A file the scan could not read, and why."""

    file: str
    reason: str


class ScanCounts(_OpenRecord):
    """How many files were read, set aside and not materials, and messages per channel."""

    files: Count = 0
    read: Count = 0
    set_aside: Count = 0
    ignored: Count = 0
    messages: dict[str, Count] = Field(default_factory=dict)


class ScanFinding(_OpenRecord):
    """One inconsistency, saved without words: the check, the message's code, the values it
    quotes, and its places as `file:line` or `file (template)`."""

    check: str
    code: str
    severity: Literal["high", "medium", "low", "info"] = "medium"
    channels: list[str] = Field(default_factory=list)
    params: dict[str, Any] = Field(default_factory=dict)
    places: list[str] = Field(default_factory=list)


class BrandScan(_OpenRecord):
    """What `omniready brand` measured in the channels' materials, with its provenance."""

    scanned_at: dt.datetime
    version: str
    folders: list[str] = Field(default_factory=list)
    counts: ScanCounts = Field(default_factory=ScanCounts)
    files: list[ScannedFile] = Field(default_factory=list)
    set_aside: list[SetAsideFile] = Field(default_factory=list)
    # check id → channel → ok | finding (channels the check had nothing to look at are absent).
    matrix: dict[str, dict[str, Literal["ok", "finding"]]] = Field(default_factory=dict)
    # Per channel: messages in each form of address (tu, usted, vos, mixed).
    address: dict[str, dict[str, Count]] = Field(default_factory=dict)
    # Readability per language (es: Fernández-Huerta, en: Flesch) and channel, 0-100.
    readability: dict[str, dict[str, float]] = Field(default_factory=dict)
    # Colours found: CSS value → {count, nearest declared colour, CIEDE2000 distance}.
    palette: dict[str, dict[str, Any]] = Field(default_factory=dict)
    promotions: list[dict[str, Any]] = Field(default_factory=list)
    findings: list[ScanFinding] = Field(default_factory=list)


class BrandStep(Record):
    """Step 5: answers and the brand items."""

    answers: Answers = Field(default_factory=dict)
    items: list[BrandItem] = Field(default_factory=list)
    # The brand as declared, and what `omniready brand` measured against it.
    declared: BrandFacts | None = None
    scan: BrandScan | None = None


class Steps(Record):
    """The five steps of the audit."""

    tools: ToolsStep = Field(default_factory=ToolsStep)
    processes: ProcessesStep = Field(default_factory=ProcessesStep)
    segments: SegmentsStep = Field(default_factory=SegmentsStep)
    metrics: MetricsStep = Field(default_factory=MetricsStep)
    brand: BrandStep = Field(default_factory=BrandStep)

    def answers_of(self, step: str) -> Answers:
        answers: Answers = getattr(self, step).answers
        return answers


class Waiver(Record):
    """A probe condition accepted for one tool until a date, with the reason why."""

    tool: Slug
    condition: str
    reason: str
    expires: dt.date


class Audit(Record):
    """The whole audit file."""

    schema_: int = Field(default=SCHEMA_VERSION, alias="schema")
    checklist: str = "core@2026.1"
    organization: Organization
    assessor: str | None = None
    # Who answers now (`quien` in the interview), kept for the next session.
    respondent: str | None = None
    lang: Lang = "es"
    started: dt.date | None = None
    updated: dt.datetime | None = None
    # Target maturity level (1-5) per step; missing steps use the default target.
    targets: dict[StepId, Annotated[int, Field(ge=1, le=5)]] = Field(default_factory=dict)
    steps: Steps = Field(default_factory=Steps)
    waivers: list[Waiver] = Field(default_factory=list)

    def all_answers(self) -> dict[str, Answer]:
        """Every answer of every step, keyed by question id."""
        merged: dict[str, Answer] = {}
        for step in STEPS:
            merged.update(self.steps.answers_of(step))
        return merged


def dump(audit: Audit) -> dict[str, Any]:
    """The audit as plain data in file order; defaults and empty values are left out."""
    body = audit.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    # schema, checklist and lang always lead, even at their defaults: a reader needs them first.
    head = {"schema": audit.schema_, "checklist": audit.checklist, "lang": audit.lang}
    return head | {k: v for k, v in body.items() if k not in head}
