"""The walk as pure functions: order, back, resume, applies_if, progress and revisiting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from omniready.audit.model import Audit
from omniready.checklist import Checklist
from omniready.interview import apply, walk
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


def test_review_typed_at_a_question_changes_an_earlier_answer_and_comes_back(
    small: Checklist, blank: Audit, scripted: Any, tmp_path: Path
) -> None:
    from omniready.audit.store import load_audit, save_audit
    from omniready.interview.conversation import Interview

    path = tmp_path / "a.yaml"
    audit = apply.give(blank, small.by_id["processes.a"], "half")
    # At processes.b: review the step, change answer 1 to "Todo", end the review, answer b.
    term = scripted(["revisar", "1", "todo", "", "texto"])

    def save(changed: Audit) -> None:
        save_audit(path, changed)

    interviewer = Interview(term, small, audit, save, "es", str(path))
    assert interviewer.ask(q(small, "processes.b")) == "next"
    saved = load_audit(path).steps.processes.answers
    assert saved["processes.a"].answer == "all" and saved["processes.b"].answer == "texto"
    assert "Revisión · Paso 2 de 5 · Processes" in term.screen
    after_review = term.screen[term.screen.rindex("Número a cambiar") :]
    assert "Pregunta 2 de 2" in after_review  # the question is shown again after the review
