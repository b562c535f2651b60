"""`diff` compares the brand scans of two years: cells per check and channel, address, counts.

The two audits are written by the test (the small BASE audit of conftest with a `scan:` each)
and compared through the command as a user runs it.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from omniready.audit.model import BrandScan
from omniready.diff.scan import compare_scans

runner = CliRunner()

OLD_SCAN: dict[str, Any] = {
    "scanned_at": "2025-11-03T10:00:00Z",
    "version": "0.1.0",
    "matrix": {
        "names": {"email": "ok", "web": "ok"},
        "audio": {"ivr": "finding"},
        "readability": {"web": "ok"},
    },
    "address": {"email": {"tu": 2}, "web": {"tu": 1}},
    "findings": [
        {"check": "audio", "code": "loudness", "channels": ["ivr"], "places": ["m/ivr/a.wav"]},
    ],
}
NEW_SCAN: dict[str, Any] = {
    "scanned_at": "2026-11-04T10:00:00Z",
    "version": "0.2.0",
    "matrix": {
        "names": {"email": "finding", "web": "ok"},
        "logo": {"web": "ok"},
        "readability": {"web": "ok"},
    },
    "address": {"email": {"tu": 1, "usted": 1}, "web": {"tu": 3}},
    "findings": [
        {"check": "names", "code": "variant", "channels": ["email"], "places": ["m/e.eml:3"]},
        {"check": "names", "code": "variant", "channels": ["email"], "places": ["m/e.eml:9"]},
    ],
}


@pytest.fixture
def pair(mk: SimpleNamespace, tmp_path: Path) -> tuple[Path, Path]:
    old = mk.write(tmp_path / "2025.audit.yaml", mk.audit(steps__brand__scan=OLD_SCAN))
    new = mk.write(tmp_path / "2026.audit.yaml", mk.audit(steps__brand__scan=NEW_SCAN))
    return old, new


def diff(*args: str | Path) -> str:
    from omniready.cli import app

    result = runner.invoke(app, ["diff", *(str(a) for a in args)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_lists_what_appeared_went_away_and_changed(pair: tuple[Path, Path]) -> None:
    scan = json.loads(diff(*pair, "--format", "json", "--lang", "en"))["brand_scan"]
    assert scan["scanned"] == {"old": "2025-11-03", "new": "2026-11-04"}
    cells = {(c["check"], c["channel"]): (c["kind"], c["old"], c["new"]) for c in scan["cells"]}
    assert cells == {
        ("names", "email"): ("changed", "ok", "finding"),
        ("logo", "web"): ("added", None, "ok"),
        ("audio", "ivr"): ("removed", "finding", None),
    }  # names·web and readability·web did not move: not listed
    names = next(c for c in scan["cells"] if c["check"] == "names")
    assert names["title"] == "Brand name" and names["verdict"] == "worse"
    assert scan["address"] == [
        {"channel": "email", "form": "tu", "old": 1.0, "new": 0.5, "delta": -0.5},
        {"channel": "email", "form": "usted", "old": 0.0, "new": 0.5, "delta": 0.5},
    ]  # web stays all tú
    counts = {c["check"]: (c["old"], c["new"], c["verdict"]) for c in scan["findings"]}
    assert counts == {"names": (0, 2, "worse"), "audio": (1, 0, "better")}


def test_text_in_both_languages(pair: tuple[Path, Path]) -> None:
    en = diff(*pair, "--lang", "en")
    assert "  Materials scan: 2025-11-03 → 2026-11-04\n" in en
    assert "  ± Brand name · E-mail: no findings → with findings worse\n" in en
    assert "  + Logo · Web: not examined → no findings\n" in en
    assert "    E-mail: usted 0% → 50% (+50 pp)\n" in en
    assert "    “Audio identity” findings: 1 → 0 better\n" in en
    es = diff(*pair, "--lang", "es")
    assert "  Escaneo de materiales: 2025-11-03 → 2026-11-04\n" in es
    assert "  ± Nombre de marca · Correo: sin hallazgos → con hallazgos peor\n" in es
    assert "    Correo: tú 100 % → 50 % (-50 pp)\n" in es
    assert "    hallazgos de «Nombre de marca»: 0 → 2 peor\n" in es
    # The scan sits in the brand step's group, after the step's score line.
    assert es.index("Escaneo de materiales") > es.index("Consistencia de marca")


def test_markdown_in_both_languages(pair: tuple[Path, Path]) -> None:
    en = diff(*pair, "--format", "md", "--lang", "en")
    assert "### Materials scan: 2025-11-03 → 2026-11-04" in en
    assert "| ± | Brand name | E-mail | no findings → with findings | ⚠️ worse |" in en
    assert "| - | Audio identity | ivr | with findings → not examined |  |" in en
    assert "- “Audio identity” findings: 1 → 0 ✅ better" in en
    es = diff(*pair, "--format", "md", "--lang", "es")
    assert "**Trato por canal**" in es and "**Hallazgos por control**" in es
    assert "| + | Logo | Web | no examinado → sin hallazgos |  |" in es


def test_a_new_scan_of_the_same_materials_is_no_change(mk: SimpleNamespace, tmp_path: Path) -> None:
    again = {**OLD_SCAN, "scanned_at": "2026-01-10T09:00:00Z"}
    old = mk.write(tmp_path / "a.audit.yaml", mk.audit(steps__brand__scan=OLD_SCAN))
    new = mk.write(tmp_path / "b.audit.yaml", mk.audit(steps__brand__scan=again))
    assert "Materials scan" not in diff(old, new, "--lang", "en")
    scan = json.loads(diff(old, new, "--format", "json"))["brand_scan"]
    assert scan["cells"] == scan["address"] == scan["findings"] == []
    assert "No changes." in diff(old, new, "--lang", "en")


def test_a_first_scan_has_nothing_to_be_judged_against(mk: SimpleNamespace, tmp_path: Path) -> None:
    old = mk.write(tmp_path / "a.audit.yaml", mk.audit())
    new = mk.write(tmp_path / "b.audit.yaml", mk.audit(steps__brand__scan=NEW_SCAN))
    text = diff(old, new, "--lang", "en")
    assert "  Materials scan: no scan → 2026-11-04\n" in text
    assert "  + Brand name · E-mail: not examined → with findings\n" in text
    assert "    “Brand name” findings: - → 2\n" in text  # no verdict without an old scan
    assert json.loads(diff(old, new, "--format", "json"))["brand_scan"]["findings"] == [
        {"check": "names", "title": "Nombre de marca", "old": None, "new": 2, "verdict": "neutral"}
    ]


def test_no_scan_on_either_side_is_no_section(mk: SimpleNamespace, tmp_path: Path) -> None:
    old = mk.write(tmp_path / "a.audit.yaml", mk.audit())
    new = mk.write(tmp_path / "b.audit.yaml", mk.audit())
    assert json.loads(diff(old, new, "--format", "json"))["brand_scan"] is None
    assert compare_scans(None, None) is None


def test_a_check_unknown_to_this_release_is_kept_under_its_id() -> None:
    newer = BrandScan.model_validate(
        {**NEW_SCAN, "matrix": {"tone": {"web": "finding"}}, "findings": []}
    )
    found = compare_scans(BrandScan.model_validate(OLD_SCAN), newer)
    assert found is not None
    tone = next(c for c in found.cells if c.check == "tone")
    assert (tone.title.en, tone.kind, tone.new) == ("tone", "added", "finding")
