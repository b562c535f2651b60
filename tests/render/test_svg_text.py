"""Chart and text helpers: valid SVG for any scores, numbers per language, safe escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from omniready.render import svg
from omniready.render.text import md, mermaid, number, percent


@pytest.mark.parametrize("scores", [[None] * 5, [0, 100, 50.5, None, 20], [100] * 5])
def test_radar_is_valid_svg_for_any_scores(scores: list[float | None]) -> None:
    axes = [svg.Axis(f"Paso & <{i}>", s, 60) for i, s in enumerate(scores)]
    root = ET.fromstring(svg.radar(axes, "Títle <x>", "Actual", "Meta"))
    texts = "".join(root.itertext())
    assert "Paso & <0>" in texts  # escaped in the source, the text itself once parsed
    assert ("—" in texts) == (None in scores)  # an unscored step shows a dash, not 0


def test_bars_scale_and_skip_empty_segments() -> None:
    rows = [svg.BarRow("A", (0, 0, 0)), svg.BarRow("B <b>", (2, 1, 0))]
    root = ET.fromstring(svg.stacked_bars(rows, ("high", "medium", "low"), ("H", "M", "L"), "t"))
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert [r.get("class") for r in bars] == ["high", "medium"]
    assert float(bars[0].get("width", 0)) == 2 * float(bars[1].get("width", 0))


def test_wrap() -> None:
    assert svg.wrap("Herramientas y canales") == ["Herramientas y", "canales"]
    assert svg.wrap("") == [""]


@pytest.mark.parametrize(
    ("value", "lang", "digits", "shown"),
    [
        (46.8, "es", 1, "46,8"),
        (46.8, "en", 1, "46.8"),
        (50.0, "es", 1, "50"),
        (None, "en", 1, "—"),
        (2.25, "es", 2, "2,25"),
        (1.5, "en", 2, "1.50"),
        (46.8, "en", 0, "47"),
    ],
)
def test_number(value: float | None, lang: str, digits: int, shown: str) -> None:
    assert number(value, lang, digits) == shown


def test_percent() -> None:
    assert percent(0.5, "es") == "50 %" and percent(None, "en") == "—"


def test_md_escapes_markup_and_table_breaks() -> None:
    assert md("<b>a|b</b>") == "&lt;b&gt;a\\|b&lt;/b&gt;"
    assert md("*x* _y_ [z](u) `c`\nnext") == "\\*x\\* \\_y\\_ \\[z\\](u) \\`c\\` next"
    assert md(None) == ""


def test_mermaid_label_cannot_close_its_quotes() -> None:
    assert mermaid('a "b" <c> | `d`') == "a #quot;b#quot; #lt;c#gt; #124; #96;d#96;"
