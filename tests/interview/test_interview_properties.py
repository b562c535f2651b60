"""Whatever is typed, in any order, every saved file is a valid audit that fits the checklist."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from omniready.audit.check import check_audit
from omniready.audit.model import Audit, Organization
from omniready.audit.store import load_audit, save_audit
from omniready.checklist import Checklist
from omniready.interview import walk
from omniready.interview.conversation import Interview

from .conftest import ScriptedTerminal, small_checklist

TOKENS = [
    "",
    "<",
    ">",
    "na",
    "no aplica",
    "nota",
    "una nota",
    "1",
    "2",
    "3",
    "4",
    "s",
    "n",
    "sí",
    "0,5",
    "35%",
    "99",
    "-1",
    "borrar",
    "evidencia",
    "doc.pdf",
    "quien",
    "Ana",
    "?",
    "half",
    "texto libre",
    "<",
    # record fields
    "web",
    "whatsapp, web",
    "https://x.example",
    "ZENDESK_TOKEN",
    "18-30",
    "3m",
    "11, 12",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_any_typing_leaves_a_valid_file(lines: list[str]) -> None:
    checklist: Checklist = small_checklist()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        saves: list[Audit] = []

        def save(changed: Audit) -> None:
            save_audit(path, changed)
            saves.append(changed)

        blank = Audit(organization=Organization(name="Acme"))
        interviewer = Interview(ScriptedTerminal(lines), checklist, blank, save, "es", str(path))
        try:
            interviewer.run(walk.resume_at(checklist, blank))
        except EOFError:
            pass
        if saves:
            on_disk = load_audit(path)
            assert on_disk.all_answers() == interviewer.audit.all_answers()
            assert check_audit(on_disk, checklist) == []
