"""The shipped questionnaire as the interview reads it: labels that agree with their question,
split questions whose old answers carry over to both halves, and counts that are whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.audit.model import Answer, Audit, Organization
from omniready.audit.store import save_audit
from omniready.checklist import Checklist, load_checklist
from omniready.cli import app
from omniready.interview import apply, parse, walk

SPLITS = {
    "metrics.peaks-known": ("metrics.monthly-volumes-known", "metrics.peak-months-known"),
    "metrics.sla-per-channel": ("metrics.sla-defined", "metrics.wait-measured"),
    "metrics.reviewed-regularly": ("metrics.shared-dashboard", "metrics.decisions-recorded"),
}


@pytest.fixture(scope="module")
def shipped() -> Checklist:
    return load_checklist()


@pytest.mark.parametrize(
    ("qid", "typed", "label"),
    [
        ("tools.api-available", "todas", "Todas"),  # ¿Cuántas herramientas…?
        ("tools.api-available", "algunas", "Algunas"),
        ("tools.central-customer-record", "todos", "Todos"),  # ¿Cuántos canales…?
        ("brand.greeting", "en ninguno", "En ninguno"),  # ¿En cuántos canales…?
        ("segments.habits-known", "mayoria", "De la mayoría"),  # ¿De cuántos segmentos…?
        ("processes.context-on-handoff", "ningun", "En ningún caso"),  # ¿en cuántos casos…?
    ],
)
def test_scale_labels_agree_with_what_the_question_counts(
    shipped: Checklist, qid: str, typed: str, label: str
) -> None:
    question = shipped.by_id[qid]
    value = parse.parse_value(question, typed, "es")
    option = question.option(value)
    assert option is not None and option.label("es") == label


def test_every_question_asking_how_many_tools_offers_feminine_labels(shipped: Checklist) -> None:
    for question in shipped.questions:
        if "¿Cuántas herramientas" in question.text("es") and question.type == "scale":
            labels = [o.label("es") for o in question.options]
            assert "Todas" in labels and "En todos" not in labels, question.id


def test_translations_say_what_the_spanish_says(shipped: Checklist) -> None:
    abandonment = shipped.by_id["metrics.abandonment-measured"].help
    assert abandonment is not None and "llamadas colgadas" in abandonment("es")
    assert "dropped calls" not in abandonment("en") and "hangs up" in abandonment("en")
    self_service = shipped.by_id["metrics.self-service"].text
    assert "boletas" in self_service("es")
    assert "invoices" not in self_service("en") and "receipts" in self_service("en")


@pytest.mark.parametrize(("old", "halves"), SPLITS.items())
def test_a_split_question_carries_its_answer_to_both_halves_with_the_same_weight(
    shipped: Checklist, old: str, halves: tuple[str, str]
) -> None:
    assert old not in shipped.by_id
    first, second = (shipped.by_id[qid] for qid in halves)
    assert first.replaces == second.replaces == [old]
    assert first.weight + second.weight in {1, 3}  # the old question's weight, kept in total
    value = first.options[0].value
    answer = {"true": True, "false": False}.get(value, value)
    audit = Audit(organization=Organization(name="x"))
    audit.steps.metrics.answers[old] = Answer(answer=answer, note="dicho en 2025")
    assert walk.answer_of(audit, first) == walk.answer_of(audit, second)

    # Answering one half in the interview must not take the carried-over answer from the other.
    settled = apply.settle(audit, shipped)
    assert old not in settled.steps.metrics.answers
    changed = apply.give(settled, first, parse.parse_value(first, "2", "es"))
    kept = walk.answer_of(changed, second)
    assert kept is not None and (kept.answer, kept.note) == (answer, "dicho en 2025")
    assert apply.settle(changed, shipped) is changed  # nothing left to move


def test_validate_refuses_a_count_with_decimals(tmp_path: Path, shipped: Checklist) -> None:
    path = tmp_path / "a.audit.yaml"
    audit = Audit(organization=Organization(name="x"))
    audit.steps.tools.answers["tools.tool-count"] = Answer(answer=2.5)
    save_audit(path, audit)
    result = CliRunner().invoke(app, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "tools.tool-count: '2.5' is not a whole number" in result.output
    assert f"{path}:" in result.output

    audit.steps.tools.answers["tools.tool-count"] = Answer(answer=3)
    save_audit(path, audit)
    assert CliRunner().invoke(app, ["validate", str(path)]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--question", "tools.nope"], "--question 'tools.nope' is not in checklist"),
        (["--step", "pasos"], "--step 'pasos' is not a step"),
        (["--step", "tools", "--question", "tools.api-available"], "not both"),
        (["--step", "tools", "--no-input"], "--no-input cannot go with --step"),
        (["--review", "--no-input"], "--no-input cannot go with --review"),
    ],
)
def test_moving_around_refuses_what_it_cannot_do(
    tmp_path: Path, args: list[str], words: str
) -> None:
    path = tmp_path / "a.audit.yaml"
    save_audit(path, Audit(organization=Organization(name="x")))
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["audit", str(path), *args, "--lang", "en"], input="q\n")
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert path.read_bytes() == before
