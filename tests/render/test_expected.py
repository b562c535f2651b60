"""The reports of the shipped example, byte for byte, against saved files.

A deliberate change to a template, a label or the example: regenerate with
`OMNIREADY_REGENERATE=1 pytest tests/render/test_expected.py` and review the diff in git.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from omniready.render import Format, Report, render

EXPECTED = Path(__file__).resolve().parent / "expected"


@pytest.mark.parametrize(
    ("fmt", "lang"), [(Format.MD, "es"), (Format.MD, "en"), (Format.JSON, "en")]
)
def test_example_report_matches_saved_file(example: Report, fmt: Format, lang: str) -> None:
    text = render(fmt, dataclasses.replace(example, lang=lang))
    saved = EXPECTED / f"acme-retail-report.{lang}.{fmt.value}"
    if os.environ.get("OMNIREADY_REGENERATE") == "1":
        saved.parent.mkdir(exist_ok=True)
        saved.write_text(text, encoding="utf-8")
    assert text == saved.read_text(encoding="utf-8")
