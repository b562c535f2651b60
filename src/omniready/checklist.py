"""Checklists are data: bilingual questions per step, loaded from YAML into typed records."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from omniready.audit import yamlio
from omniready.audit.model import STEPS, Answer, Audit
from omniready.errors import InputError, Problem
from omniready.texts import Message

QuestionType = Literal["scale", "yesno", "choice", "number", "text"]


class Text(BaseModel):
    """A text in both languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    es: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.es


def read_text_groups(path: Path) -> dict[str, dict[str, Text]]:
    """A YAML file of bilingual words by group (`group: {key: {es, en}}`), errors located."""
    text = yamlio.read_text(path)
    raw = yamlio.parse(text, path)
    try:
        groups = TypeAdapter(dict[str, dict[str, Text]]).validate_python(raw)
    except ValidationError as exc:
        from omniready.audit.store import validation_problems

        raise InputError(validation_problems(exc, path, text)) from None
    return groups


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str
    # None: the option is recorded but not scored (for example "we do not know").
    score: Annotated[float, Field(ge=0, le=1)] | None
    label: Text


class Condition(BaseModel):
    """Ask a question only when another question's answer is one of `in_`."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    question: str
    in_: list[str | bool | int | float] = Field(alias="in")


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[str, Field(pattern=r"^(tools|processes|segments|metrics|brand)\.[a-z0-9-]+$")]
    weight: Annotated[float, Field(ge=0)] = 1.0
    type: QuestionType
    scale: str | None = None
    options: list[Option] = Field(default_factory=list)
    min: float | None = None
    max: float | None = None
    # A count (tools, segments, contacts): only whole numbers fit.
    integer: bool = False
    text: Text
    help: Text | None = None
    remediation: Text | None = None
    applies_if: Condition | None = None
    replaces: list[str] = Field(default_factory=list)

    # Cached: scoring asks a question's step and options hundreds of times per audit. A question
    # is built whole once (load_checklist never copies one with other options), so no cache can
    # go stale.
    @cached_property
    def step(self) -> str:
        return self.id.split(".", 1)[0]

    @cached_property
    def _options_by_value(self) -> dict[str, Option]:
        return {o.value: o for o in self.options}

    @property
    def scored(self) -> bool:
        return self.weight > 0 and self.type in {"scale", "yesno", "choice"}

    def option(self, value: Any) -> Option | None:
        """The option an answer value picks (yes/no answers are YAML booleans)."""
        key = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return self._options_by_value.get(key)


class Checklist(BaseModel):
    """The questions of all five steps, in order, with the set's name and version."""

    model_config = ConfigDict(frozen=True)
    name: str
    version: str
    titles: dict[str, Text]
    questions: list[Question]
    # Ids of questions that were dropped with no successor (their meaning changed): an old file
    # answering one still validates, with a warning; the answer is not used anywhere.
    retired: frozenset[str] = frozenset()

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    @cached_property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def of_step(self, step: str) -> list[Question]:
        """The questions of one step, in order."""
        return list(self._by_step.get(step, ()))

    @cached_property
    def _by_step(self) -> dict[str, tuple[Question, ...]]:
        steps = dict.fromkeys(q.step for q in self.questions)
        return {step: tuple(q for q in self.questions if q.step == step) for step in steps}

    @cached_property
    def renamed(self) -> dict[str, str]:
        """Old question id → current id, from the questions' `replaces` lists."""
        return {old: q.id for q in self.questions for old in q.replaces}

    @cached_property
    def successors(self) -> dict[str, tuple[str, ...]]:
        """Old question id → every current id that replaces it (two or more for a split)."""
        out: dict[str, tuple[str, ...]] = {}
        for question in self.questions:
            for old in question.replaces:
                out[old] = (*out.get(old, ()), question.id)
        return out

    def current_ids(self, qid: str) -> tuple[str, ...]:
        """The current ids a question id stands for: itself, its successors, or none (retired
        or unknown). The one place where an old id is resolved."""
        if qid in self.by_id:
            return (qid,)
        return self.successors.get(qid, ())

    def is_retired(self, qid: str) -> bool:
        """Whether `qid` is a retired question: answers to it are kept in files but not used."""
        return qid in self.retired and qid not in self.by_id


class _ScaleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    set: str
    version: str
    scales: dict[str, list[Option]]


class _StepFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    step: Literal["tools", "processes", "segments", "metrics", "brand"] | None = None
    title: Text | None = None
    questions: list[dict[str, Any]] = Field(default_factory=list)
    # Question ids dropped with no successor: old answers to them validate, with a warning.
    retired: list[str] = Field(default_factory=list)


