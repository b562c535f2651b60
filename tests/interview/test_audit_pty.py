"""The installed `omniready audit` in a real pseudo-terminal, typed at as a consultant types:
answers taken by accident, Spanish without accents, Ctrl-C inside a record form, --question,
--step, review, and the progress bars a terminal shows."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from omniready.audit.model import Answer, Audit, Journey, Organization, Tool
from omniready.audit.store import load_audit, save_audit
from omniready.checklist import Checklist, Question, load_checklist
from omniready.interview import walk

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the pseudo-terminal (POSIX)")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")


def omniready() -> str:
    """The installed console script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("omniready")
    found = str(script) if script.exists() else shutil.which("omniready")
    if found is None:
        pytest.skip("the omniready console script is not installed")
    return found


def env(term: str = "dumb") -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "TERM": term, "LANG": "es_CL.UTF-8", "COLUMNS": "120"}


@pytest.fixture(scope="module")
def shipped() -> Checklist:
    return load_checklist()


def plain_answer(question: Question) -> Any:
    """A fitting answer for any question: its first option, 1, or a text."""
    if question.options:
        value = question.options[0].value
        return {"true": True, "false": False}.get(value, value)
    return 1 if question.type == "number" else "x"


def answered_audit(checklist: Checklist, *, tools: bool = True, journeys: bool = True) -> Audit:
    """Every question answered; the tool inventory and journeys as asked, nothing else."""
    audit = Audit(organization=Organization(name="Acme"), lang="es")
    for question in walk.applicable(checklist, audit):
        audit.steps.answers_of(question.step)[question.id] = Answer(answer=plain_answer(question))
    if tools:
        audit.steps.tools.inventory.append(Tool(id="crm", name="CRM"))
    if journeys:
        audit.steps.processes.journeys.append(Journey(id="compra"))
    return audit


def audit_file(folder: Path, checklist: Checklist, **records: bool) -> Path:
    """acme.audit.yaml in `folder`, every question answered (see answered_audit)."""
    path = folder / "acme.audit.yaml"
    save_audit(path, answered_audit(checklist, **records))
    return path


def spawn(args: list[str], cwd: Path, term: str = "dumb") -> Any:
    """`omniready audit ARGS` in a pseudo-terminal; `child.logfile_read` keeps all it wrote."""
    child = pexpect.spawn(
        omniready(),
        ["audit", *args],
        cwd=str(cwd),
        env=env(term),
        encoding="utf-8",
        timeout=20,  # only stops a hung test; nothing is timed
        dimensions=(50, 120),
    )
    child.logfile_read = io.StringIO()
    return child


def screen(child: Any) -> str:
    """Everything the child wrote to its terminal."""
    text: str = child.logfile_read.getvalue()
    return text


