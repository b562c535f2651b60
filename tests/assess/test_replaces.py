"""Finding rules read answers through `replaces:`: a file answered before a question was split and
the same file after `migrate` give the same findings, and a rule naming an old id still reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from omniready.assess import Assessment, assess, load_rules
from omniready.assess.rules import shipped_causes, shipped_rules
from omniready.audit.check import load_checked
from omniready.audit.model import Answer, Audit
from omniready.audit.store import load_audit, to_yaml
from omniready.checklist import Checklist, load_checklist
from omniready.cli import app
from omniready.resources import example_audit

runner = CliRunner()

# Each question split into two, answered under its old id as a file written before the split
# holds it. The values make the rules that read the halves fire (or stay quiet) on purpose.
OLD_ANSWERS: dict[str, Any] = {
    "processes.continuous-feedback": "informal",  # below "defined": no-feedback-loop fires
    "brand.promotions-consistent": "half",  # below "all": promotions fires
    "metrics.sla-per-channel": "half",
    "metrics.peaks-known": True,
    "metrics.reviewed-regularly": "defined",
}


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist()


def old_style(checklist: Checklist) -> Audit:
    """The shipped example with every split question answered under its old id only."""
    audit = load_audit(example_audit()).model_copy(deep=True)
    for old, value in OLD_ANSWERS.items():
        answers = audit.steps.answers_of(old.split(".")[0])
        for new in checklist.successors[old]:
            answers.pop(new, None)
        answers[old] = Answer(answer=value, note=f"answered before the split of {old}")
    return audit


def test_every_old_id_here_was_split_in_two(checklist: Checklist) -> None:
    assert {old: len(checklist.successors[old]) for old in OLD_ANSWERS} == dict.fromkeys(
        OLD_ANSWERS, 2
    )


def test_an_old_file_and_the_migrated_file_give_the_same_findings(
    tmp_path: Path, checklist: Checklist
) -> None:
    text = to_yaml(old_style(checklist))
    before, after = tmp_path / "before.audit.yaml", tmp_path / "after.audit.yaml"
    before.write_text(text, encoding="utf-8")
    after.write_text(text, encoding="utf-8")

    assert runner.invoke(app, ["validate", str(before)]).exit_code == 0
    migrated = runner.invoke(app, ["migrate", str(after)])
    assert migrated.exit_code == 0, migrated.output
    written = after.read_text(encoding="utf-8")
    for old, successors in ((o, checklist.successors[o]) for o in OLD_ANSWERS):
        assert f"{old}:" not in written
        assert all(f"{new}:" in written for new in successors)

    old_result: Assessment = assess(load_checked(before, checklist), checklist)
    new_result: Assessment = assess(load_checked(after, checklist), checklist)
    assert new_result.findings == old_result.findings
    assert new_result.score == old_result.score
    ids = [f.id for f in old_result.findings]
    # The rules that read the halves of a split question fired: nothing was dropped silently.
    assert {"no-feedback-loop", "promotions"} <= set(ids)
    promotions = next(f for f in old_result.findings if f.id == "promotions")
    assert "brand.promotions-honored" in promotions.questions


RULE_ON_THE_OLD_ID = """\
- id: feedback-half-missing
  severity: low
  steps: [processes]
  when: {kind: answer, question: processes.continuous-feedback, op: lt, value: 0.5}
  title: {es: "Falta la mitad del ciclo de opinión", en: "Half the feedback loop is missing"}
  remediation: {es: "Complete el ciclo.", en: "Close the loop."}
"""


@pytest.mark.parametrize(
    ("collected", "used", "fires_on"),
    [
        ("defined", "informal", "processes.feedback-used"),  # the weaker half decides
        ("absent", "measured", "processes.feedback-collected"),
        ("defined", "applied", None),  # both halves at least "defined": quiet
        (None, None, None),  # nothing answered: nothing to judge
    ],
)
def test_a_rule_naming_an_old_id_reads_the_weaker_half(
    tmp_path: Path,
    mk: Any,
    collected: str | None,
    used: str | None,
    fires_on: str | None,
) -> None:
    scale = load_checklist().by_id["processes.feedback-used"].options
    halves = mk.checklist(
        *(
            mk.question(qid, options=scale, replaces=["processes.continuous-feedback"])
            for qid in ("processes.feedback-collected", "processes.feedback-used")
        )
    )
    extra = tmp_path / "rules.yaml"
    extra.write_text(RULE_ON_THE_OLD_ID, encoding="utf-8")
    rules = tuple(r for r in load_rules(extra) if r.id == "feedback-half-missing")
    given = {"processes.feedback-collected": collected, "processes.feedback-used": used}
    audit = mk.audit(
        processes={"answers": {q: {"answer": v} for q, v in given.items() if v is not None}}
    )
    findings = assess(audit, halves, rules=rules).findings
    assert [f.questions for f in findings] == ([(fires_on,)] if fires_on else [])


def _named_questions(params: dict[str, Any]) -> list[str]:
    """Question ids among a check's params (a question id is `<step>.<name>`)."""
    steps = ("tools.", "processes.", "segments.", "metrics.", "brand.")
    values = [
        v for value in params.values() for v in (value if isinstance(value, list) else [value])
    ]
    return [v for v in values if isinstance(v, str) and v.startswith(steps)]


def test_shipped_rules_and_causes_name_current_question_ids(checklist: Checklist) -> None:
    named: list[tuple[str, str]] = []
    for rule in shipped_rules():
        for when in (rule.when, rule.done_when):
            if when is not None and when.question:
                named.append((rule.id, when.question))
        named += [(rule.id, q) for q in _named_questions(rule.params)]
    for cause in shipped_causes().values():
        named += [(f"cause {cause.id}", q) for q in cause.closes]
    assert named, "the rules name questions"
    # An old id would still be read (through replaces:), but a split sends it to one half only
    # by accident of scores; the shipped rules say which half they mean.
    assert [(who, q) for who, q in named if q not in checklist.by_id] == []