YESNO = [
    Option(value="true", score=1.0, label=Text(es="Sí", en="Yes")),
    Option(value="false", score=0.0, label=Text(es="No", en="No")),
]


def _read(path: Path, model: type[Any]) -> tuple[Any, str]:
    text = yamlio.read_text(path)
    raw = yamlio.parse(text, path)
    try:
        return model.model_validate(raw), text
    except ValidationError as exc:
        from omniready.audit.store import validation_problems

        raise InputError(validation_problems(exc, path, text)) from None


def load_checklist(extra_dir: str | Path | None = None) -> Checklist:
    """Load the shipped checklists, then add or override questions from `extra_dir`."""
    from omniready.resources import data_dir

    base = data_dir("checklists")
    scales_file: _ScaleFile = _read(base / "core.yaml", _ScaleFile)[0]
    files = [base / f"{step}.yaml" for step in STEPS]
    if extra_dir is not None:
        extra = Path(extra_dir)
        if not extra.is_dir():
            raise InputError.at(extra, Message("checklist.load.no-folder"))
        files += sorted(p for p in extra.iterdir() if p.suffix in {".yaml", ".yml"})
    titles: dict[str, Text] = {}
    retired: set[str] = set()
    # Raw questions by id; an override file may give only some fields, merged over the original.
    merged: dict[str, tuple[dict[str, Any], _Source]] = {}
    for path in files:
        step_file, text = _read(path, _StepFile)
        if step_file.step and step_file.title:
            titles[step_file.step] = step_file.title
        retired.update(step_file.retired)
        for index, raw in enumerate(step_file.questions):
            source = _Source(path, text, index)
            qid = raw.get("id")
            if not isinstance(qid, str):
                raise InputError([source.problem([], Message("checklist.load.no-id"))])
            if step_file.step and not qid.startswith(f"{step_file.step}."):
                raise InputError(
                    [
                        source.problem(
                            ["id"],
                            Message(
                                "checklist.load.wrong-step",
                                {"id": repr(qid), "step": repr(step_file.step)},
                            ),
                        )
                    ]
                )
            earlier = merged.get(qid, ({}, source))[0]
            merged[qid] = ({**earlier, **raw}, source)
    missing = [s for s in STEPS if s not in titles]
    if missing:
        raise InputError.at(base, Message("checklist.load.no-title", {"steps": ", ".join(missing)}))
    questions = [_question(raw, scales_file.scales, src) for raw, src in merged.values()]
    by_id = {q.id for q in questions}
    for question, (_, src) in zip(questions, merged.values(), strict=True):
        if question.applies_if and question.applies_if.question not in by_id:
            target = question.applies_if.question
            raise InputError(
                [
                    src.problem(
                        ["applies_if", "question"],
                        Message("checklist.load.unknown-applies-if", {"id": repr(target)}),
                    )
                ]
            )
    ordered = sorted(questions, key=lambda q: STEPS.index(q.step))
    # A question asked again (an override with a retired id) is current, not retired; so is an
    # old id that a question `replaces:` (its answers carry over).
    replaced = {old for q in questions for old in q.replaces}
    return Checklist(
        name=scales_file.set,
        version=scales_file.version,
        titles=titles,
        questions=ordered,
        retired=frozenset(retired - by_id - replaced),
    )


@dataclass(frozen=True)
class _Source:
    """Where a question was (last) defined, to point errors at it."""

    path: Path
    text: str
    index: int

    def problem(self, loc: list[str | int], message: str | Message) -> Problem:
        return yamlio.problem_at(self.path, self.text, ["questions", self.index, *loc], message)


def _question(raw: dict[str, Any], scales: dict[str, list[Option]], src: _Source) -> Question:
    try:
        question = Question.model_validate(raw)
    except ValidationError as exc:
        from omniready.audit.store import validation_problems

        problems = validation_problems(exc, src.path, src.text, ["questions", src.index])
        raise InputError(
            [
                Problem(p.path, p.line, p.col, f"questions[{src.index}] {p.message}")
                for p in problems
            ]
        ) from None
    options = question.options
    if question.type == "scale":
        if question.scale:
            if question.scale not in scales:
                raise InputError(
                    [
                        src.problem(
                            ["scale"],
                            Message(
                                "checklist.load.unknown-scale", {"scale": repr(question.scale)}
                            ),
                        )
                    ]
                )
            options = scales[question.scale]
        if not options:
            raise InputError(
                [src.problem([], Message("checklist.load.no-options", {"id": question.id}))]
            )
    elif question.type == "yesno":
        options = YESNO
    elif question.type == "choice" and not options:
        raise InputError(
            [src.problem([], Message("checklist.load.no-options", {"id": question.id}))]
        )
    # Built anew rather than model_copy'd: a copy would carry the cached option lookup over.
    return Question.model_validate({**raw, "options": options})


