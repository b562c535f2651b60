"""The HTML report: self-contained, escaped, valid SVG, both languages, template override."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from omniready.errors import InputError
from omniready.render import Format, Report, render

HOSTILE = "<script>alert(1)</script>"
# Attributes that make a browser fetch something, and tags that run or embed anything.
FETCHING = {
    "src",
    "href",
    "action",
    "formaction",
    "poster",
    "data",
    "srcset",
    "xlink:href",
    "background",
    "manifest",
    "ping",
}
FORBIDDEN_TAGS = {
    "script",
    "link",
    "img",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "source",
    "base",
    "form",
    "meta-refresh",
}


class Scan(HTMLParser):
    """Collect tags, fetching attributes, inline styles and the text of <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.refs: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self.handlers: list[str] = []
        self._in_style = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in FETCHING:
                self.refs.append((tag, name, value or ""))
            if name == "style":
                self.styles.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def scan(text: str) -> Scan:
    parser = Scan()
    parser.feed(text)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page(example: Report) -> str:
    return render(Format.HTML, example)


def test_no_external_resource(page: str) -> None:
    found = scan(page)
    assert not FORBIDDEN_TAGS & set(found.tags)
    # The only links are anchors inside the page.
    assert found.refs and all(v.startswith("#") for _, _, v in found.refs), found.refs
    css = " ".join(found.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert not found.handlers


def test_every_svg_is_valid_xml(page: str) -> None:
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(svgs) == 2  # radar and findings bars
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert 'class="radar"' in svgs[0] and "<polygon" in svgs[0]


def test_sections_print_css_and_phone_layout(page: str) -> None:
    for anchor in ("summary", "scores", "roadmap", "matrix", "journeys", "how", "technical"):
        assert f'id="{anchor}"' in page
    # Printed: A4 with page numbers, page 1 alone, no heading left at a page's foot.
    assert "size: A4" in page and "@media print" in page
    assert 'content: counter(page) " / " counter(pages)' in page
    assert "#summary { break-after: page; }" in page and "break-after: avoid" in page
    assert 'name="viewport"' in page and "@media (max-width: 720px)" in page
    assert "Cómo se calcula este puntaje" in page


def test_english(example: Report) -> None:
    page = render(Format.HTML, dataclasses.replace(example, lang="en"))
    assert '<html lang="en">' in page and "How this score is computed" in page
    assert "First 30 days" in page


def test_hostile_names_and_notes_show_as_text(hostile: Report) -> None:
    page = render(Format.HTML, hostile)
    found = scan(page)
    assert "script" not in found.tags and "img" not in found.tags
    assert not found.handlers
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = " ".join(found.text)
    assert HOSTILE in text  # shown to the reader, as text
    assert "<b>CRM</b>" in text
    for svg in re.findall(r"<svg\b.*?</svg>", page, flags=re.S):
        ET.fromstring(svg)


def test_templates_override(example: Report, tmp_path: Path) -> None:
    (tmp_path / "report.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    (tmp_path / "labels.yaml").write_text(
        "title: {es: 'Diagnóstico Omnicanal de Mi Consultora', en: 'My Firm'}\n", encoding="utf-8"
    )
    page = render(Format.HTML, dataclasses.replace(example, templates=tmp_path))
    assert "color: #123456" in page and "--accent" not in page
    assert "Diagnóstico Omnicanal de Mi Consultora" in page
    assert "Hoja de ruta" in page  # labels not overridden keep the shipped text


def test_broken_override_template_names_its_line(example: Report, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("# ok\n{% if %}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render(Format.MD, dataclasses.replace(example, templates=tmp_path))
    assert f"{tmp_path / 'report.md.j2'}:2" in caught.value.message
