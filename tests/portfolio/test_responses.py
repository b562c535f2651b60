"""Several respondents' answers on one answer: the file round-trips, the schema knows them,
and disagreements of more than one step of the scale are found."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from omniready.audit.store import parse_audit, to_yaml
from omniready.checklist import Checklist
from omniready.cli import app
from omniready.portfolio.disagreement import disagreements

runner = CliRunner()

AUDIT = """\
schema: 2
organization: {name: Uno}
steps:
  tools:
    answers:
      tools.api-available:
        answer: most
        responses:
        - {respondent: TI, answer: most, note: casi todas}
        - {respondent: Tiendas, answer: some}
      tools.tool-owners:
        answer: half
        responses:
        - {respondent: TI, answer: half}
        - {respondent: Tiendas, answer: most}
      tools.inventory-complete:
        answer: all
        responses:
        - {respondent: TI, answer: all}
        - {respondent: Tiendas, answer: unknown}
      tools.data-export:
        answer: true
        responses:
        - {respondent: TI, answer: true}
        - {respondent: Tiendas, answer: false}
"""


def test_responses_round_trip_through_the_file() -> None:
    audit = parse_audit(AUDIT)
    answer = audit.steps.tools.answers["tools.api-available"]
    assert answer.answer == "most"
    assert [(r.respondent, r.answer, r.note) for r in answer.responses] == [
        ("TI", "most", "casi todas"),
        ("Tiendas", "some", None),
    ]
    text = to_yaml(audit)
    assert parse_audit(text) == audit
    assert to_yaml(parse_audit(text)) == text
    assert "responses" not in to_yaml(parse_audit("organization: {name: Dos}\n"))


def test_only_answers_more_than_one_step_apart_disagree(checklist: Checklist) -> None:
    found = disagreements(parse_audit(AUDIT), checklist)
    # most vs some is two steps; half vs most one; unknown is no step; yes/no is not a scale.
    assert [(d.question, d.spread, d.consensus) for d in found] == [
        ("tools.api-available", 2, "most")
    ]
    assert [(r.respondent, r.answer) for r in found[0].responses] == [
        ("TI", "most"),
        ("Tiendas", "some"),
    ]


def test_the_schema_describes_responses() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    response = schema["$defs"]["Response"]
    assert response["required"] == ["respondent"]
    assert set(response["properties"]) == {"respondent", "answer", "note"}
    assert schema["$defs"]["Answer"]["properties"]["responses"]["items"] == {
        "$ref": "#/$defs/Response"
    }


def test_a_response_without_respondent_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.audit.yaml"
    bad.write_text(AUDIT.replace("{respondent: Tiendas, answer: some}", "{answer: some}"), "utf-8")
    result = runner.invoke(app, ["validate", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert f"{bad}:10:11: respondent: required field is missing" in result.stdout
