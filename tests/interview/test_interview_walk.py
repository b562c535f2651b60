"""The walk as pure functions: order, back, resume, applies_if, and what each input does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from omniready.audit.model import Audit
from omniready.checklist import Checklist
from omniready.interview import apply, parse, walk
from omniready.interview.parse import BadValue
from omniready.interview.walk import Stop


def q(checklist: Checklist, qid: str) -> Stop:
    question = checklist.by_id[qid]
    return Stop(question.step, question)


def ids(stops: list[Stop]) -> list[str]:
    return [s.question.id if s.question else f"{s.step}:records" for s in stops]


def test_walk_is_each_steps_questions_then_its_records(small: Checklist, blank: Audit) -> None:
    assert ids(walk.stops(small, blank)) == [
        "tools.a",
        "tools.b",
        "tools:records",
        "processes.a",
        "processes.b",
        "processes:records",
        "segments.a",
        "segments.b",
        "segments:records",
        "metrics.a",
        "metrics.b",
        "metrics:records",
        "brand.a",
        "brand.b",
        "brand:records",
    ]


def test_applies_if_hides_a_question_once_the_gate_says_no(small: Checklist, blank: Audit) -> None:
    no = apply.give(blank, small.by_id["tools.a"], False)
    assert "tools.b" not in ids(walk.stops(small, no))
    nxt = walk.after(small, no, q(small, "tools.a"))
    assert nxt == Stop("tools")  # straight to the step's records
    yes = apply.give(blank, small.by_id["tools.a"], True)
    assert walk.after(small, yes, q(small, "tools.a")) == q(small, "tools.b")


def test_back_and_next_cross_steps_through_the_records(small: Checklist, blank: Audit) -> None:
    assert walk.before(small, blank, q(small, "processes.a")) == Stop("tools")
    assert walk.before(small, blank, Stop("tools")) == q(small, "tools.b")
    assert walk.before(small, blank, q(small, "tools.a")) is None
    assert walk.after(small, blank, Stop("brand")) is None


def test_back_still_works_when_the_current_question_stopped_applying(
    small: Checklist, blank: Audit
) -> None:
    no = apply.give(blank, small.by_id["tools.a"], False)
    # tools.b no longer applies, yet a stop on it still knows its neighbours by checklist order.
    assert walk.before(small, no, q(small, "tools.b")) == q(small, "tools.a")
    assert walk.after(small, no, q(small, "tools.b")) == Stop("tools")


def test_resume_starts_at_the_first_unanswered_question(small: Checklist, blank: Audit) -> None:
    assert walk.resume_at(small, blank) == q(small, "tools.a")
    audit = apply.give(blank, small.by_id["tools.a"], True)
    audit = apply.pass_over(audit, small.by_id["tools.b"])  # skipped is still unanswered
    audit = apply.give(audit, small.by_id["processes.a"], "all")
    assert walk.resume_at(small, audit) == q(small, "tools.b")
    audit = apply.mark_na(audit, small.by_id["tools.b"], "no marketplaces")
    assert walk.resume_at(small, audit) == q(small, "processes.b")


def test_resume_when_all_answered_goes_to_the_first_step_without_records(
    small: Checklist, blank: Audit
) -> None:
    audit = blank
    for question in small.questions:
        audit = apply.mark_na(audit, question, "n/a here")
    assert walk.missing(small, audit) == []
    assert walk.resume_at(small, audit) == Stop("tools")


def test_progress_counts_only_questions_that_apply(small: Checklist, blank: Audit) -> None:
    audit = apply.give(blank, small.by_id["tools.a"], False)
    where = walk.progress(small, audit, q(small, "processes.b"))
    assert (where.step_no, where.step_count) == (2, 5)
    assert (where.question_no, where.question_count) == (2, 2)
    assert (where.answered, where.total) == (1, 9)


def test_answer_na_note_skip_clear_keep_the_file_rules(small: Checklist, blank: Audit) -> None:
    question = small.by_id["processes.a"]
    audit = apply.set_note(blank, question, "  only e-commerce ")
    audit = apply.pass_over(audit, question)
    answer = audit.steps.processes.answers["processes.a"]
    assert (answer.skipped, answer.note, answer.is_answered) == (True, "only e-commerce", False)
    audit = apply.give(audit, question, "half", respondent="IT")
    answer = audit.steps.processes.answers["processes.a"]
    assert (answer.answer, answer.skipped, answer.note, answer.respondent) == (
        "half",
        False,
        "only e-commerce",
        "IT",
    )
    audit = apply.add_evidence(audit, question, "crm-export.xlsx")
    audit = apply.add_evidence(audit, question, "crm-export.xlsx")  # no duplicate
    assert audit.steps.processes.answers["processes.a"].evidence == ["crm-export.xlsx"]
    audit = apply.mark_na(audit, question, "no stores")
    answer = audit.steps.processes.answers["processes.a"]
    assert (answer.na, answer.answer, answer.note) == (True, None, "no stores")
    assert apply.set_note(audit, question, "") is audit  # the n/a reason cannot be erased
    audit = apply.clear(audit, question)
    answer = audit.steps.processes.answers["processes.a"]
    assert (answer.na, answer.note, answer.evidence) == (False, None, ["crm-export.xlsx"])


def test_passing_over_an_answered_question_keeps_its_answer(small: Checklist, blank: Audit) -> None:
    question = small.by_id["brand.b"]
    audit = apply.give(blank, question, "all")
    assert apply.pass_over(audit, question) is audit


def test_changes_return_a_new_audit_and_leave_the_old_one(small: Checklist, blank: Audit) -> None:
    apply.give(blank, small.by_id["tools.a"], True)
    assert blank.all_answers() == {}


def test_an_answer_under_a_replaced_id_counts_and_moves(small: Checklist, blank: Audit) -> None:
    renamed = small.by_id["brand.b"].model_copy(update={"replaces": ["brand.old"]})
    audit = apply.give(blank, small.by_id["brand.a"], "all")
    audit.steps.brand.answers["brand.old"] = audit.steps.brand.answers["brand.a"]
    assert walk.is_answered(audit, renamed)
    moved = apply.give(audit, renamed, "half")
    assert "brand.old" not in moved.steps.brand.answers
    assert moved.steps.brand.answers["brand.b"].answer == "half"


@pytest.mark.parametrize(
    ("raw", "action"),
    [
        ("", "pass"),
        ("   ", "pass"),
        (">", "pass"),
        ("<", "back"),
        ("na", "na"),
        ("N/A", "na"),
        ("nota", "note"),
        ("note", "note"),
        ("q", "quit"),
        ("salir", "quit"),
        ("?", "help"),
        ("quien", "who"),
        ("evidencia", "evidence"),
        ("borrar", "clear"),
        ("3", "value"),
        ("n", "value"),
        ("s", "value"),
        ("half", "value"),
    ],
)
def test_command_keys(raw: str, action: str) -> None:
    assert parse.command(raw) == action


@pytest.mark.parametrize(
    ("qid", "raw", "value"),
    [
        ("tools.a", "s", True),
        ("tools.a", "Sí", True),
        ("tools.a", "yes", True),
        ("tools.a", "1", True),
        ("tools.a", "n", False),
        ("tools.a", "2", False),
        ("processes.a", "2", "half"),
        ("processes.a", "HALF", "half"),
        ("processes.a", "todo", "all"),
        ("processes.b", " CRM solo web ", "CRM solo web"),
        ("segments.b", "12", 12),
        ("segments.b", "2,5", 2.5),
        ("metrics.b", "35%", 0.35),
        ("metrics.b", "0.5", 0.5),
        ("brand.a", "3", "all"),
    ],
)
def test_parse_value(small: Checklist, qid: str, raw: str, value: object) -> None:
    parsed = parse.parse_value(small.by_id[qid], raw, "es")
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("qid", "raw", "key"),
    [
        ("tools.a", "maybe", "bad_yesno"),
        ("processes.a", "4", "bad_option"),
        ("processes.a", "0", "bad_option"),
        ("segments.b", "many", "bad_number"),
        ("segments.b", "51", "above_max"),
        ("segments.b", "-1", "below_min"),
    ],
)
def test_parse_value_refuses_with_a_message_key(
    small: Checklist, qid: str, raw: str, key: str
) -> None:
    with pytest.raises(BadValue) as caught:
        parse.parse_value(small.by_id[qid], raw, "es")
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("1200", "es", 1200),
        ("1.200", "es", 1200),
        ("1,200", "en", 1200),
        ("1.200.000", "es", 1200000),
        ("1,5", "es", 1.5),
        ("1.5", "es", 1.5),
        ("1.234,5", "es", 1234.5),
        ("1,234.5", "en", 1234.5),
        ("0,25", "en", 0.25),
        (".5", "es", 0.5),
        ("12 000", "es", 12000),
        ("-3", "es", -3),
    ],
)
def test_parse_number_reads_numbers_as_people_type_them(raw: str, lang: str, value: float) -> None:
    assert parse.parse_number(raw, lang) == value


def test_next_steps_over_answered_questions_unless_asked_for_everything(
    small: Checklist, blank: Audit
) -> None:
    audit = apply.give(blank, small.by_id["processes.b"], "ya respondida")
    assert walk.after(small, audit, q(small, "processes.a")) == Stop("processes")
    assert walk.after(small, audit, q(small, "processes.a"), everything=True) == q(
        small, "processes.b"
    )


def test_next_can_pass_the_records_by(small: Checklist, blank: Audit) -> None:
    assert walk.after(small, blank, q(small, "tools.b"), records=False) == q(small, "processes.a")


def test_the_walk_offers_to_revisit_what_was_left_unanswered(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    from omniready.audit.store import load_audit, save_audit
    from omniready.interview.conversation import Interview

    path = tmp_path / "a.yaml"
    # Answer everything but processes.b, pass every records stage; then revisit and answer it.
    lines = ["s", "all", "", "all", "", "", "all", "3", "", "all", "0,5", "", "1", "all", ""]
    lines += ["s", "texto al final"]
    term = scripted(lines)

    def save(changed: Audit) -> None:
        save_audit(path, changed)

    interviewer = Interview(term, small, blank, save, "es", str(path))
    assert interviewer.run(walk.resume_at(small, blank)) == "next"
    assert walk.missing(small, interviewer.audit) == []
    assert load_audit(path).steps.processes.answers["processes.b"].answer == "texto al final"
    assert "Preguntas sin responder: 1." in term.screen
