"""Finding rules: the record of a rule (from rules.yaml) and the context every check reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from omniready import texts
from omniready.assess.model import IntegrationMatrix, QuestionScore, Severity
from omniready.audit import yamlio
from omniready.audit.model import Audit
from omniready.checklist import Checklist, Text
from omniready.errors import InputError, Problem
from omniready.texts import Message, has

RULES_FILE = Path(__file__).resolve().parent / "rules.yaml"

CAUSES_FILE = Path(__file__).resolve().parent / "causes.yaml"

Op = Literal["lt", "lte", "gt", "gte", "eq", "ne", "missing", "present"]
Effort = Literal["S", "M", "L"]
# How a channel serves: advice differs for a counter, a call, a written message or a self-service
# flow (a call-back helps a phone queue, not a store queue).
Mode = Literal["physical", "voice", "written", "self-service"]
StepId = Literal["tools", "processes", "segments", "metrics", "brand"]


class When(BaseModel):
    """A data-only test, as in kube-bench: one kind of subject, one comparison."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # answer: a question's score (0..1) or answer value; channel-metric: a figure per channel.
    kind: Literal["answer", "channel-metric"]
    question: str | None = None
    field: str | None = None
    op: Op
    value: float | str | None = None
    # Compare with another figure of the same channel instead of a fixed value.
    than: str | None = None
    # Only channels whose metrics match these values (for example kind: virtual). A channel's
    # kind is its metrics' `kind` when set, else the vocabulary's (checklists/channels.yaml).
    where: dict[str, str] = Field(default_factory=dict)
    # A threshold per channel kind instead of one `value` ({virtual: 0.1, physical: 0.05});
    # a channel of a kind not listed is not tested.
    by_kind: dict[Literal["virtual", "physical"], float] = Field(default_factory=dict)


