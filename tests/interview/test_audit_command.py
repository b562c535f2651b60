"""`omniready audit` through Typer's CliRunner, with real files in a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from omniready.audit.model import SCHEMA_VERSION, Audit, Organization
from omniready.audit.store import exclusive, load_audit
from omniready.checklist import Checklist, Question, load_checklist
from omniready.cli import app
from omniready.interview import parse, walk
from omniready.interview.run import AuditRequest, Outcome, run

runner = CliRunner()


@pytest.fixture(scope="module")
def shipped() -> Checklist:
    return load_checklist()


def first_questions(checklist: Checklist, n: int) -> list[Question]:
    """The first n questions a new audit asks, whatever the shipped checklist holds."""
    return walk.applicable(checklist, Audit(organization=Organization(name="x")))[:n]


def value_of(question: Question, raw: str = "1") -> object:
    return parse.parse_value(question, raw, "es")


def audit(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, ["audit", *args], input=input)


def test_interactive_session_answers_back_na_note_quit_then_resume(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = tmp_path / "acme.yaml"
    q1, q2, q3, q4, q5 = first_questions(shipped, 5)
    typed = [
        "Acme Retail",
        "Ana Pérez",
        "1",  # q1
        "<",  # back to q1
        "2",  # q1 changed
        "nota",
        "solo e-commerce",  # a note on q2, then pass it
        "",
        "na",
        "no tienen API",  # q3 not applicable with its reason
        "q",
    ]
    result = audit(str(path), "--lang", "es", input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    assert "Paso 1 de 5" in result.output and "Pregunta 1 de" in result.output
    assert f"omniready audit {path}" in result.output  # how to resume
    saved = load_audit(path)
    assert saved.organization.name == "Acme Retail" and saved.assessor == "Ana Pérez"
    answers = saved.all_answers()
    assert answers[q1.id].answer == value_of(q1, "2")
    assert (answers[q2.id].skipped, answers[q2.id].note) == (True, "solo e-commerce")
    assert (answers[q3.id].na, answers[q3.id].note) == (True, "no tienen API")
    assert q4.id not in answers

    # Resuming starts at the first unanswered question: q2, which was passed over.
    result = audit(str(path), "--lang", "en", input="1\n1\nq\n")
    assert result.exit_code == 0, result.output
    assert "Step 1 of 5" in result.output and "Question 2 of" in result.output
    answers = load_audit(path).all_answers()
    assert answers[q2.id].answer == value_of(q2) and answers[q2.id].note == "solo e-commerce"
    assert answers[q4.id].answer == value_of(q4)
    assert answers[q1.id].answer == value_of(q1, "2") and answers[q3.id].na
    assert q5.id not in answers


def test_the_end_of_input_keeps_everything_and_says_how_to_resume(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = tmp_path / "a.yaml"
    result = audit(str(path), "--organization", "Acme", "--assessor", "Ana", input="1\n")
    assert result.exit_code == 0
    assert "La entrada terminó" in result.output
    q1 = first_questions(shipped, 1)[0]
    assert load_audit(path).all_answers()[q1.id].answer == value_of(q1)


def test_a_bad_answer_is_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    result = audit(str(path), "--organization", "Acme", "--assessor", "", input="99\nquizás\nq\n")
    assert result.exit_code == 0
    assert result.output.count("Paso 1 de 5") == 1
    assert load_audit(path).all_answers() == {}


def test_ctrl_c_saves_and_exits_130_with_the_hint(
    tmp_path: Path, shipped: Checklist, scripted: Any
) -> None:
    path = tmp_path / "a.yaml"
    term = scripted(["Acme", "", "1", "1"], then=KeyboardInterrupt)
    request = AuditRequest(file=path, lang="es")
    assert run(request, term=term) is Outcome.INTERRUPTED
    assert "Para seguir: omniready audit" in term.screen
    q1, q2 = first_questions(shipped, 2)
    answers = load_audit(path).all_answers()
    assert answers[q1.id].answer == value_of(q1) and answers[q2.id].answer == value_of(q2)


def test_a_new_file_without_a_name_is_named_after_the_organization(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = audit("--no-input", "--organization", "Tienda Ñandú")
    assert result.exit_code == 0, result.output
    (made,) = tmp_path.glob("tienda-nandu-*.audit.yaml")
    assert load_audit(made).organization.name == "Tienda Ñandú"


def test_no_input_needs_a_name_for_a_new_audit(tmp_path: Path) -> None:
    result = audit(str(tmp_path / "a.yaml"), "--no-input")
    assert result.exit_code == 2
    assert "organization" in result.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_answers_prefill_with_no_input_reports_what_is_missing(
    tmp_path: Path, shipped: Checklist
) -> None:
    q1, q2 = first_questions(shipped, 2)
    answers = tmp_path / "it.yaml"
    answers.write_text(
        "organization: {name: Acme}\n"
        "steps:\n"
        "  tools:\n"
        "    answers:\n"
        f"      {q1.id}: {{answer: {value_of(q1, '1')!r}, respondent: TI}}\n"
        "    inventory:\n"
        "      - {id: shop, name: Tienda web, channels: [web]}\n",
        encoding="utf-8",
    )
    path = tmp_path / "a.yaml"
    result = audit(str(path), "--answers", str(answers), "--no-input", "--lang", "en")
    assert result.exit_code == 0, result.output
    missing = walk.missing(shipped, load_audit(path))
    assert f"{path}: unanswered ({len(missing)}):" in result.stderr
    assert f"  {q2.id}\n" in result.stderr and f"  {q1.id}\n" not in result.stderr
    assert result.stdout == ""
    saved = load_audit(path)
    assert saved.all_answers()[q1.id].respondent == "TI"
    assert [t.id for t in saved.steps.tools.inventory] == ["shop"]

    # A second prefill over the existing file replaces by id and keeps the rest.
    answers.write_text(
        "steps:\n  tools:\n    inventory:\n"
        "      - {id: shop, name: Shop, channels: [web, app]}\n"
        "      - {id: pos, name: POS}\n",
        encoding="utf-8",
    )
    result = audit(str(path), "--answers", str(answers), "--no-input", "--require-complete")
    assert result.exit_code == 2
    saved = load_audit(path)
    assert [(t.id, t.name) for t in saved.steps.tools.inventory] == [
        ("shop", "Shop"),
        ("pos", "POS"),
    ]
    assert saved.organization.name == "Acme"
    assert saved.all_answers()[q1.id].respondent == "TI"


def test_require_complete_passes_on_the_complete_example(tmp_path: Path) -> None:
    path = tmp_path / "ex.yaml"
    assert audit(str(path), "--example").exit_code == 0
    before = path.read_bytes()
    result = audit(str(path), "--no-input", "--require-complete")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before  # nothing changed, nothing rewritten


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (
            "steps:\n  tools:\n    answers:\n      tools.nope: {answer: 1}\n",
            ":4:7:",
            "unknown question id",
        ),
        ("steps:\n  tools:\n    answers: [1, 2\n", ":4:1:", "invalid YAML"),
        (
            "steps:\n  metrics:\n    channels:\n      web: {abandonment_rate: 3}\n",
            ":4:",
            "abandonment_rate",
        ),
        (
            "steps:\n  tools:\n    answers:\n      tools.inventory-complete: {na: true}\n",
            ":4:",
            "reason",
        ),
        ("- just\n- a list\n", ":1:1:", "mapping"),
        ("schema: 99\n", ":1:9:", "newer than this release"),
    ],
)
def test_a_bad_answers_file_exits_2_at_its_line(
    tmp_path: Path, content: str, where: str, words: str
) -> None:
    answers = tmp_path / "bad.yaml"
    answers.write_text(content, encoding="utf-8")
    path = tmp_path / "a.yaml"
    result = audit(
        str(path), "--answers", str(answers), "--no-input", "--organization", "A", "--lang", "en"
    )
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{answers}{where}") and words in first, result.stderr
    assert "Traceback" not in result.output
    assert not path.exists()


def test_a_file_that_fails_to_load_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "schema: 2\norganization: {name: A}\nsteps: {tools: {answers: [\n", encoding="utf-8"
    )
    before = path.read_bytes()
    result = audit(str(path), input="1\n1\nq\n")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:4:1: ")  # located, in the run's language
    assert path.read_bytes() == before


def test_example_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "ex.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = audit(str(path), "--example")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert audit(str(path), "--example", "--force").exit_code == 0
    assert load_audit(path).organization.name


def test_a_second_session_on_the_same_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    assert audit(str(path), "--no-input", "--organization", "A").exit_code == 0
    with exclusive(path):
        result = audit(str(path), "--lang", "en", input="1\n")
    assert result.exit_code == 2
    assert "already open in another omniready process" in result.stderr


def test_checklist_dir_adds_questions_that_are_asked(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "mine.yaml").write_text(
        "questions:\n"
        "  - id: tools.our-own\n"
        "    type: yesno\n"
        "    text: {es: '¿Pregunta propia?', en: 'Our own question?'}\n",
        encoding="utf-8",
    )
    path = tmp_path / "a.yaml"
    result = audit(str(path), "--checklist-dir", str(extra), "--no-input", "--organization", "A")
    assert result.exit_code == 0
    assert "tools.our-own" in result.stderr


def test_lang_is_checked(tmp_path: Path) -> None:
    result = audit(str(tmp_path / "a.yaml"), "--lang", "fr")
    assert result.exit_code == 2


def test_input_ending_before_the_organization_is_named_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    result = audit(str(path), "--lang", "en", input="")
    assert result.exit_code == 2
    assert "input ended before the audit started" in result.stderr
    assert not path.exists()


def test_a_file_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = audit(str(tmp_path / "nope" / "a.yaml"), "--no-input", "--organization", "A")
    assert result.exit_code == 2
    assert "la carpeta" in result.stderr and "no existe" in result.stderr  # the locale's: Spanish
    result = audit(
        str(tmp_path / "nope" / "a.yaml"), "--no-input", "--organization", "A", "--lang", "en"
    )
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_an_older_answers_file_is_migrated(tmp_path: Path, shipped: Checklist) -> None:
    q1 = first_questions(shipped, 1)[0]
    answers = tmp_path / "old.yaml"
    answers.write_text(
        f"schema: 1\nsteps:\n  tools:\n    answers:\n      {q1.id}: {{evidence: acta.pdf}}\n",
        encoding="utf-8",
    )
    path = tmp_path / "a.yaml"
    result = audit(str(path), "--answers", str(answers), "--no-input", "--organization", "A")
    assert result.exit_code == 0, result.output
    saved = load_audit(path)
    assert saved.all_answers()[q1.id].evidence == ["acta.pdf"]
    assert saved.schema_ == SCHEMA_VERSION and saved.organization.name == "A"


def test_language_follows_the_option_then_the_file_then_the_locale(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    english = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
    result = runner.invoke(app, ["audit", str(path)], input="Acme\n\nq\n", env=english)
    assert "Step 1 of 5" in result.output
    assert load_audit(path).lang == "en"
    spanish = {**english, "LANG": "es_CL.UTF-8"}
    assert (
        "Step 1 of 5" in runner.invoke(app, ["audit", str(path)], input="q\n", env=spanish).output
    )
    result = runner.invoke(app, ["audit", str(path), "--lang", "es"], input="q\n", env=english)
    assert "Paso 1 de 5" in result.output


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        ("    answers:\n      tools.nope: {answer: half}\n", ":9:7:", "unknown question id"),
        ("    answers:\n      tools.api-available: {answer: lots}\n", ":9:37:", "not one of"),
    ],
)
def test_an_audit_file_validate_refuses_is_not_resumed_or_rewritten(
    tmp_path: Path, body: str, where: str, words: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "schema: 2\nchecklist: core@2026.1\nlang: es\norganization:\n  name: A\n"
        "steps:\n  tools:\n" + body,
        encoding="utf-8",
    )
    before = path.read_bytes()
    for args in ([], ["--no-input"]):
        result = audit(str(path), *args, "--lang", "en", input="1\nq\n")
        assert result.exit_code == 2, result.output
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"{path}{where}") and words in first, result.stderr
        assert path.read_bytes() == before


def test_an_answers_file_naming_an_unknown_segment_is_refused_before_writing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.yaml"
    assert audit(str(path), "--no-input", "--organization", "A").exit_code == 0
    before = path.read_bytes()
    answers = tmp_path / "it.yaml"
    answers.write_text(
        "steps:\n  processes:\n    journeys:\n"
        "      - {id: web, name: Web}\n"
        "      - {id: cita, name: Cita, segment: nadie}\n",
        encoding="utf-8",
    )
    result = audit(str(path), "--answers", str(answers), "--no-input", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{answers}:5:"), result.stderr
    assert "unknown segment 'nadie'" in result.stderr
    assert path.read_bytes() == before


def test_q_says_the_interview_is_saved_and_paused_not_finished(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    result = audit(str(path), "--organization", "A", "--assessor", "Ana", input="na\nno hay\nq\n")
    assert result.exit_code == 0
    assert "Entrevista guardada y en pausa" in result.output
    assert "terminada" not in result.output
    assert "¿Por qué no aplica? no hay" in result.output and "?:" not in result.output


@pytest.mark.parametrize(
    ("outcome", "require_complete", "code"),
    [
        (Outcome.SAVED, True, 0),
        (Outcome.COMPLETE, True, 0),
        (Outcome.PAUSED, False, 0),
        (Outcome.PAUSED, True, 2),
        (Outcome.INTERRUPTED, False, 130),
    ],
)
def test_every_outcome_has_an_exit_code(
    outcome: Outcome, require_complete: bool, code: int
) -> None:
    from omniready.cli.audit import exit_code

    assert exit_code(outcome, require_complete=require_complete) == code
