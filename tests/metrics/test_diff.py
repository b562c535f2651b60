"""diff between two years measured from exports: the measured channel figures are compared, and
a different mapping (or definitions digest) is said, because the figures may not be alike."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import invoke, write


def _two_years(case: Path) -> tuple[Path, Path]:
    first = invoke("metrics", case / "t.audit.yaml")
    assert first.exit_code == 0, first.output
    old = case / "old.audit.yaml"
    shutil.copy(case / "t.audit.yaml", old)
    return old, case / "t.audit.yaml"


def test_same_mapping_compares_without_warning(case: Path) -> None:
    old, new = _two_years(case)
    write(
        case / "calls.csv",
        (case / "calls.csv").read_text().replace(",50,abandoned", ",50,answered"),
    )
    again = invoke("metrics", new)
    assert again.exit_code == 0, again.output
    result = invoke("diff", old, new, "--lang", "en")
    assert "different mappings" not in result.output
    assert "different definitions" not in result.output
    assert "abandonment" in result.output.lower()  # phone 20 % → 0 %: a measured figure compared


def test_different_mapping_is_said(case: Path) -> None:
    old, new = _two_years(case)
    text = (
        (case / "t.metrics.yaml")
        .read_text()
        .replace("incident_types: [delivery]", "incident_types: [billing]")
    )
    write(case / "t.metrics.yaml", text)
    again = invoke("metrics", new)
    assert again.exit_code == 0, again.output
    result = invoke("diff", old, new, "--lang", "en")
    assert (
        "the measured metrics were read with different mappings: t.metrics.yaml (" in result.output
    )


def test_different_definitions_are_said(case: Path) -> None:
    old, new = _two_years(case)
    text = old.read_text()
    digest = text.split("definitions: ")[1].split("\n")[0]
    old.write_text(text.replace(f"definitions: {digest}", "definitions: 0-older"))
    result = invoke("diff", old, new, "--lang", "en")
    assert f"different definitions: 0-older and {digest}" in result.output
