"""The shipped checklists: they load, they are complete in both languages, and they can be extended."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from omniready.audit.check import validate_file
from omniready.audit.model import STEPS
from omniready.checklist import Checklist, Question, load_checklist
from omniready.resources import data_dir

CHECKLISTS = data_dir("checklists")
STEP_FILES = [CHECKLISTS / f"{step}.yaml" for step in STEPS]
# Option values must survive YAML 1.1: these words would be read back as booleans.
BOOLEAN_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist()


def test_every_shipped_file_is_loaded() -> None:
    shipped = {p.name for p in CHECKLISTS.iterdir() if p.suffix in {".yaml", ".yml"}}
    # load_checklist reads core.yaml and one file per step, omniready.channels reads
    # channels.yaml; any other file would be ignored.
    assert shipped == {"core.yaml", "channels.yaml", *(f"{step}.yaml" for step in STEPS)}


@pytest.mark.parametrize("path", STEP_FILES, ids=lambda p: p.stem)
def test_step_file_declares_its_step_and_explains_itself(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "a step file opens with a comment explaining the step"
    raw = yaml.safe_load(text)
    assert raw["step"] == path.stem
    assert raw["title"]["es"] and raw["title"]["en"]


def test_checklist_loads_with_name_version_and_titles(checklist: Checklist) -> None:
    assert checklist.ref == "core@2026.1"
    assert set(checklist.titles) == set(STEPS)


@pytest.mark.parametrize("step", STEPS)
def test_each_step_has_at_least_eight_questions(checklist: Checklist, step: str) -> None:
    assert len(checklist.of_step(step)) >= 8


def test_ids_are_unique_and_prefixed_by_their_step() -> None:
    seen: set[str] = set()
    for path in STEP_FILES:
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            qid = raw["id"]
            assert qid.startswith(f"{path.stem}."), f"{path.name}: {qid}"
            assert qid not in seen, f"duplicate id {qid}"
            seen.add(qid)


def _texts(question: Question) -> list[tuple[str, str, str]]:
    out = [("text", question.text.es, question.text.en)]
    if question.help:
        out.append(("help", question.help.es, question.help.en))
    if question.remediation:
        out.append(("remediation", question.remediation.es, question.remediation.en))
    return out


def test_every_text_is_in_both_languages_and_translated(checklist: Checklist) -> None:
    for question in checklist.questions:
        for field, es, en in _texts(question):
            where = f"{question.id} {field}"
            assert es.strip() and en.strip(), where
            assert es.strip() != en.strip(), f"{where}: the Spanish text is not translated"
        for option in question.options:
            assert option.label.es.strip() and option.label.en.strip(), question.id


def test_titles_are_in_both_languages(checklist: Checklist) -> None:
    for step, title in checklist.titles.items():
        assert title.es.strip() and title.en.strip() and title.es != title.en, step


def test_every_scored_question_has_remediation(checklist: Checklist) -> None:
    missing = [q.id for q in checklist.questions if q.scored and q.remediation is None]
    assert missing == []


def test_numbers_and_texts_are_informative(checklist: Checklist) -> None:
    for question in checklist.questions:
        if question.type in {"text", "number"}:
            assert question.weight == 0, f"{question.id}: numbers and texts are not scored"


def test_answer_types_are_mixed(checklist: Checklist) -> None:
    kinds = {q.type for q in checklist.questions}
    assert kinds == {"scale", "yesno", "choice", "number", "text"}


def test_scored_choices_have_options_with_scores(checklist: Checklist) -> None:
    for question in checklist.questions:
        if question.type in {"scale", "choice", "yesno"}:
            assert len(question.options) >= 2, question.id
            assert any(o.score is not None for o in question.options), question.id


def test_option_values_are_unique_and_not_boolean_words(checklist: Checklist) -> None:
    for question in checklist.questions:
        if question.type == "yesno":
            continue
        values = [o.value for o in question.options]
        assert len(values) == len(set(values)), question.id
        assert not BOOLEAN_WORDS & {v.lower() for v in values}, question.id


def test_applies_if_points_to_an_earlier_question_of_fitting_type(checklist: Checklist) -> None:
    conditional = [q for q in checklist.questions if q.applies_if]
    assert conditional, "at least one question is conditional"
    order = [q.id for q in checklist.questions]
    for question in conditional:
        assert question.applies_if is not None
        target = checklist.by_id.get(question.applies_if.question)
        assert target is not None, f"{question.id}: applies_if names an unknown question"
        assert order.index(target.id) < order.index(question.id), "the gate is asked first"
        for value in question.applies_if.in_:
            assert target.option(value) is not None, f"{question.id}: {value!r} is never answered"


def test_core_scales_are_documented_and_ordered() -> None:
    raw = yaml.safe_load((CHECKLISTS / "core.yaml").read_text(encoding="utf-8"))
    for name, options in raw["scales"].items():
        scores = [o["score"] for o in options if o["score"] is not None]
        assert scores == sorted(scores), f"scale {name} runs from worst to best"
        assert scores[0] == 0 and scores[-1] == 1, name


OVERRIDE = """\
questions:
  - id: tools.api-available
    weight: 5
    type: yesno
    text: {es: "¿Hay API?", en: "Is there an API?"}
    remediation: {es: "Pida la API.", en: "Ask for the API."}
  - id: tools.crm-vendor-support
    weight: 1
    type: scale
    scale: maturity
    text: {es: "¿El proveedor del CRM da soporte?", en: "Does the CRM vendor give support?"}
    remediation: {es: "Contrate soporte.", en: "Buy support."}
"""


def test_checklist_dir_overrides_and_adds_questions(tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(OVERRIDE, encoding="utf-8")
    shipped = load_checklist()
    extended = load_checklist(tmp_path)

    overridden = extended.by_id["tools.api-available"]
    assert overridden.weight == 5 and overridden.type == "yesno"
    assert shipped.by_id["tools.api-available"].weight == 3  # the package is untouched

    added = extended.by_id["tools.crm-vendor-support"]
    assert [o.value for o in added.options][0] == "absent"  # the shared scale was resolved
    assert added in extended.of_step("tools")
    assert len(extended.questions) == len(shipped.questions) + 1


def test_checklist_dir_question_is_accepted_by_validate(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "local.yaml").write_text(OVERRIDE, encoding="utf-8")
    audit = tmp_path / "a.audit.yaml"
    audit.write_text(
        "organization: {name: X}\n"
        "steps:\n  tools:\n    answers:\n      tools.crm-vendor-support: {answer: defined}\n",
        encoding="utf-8",
    )
    assert validate_file(audit, load_checklist(extra)) == []
    problems = validate_file(audit, load_checklist())
    assert any("tools.crm-vendor-support" in p.text for p in problems)
