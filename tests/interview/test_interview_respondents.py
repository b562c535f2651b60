"""Several respondents to one question: each one's answer kept in `responses`, never overwritten,
and the consensus as the answer (apply.respond, apply.consensus); the walk asks a respondent named
with --respondent what only others answered; --answers with --respondent does the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.audit.model import Answer, Audit, Organization, Response
from omniready.audit.store import load_audit, save_audit
from omniready.checklist import Checklist, Question
from omniready.cli import app
from omniready.interview import apply, walk
from omniready.interview.conversation import Interview


def pairs(answer: Answer) -> list[tuple[str, object]]:
    return [(r.respondent, r.answer) for r in answer.responses]


def test_a_first_respondent_alone_gives_the_answer(small: Checklist) -> None:
    answer = apply.respond(None, small.by_id["processes.a"], "half", "TI")
    assert (answer.answer, answer.respondent, answer.responses) == ("half", "TI", [])


def test_a_second_respondent_is_kept_beside_the_first(small: Checklist) -> None:
    question = small.by_id["processes.a"]
    first = Answer(answer="all", respondent="TI", note="según el CRM")
    both = apply.respond(first, question, "none", "Tiendas", note="en tiendas no")
    assert pairs(both) == [("TI", "all"), ("Tiendas", "none")]
    assert both.responses[1].note == "en tiendas no"
    assert both.note == "según el CRM" and both.respondent == "TI"
    # Two apart on the scale: the lower of the two middle answers, never the most optimistic.
    assert both.answer == "none"


def test_a_respondent_answering_again_replaces_only_their_own(small: Checklist) -> None:
    question = small.by_id["processes.a"]
    both = apply.respond(Answer(answer="all", respondent="TI"), question, "none", "Tiendas")
    again = apply.respond(both, question, "all", "Tiendas")
    assert pairs(again) == [("TI", "all"), ("Tiendas", "all")]
    assert again.answer == "all"  # they agree now
    third = apply.respond(again, question, "half", "Finanzas")
    assert pairs(third)[:2] == pairs(again) and third.answer == "all"  # median of all, all, half


def test_a_consensus_set_by_hand_survives_another_response(small: Checklist) -> None:
    question = small.by_id["processes.a"]
    both = apply.respond(Answer(answer="all", respondent="TI"), question, "none", "Tiendas")
    assert both.answer == "none"  # the rule's proposal
    decided = both.model_copy(update={"answer": "half"})  # what set_consensus records
    third = apply.respond(decided, question, "all", "Finanzas")
    assert pairs(third) == [("TI", "all"), ("Tiendas", "none"), ("Finanzas", "all")]
    assert third.answer == "half"  # the consultant's decision, not the median "all"


def test_an_answer_nobody_is_named_for_is_corrected_as_before(small: Checklist) -> None:
    question = small.by_id["processes.a"]
    answer = apply.respond(Answer(answer="all"), question, "none", "Tiendas")
    assert (answer.answer, answer.respondent, answer.responses) == ("none", "Tiendas", [])
    # And without a respondent, the consultant sets the consensus and the responses stay.
    both = apply.respond(Answer(answer="all", respondent="TI"), question, "none", "Tiendas")
    set_by_hand = apply.respond(both, question, "half", None)
    assert set_by_hand.answer == "half" and pairs(set_by_hand) == pairs(both)


@pytest.mark.parametrize(
    ("qid", "values", "earlier", "agreed"),
    [
        ("processes.a", ["all", "half", "none"], "all", "half"),  # the median
        ("processes.a", ["all", "half"], "all", "half"),  # two: the lower middle
        ("tools.a", [True, False], True, False),  # yes beside no: no
        ("segments.b", [10, 40, 20, 30], 10, 20),  # numbers by value, lower middle
        ("brand.a", ["all", "none"], "all", "all"),  # a choice has no order: what it held
        ("brand.a", ["all", "none"], None, "all"),  # else the first response's
        ("processes.b", ["uno", "otro"], "otro", "otro"),  # a text likewise
    ],
)
def test_the_consensus_rule(
    small: Checklist, qid: str, values: list[apply.Value], earlier: apply.Value, agreed: object
) -> None:
    responses = [Response(respondent=f"r{i}", answer=v) for i, v in enumerate(values)]
    assert apply.consensus(small.by_id[qid], responses, earlier) == agreed


def test_an_answer_without_a_place_in_the_scale_counts_only_alone() -> None:
    from omniready.checklist import load_checklist

    question = load_checklist().by_id["tools.api-available"]
    unknown = [o.value for o in question.options if o.score is None]
    assert unknown, "the shipped scale has a 'not known' option"
    said = [Response(respondent="a", answer=unknown[0]), Response(respondent="b", answer="most")]
    assert apply.consensus(question, said) == "most"


def test_na_and_clear_keep_other_respondents_answers(small: Checklist, blank: Audit) -> None:
    question = small.by_id["processes.a"]
    audit = apply.give(blank, question, "all", "TI")
    audit = apply.mark_na(audit, question, "no venden en línea", "Tiendas")
    held = walk.answer_of(audit, question)
    assert held is not None and held.na and pairs(held) == [("TI", "all")]
    audit = apply.clear(apply.give(blank, question, "all", "TI"), question)
    assert walk.answer_of(audit, question) == Answer(respondent="TI")


def test_the_walk_asks_a_named_respondent_what_only_others_answered(
    small: Checklist, blank: Audit
) -> None:
    question = small.by_id["processes.a"]
    audit = apply.give(blank, question, "all", "TI")
    assert not walk.to_ask(audit, question)  # answered
    assert walk.to_ask(audit, question, "Tiendas")  # but not by Tiendas
    assert not walk.to_ask(audit, question, "TI")
    unnamed = apply.give(blank, question, "all")
    assert not walk.to_ask(unnamed, question, "Tiendas")  # the consultant's own answer
    start = walk.resume_at(small, apply.give(audit, small.by_id["tools.a"], False), "Tiendas")
    assert start is not None and start.question == question


def interview(term: object, checklist: Checklist, audit: Audit, path: Path) -> Interview:
    def save(changed: Audit) -> None:
        save_audit(path, changed)

    return Interview(term, checklist, audit, save, "es", str(path), second_opinion="Tiendas")  # type: ignore[arg-type]


def test_the_interview_shows_earlier_answers_and_asks_the_consensus(
    small: Checklist, blank: Audit, scripted: type, tmp_path: Path
) -> None:
    question: Question = small.by_id["processes.a"]
    audit = apply.give(blank, question, "all", "TI").model_copy(update={"respondent": "Tiendas"})
    path = tmp_path / "a.yaml"
    term = scripted(["nada", "xyz", "la mitad"])
    chat = interview(term, small, audit, path)
    assert chat.ask(walk.Stop("processes", question)) == "next"
    screen = term.screen
    assert "Respuestas anteriores:" in screen and "TI: Todo" in screen
    assert "Las respuestas difieren (TI: Todo · Tiendas: Nada)." in screen
    assert "Consenso [Enter: Nada]" in screen
    assert "Escriba el número (1 a 3)" in screen  # "xyz" is asked again
    held = load_audit(path).steps.processes.answers["processes.a"]
    assert pairs(held) == [("TI", "all"), ("Tiendas", "none")] and held.answer == "half"


def test_enter_at_the_consensus_keeps_the_one_proposed(
    small: Checklist, blank: Audit, scripted: type, tmp_path: Path
) -> None:
    question = small.by_id["processes.a"]
    audit = apply.give(blank, question, "all", "TI").model_copy(update={"respondent": "Tiendas"})
    path = tmp_path / "a.yaml"
    chat = interview(scripted(["nada", ""]), small, audit, path)
    chat.ask(walk.Stop("processes", question))
    assert load_audit(path).steps.processes.answers["processes.a"].answer == "none"
    # `q` there stops the interview with the proposed consensus saved.
    path.unlink()
    chat = interview(scripted(["nada", "q"]), small, audit, path)
    assert chat.run_question(question) == "quit"
    assert load_audit(path).steps.processes.answers["processes.a"].answer == "none"
    # When they agree there is nothing to ask: the script has no line for a consensus.
    chat = interview(scripted(["todo"]), small, audit, path)
    chat.ask(walk.Stop("processes", question))
    held = load_audit(path).steps.processes.answers["processes.a"]
    assert held.answer == "all" and pairs(held) == [("TI", "all"), ("Tiendas", "all")]


def test_answers_of_a_second_respondent_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    audit = Audit(organization=Organization(name="Acme"), lang="es")
    audit.steps.tools.answers["tools.api-available"] = Answer(answer="most", respondent="TI")
    save_audit(path, audit)
    ops = tmp_path / "ops.yaml"
    ops.write_text(
        "steps:\n  tools:\n    answers:\n"
        "      tools.api-available: {answer: some, note: solo el POS}\n"
        "      tools.data-export: {answer: false}\n",
        encoding="utf-8",
    )
    args = ["audit", str(path), "--answers", str(ops), "--respondent", "Ops", "--no-input"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    saved = load_audit(path)
    held = saved.steps.tools.answers["tools.api-available"]
    assert pairs(held) == [("TI", "most"), ("Ops", "some")]
    assert held.responses[1].note == "solo el POS" and held.answer == "some"
    alone = saved.steps.tools.answers["tools.data-export"]
    assert (alone.answer, alone.respondent, alone.responses) == (False, "Ops", [])
    assert saved.respondent == "Ops"  # kept for the next session


def test_the_guides_sample_is_a_valid_answer_with_its_consensus() -> None:
    import re

    import yaml

    from omniready.checklist import load_checklist

    guide = Path(__file__).resolve().parents[2] / "docs" / "audit.md"
    section = guide.read_text(encoding="utf-8").split("## Several respondents", 1)[1]
    sample = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)[0]
    answer = Answer.model_validate(yaml.safe_load(sample)["tools.api-available"])
    question = load_checklist().by_id["tools.api-available"]
    # The consultant settled on "half"; the rule alone would have proposed the lower answer.
    assert answer.answer == "half" and apply.consensus(question, answer.responses) == "some"
