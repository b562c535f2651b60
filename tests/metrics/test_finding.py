"""The finding where an answer disagrees with the measured data: every channel answered as having
an SLA target, while a channel measured from the exports has none (assess/rules.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import invoke

RULE = "answer-contradicted-by-data"


def _report(case: Path, answer: str, *sla: str) -> str:
    audit = case / "t.audit.yaml"
    text = audit.read_text().replace(
        "      metrics.peaks-known:\n",
        f"      metrics.sla-defined:\n        answer: {answer}\n      metrics.peaks-known:\n",
    )
    audit.write_text(text)
    measured = invoke("metrics", audit, *sla)
    assert measured.exit_code == 0, measured.output
    result = invoke("report", audit, "-o", case / "out", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    return next((case / "out").glob("*.json")).read_text()


def test_fires_when_all_channels_answered_but_chat_has_no_target(case: Path) -> None:
    # Phone has the audit's 60 s target; chat answered contacts with none.
    report = _report(case, "all")
    assert RULE in report
    assert "in the measured data 1 channel(s) have no target: Web chat." in report


@pytest.mark.parametrize(
    ("answer", "sla"),
    [
        ("all", ("--sla", "chat=2m")),  # every measured channel has a target
        ("some", ()),  # the answer already says some channels lack one
    ],
)
def test_silent_when_answer_and_data_agree(case: Path, answer: str, sla: tuple[str, ...]) -> None:
    assert RULE not in _report(case, answer, *sla)
