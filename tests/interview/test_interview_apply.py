"""What an answer changes in the audit: the file's rules for answers, n/a, notes and evidence."""

from __future__ import annotations

from omniready.audit.model import Audit
from omniready.checklist import Checklist
from omniready.interview import apply, walk


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
