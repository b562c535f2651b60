"""The checklist loader: partial overrides, reference checks and applies_if semantics."""

from __future__ import annotations

from pathlib import Path

import pytest

from omniready.audit.model import Answer
from omniready.checklist import Condition, Question, Text, applies, load_checklist
from omniready.errors import InputError


def extra(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "mine.yaml").write_text(text, encoding="utf-8")
    return folder


def test_an_override_may_change_one_field_only(tmp_path: Path) -> None:
    shipped = load_checklist().by_id["tools.api-available"]
    folder = extra(tmp_path, "questions:\n- id: tools.api-available\n  weight: 9\n")
    changed = load_checklist(folder).by_id["tools.api-available"]
    assert changed.weight == 9
    assert changed.text == shipped.text and changed.options == shipped.options


def test_an_override_in_the_wrong_step_is_located(tmp_path: Path) -> None:
    folder = extra(tmp_path, "step: brand\nquestions:\n- id: tools.api-available\n  weight: 2\n")
    with pytest.raises(InputError) as info:
        load_checklist(folder)
    assert str(info.value.problems[0]) == (
        f"{folder / 'mine.yaml'}:3:7: 'tools.api-available' is not in step 'brand'"
    )


def test_applies_if_must_name_an_existing_question(tmp_path: Path) -> None:
    folder = extra(
        tmp_path,
        "questions:\n- id: tools.new\n  type: yesno\n  text: {es: a, en: a}\n"
        "  applies_if: {question: tools.ghost, in: [true]}\n",
    )
    with pytest.raises(InputError, match=r"mine.yaml:5:26: applies_if names unknown 'tools.ghost'"):
        load_checklist(folder)


def gated(values: list[object]) -> Question:
    return Question(
        id="tools.x",
        type="yesno",
        text=Text(es="x", en="x"),
        applies_if=Condition(question="tools.gate", **{"in": values}),
    )


@pytest.mark.parametrize(
    ("values", "gate", "expected"),
    [
        ([True], Answer(answer=True), True),
        ([True], Answer(answer=False), False),
        (["true"], Answer(answer=True), True),  # a quoted true still means the boolean
        ([True], Answer(answer=1), False),  # the number 1 is not "yes"
        ([3], Answer(answer=3.0), True),
        (["most", "all"], Answer(answer="half"), False),
        ([True], Answer(na=True, note="no aplica"), False),  # gate n/a closes what it opens
        ([True], None, True),  # not answered yet: ask rather than hide
    ],
)
def test_applies_if(values: list[object], gate: Answer | None, expected: bool) -> None:
    answers = {} if gate is None else {"tools.gate": gate}
    assert applies(gated(values), answers) is expected


def test_a_bad_field_in_an_override_is_located_at_its_line(tmp_path: Path) -> None:
    folder = extra(tmp_path, "questions:\n- id: tools.api-available\n  weight: heavy\n")
    with pytest.raises(InputError) as info:
        load_checklist(folder)
    assert str(info.value.problems[0]).startswith(
        f"{folder / 'mine.yaml'}:3:11: questions[0] weight:"
    )
