"""HTML pages (saved web pages, e-mail bodies): visible text by line, colours and fonts from
inline styles, <style> blocks and linked local stylesheets, and images that present the logo."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from omniready.brand.errors import Unreadable
from omniready.brand.model import Line, LogoUse, StyleUse, Unit
from omniready.brand.readers import Parts, css
from omniready.brand.readers.image import logo_hash
from omniready.brand.readers.lines import decode

_HIDDEN = {"script", "style", "noscript", "template", "head", "svg"}
_BREAKS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "section"}
MAX_STYLESHEET = 2_000_000  # bytes of one linked stylesheet; a larger one is not a brand sheet


class _Page(HTMLParser):
    def __init__(self, base: Path, shown: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base, self.shown = base, shown
        self.text: dict[int, list[str]] = {}
        self.hidden = 0
        self.in_style = False
        self.colours: list[StyleUse] = []
        self.fonts: list[StyleUse] = []
        self.logos: list[LogoUse] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in _HIDDEN:
            self.hidden += 1
            self.in_style = tag == "style"
        if tag in _BREAKS:
            self.text.setdefault(line, []).append("\n")
        if "style" in values:
            colours, fonts = css.scan(values["style"], self.shown, line)
            self.colours += colours
            self.fonts += fonts
        for attr in ("bgcolor", "color"):
            if values.get(attr):
                self.colours.append(StyleUse(values[attr], line, self.shown))
        if tag == "font" and values.get("face"):
            self.fonts += [StyleUse(n, line, self.shown) for n in css.families(values["face"])[:1]]
        if tag == "link" and "stylesheet" in values.get("rel", "").lower():
            self._stylesheet(values.get("href", ""))
        if tag == "img":
            self._image(values, line)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
            self.in_style = False

    def handle_data(self, data: str) -> None:
        line = self.getpos()[0]
        if self.in_style:
            colours, fonts = css.scan(data, self.shown, line)
            self.colours += colours
            self.fonts += fonts
            return
        if self.hidden:
            return
        for offset, piece in enumerate(data.split("\n")):
            if piece.strip():
                self.text.setdefault(line + offset, []).append(piece)

    def _local(self, ref: str) -> Path | None:
        if not ref or ":" in ref.split("/")[0] or ref.startswith("//"):
            return None  # a URL: the scan never reaches the network
        target = (self.base / ref.split("?")[0].split("#")[0]).resolve()
        return target if target.is_file() else None

    def _stylesheet(self, href: str) -> None:
        target = self._local(href)
        if target is None or target.stat().st_size > MAX_STYLESHEET:
            return
        try:
            sheet = decode(target.read_bytes())
        except (OSError, Unreadable) as exc:
            self.problems.append(f"stylesheet {href}: {exc}")
            return
        shown = f"{self.shown.rsplit('/', 1)[0]}/{href}" if "/" in self.shown else href
        colours, fonts = css.scan(sheet, shown)
        self.colours += colours
        self.fonts += fonts

    def _image(self, values: dict[str, str], line: int) -> None:
        described = " ".join(values.get(k, "") for k in ("src", "alt", "class", "id")).lower()
        if "logo" not in described:
            return
        target = self._local(values.get("src", ""))
        if target is None:
            return
        try:
            digest = logo_hash(target.read_bytes(), values.get("src", ""))
        except ImportError:
            return  # without the brand extra the page's text still counts; logos are not hashed
        if digest:
            self.logos.append(LogoUse(self.shown, line, digest))


def parse(text: str, base: Path, shown: str, name: str | None = None) -> Parts:
    """Parts of an HTML document given as text (an e-mail body comes this way)."""
    page = _Page(base, shown)
    page.feed(text)
    page.close()
    lines: list[Line] = []
    for number in sorted(page.text):
        for piece in "".join(page.text[number]).split("\n"):
            if cleaned := " ".join(piece.split()):
                lines.append(Line(number, cleaned))
    return Parts(
        units=(Unit(tuple(lines), name),) if lines else (),
        colours=tuple(page.colours),
        fonts=tuple(page.fonts),
        logos=tuple(page.logos),
    )


def read(path: Path, data: bytes, shown: str) -> Parts:
    """A saved HTML page: UTF-8, or the charset its <meta> declares."""
    return parse(decode(data, html=True), path.parent, shown)
