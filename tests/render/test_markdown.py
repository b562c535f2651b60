"""The Markdown report: sections in both languages, Mermaid journeys, escaped free text."""

from __future__ import annotations

import dataclasses

from omniready.numbers import number
from omniready.render import Format, Report, render

HOSTILE = "<script>alert(1)</script>"


def test_spanish_sections_and_scores(example: Report) -> None:
    text = render(Format.MD, example)
    for heading in (
        "## Resumen ejecutivo",
        "## Puntajes por paso",
        "## Hoja de ruta",
        "## Herramientas y canales",
        "### Inventario de herramientas",
        "### Matriz de integración",
        "### Recorridos",
        "### Segmentos",
        "### Cifras por canal",
        "### Elementos de marca por canal",
        "# Anexos",
        "## Cómo se calcula este puntaje",
        "## Anexo técnico",
    ):
        assert heading in text
    score = number(example.assessment.score, "es")  # asserted in tests/assess
    assert f"**Puntaje global: {score} / 100 · Nivel 3 (Definida) · Cobertura 100 %" in text
    assert "Puntaje provisional" not in text  # complete: no warning
    tools = next(s for s in example.assessment.steps if s.step == "tools")
    cell = number(tools.score, "es")  # the score as tests/assess asserts it
    assert f"| Herramientas y canales | {cell} | {tools.level.number} " in text
    # Channels, phases and aspects by their Spanish names, never their ids.
    assert "Teléfono: abandono = 27 %" in text
    for english in ("phone: abandono", "Falta en: appointments", "(visual)", "(voice)"):
        assert english not in text
    assert "5 versiones (saludo): WhatsApp \\| Web \\| Teléfono" in text


def test_english(example: Report) -> None:
    text = render(Format.MD, dataclasses.replace(example, lang="en"))
    score = number(example.assessment.score, "en")  # asserted in tests/assess/test_example.py
    assert f"**Overall score: {score} / 100 · Level 3 (Defined) · Coverage 100%" in text
    assert "Herramientas y canales 25%" not in text and "Tools and channels 25%" in text
    assert "## How this score is computed" in text
    assert "Puntaje" not in text


def test_journeys_are_mermaid_flowcharts(example: Report) -> None:
    text = render(Format.MD, example)
    journeys = example.audit.steps.processes.journeys
    assert text.count("```mermaid\nflowchart LR\n") == len(journeys)
    assert '-. "contexto perdido" .->' in text


def test_low_coverage_warns_and_lists_unanswered(example: Report) -> None:
    """19 of 57 answered and steps unscored: the headline says so, and what is missing."""
    from omniready.assess import assess
    from omniready.checklist import load_checklist

    audit = example.audit
    keep = {"tools", "processes"}
    steps = audit.steps.model_copy(
        update={
            name: getattr(audit.steps, name).model_copy(update={"answers": {}})
            for name in ("segments", "metrics", "brand")
        }
    )
    # The brand step's scan scores like answers: without it too, the step has nothing scored.
    steps.brand = steps.brand.model_copy(update={"scan": None})
    partial = audit.model_copy(update={"steps": steps})
    result = assess(partial, load_checklist())
    assert result.provisional and set(result.unscored_steps) == {"segments", "metrics", "brand"}
    assert all(result.step(s).score is not None for s in keep)
    report = dataclasses.replace(example, audit=partial, assessment=result)
    text = render(Format.MD, report)
    assert (
        f"Cobertura {round(100 * result.coverage)} % ({result.answered} de {result.total}" in text
    )
    assert "> ⚠ **Puntaje provisional: solo" in text
    assert (
        "3 de 5 pasos sin puntaje (Segmentos de clientes, Métricas, Consistencia de marca)" in text
    )
    assert "Todas las preguntas cuentan." not in text
    assert "### Sin respuesta" in text
    unanswered = result.step("metrics").unanswered
    assert unanswered and f"| Métricas | {len(unanswered)} |" in text
    # Their ids are for whoever completes the audit: in the technical annex only.
    assert text.index(f"`{unanswered[0]}`") > text.index("## Anexo técnico")
    english = render(Format.MD, dataclasses.replace(report, lang="en"))
    assert "Provisional score: only" in english and "### Unanswered" in english
    page = render(Format.HTML, report)
    assert 'class="warning"' in page and "Puntaje provisional" in page


def test_journey_without_steps_has_no_mermaid_block(example: Report) -> None:
    audit = example.audit
    journeys = [audit.steps.processes.journeys[0].model_copy(update={"steps": []})]
    processes = audit.steps.processes.model_copy(update={"journeys": journeys})
    steps = audit.steps.model_copy(update={"processes": processes})
    report = dataclasses.replace(example, audit=audit.model_copy(update={"steps": steps}))
    text = render(Format.MD, report)
    assert "```mermaid" not in text
    assert "Este recorrido aún no tiene etapas." in text


def test_how_section_quotes_the_policy(example: Report) -> None:
    text = render(Format.MD, example)
    assert "Herramientas y canales 25 %" in text
    assert "4 Integrada ≥ 60" in text


def test_free_text_cannot_inject_markup(hostile: Report) -> None:
    text = render(Format.MD, hostile)
    assert HOSTILE not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img" not in text and "<svg" not in text
    # Mermaid labels: quotes and angle brackets become entity codes, so a label cannot close.
    mermaid = text[text.index("```mermaid") :]
    mermaid = mermaid[: mermaid.index("```", 3)]
    assert '"]; click' not in mermaid and "#quot;]; click" in mermaid
    # A pipe in free text would break a table row.
    assert "| table |" not in text and "#124; table #124;" in text


def test_rules_that_failed_are_listed(example: Report) -> None:
    from omniready.assess import RuleError

    failed = dataclasses.replace(
        example.assessment, errors=(RuleError("my-rule", "KeyError: '<x>'"),)
    )
    report = dataclasses.replace(example, assessment=failed)
    assert "- `my-rule`: KeyError: '&lt;x&gt;'" in render(Format.MD, report)
    page = render(Format.HTML, report)
    assert "<code>my-rule</code>: KeyError: &#39;&lt;x&gt;&#39;" in page