class Rule(BaseModel):
    """One finding rule: either a named Python check or a data-only `when` test."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    severity: Severity
    steps: list[StepId]
    title: Text
    # What the roadmap calls this rule's work when it fired on several subjects.
    summary: Text | None = None
    evidence: Text | None = None
    remediation: Text
    check: str | None = None
    when: When | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    # The cause this rule is a symptom of (causes.yaml): findings are one per cause. When left
    # out, the rule is its own cause.
    cause: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    # Remediation per kind of channel (physical, voice, written, self-service), for rules that
    # fire on a channel; `remediation` is the text for any kind not listed.
    remediation_by_mode: dict[Mode, Text] = Field(default_factory=dict)
    # When the audit answers that the usual fix is already in place, advise the next step instead.
    done_when: When | None = None
    remediation_done: Text | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Rule:
        if (self.check is None) == (self.when is None):
            raise ValueError("assess.errors.check-or-when")
        if self.when is not None:
            when = self.when
            if when.kind == "answer" and not when.question:
                raise ValueError("assess.errors.answer-needs-question")
            if when.kind == "channel-metric" and not when.field:
                raise ValueError("assess.errors.metric-needs-field")
            has_threshold = when.value is not None or when.than or when.by_kind
            if when.op not in {"missing", "present"} and not has_threshold:
                raise ValueError("assess.errors.op-needs-value")
        if (self.done_when is None) != (self.remediation_done is None):
            raise ValueError("assess.errors.done-when-pair")
        if self.done_when is not None and self.done_when.kind != "answer":
            raise ValueError("assess.errors.done-when-answer")
        return self

    @property
    def cross_step(self) -> bool:
        """Whether the rule combines facts of two or more steps."""
        return len(set(self.steps)) >= 2


class Cause(BaseModel):
    """A cause a consultant names: the finding that groups every rule that shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    # The roadmap's action for this cause, in the imperative.
    action: Text
    effort: Effort = "M"
    # Questions whose answers this action raises (its expected gain is theirs).
    closes: list[str] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a rule fires: a subject key (part of the finding id), text params and evidence."""

    subject: str
    params: dict[str, Any] = field(default_factory=dict)
    subjects: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    # Departments or roles the audit names for this place (journey step owners, tool owners).
    owners: tuple[str, ...] = ()
    # The kind of channel (physical, voice, written, self-service) when the hit is a channel.
    mode: str | None = None
    # A cause other than the rule's own, for checks whose hits belong to different causes.
    cause: str | None = None


@dataclass(frozen=True)
class Context:
    """What a check may read: the audit, the question scores and the integration matrix."""

    audit: Audit
    questions: dict[str, QuestionScore]
    matrix: IntegrationMatrix
    # Resolves a question id a rule names that was renamed or split (`replaces:`); without it,
    # only current ids are found.
    checklist: Checklist | None = None

    @cached_property
    def tools(self) -> dict[str, Any]:
        """Inventory tools by id."""
        return {t.id: t for t in self.audit.steps.tools.inventory}

    def tool(self, tool_id: str) -> Any:
        """One inventory tool by id."""
        return self.tools[tool_id]

    @cached_property
    def tool_channels(self) -> dict[str, list[str]]:
        """Channel → ids of the tools that serve it, in inventory order."""
        out: dict[str, list[str]] = {}
        for tool in self.audit.steps.tools.inventory:
            for channel in tool.channels:
                out.setdefault(channel, []).append(tool.id)
        return out

    @cached_property
    def customer_channels(self) -> list[str]:
        """Channels customers use: served by a tool, walked in a journey or measured, sorted."""
        steps = self.audit.steps
        found = set(self.tool_channels) | set(steps.metrics.channels)
        found |= {s.channel for j in steps.processes.journeys for s in j.steps}
        return sorted(found)

    def question(self, question_id: str) -> QuestionScore | None:
        """How a question counted, by its id or by an id it replaced (`replaces:`).

        An old id of a split question stands for the weaker of its halves: the old question
        asked both at once, so it held only as far as the weaker one does.
        """
        found = self.questions.get(question_id)
        if found is not None or self.checklist is None:
            return found
        halves = [
            self.questions[q]
            for q in self.checklist.current_ids(question_id)
            if q in self.questions
        ]
        scored = [q for q in halves if q.score is not None]
        if scored:
            return min(scored, key=lambda q: q.score or 0.0)
        return halves[0] if halves else None

    def score(self, question_id: str) -> float | None:
        """A question's 0..1 score; None when it is not scored (unanswered, n/a, unknown)."""
        question = self.question(question_id)
        return question.score if question is not None else None

    def mode(self, channel: str) -> Mode:
        """How a channel serves: physical, voice, written or self-service."""
        metrics = self.audit.steps.metrics.channels.get(channel)
        kind: str | None = metrics.kind if metrics is not None else None
        if kind is None:
            from omniready import channels

            known = channels.known().get(channel)
            kind = known.kind if known else None
        if kind == "physical":
            return "physical"
        return CHANNEL_MODES.get(channel, "written")

    @cached_property
    def journey_steps(self) -> dict[str, list[tuple[Any, int, Any]]]:
        """Channel → (journey, step index, step) of every journey step on that channel."""
        out: dict[str, list[tuple[Any, int, Any]]] = {}
        for journey in self.audit.steps.processes.journeys:
            for i, step in enumerate(journey.steps):
                out.setdefault(step.channel, []).append((journey, i, step))
        return out

    @cached_property
    def preferred_by(self) -> dict[str, list[Any]]:
        """Channel → the segments that prefer it, in the audit's order."""
        out: dict[str, list[Any]] = {}
        for segment in self.audit.steps.segments.segments:
            for channel in segment.preferred_channels:
                out.setdefault(channel, []).append(segment)
        return out


# Virtual channels that are not written: a voice queue and self-service flows. Physical channels
# come from their kind (metrics or checklists/channels.yaml); every other channel is written.
CHANNEL_MODES: dict[str, Mode] = {"phone": "voice", "web": "self-service", "app": "self-service"}


def fill(text: Text, params: dict[str, Any]) -> Text:
    """A rule text with its {names} filled; an unknown {name} stays as it is.

    A param given as a `Text` (a channel's name, a phase) is filled in each text's language.
    """
    return Text.model_construct(
        es=text.es.format_map(_Params(params, "es")), en=text.en.format_map(_Params(params, "en"))
    )


class _Params(dict[str, Any]):
    def __init__(self, params: dict[str, Any], lang: str) -> None:
        super().__init__({k: v(lang) if isinstance(v, Text) else v for k, v in params.items()})

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


Check = Callable[[Context, dict[str, Any]], list[Hit]]


