"""Typed change records of a semantic diff between two audits; the formats read only these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from omniready.assess.model import Level
from omniready.checklist import Text

Scalar = str | int | float | bool | None
Kind = Literal["added", "removed", "changed"]
KINDS: tuple[Kind, ...] = ("added", "removed", "changed")
# Whether a figure that moved, moved the good way: the direction is data (metrics.yaml).
Verdict = Literal["better", "worse", "neutral"]

SIGN: dict[str, str] = {"added": "+", "removed": "-", "changed": "±"}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One fact of a record that differs: its dotted field name, old value → new value."""

    field: str
    old: Scalar
    new: Scalar


@dataclass(frozen=True, slots=True)
class ScoreDelta:
    """A score (0-100) and level before and after; None when nothing was scored."""

    old: float | None
    new: float | None
    level_old: Level | None = None
    level_new: Level | None = None

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return round(self.new - self.old, 1)


@dataclass(frozen=True, slots=True)
class StepDelta:
    """One step's score and level, old → new."""

    step: str
    title: Text
    score: ScoreDelta


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """A question whose answer differs; values are as written ("most", "yes", "n/a", "skipped")."""

    question: str
    step: str
    kind: Kind
    text: Text | None  # None: the current checklist no longer has this question
    old: str | None
    new: str | None
    score_old: float | None  # 0-100 share of the question's weight earned; None when not scored
    score_new: float | None
    renamed_from: str | None = None  # old id of a renamed or split question (`replaces:`)
    fields: tuple[FieldChange, ...] = ()  # evidence, respondent, note (with --include-notes)
    # The checklist's option labels of `old` and `new` ("Sí", "La mitad"); None for a number,
    # a text, n/a, skipped, or a question no longer in the checklist.
    old_label: Text | None = None
    new_label: Text | None = None

    @property
    def delta(self) -> float | None:
        if self.score_old is None or self.score_new is None:
            return None
        return round(self.score_new - self.score_old, 1)


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A tool, journey, segment or brand item added, removed or changed, matched by id."""

    section: str  # tools | journeys | segments | brand | waivers
    id: str
    name: str | None
    kind: Kind
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class MetricChange:
    """One figure of one channel, old → new, and whether that is better."""

    channel: str
    metric: str
    old: Scalar
    new: Scalar
    verdict: Verdict

    @property
    def delta(self) -> float | None:
        numbers = (int, float)
        if (
            isinstance(self.old, numbers)
            and isinstance(self.new, numbers)
            and not isinstance(self.old, bool)
            and not isinstance(self.new, bool)
        ):
            return round(float(self.new) - float(self.old), 6)
        return None


@dataclass(frozen=True, slots=True)
class FindingChange:
    """A finding that appeared or went away between the two audits."""

    id: str
    severity: str
    title: Text
    steps: tuple[str, ...]
    status: Literal["resolved", "new"]


@dataclass(frozen=True, slots=True)
class RoadmapChange:
    """A roadmap item opened, closed, regressed, or gone from the roadmap while still open.

    closed: every question it raises now scores at least what closes it and its findings are
    gone; regressed: one of its answers got worse (never "closed"); open: it left the roadmap
    (merged into another action, or its step reached its target) with its work not done.
    """

    id: str
    horizon: str
    title: Text
    steps: tuple[str, ...]
    status: Literal["closed", "new", "regressed", "open"]


@dataclass(frozen=True, slots=True)
class ScanCellChange:
    """One check in one channel of the brand scan that appeared, went away or changed state.

    added: the check examined the channel only in the new scan; removed: only in the old one;
    changed: ok ↔ finding. `old` and `new` are the scan's states (ok | finding).
    """

    check: str
    title: Text
    channel: str
    kind: Kind
    old: str | None
    new: str | None

    @property
    def verdict(self) -> Verdict:
        if self.old is None or self.new is None or self.old == self.new:
            return "neutral"
        return "better" if self.new == "ok" else "worse"


@dataclass(frozen=True, slots=True)
class AddressShareChange:
    """The share (0-1) of one channel's messages in one form of address, old → new."""

    channel: str
    form: str  # tu | usted | vos | mixed
    old: float | None  # None: the channel had no messages with a form of address in that scan
    new: float | None

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return round(self.new - self.old, 3)


