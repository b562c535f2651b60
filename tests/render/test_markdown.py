"""The Markdown report: sections in both languages, Mermaid journeys, escaped free text."""

from __future__ import annotations

import dataclasses

from omniready.render import Format, Report, render

HOSTILE = "<script>alert(1)</script>"


def test_spanish_sections_and_scores(example: Report) -> None:
    text = render(Format.MD, example)
    for heading in (
        "## Resumen",
        "## Puntajes por paso",
        "## Hallazgos",
        "## Hoja de ruta",
        "### Primeros 30 días",
        "### 1 a 3 meses",
        "### 3 a 12 meses",
        "## Matriz de integración",
        "## Recorridos",
        "## Cómo se calcula este puntaje",
    ):
        assert heading in text
    assert "**Puntaje global: 46,8 / 100 · Nivel 3 (Definida)**" in text
    assert "| Herramientas y canales | 45,5 | 3 Definida | 4 Integrada ⚠ |" in text
    assert "`abandonment-high:phone`" in text


def test_english(example: Report) -> None:
    text = render(Format.MD, dataclasses.replace(example, lang="en"))
    assert "**Overall score: 46.8 / 100 · Level 3 (Defined)**" in text
    assert "## How this score is computed" in text
    assert "Puntaje" not in text


def test_journeys_are_mermaid_flowcharts(example: Report) -> None:
    text = render(Format.MD, example)
    journeys = example.audit.steps.processes.journeys
    assert text.count("```mermaid\nflowchart LR\n") == len(journeys)
    assert '-. "contexto perdido" .->' in text


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
    assert "\\| table \\|" in text or "| table |" not in text


def test_rules_that_failed_are_listed(example: Report) -> None:
    from omniready.assess import RuleError

    failed = dataclasses.replace(
        example.assessment, errors=(RuleError("my-rule", "KeyError: '<x>'"),)
    )
    report = dataclasses.replace(example, assessment=failed)
    assert "- `my-rule`: KeyError: '&lt;x&gt;'" in render(Format.MD, report)
    page = render(Format.HTML, report)
    assert "<code>my-rule</code>: KeyError: &#39;&lt;x&gt;&#39;" in page
