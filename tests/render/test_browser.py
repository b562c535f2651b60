"""A real browser opens the HTML report offline: headless Chromium saves a PNG, logs no errors.

Skips only where chromium is not installed; .ci/run installs Debian's chromium package and sets
OMNIREADY_REQUIRE_CHROMIUM=1, which turns a missing browser into a failure instead of a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from omniready.render import Format, Report, render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("OMNIREADY_REQUIRE_CHROMIUM") == "1"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED, reason="chromium is not installed"
)


def chromium(profile: Path, width: int) -> list[str]:
    """Headless Chromium with a fresh profile and no background traffic (no network here)."""
    assert CHROMIUM is not None
    return [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={width},2000",
    ]


def screenshot(html: Path, png: Path, profile: Path, width: int) -> str:
    """Open `html` in headless Chromium at `width` pixels; return its log (stderr)."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            *chromium(profile, width),
            f"--screenshot={png}",
            "--enable-logging=stderr",
            "--v=0",
            html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def console_errors(log: str) -> list[str]:
    """Console messages and failed loads from Chromium's log."""
    return [
        line
        for line in log.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "net::ERR" in line or "Refused to" in line
    ]


@pytest.mark.parametrize("width", [1200, 390])  # a laptop and a phone
def test_chromium_renders_the_report(
    example: Report, hostile: Report, tmp_path: Path, width: int
) -> None:
    for name, report in (("report", example), ("hostile", hostile)):
        html = tmp_path / f"{name}.html"
        html.write_text(render(Format.HTML, report), encoding="utf-8")
        png = tmp_path / f"{name}-{width}.png"
        log = screenshot(html, png, tmp_path / f"profile-{name}-{width}", width)
        assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 10_000  # something was drawn, not a blank page
        assert console_errors(log) == []


# Measures the laid-out page: the widest element and the smallest drawn text of the findings
# bars, written into the document so --dump-dom can read them. Added to a copy of the report
# only (the report itself has no scripts).
MEASURE = """<script>
addEventListener("load", () => {
  const root = document.documentElement;
  // Wide data grids (the matrix, inventory, channel figures) scroll inside their own box.
  const over = [...document.querySelectorAll("main *")]
    .filter(e => !e.closest(".scroll"))
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .map(e => e.tagName + "." + e.className).slice(0, 5);
  const bars = document.querySelector("svg.bars");
  const scale = bars.getBoundingClientRect().width / bars.viewBox.baseVal.width;
  const font = parseFloat(getComputedStyle(bars.querySelector("text.label")).fontSize);
  document.body.setAttribute("data-measure", JSON.stringify(
    {scroll: root.scrollWidth, client: root.clientWidth, over, label_px: font * scale}));
});
</script>"""


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_overflows_and_bar_labels_are_readable(
    example: Report, tmp_path: Path, width: int
) -> None:
    import json
    import re

    assert CHROMIUM is not None
    page = render(Format.HTML, example).replace("</body>", MEASURE + "</body>")
    html = tmp_path / "measure.html"
    html.write_text(page, encoding="utf-8")
    done = subprocess.run(
        [
            *chromium(tmp_path / "profile", width),
            "--virtual-time-budget=2000",
            "--dump-dom",
            html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r"data-measure=\"([^\"]*)\"", done.stdout)
    assert found, done.stdout[-500:]
    measure = json.loads(found.group(1).replace("&quot;", '"'))
    # No sideways scrolling of the page, and no element sticking out of the viewport.
    assert measure["scroll"] <= measure["client"], measure
    assert measure["over"] == [], measure
    assert measure["label_px"] >= 10, measure  # the bars' labels drawn at a readable size


def test_printed_example_fits_and_numbers_its_pages(tmp_path: Path) -> None:
    """`omniready report --format pdf` through the installed command: A4 pages numbered
    "n / N", at most 12 before the annexes, every section anchor in the printed document."""
    import sys

    from pypdf import PdfReader

    from omniready.resources import example_audit

    from .test_report_readers import ANCHORS

    script = Path(sys.executable).with_name("omniready")
    done = subprocess.run(
        [str(script), "report", str(example_audit()), "-o", str(tmp_path), "-f", "pdf,html"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "OMNIREADY_CHROMIUM": CHROMIUM or "", "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    pdf, html = tmp_path / "acme-retail-report.pdf", tmp_path / "acme-retail-report.html"
    assert done.stdout.split() == [str(pdf), str(html)]
    reader = PdfReader(pdf)
    pages = [p.extract_text() for p in reader.pages]
    total = len(pages)
    # A4 is 595 x 842 points.
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    for number, text in enumerate(pages, 1):
        assert f"{number} / {total}" in text, number
    first_annex = next(i for i, text in enumerate(pages) if "\nAnexos\n" in f"\n{text}\n")
    assert 1 <= first_annex <= 12, first_annex
    assert "Resumen ejecutivo" in pages[0]
    # The anchors a reader (and the contents) jump to are in the printed document.
    dom = subprocess.run(
        [*chromium(tmp_path / "profile", 1200), "--dump-dom", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert dom.returncode == 0
    for anchor in ANCHORS:
        assert f'id="{anchor}"' in dom.stdout, anchor