@dataclass(frozen=True, slots=True)
class FindingCountChange:
    """How many findings one check of the brand scan raised, old → new."""

    check: str
    title: Text
    old: int | None  # None: that audit has no scan, so nothing to judge the count against
    new: int | None

    @property
    def verdict(self) -> Verdict:
        if self.old is None or self.new is None or self.old == self.new:
            return "neutral"
        return "better" if self.new < self.old else "worse"


@dataclass(frozen=True, slots=True)
class ScanDiff:
    """What moved between the brand scans of two audits (`omniready brand`).

    A side without a scan has no date and counts as a scan that examined nothing.
    """

    scanned_old: dt.date | None
    scanned_new: dt.date | None
    cells: tuple[ScanCellChange, ...] = ()
    address: tuple[AddressShareChange, ...] = ()
    counts: tuple[FindingCountChange, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the two scans agree on every cell, share and count."""
        return not (self.cells or self.address or self.counts)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """Why two audits may not be comparable: a different organization or checklist set."""

    kind: Literal["organization", "checklist", "metrics-definitions", "metrics-mapping"]
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class AuditDiff:
    """Everything that changed between two audits, in a stable order."""

    organization_old: str
    organization_new: str
    checklist_old: str
    checklist_new: str
    overall: ScoreDelta
    steps: tuple[StepDelta, ...]
    answers: tuple[AnswerChange, ...] = ()
    records: tuple[RecordChange, ...] = ()
    metrics: tuple[MetricChange, ...] = ()
    findings: tuple[FindingChange, ...] = ()
    roadmap: tuple[RoadmapChange, ...] = ()
    warnings: tuple[Mismatch, ...] = field(default_factory=tuple)
    scan: ScanDiff | None = None  # None: neither audit has a brand scan

    def records_of(self, section: str, kind: Kind | None = None) -> list[RecordChange]:
        """Record changes of one section, optionally of one kind."""
        return [
            r for r in self.records if r.section == section and (kind is None or r.kind == kind)
        ]

    @property
    def empty(self) -> bool:
        """Whether nothing but unchanged scores was found."""
        return not (
            self.answers
            or self.records
            or self.metrics
            or self.findings
            or self.roadmap
            or (self.scan is not None and not self.scan.empty)
            or any(s.score.delta for s in self.steps)
            or self.overall.delta
        )


@dataclass(frozen=True, slots=True)
class Regression:
    """Why the new audit is worse: a score that dropped, or a new high-severity finding.

    The formats word it in the chosen language; `step` is the step id of a step's drop,
    `finding` the id of a new finding (or of a regressed roadmap item).
    """

    kind: Literal["overall", "step", "finding", "roadmap"]
    step: str | None = None
    old: float | None = None
    new: float | None = None
    delta: float | None = None
    finding: str | None = None


def regressions(diff: AuditDiff, threshold: float = 0) -> list[Regression]:
    """Score drops beyond `threshold` points and new high-severity findings, overall first."""
    found: list[Regression] = []
    scores: list[tuple[Literal["overall", "step"], str | None, ScoreDelta]] = [
        ("overall", None, diff.overall),
        *(("step", s.step, s.score) for s in diff.steps),
    ]
    for kind, step, score in scores:
        if score.delta is not None and score.delta < -threshold:
            found.append(Regression(kind, step, score.old, score.new, score.delta))
    for finding in diff.findings:
        if finding.status == "new" and finding.severity == "high":
            found.append(Regression("finding", finding=finding.id))
    # A regressed action counts as its steps' scores do: when one of them dropped beyond the
    # threshold (it is listed under the roadmap whatever the threshold).
    drops = {s.step: s.score.delta for s in diff.steps if s.score.delta is not None}
    for item in diff.roadmap:
        worst = min((drops.get(s, 0.0) for s in item.steps), default=0.0)
        if item.status == "regressed" and worst < -threshold:
            found.append(Regression("roadmap", delta=worst, finding=item.id))
    return found
