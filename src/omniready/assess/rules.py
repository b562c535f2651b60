"""Finding rules: the record of a rule (from rules.yaml) and the context every check reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from omniready.assess.model import IntegrationMatrix, QuestionScore, Severity
from omniready.audit import yamlio
from omniready.audit.model import Audit
from omniready.checklist import Text
from omniready.errors import InputError, Problem

RULES_FILE = Path(__file__).resolve().parent / "rules.yaml"

Op = Literal["lt", "lte", "gt", "gte", "eq", "ne", "missing", "present"]


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
    steps: list[Literal["tools", "processes", "segments", "metrics", "brand"]]
    title: Text
    # What the roadmap calls this rule's work when it fired on several subjects.
    summary: Text | None = None
    evidence: Text | None = None
    remediation: Text
    check: str | None = None
    when: When | None = None
    params: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_test(self) -> Rule:
        if (self.check is None) == (self.when is None):
            raise ValueError("a rule needs exactly one of `check` (code) or `when` (data)")
        if self.when is not None:
            when = self.when
            if when.kind == "answer" and not when.question:
                raise ValueError("a `when` of kind answer needs `question`")
            if when.kind == "channel-metric" and not when.field:
                raise ValueError("a `when` of kind channel-metric needs `field`")
            has_threshold = when.value is not None or when.than or when.by_kind
            if when.op not in {"missing", "present"} and not has_threshold:
                raise ValueError(f"op {when.op} needs `value` (or `than`, or `by_kind`)")
        return self


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a rule fires: a subject key (part of the finding id), text params and evidence."""

    subject: str
    params: dict[str, Any] = field(default_factory=dict)
    subjects: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a check may read: the audit, the question scores and the integration matrix."""

    audit: Audit
    questions: dict[str, QuestionScore]
    matrix: IntegrationMatrix

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


def parse_rules(raw: Any, source: str | Path, text: str | None = None) -> list[Rule]:
    """Validate a list of rule entries; errors name the file, and the line when `text` is given."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError.at(source, "a rules file is a list of rules (- id: ...)", 1, 1)
    rules = []
    for index, entry in enumerate(raw):
        try:
            rules.append(Rule.model_validate(entry))
        except ValidationError as exc:
            if text is None:
                raise InputError.at(source, f"rule {index}: {exc.errors()[0]['msg']}") from None
            raise InputError(_problems(exc, index, source, text)) from None
    return rules


def _problems(exc: ValidationError, index: int, source: str | Path, text: str) -> list[Problem]:
    """Each validation error of entry `index`, located at its line in the rules file."""
    out = []
    for error in exc.errors(include_url=False):
        loc: list[str | int] = [index, *error["loc"]]
        where = ".".join(str(p) for p in error["loc"]) or "(entry)"
        message = str(error["msg"]).removeprefix("Value error, ")
        out.append(yamlio.problem_at(source, text, loc, f"rule {index} {where}: {message}"))
    return out


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
                raise InputError.at(
                    extra, f"rule {rule.id}: unknown check {rule.check!r} (known: {known})"
                )
            rules[rule.id] = rule
    return tuple(rules.values())