def fits(question: Question, answer: Answer) -> bool:
    """Whether `answer` is a value `question` takes (validate says why one does not)."""
    value = answer.answer
    if value is None:
        return True
    kind = question.type
    if kind == "yesno":
        return isinstance(value, bool)
    if kind in {"scale", "choice"}:
        return not isinstance(value, bool) and question.option(value) is not None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if question.integer and not float(value).is_integer():
            return False
        too_low = question.min is not None and value < question.min
        too_high = question.max is not None and value > question.max
        return not (too_low or too_high)
    return isinstance(value, str)


def current_answers(
    answers: dict[str, Answer], checklist: Checklist
) -> dict[str, tuple[Answer, str | None]]:
    """Answers by current question id, with the old id of a renamed one (`replaces:`).

    A split's old answer goes to each new question it fits; an answer under the current id wins;
    an old answer that fits none of its successors stays under its own (dropped) id.
    """
    successors = checklist.successors
    out: dict[str, tuple[Answer, str | None]] = {}
    renamed: dict[str, tuple[Answer, str]] = {}
    for qid, answer in answers.items():
        if qid in checklist.by_id or qid not in successors:
            out[qid] = (answer, None)
            continue
        fitting = [new_id for new_id in successors[qid] if fits(checklist.by_id[new_id], answer)]
        for new_id in fitting:
            renamed.setdefault(new_id, (answer, qid))
        if not fitting:
            out[qid] = (answer, None)
    for new_id, (answer, old_id) in renamed.items():
        out.setdefault(new_id, (answer, old_id))
    return out


def applies(question: Question, answers: dict[str, Answer]) -> bool:
    """Whether a question applies given the other answers (`applies_if`)."""
    cond = question.applies_if
    if cond is None:
        return True
    other = answers.get(cond.question)
    if other is not None and other.na:
        return False  # the gate itself does not apply, so neither does what it opens
    if other is None or other.answer is None:
        return True  # unknown yet: ask rather than hide
    return _key(other.answer) in {_key(v) for v in cond.in_}


def _key(value: Any) -> str:
    # Compare as YAML writes values, so that `in: [true]` never matches the number 1.
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"number:{float(value)}" if isinstance(value, int | float) else str(value)


def retired_answers(audit: Audit, checklist: Checklist) -> list[tuple[str, str]]:
    """(step, question id) of every answer to a retired question, in the file's order."""
    return [
        (step, qid)
        for step in STEPS
        for qid in audit.steps.answers_of(step)
        if checklist.is_retired(qid)
    ]


def retired_warnings(path: str | Path, checklist: Checklist) -> list[Problem]:
    """A located warning for each answer to a retired question in a (valid) audit file.

    The answer is kept in the file, but no score, finding or report uses it.
    """
    from omniready.audit.store import parse_audit
    from omniready.texts import Message

    text = yamlio.read_text(path)
    if not any(qid in text for qid in checklist.retired):
        return []  # the common case: no need to parse the file again
    out = []
    for step, qid in retired_answers(parse_audit(text, path), checklist):
        where = yamlio.locate(text, ["steps", step, "answers", qid], at_key=True)
        line, col = where if where else (None, None)
        message = Message("checklist.retired.answer-kept", {"question": qid})
        out.append(Problem(str(path), line, col, message))
    return out


def with_current_ids(audit: Audit, checklist: Checklist) -> Audit:
    """The audit as `migrate` writes it: answers to renamed or split questions under their
    current ids (`replaces:`), answers to retired questions dropped (the backup keeps them)."""
    moved = current_answers(audit.all_answers(), checklist)
    per_step: dict[str, dict[str, Answer]] = {step: {} for step in STEPS}
    for step in STEPS:
        for qid in audit.steps.answers_of(step):
            if qid in moved:  # an answer that stayed under its own id keeps its step and place
                per_step[step][qid] = moved.pop(qid)[0]
    for qid, (answer, _) in moved.items():
        per_step[checklist.by_id[qid].step][qid] = answer
    for step, qid in retired_answers(audit, checklist):
        per_step[step].pop(qid, None)
    steps = audit.steps.model_copy(
        update={
            step: getattr(audit.steps, step).model_copy(update={"answers": per_step[step]})
            for step in STEPS
        }
    )
    return audit.model_copy(update={"steps": steps})
