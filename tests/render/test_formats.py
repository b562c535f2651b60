"""Every --format value maps to a renderer returning text; JSON carries the whole assessment."""

from __future__ import annotations

import json

import pytest

from omniready.render import Format, Report, render, renderer
from omniready.render.files import parse_formats, report_stem

TEXT_FORMATS = [f for f in Format if f is not Format.PDF]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format_has_a_renderer(fmt: Format, example: Report) -> None:
    text = renderer(fmt)(example)
    assert isinstance(text, str) and text.strip()


def test_pdf_is_binary_and_written_by_files(example: Report) -> None:
    with pytest.raises(ValueError, match="binary"):
        render(Format.PDF, example)


def test_json_is_the_whole_assessment(example: Report) -> None:
    document = json.loads(render(Format.JSON, example))
    assert document["format"] == "omniready-assessment"
    result = document["assessment"]
    assert result["score"] == example.assessment.score
    assert [s["step"] for s in result["steps"]] == [
        "tools",
        "processes",
        "segments",
        "metrics",
        "brand",
    ]
    assert len(result["findings"]) == len(example.assessment.findings)
    assert result["findings"][0]["title"]["en"]
    assert {i["horizon"] for i in result["roadmap"]} <= {"30d", "1-3m", "3-12m"}
    assert result["matrix"]["tools"][0]["emits"] in {"verified", "claimed", "unconfirmed", "none"}


def test_same_input_same_bytes(example: Report) -> None:
    for fmt in TEXT_FORMATS:
        assert render(fmt, example) == render(fmt, example)


def test_parse_formats() -> None:
    assert parse_formats("md, HTML,md") == [Format.MD, Format.HTML]
    assert parse_formats("pdf,csv") == [Format.PDF, Format.CSV]
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        parse_formats("md,docx")
    with pytest.raises(ValueError):
        parse_formats(" , ")


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("acme.audit.yaml", "acme-report"),
        ("x.yml", "x-report"),
        (".audit.yaml", "audit-report"),
    ],
)
def test_report_stem(name: str, stem: str) -> None:
    from pathlib import Path

    assert report_stem(Path(name)) == stem


def test_json_carries_coverage_and_names_in_both_languages(example: Report) -> None:
    document = json.loads(render(Format.JSON, example))
    assert document["version"] == 3
    data = document["assessment"]
    assert data["answered"] == data["total"] > 50 and data["coverage"] == 1.0
    assert data["coverage_min"] == 0.8 and data["provisional"] is False
    assert data["unscored_steps"] == []
    capacity = next(f for f in data["findings"] if f["id"] == "channel-capacity")
    assert "Teléfono" in capacity["params"]["channel"]["es"]
    assert "Phone" in capacity["params"]["channel"]["en"]
    # Record paths and rule ids stay in the JSON, for tools and the technical annex.
    assert "metrics.channels.phone.abandonment_rate" in capacity["subjects"]
    assert "abandonment-high" in capacity["rules"] and capacity["cross_step"] is True
