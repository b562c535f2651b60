"""The scan's view reads the audit file's open records without trusting their types."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from omniready.audit.model import BrandScan
from omniready.brand.view import build_view
from omniready.cli import app


def test_palette_entries_that_are_not_numbers_are_shown_without_them() -> None:
    # What a hand edit or a fuzzed file can leave in `palette:` (the bench/fuzz.py case).
    scan = BrandScan.model_validate(
        {
            "scanned_at": "2026-11-03T10:00:00Z",
            "version": "0.1.0",
            "palette": {
                "#e63946": {"count": [1], "nearest": 3, "delta_e": "far"},
                "#0a3d62": {"count": 4, "nearest": "#0a3d62", "delta_e": 0},
                "#ffffff": {"count": True, "neutral": True},
            },
        }
    )
    swatches = {s.value: s for s in build_view(scan, "es").swatches}
    assert [s.value for s in build_view(scan, "es").swatches][0] == "#0a3d62"  # most used first
    assert (swatches["#e63946"].count, swatches["#e63946"].nearest) == (0, None)
    assert swatches["#e63946"].delta_e is None
    assert (swatches["#0a3d62"].count, swatches["#0a3d62"].delta_e) == (4, 0.0)
    assert swatches["#ffffff"].count == 0 and swatches["#ffffff"].neutral


def _scan_with_figures() -> BrandScan:
    return BrandScan.model_validate(
        {
            "scanned_at": "2026-11-03T10:00:00Z",
            "version": "0.1.0",
            "address": {"email": {"tu": 3, "usted": 1}},
            "palette": {"#0a3d62": {"count": 12345, "nearest": "#0a3d62", "delta_e": 2.35}},
            "promotions": [
                {"code": "VERANO20", "channel": "web", "percent": 20.5, "minimum": "20000"}
            ],
            "findings": [
                {
                    "check": "promotions",
                    "code": "terms-differ",
                    "channels": ["email"],
                    "params": {"code": "VERANO20", "field": "percent", "terms": [["email", 15]]},
                },
                {
                    "check": "address",
                    "code": "mixed-channel",
                    "channels": ["email"],
                    "params": {"channel": "email", "shares": {"usted": 1, "tu": 3}},
                },
            ],
        }
    )


def test_markdown_writes_percentages_and_thousands_as_each_language_does() -> None:
    from omniready.brand.formats.markdown import to_markdown

    english, spanish = (
        to_markdown(_scan_with_figures(), "en"),
        to_markdown(_scan_with_figures(), "es"),
    )
    # The address shares (view) and the finding's saved counts (largest first) alike.
    assert english.count("tú 75%, usted 25%") == 2 and "75 %" not in english
    assert spanish.count("tú 75 %, usted 25 %") == 2
    assert "| `#0a3d62` | 12,345 | #0a3d62 | 2.4 |" in english
    assert "| `#0a3d62` | 12.345 | #0a3d62 | 2,4 |" in spanish
    # A promotion's discount and amount: in the table and in a finding's sentence.
    assert "| VERANO20 | web | 20.5% |  |  | 20,000 |" in english
    assert "| VERANO20 | web | 20,5 % |  |  | 20.000 |" in spanish
    assert english.count("email: 15%") == 1 and spanish.count("email: 15 %") == 1


def test_shares_saved_as_text_by_an_older_scan_are_shown_as_saved() -> None:
    from omniready.brand.words import sentence

    scan = _scan_with_figures()
    finding = scan.findings[1].model_copy(
        update={"params": {"channel": "email", "shares": "tú 50 %, usted 50 %"}}
    )
    assert sentence(finding, "en").endswith(": tú 50 %, usted 50 %")


def test_a_promotion_missing_columns_is_shown_blank_not_an_internal_error(tmp_path: Path) -> None:
    # Found by bench/fuzz.py: a cut file kept a promotion without its `place`, and the report's
    # template ended in exit 3.
    example = Path(__file__).parents[2] / "examples" / "acme-retail.audit.yaml"
    lines = example.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = [line for line in lines if not line.startswith("        place: materiales/web/")]
    assert len(cut) == len(lines) - 1
    audit = tmp_path / "cut.audit.yaml"
    audit.write_text("".join(cut), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["report", str(audit), "-o", str(tmp_path / "out"), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "cut-report.md").read_text(encoding="utf-8")
    assert "| `` |" in report  # the web promotion's row, its place blank
