"""The report's labels: the catalogue's `report` texts, replaced key by key by a --templates
folder's own labels.yaml."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from omniready.errors import InputError
from omniready.render import Format, Report, render
from omniready.texts import text


def test_labels_come_from_the_catalogue_in_the_report_language(example: Report) -> None:
    assert (
        example.label("title") == text("report.title", "es") == "Informe de preparación omnicanal"
    )
    english = dataclasses.replace(example, lang="en")
    assert english.label("title") == "Omnichannel readiness report"
    assert english.label("matrix_large", n=12).startswith("With 12 tools")


def test_a_templates_folder_replaces_only_its_own_keys(example: Report, tmp_path: Path) -> None:
    (tmp_path / "labels.yaml").write_text(
        "title: {es: Diagnóstico de Acme, en: Acme's assessment}\n", encoding="utf-8"
    )
    for lang, title, summary in (
        ("es", "Diagnóstico de Acme", "Resumen"),
        ("en", "Acme's assessment", "Summary"),
    ):
        report = dataclasses.replace(example, lang=lang, templates=tmp_path)
        assert (report.label("title"), report.label("summary")) == (title, summary)
        assert render(Format.MD, report).startswith(f"# {title}: Acme Retail SpA")


def test_a_folder_without_labels_keeps_the_catalogue(example: Report, tmp_path: Path) -> None:
    report = dataclasses.replace(example, templates=tmp_path)
    assert report.labels == dataclasses.replace(example).labels


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        ("title: {es: Solo español}\n", "label title: needs es and en texts"),
        ("- a list\n", "labels.yaml must give each key an es text and an en text"),
    ],
)
def test_a_bad_labels_file_is_located_in_words(
    example: Report, tmp_path: Path, content: str, shown: str
) -> None:
    (tmp_path / "labels.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _ = dataclasses.replace(example, lang="en", templates=tmp_path).labels
    (problem,) = caught.value.problems
    assert problem.path.endswith("labels.yaml") and problem.line == 1
    assert problem.message.render("en").startswith(shown)  # type: ignore[union-attr]
