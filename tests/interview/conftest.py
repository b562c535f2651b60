"""Shared data for the interview tests: a small checklist built in code, and a scripted terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text as RichText

from omniready.audit.model import STEPS, Audit, Organization
from omniready.checklist import YESNO, Checklist, Condition, Option, Question, Text
from omniready.interview.terminal import prompt_line

COVERAGE = [
    Option(value="none", score=0, label=Text(es="Nada", en="None")),
    Option(value="half", score=0.5, label=Text(es="La mitad", en="Half")),
    Option(value="all", score=1, label=Text(es="Todo", en="All")),
]


def _q(qid: str, kind: str = "scale", **extra: Any) -> Question:
    options = {"scale": COVERAGE, "yesno": YESNO, "choice": COVERAGE}.get(kind, [])
    return Question(
        id=qid,
        type=kind,
        options=options,  # type: ignore[arg-type]
        text=Text(es=f"¿{qid}?", en=f"{qid}?"),
        **extra,
    )


def small_checklist() -> Checklist:
    """Two questions per step; tools.b applies only when tools.a is yes."""
    questions = [
        _q("tools.a", "yesno"),
        _q("tools.b", applies_if=Condition.model_validate({"question": "tools.a", "in": [True]})),
        _q("processes.a"),
        _q("processes.b", "text"),
        _q("segments.a"),
        _q("segments.b", "number", min=0, max=50),
        _q("metrics.a"),
        _q("metrics.b", "number", min=0, max=1),
        _q("brand.a", "choice"),
        _q("brand.b"),
    ]
    titles = {s: Text(es=s.capitalize(), en=s.capitalize()) for s in STEPS}
    return Checklist(name="t", version="1", titles=titles, questions=questions)


@pytest.fixture
def small() -> Checklist:
    return small_checklist()


@pytest.fixture
def blank() -> Audit:
    return Audit(organization=Organization(name="Acme"))


class ScriptedTerminal:
    """A Terminal that answers from a list of lines and records what was shown.

    After the lines run out it raises `then` (EOFError by default, KeyboardInterrupt for Ctrl-C).
    """

    def __init__(self, lines: Iterable[str], then: type[BaseException] = EOFError) -> None:
        self.lines = list(lines)
        self.then = then
        self.console = Console(record=True, width=100, color_system=None)
        self.prompts: list[str] = []

    def show(self, *items: Any) -> None:
        for item in items:
            self.console.print(item, soft_wrap=isinstance(item, RichText) and bool(item.no_wrap))

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        self.console.print(prompt_line(prompt), end="", markup=False)
        if not self.lines:
            raise self.then()
        line = self.lines.pop(0)
        self.console.print(line, markup=False)
        return line

    @property
    def screen(self) -> str:
        return self.console.export_text(clear=False)


@pytest.fixture
def scripted() -> type[ScriptedTerminal]:
    return ScriptedTerminal