def finish(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


def test_a_sentence_or_a_number_at_a_yes_no_prompt_is_asked_again(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped, tools=False)
    child = spawn([str(path), "--plain"], tmp_path)
    child.expect_exact("¿Añadir una herramienta? [s/N, < atrás]")
    child.sendline("Duplicate customers between CRM and POS")
    child.expect_exact("Aquí se espera sí o no (s/n)")
    child.expect_exact("¿Añadir una herramienta? [s/N, < atrás]")
    child.sendline("12,500")
    child.expect_exact("Aquí se espera sí o no (s/n)")
    child.expect_exact("¿Añadir una herramienta? [s/N, < atrás]")
    child.sendline("Sí")
    child.expect_exact("Nombre de la herramienta")  # yes, without a doubt: the form starts
    child.sendline("<")
    child.expect_exact("Registro cancelado")
    child.expect_exact("herramienta? [s/N, < atrás]")
    child.sendline("q")
    assert finish(child) == 0
    # Nothing was taken for "no": the walk never left step 1 for step 2.
    assert "Paso 2 de 5" not in screen(child)


def test_spanish_options_without_accents_by_word_and_prefix_with_question(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped)
    child = spawn([str(path), "--question", "tools.api-available", "--plain"], tmp_path)
    child.expect_exact("tools.api-available")
    child.expect_exact("Respuesta [1-6]")
    child.sendline("muchísimas")
    child.expect_exact("Escriba el número (1 a 6) o el comienzo de una opción: 1 ")
    child.expect_exact("Respuesta [1-6]")
    child.sendline("mayoria")
    child.expect_exact("✓ ")
    assert finish(child) == 0
    said = " ".join(screen(child).split())  # as read, whatever the terminal wrapped
    error = said[said.index("Escriba el número") :]
    error = error[: error.index("Respuesta [1-6]")]
    # The error lists the options as the Spanish screen shows them, never the English values.
    options = shipped.by_id["tools.api-available"].options
    for number, option in enumerate(options, start=1):
        assert f"{number} {option.label('es')}" in error
        assert f" {option.value} " not in f" {error} "
    answers = load_audit(path).all_answers()
    assert answers["tools.api-available"].answer == "most"
    # Only that question was asked: the next one kept its answer and was never shown.
    assert "tools.webhooks-available" not in screen(child)


def test_ctrl_c_inside_a_segment_keeps_it_incomplete_and_says_what_was_saved(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped)
    child = spawn([str(path), "--plain"], tmp_path)
    child.expect_exact("¿Añadir un segmento? [s/N, < atrás]")
    child.sendline("s")
    child.expect_exact("Nombre del segmento")
    child.sendline("Jóvenes digitales")
    child.expect_exact("[jovenes-digitales]")
    child.sendline("")
    child.expect_exact("Proporción de clientes")
    child.sendline("35")
    child.expect_exact("Rango de edad")
    child.sendline("18-30")
    child.expect_exact("Hábitos de consumo")
    child.sendintr()  # Ctrl-C in the middle of the form
    child.expect_exact("¿Guardar un segmento «jovenes-digitales» como incompleto")
    child.sendline("")  # Enter: keep it, the default
    child.expect_exact("Interrumpido. Todas las respuestas dadas están guardadas en")
    assert finish(child) == 130
    said = " ".join((child.before or "").split())  # as read, whatever the terminal wrapped
    assert (
        "Guardado como incompleto: un segmento «jovenes-digitales» con Nombre del segmento, "
        "Identificador, Proporción de clientes, Rango de edad; falta: Hábitos de consumo, "
        "Canales preferidos, Prefiere."
    ) in said
    (segment,) = load_audit(path).steps.segments.segments
    assert (segment.id, segment.name, segment.share, segment.age) == (
        "jovenes-digitales",
        "Jóvenes digitales",
        0.35,
        "18-30",
    )
    assert segment.incomplete and segment.habits is None

    # Next session: the segment is listed as incomplete; adding it again completes it.
    child = spawn([str(path), "--step", "segments", "--plain"], tmp_path)
    for question in walk.applicable(shipped, load_audit(path), "segments"):
        child.expect_exact(question.id)
        child.expect(r"(Respuesta \[[^\]]*\]|Número|Texto): ")
        child.sendline("")  # Enter keeps the answer it has
    child.expect_exact("jovenes-digitales (incompleto")
    child.expect_exact("¿Añadir otro segmento? [s/N, < atrás]")
    child.sendline("s")
    child.expect_exact("Nombre del segmento")
    child.sendline("Jóvenes digitales")
    child.expect_exact("[jovenes-digitales]")
    child.sendline("")
    child.expect_exact("¿Reemplazarlo por este?")
    child.sendline("s")
    for typed in ("35 %", "18-30", "Compran de noche", "whatsapp", "1"):
        child.expect_exact(": ")
        child.sendline(typed)
    child.expect_exact("✓ guardado: jovenes-digitales")
    child.expect_exact("¿Añadir otro segmento?")
    child.sendline("n")
    assert finish(child) == 0
    (segment,) = load_audit(path).steps.segments.segments
    assert not segment.incomplete
    assert (segment.habits, segment.prefers, segment.share) == (
        "Compran de noche",
        "messages",
        0.35,
    )


def test_ctrl_c_inside_a_form_can_drop_the_record_and_says_so(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped, tools=False)
    child = spawn([str(path), "--plain"], tmp_path)
    child.expect_exact("¿Añadir una herramienta?")
    child.sendline("s")
    child.expect_exact("Nombre de la herramienta")
    child.sendline("Zendesk")
    child.expect_exact("[zendesk]")
    child.sendline("")
    child.expect_exact("Categoría")
    child.sendintr()
    child.expect_exact("como incompleto")
    child.sendline("no")
    child.expect_exact("No se guardó: una herramienta «zendesk», que se estaba escribiendo.")
    assert finish(child) == 130
    assert load_audit(path).steps.tools.inventory == []


def test_step_walks_every_question_of_one_step_then_stops(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped)
    metrics = walk.applicable(shipped, load_audit(path), "metrics")
    child = spawn([str(path), "--step", "metrics", "--plain"], tmp_path)
    for number, question in enumerate(metrics, start=1):
        child.expect_exact(f"Pregunta {number} de {len(metrics)}")
        child.expect_exact(question.id)
        child.sendline("")  # Enter keeps the answer it has
    child.expect_exact("¿Añadir las cifras de un canal? [s/N, < atrás]")
    child.sendline("n")
    assert finish(child) == 0
    assert "Paso 5 de 5" not in screen(child)


def test_review_lists_a_steps_answers_and_changes_one_by_number(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped)
    brand = walk.applicable(shipped, load_audit(path), "brand")
    child = spawn([str(path), "--review", "--step", "brand", "--plain"], tmp_path)
    child.expect_exact("Revisión · Paso 5 de 5")
    child.expect_exact(f"Número a cambiar (1-{len(brand)})")
    child.sendline("2")
    child.expect_exact(brand[1].id)
    child.sendline("todos")
    child.expect_exact("Revisión · Paso 5 de 5")
    child.sendline("")
    assert finish(child) == 0
    assert load_audit(path).all_answers()[brand[1].id].answer == "all"


def test_a_terminal_shows_one_question_at_a_time_with_two_progress_bars(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped)
    child = spawn([str(path), "--step", "tools"], tmp_path, term="xterm-256color")
    child.expect_exact("Toda la auditoría")
    child.sendline("q")
    assert finish(child) == 0
    shown = screen(child)
    assert "\x1b[2J" in shown  # the screen is cleared for the question
    assert "━" in shown  # rich's progress bars

    # --plain on the same terminal: line by line, no bars, nothing cleared.
    child = spawn([str(path), "--step", "tools", "--plain"], tmp_path, term="xterm-256color")
    child.expect_exact("Pregunta 1 de")
    child.sendline("q")
    assert finish(child) == 0
    assert "Toda la auditoría" not in screen(child) and "\x1b[2J" not in screen(child)


def test_the_respondent_and_the_language_are_kept_in_the_file(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = audit_file(tmp_path, shipped)
    child = spawn(
        [str(path), "--question", "tools.tool-count", "--lang", "en", "--plain"], tmp_path
    )
    child.expect_exact("Number")
    child.sendline("who")
    child.expect_exact("Who answers?")
    child.sendline("Marta (TI)")
    child.expect_exact("Number")
    child.sendline("2.5")
    child.expect_exact("Type a whole number")
    child.sendline("12")
    assert finish(child) == 0
    saved = load_audit(path)
    assert (saved.respondent, saved.lang) == ("Marta (TI)", "en")
    assert saved.all_answers()["tools.tool-count"].answer == 12
    assert saved.all_answers()["tools.tool-count"].respondent == "Marta (TI)"


def answered_by_it(folder: Path, checklist: Checklist) -> Path:
    """acme.audit.yaml: every question answered by the consultant (nobody named) but
    tools.api-available, answered "most" by IT."""
    audit = answered_audit(checklist)
    audit.steps.tools.answers["tools.api-available"] = Answer(answer="most", respondent="TI")
    path = folder / "acme.audit.yaml"
    save_audit(path, audit)
    return path


def test_a_second_respondent_answers_beside_the_first_and_the_consultant_settles_it(
    tmp_path: Path, shipped: Checklist
) -> None:
    # Everything answered by the consultant (nobody named); then IT answers one question.
    path = audit_file(tmp_path, shipped)
    question = shipped.by_id["tools.api-available"]
    most, some, half = (question.option(v).label("es") for v in ("most", "some", "half"))  # type: ignore[union-attr]
    child = spawn([str(path), "--respondent", "TI", "--question", question.id, "--plain"], tmp_path)
    child.expect_exact(f"Respuesta [1-{len(question.options)}]")
    child.sendline(most)
    child.expect_exact(f"✓ {most}")
    assert finish(child) == 0
    assert "Respuestas anteriores" not in screen(child)  # the consultant's own answer is corrected
    # With --respondent the walk stops only at IT's answer, shows it and takes the store's beside.
    child = spawn([str(path), "--respondent", "Jefatura de tiendas", "--plain"], tmp_path)
    child.expect_exact("tools.api-available")
    child.expect_exact("Respuestas anteriores:")
    child.expect_exact(f"TI: {most}")
    child.expect_exact(f"Respuesta [1-{len(question.options)}]")
    child.sendline(some)
    child.expect_exact(f"✓ {some} (respuesta de Jefatura de tiendas")
    child.expect_exact(f"Las respuestas difieren (TI: {most} · Jefatura de tiendas: {some}).")
    child.expect_exact(f"Consenso [Enter: {some}]")
    child.sendline(half.lower())
    child.expect_exact(f"✓ consenso: {half}")
    child.expect_exact("[s/N, < atrás]")  # no other question: on to the step's records
    child.sendline("q")
    assert finish(child) == 0
    saved = load_audit(path)
    held = saved.steps.tools.answers["tools.api-available"]
    assert [(r.respondent, r.answer) for r in held.responses] == [
        ("TI", "most"),
        ("Jefatura de tiendas", "some"),
    ]
    assert (held.answer, held.respondent) == ("half", "TI")
    assert saved.respondent == "Jefatura de tiendas"
    # Every other answer is the consultant's own: not asked again, untouched.
    others = {k: v for k, v in saved.all_answers().items() if k != "tools.api-available"}
    assert all(not a.responses and a.respondent is None for a in others.values())


def test_answers_of_a_second_respondent_from_a_file_without_input(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = answered_by_it(tmp_path, shipped)

    def answers_of(respondent: str, entry: str) -> Answer:
        """`--answers` holding tools.api-available as `entry`, from `respondent`, no prompts."""
        given = tmp_path / f"{respondent}.yaml"
        given.write_text(
            f"steps:\n  tools:\n    answers:\n      tools.api-available: {entry}\n",
            encoding="utf-8",
        )
        args = [str(path), "--answers", str(given), "--respondent", respondent, "--no-input"]
        assert finish(spawn(args, tmp_path)) == 0
        return load_audit(path).steps.tools.answers["tools.api-available"]

    held = answers_of("Tiendas", "{answer: none, note: En tiendas nada tiene API}")
    assert [(r.respondent, r.answer, r.note) for r in held.responses] == [
        ("TI", "most", None),
        ("Tiendas", "none", "En tiendas nada tiene API"),
    ]
    assert held.answer == "none"  # two apart: the lower, until the consultant settles it
    # A third respondent agreeing with the consensus leaves it, and adds their own answer.
    held = answers_of("Finanzas", "{answer: none}")
    assert [r.respondent for r in held.responses] == ["TI", "Tiendas", "Finanzas"]
    assert held.answer == "none"