def catalogued(rule_id: str) -> dict[str, Any]:
    """A rule's texts from the catalogue (texts/<lang>/findings.yaml) as rule fields {es, en}."""
    es, en = texts.group(f"findings.{rule_id}", "es"), texts.group(f"findings.{rule_id}", "en")
    found: dict[str, Any] = {}
    for key, value in es.items():
        both = {"es": value, "en": en[key]}
        scope, _, mode = key.partition(".")
        if mode:  # remediation-by-mode.<mode>
            found.setdefault(scope.replace("-", "_"), {})[mode] = both
        else:
            found[key.replace("-", "_")] = both
    return found


def parse_rules(raw: Any, source: str | Path, text: str | None = None) -> list[Rule]:
    """Validate a list of rule entries; errors name the file, and the line when `text` is given."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError.at(source, Message("assess.errors.rules-not-a-list"), 1, 1)
    rules = []
    for index, entry in enumerate(raw):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            # The rule's sentences live in the catalogue; a rules file may still carry its own.
            entry = {**catalogued(entry["id"]), **entry}
        try:
            rules.append(Rule.model_validate(entry))
        except ValidationError as exc:
            if text is None:
                problem = _said(exc.errors()[0]["msg"])
                raise InputError.at(
                    source, Message("assess.errors.rule", {"index": index, "problem": problem})
                ) from None
            raise InputError(_problems(exc, index, source, text)) from None
    return rules


def _problems(exc: ValidationError, index: int, source: str | Path, text: str) -> list[Problem]:
    """Each validation error of entry `index`, located at its line in the rules file."""
    out = []
    for error in exc.errors(include_url=False):
        loc: list[str | int] = [index, *error["loc"]]
        where = ".".join(str(p) for p in error["loc"]) or "(entry)"
        found = yamlio.locate(text, loc)
        line, col = found if found else (None, None)
        params = {"index": index, "where": where, "problem": _said(error["msg"])}
        out.append(Problem(str(source), line, col, Message("assess.errors.rule-field", params)))
    return out


def _said(message: str) -> str | Message:
    """A validation message: a catalogue key raised by a rule's own checks, in the run's
    language; pydantic's own wording as it is."""
    said = str(message).removeprefix("Value error, ")
    return Message(said) if has(said, "en") else said


def _cause_texts(entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        return {}
    key = f"assess.causes.{entry['id']}"
    return {
        name: {"es": texts.text(f"{key}.{name}", "es"), "en": texts.text(f"{key}.{name}", "en")}
        for name in ("title", "action")
        if has(f"{key}.{name}", "es")
    }


@lru_cache(maxsize=1)
def shipped_causes() -> dict[str, Cause]:
    """The causes shipped in causes.yaml, by id."""
    raw = yamlio.parse(CAUSES_FILE.read_text(encoding="utf-8"), CAUSES_FILE) or []
    try:
        # A cause's title and action live in the catalogue (assess.causes.<id>).
        causes = [Cause.model_validate({**_cause_texts(entry), **entry}) for entry in raw]
    except ValidationError as exc:
        problem = _said(exc.errors()[0]["msg"])
        message = Message("assess.errors.cause", {"problem": problem})
        raise InputError.at(CAUSES_FILE, message) from None
    return {c.id: c for c in causes}


@lru_cache(maxsize=1)
def shipped_rules() -> tuple[Rule, ...]:
    """The rules shipped in rules.yaml."""
    return tuple(
        parse_rules(yamlio.parse(RULES_FILE.read_text(encoding="utf-8"), RULES_FILE), RULES_FILE)
    )


def load_rules(extra: str | Path | None = None) -> tuple[Rule, ...]:
    """The shipped rules, plus (or replaced by id with) the entries of an extra YAML file."""
    rules = {r.id: r for r in shipped_rules()}
    if extra is not None:
        text = yamlio.read_text(extra)
        from omniready.assess.checks import CHECKS

        for rule in parse_rules(yamlio.parse(text, extra), extra, text):
            if rule.check is not None and rule.check not in CHECKS:
                known = ", ".join(sorted(CHECKS))
                params = {"rule": rule.id, "check": rule.check, "known": known}
                raise InputError.at(extra, Message("assess.errors.unknown-check", params))
            rules[rule.id] = rule
    return tuple(rules.values())
