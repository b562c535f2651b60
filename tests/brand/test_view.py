"""The scan's view reads the audit file's open records without trusting their types."""

from __future__ import annotations

from omniready.audit.model import BrandScan
from omniready.brand.view import build_view


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
