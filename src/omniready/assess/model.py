"""Typed records of an assessment: what the renderers and `diff` read, never the audit itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

from omniready.checklist import Text

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
Horizon = Literal["30d", "1-3m", "3-12m"]
HORIZONS: tuple[Horizon, ...] = ("30d", "1-3m", "3-12m")
# How a question counted: scored; answered "unknown" (recorded, not scored); not applicable
# (answered n/a, or its applies_if condition is false); unanswered; or a type that is never scored.
QuestionStatus = Literal["scored", "unknown", "na", "not-asked", "unanswered", "info"]
# How sure we are that a tool can send (emit) or take in (receive) events, best first.
Confidence = Literal["verified", "claimed", "unconfirmed", "none"]
CONFIDENCES: tuple[Confidence, ...] = ("verified", "claimed", "unconfirmed", "none")


@dataclass(frozen=True, slots=True)
class Level:
    """A maturity level 1-5 with its name in both languages."""

    number: int
    name: Text


@dataclass(frozen=True, slots=True)
class QuestionScore:
    """How one question counted; `score` is 0..1, or None when it is left out of the score."""

    id: str
    step: str
    weight: float
    status: QuestionStatus
    score: float | None
    answer: str | None
    text: Text
    remediation: Text | None = None
    note: str | None = None
    # The chosen option's label in both languages (None for free answers and numbers).
    answer_label: Text | None = None
    # Who answered (a department or role): the roadmap's owner for this question's action.
    respondent: str | None = None


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """A question left out of the score, and why (the interviewer's note or the condition)."""

    question: str
    text: Text
    reason: Text


@dataclass(frozen=True, slots=True)
class StepScore:
    """One step: weighted score 0-100 (None when nothing scored), level, target and coverage."""

    step: str
    title: Text
    weight: float
    score: float | None
    level: Level | None
    target: Level
    coverage: float
    answered: int
    total: int
    scored: int
    na: tuple[NotApplicable, ...] = ()
    # Applicable questions with no answer yet, by id: left out of the score, listed in reports.
    unanswered: tuple[str, ...] = ()

    @property
    def below_target(self) -> bool:
        """Whether the step has not reached its target (unscored steps count as below)."""
        return self.level is None or self.level.number < self.target.number


@dataclass(frozen=True, slots=True)
class Finding:
    """One cause: how bad, every place it shows (its evidence), who owns it and what to do."""

    id: str
    rule: str
    severity: Severity
    steps: tuple[str, ...]
    title: Text
    evidence: Text
    remediation: Text
    subjects: tuple[str, ...]
    questions: tuple[str, ...] = ()
    # The values the rule's texts were filled with (channel, tool, journey...), in both
    # languages. Left out of ==/hash: they follow from the id, and a dict would make findings
    # unhashable.
    params: dict[str, Text] = field(default_factory=dict, compare=False, hash=False)
    # Every rule that showed this cause, most severe first.
    rules: tuple[str, ...] = ()
    # One line per place the cause shows (a journey, a channel, an answer), in words.
    details: tuple[Text, ...] = ()
    # Departments or roles the audit names where it shows.
    owners: tuple[str, ...] = ()
    effort: str = "M"
    # What to do about it, in the imperative (the roadmap item's title).
    action: Text | None = None
    # Whether a rule that combines facts of two or more steps showed it.
    cross_step: bool = False


@dataclass(frozen=True, slots=True)
class RuleError:
    """A rule that failed on this audit: reported, left out, never a crash of the whole report."""

    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class RoadmapItem:
    """An action: what to do (imperative title), what it closes, who, how big, what it gains."""

    id: str
    horizon: Horizon
    impact: float
    steps: tuple[str, ...]
    title: Text
    remediation: Text
    findings: tuple[str, ...] = ()
    # Questions this action raises; it is closed when each scores at least `closes_at`.
    questions: tuple[str, ...] = ()
    closes_at: float = 1.0
    # The department or role from the audit; None when the audit names nobody ("to assign").
    owner: str | None = None
    effort: str = "M"
    # Expected gain of the overall score, and of each step it moves, in points (0-100 scale).
    gain: float = 0.0
    step_gains: tuple[tuple[str, float], ...] = ()
    # A prerequisite of the method (know the tools before integrating, map procedures before
    # automating, count unique users before segmenting): first, whatever the step's target.
    prerequisite: bool = False


@dataclass(frozen=True, slots=True)
class ToolIntegration:
    """What one tool can do for event flows, and the evidence behind it."""

    id: str
    name: str
    channels: tuple[str, ...]
    emits: Confidence
    receives: Confidence
    emits_evidence: Text  # why, in both languages (assess.matrix.* in the catalogue)
    receives_evidence: Text


def weakest(a: Confidence, b: Confidence) -> Confidence:
    """The less certain of two confidences."""
    return a if CONFIDENCES.index(a) >= CONFIDENCES.index(b) else b


@dataclass(frozen=True, slots=True)
class IntegrationMatrix:
    """Events flow from A to B when A emits (webhooks) and B receives (API); as sure as the weaker.

    The matrix is stored per tool (n entries, not n^2): `flow` derives any cell.
    """

    tools: tuple[ToolIntegration, ...] = ()

    def flow(self, source: str, target: str) -> Confidence:
        """How sure we are that events can flow from `source` to `target`."""
        if source == target:
            return "none"
        by_id = {t.id: t for t in self.tools}
        return weakest(by_id[source].emits, by_id[target].receives)

    def rows(self) -> list[tuple[ToolIntegration, list[Confidence]]]:
        """Every tool with its flow to every tool, in inventory order (diagonal is none)."""
        return [
            (a, [("none" if a.id == b.id else weakest(a.emits, b.receives)) for b in self.tools])
            for a in self.tools
        ]

    def reach(self) -> list[tuple[ToolIntegration, int, int]]:
        """Each tool with how many other tools it can send events to, and receive them from."""
        senders = sum(1 for t in self.tools if t.emits != "none")
        takers = sum(1 for t in self.tools if t.receives != "none")
        out = []
        for tool in self.tools:
            # A tool never flows to itself: leave it out of the counts of the others.
            to = 0 if tool.emits == "none" else takers - (tool.receives != "none")
            into = 0 if tool.receives == "none" else senders - (tool.emits != "none")
            out.append((tool, to, into))
        return out


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything the reports show, computed from one audit and the checklists."""

    organization: str
    checklist: str
    score: float | None
    level: Level | None
    steps: tuple[StepScore, ...]
    questions: tuple[QuestionScore, ...]
    findings: tuple[Finding, ...]
    roadmap: tuple[RoadmapItem, ...]
    matrix: IntegrationMatrix = field(default_factory=IntegrationMatrix)
    errors: tuple[RuleError, ...] = ()
    # Overall coverage: answered ÷ applicable questions over all steps (n/a counts as answered).
    coverage: float = 0.0
    answered: int = 0
    total: int = 0
    # The policy's threshold below which the score is provisional (policy.yaml coverage_warning).
    coverage_min: float = 0.0
    # The overall score once the first horizon's actions are done (their questions at full marks).
    score_after_first: float | None = None
    # Tools whose probe is older than the policy's max_probe_age_days on `as_of`.
    stale_probes: tuple[str, ...] = ()
    as_of: dt.date | None = None

    @property
    def unscored_steps(self) -> tuple[str, ...]:
        """Steps with no score (nothing scored in them)."""
        return tuple(s.step for s in self.steps if s.score is None)

    @property
    def provisional(self) -> bool:
        """Whether the score rests on too few answers: coverage below the policy's threshold,
        or a step without a score."""
        return self.coverage < self.coverage_min or bool(self.unscored_steps)

    def step(self, step: str) -> StepScore:
        """The score of one step by id."""
        return next(s for s in self.steps if s.step == step)

    def question(self, question_id: str) -> QuestionScore:
        """The score of one question by id."""
        return next(q for q in self.questions if q.id == question_id)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


def to_data(value: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, scalars) from assessment records."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {name: to_data(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, Text):
        return {"es": value.es, "en": value.en}
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value
