"""Retired questions: an old file answering one still validates, with a warning in the run's
language; `migrate` drops the answer (its backup keeps it); no score, finding or report uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready import texts
from omniready.assess import assess
from omniready.audit.check import load_checked, validate_file
from omniready.audit.store import load_audit
from omniready.checklist import load_checklist, retired_warnings
from omniready.cli import app
from omniready.render import Format, Report, render

runner = CliRunner()

RETIRED = {"tools.marketplace-sales", "tools.marketplace-integrations"}

OLD_FILE = """\
schema: 2
checklist: core@2026.1
organization: {name: Acme}
steps:
  tools:
    answers:
      tools.api-available: {answer: most}
      tools.marketplace-sales: {answer: true, note: Mercado Libre}
      tools.marketplace-integrations: {answer: some}
  processes:
    answers:
      processes.continuous-feedback: {answer: defined}
"""


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.audit.yaml"
    path.write_text(OLD_FILE, encoding="utf-8")
    return path


def test_the_selling_marketplace_questions_are_retired_and_not_asked() -> None:
    checklist = load_checklist()
    assert checklist.retired == RETIRED
    assert not RETIRED & set(checklist.by_id)
    assert all(checklist.is_retired(q) and checklist.current_ids(q) == () for q in RETIRED)
    # "Marketplace" in step 1 is now the tools' connector marketplace.
    asked = checklist.by_id["tools.connector-marketplace"]
    assert "conector" in asked.text.es and "connector" in asked.text.en
    assert "Mercado Libre" not in asked.text.es + asked.text.en


def test_an_old_file_validates_with_a_located_warning_in_both_languages(old_file: Path) -> None:
    checklist = load_checklist()
    assert validate_file(old_file, checklist) == []
    warnings = retired_warnings(old_file, checklist)
    assert [(w.line, w.col) for w in warnings] == [(8, 7), (9, 7)]
    es, en = (w.message.render(lang) for w in warnings[:1] for lang in ("es", "en"))
    assert es.startswith("aviso: tools.marketplace-sales es una pregunta retirada")
    assert en.startswith("warning: tools.marketplace-sales is a retired question")


@pytest.mark.parametrize(("locale", "word"), [("es_CL.UTF-8", "aviso"), ("en_US.UTF-8", "warning")])
def test_validate_prints_the_warning_and_exits_0(
    old_file: Path, monkeypatch: pytest.MonkeyPatch, locale: str, word: str
) -> None:
    monkeypatch.setattr(texts, "_run_lang", None)
    monkeypatch.setenv("LC_ALL", locale)
    result = runner.invoke(app, ["validate", str(old_file)])
    assert result.exit_code == 0, result.output
    assert f"{old_file}:8:7: {word}: tools.marketplace-sales" in result.stderr
    assert f"{old_file}:9:7: {word}: tools.marketplace-integrations" in result.stderr


def test_a_retired_list_does_not_let_an_unknown_id_through(tmp_path: Path) -> None:
    path = tmp_path / "typo.audit.yaml"
    path.write_text(OLD_FILE.replace("marketplace-sales", "marketplace-salez"), encoding="utf-8")
    problems = validate_file(path, load_checklist())
    assert [(p.line, "tools.marketplace-salez" in p.text) for p in problems] == [(8, True)]


def test_migrate_drops_retired_answers_and_moves_split_ones(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(texts, "_run_lang", None)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    result = runner.invoke(app, ["migrate", str(old_file)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"{old_file}: answers moved to the questions' current ids")
    written = old_file.read_text(encoding="utf-8")
    assert not any(q in written for q in RETIRED)
    assert "processes.continuous-feedback" not in written
    audit = load_audit(old_file)
    moved = audit.steps.answers_of("processes")
    assert moved["processes.feedback-collected"].answer == "defined"
    assert moved["processes.feedback-used"].answer == "defined"
    assert audit.steps.answers_of("tools")["tools.api-available"].answer == "most"
    backup = next(old_file.parent.glob("old.audit.yaml.schema*.bak"))
    assert backup.read_text(encoding="utf-8") == OLD_FILE  # the backup keeps every answer
    assert retired_warnings(old_file, load_checklist()) == []
    again = runner.invoke(app, ["migrate", str(old_file)])
    assert again.exit_code == 0 and "nothing to do" in again.stderr


def test_the_assessment_and_the_report_ignore_retired_answers(old_file: Path) -> None:
    checklist = load_checklist()
    with_retired = load_checked(old_file, checklist)
    without = with_retired.model_copy(deep=True)
    for qid in RETIRED:
        without.steps.answers_of("tools").pop(qid)
    kept, dropped = assess(with_retired, checklist), assess(without, checklist)
    assert (kept.score, kept.answered, kept.total) == (
        dropped.score,
        dropped.answered,
        dropped.total,
    )
    assert kept.findings == dropped.findings and kept.questions == dropped.questions
    for lang in ("es", "en"):
        report = render(Format.MD, Report(audit=with_retired, assessment=kept, lang=lang))
        assert "marketplace-sales" not in report and "Mercado Libre" not in report


def test_a_question_asked_again_by_an_override_is_no_longer_retired(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "mine.yaml").write_text(
        "questions:\n- id: tools.marketplace-sales\n  type: yesno\n"
        "  text: {es: '¿Vende en marketplaces?', en: 'Do you sell on marketplaces?'}\n",
        encoding="utf-8",
    )
    checklist = load_checklist(extra)
    assert checklist.retired == {"tools.marketplace-integrations"}
    assert "tools.marketplace-sales" in checklist.by_id


def test_the_json_schema_accepts_a_retired_answer_as_deprecated() -> None:
    import json

    import jsonschema
    import yaml

    document = json.loads(runner.invoke(app, ["schema"]).stdout)
    tools = document["$defs"]["ToolsStep"]["properties"]["answers"]["properties"]
    assert all(tools[q]["deprecated"] is True for q in RETIRED)
    checker = jsonschema.Draft202012Validator(document)
    old = yaml.safe_load(OLD_FILE)
    assert list(checker.iter_errors(old)) == []
    old["steps"]["tools"]["answers"]["tools.marketplace-salez"] = {"answer": True}
    assert [e.message for e in checker.iter_errors(old)] != []  # an unknown id still is flagged


def test_an_id_a_question_replaces_is_carried_over_not_retired(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "mine.yaml").write_text(
        "retired: [tools.old-sales]\nquestions:\n- id: tools.sales-channels\n  type: yesno\n"
        "  replaces: [tools.old-sales]\n  text: {es: '¿Vende?', en: 'Do you sell?'}\n",
        encoding="utf-8",
    )
    checklist = load_checklist(extra)
    assert not checklist.is_retired("tools.old-sales")
    assert checklist.current_ids("tools.old-sales") == ("tools.sales-channels",)
