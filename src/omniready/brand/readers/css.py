"""Colours and fonts in CSS text: declarations found by pattern, located by line."""

from __future__ import annotations

import re

from omniready.brand.model import StyleUse

_DECLARATION = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;{}]+)")
_COLOUR = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([^)]*\)|\b[a-zA-Z]+\b"
)
_COLOUR_PROPERTIES = {"background", "fill", "stroke", "border", "outline", "box-shadow"}
# Words that sit in colour properties without being colours.
_NOT_COLOURS = {
    "transparent", "inherit", "initial", "unset", "currentcolor", "none", "solid", "dashed",
    "dotted", "double", "important", "url", "repeat", "no", "center", "top", "bottom", "left",
    "right", "cover", "contain", "auto", "fixed", "scroll", "px", "em", "rem", "inset", "groove",
    "ridge", "outset", "hidden", "linear", "radial", "gradient", "to", "deg", "rgb", "rgba",
    "hsl", "hsla", "thin", "medium", "thick", "x", "y", "round", "space",
}  # fmt: skip
_GENERIC_FONTS = {
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-sans-serif",
    "ui-serif", "ui-monospace", "emoji", "math", "inherit", "initial", "unset", "-apple-system",
    "blinkmacsystemfont",
}  # fmt: skip
_FONT_SHORTHAND = re.compile(r"\d[\w.%]*(?:\s*/\s*[\w.%]+)?\s+(.+)$")


def _is_colour_property(name: str) -> bool:
    return "color" in name or name.split("-")[0] in _COLOUR_PROPERTIES


def families(value: str) -> list[str]:
    """The named font families of a font-family value; generic families are left out."""
    names = [part.strip().strip("\"'").strip() for part in value.split(",")]
    return [n for n in names if n and n.lower() not in _GENERIC_FONTS]


def scan(css: str, source: str, first_line: int = 1) -> tuple[list[StyleUse], list[StyleUse]]:
    """Colours and fonts declared in CSS text (a stylesheet or a style attribute)."""
    colours: list[StyleUse] = []
    fonts: list[StyleUse] = []
    for match in _DECLARATION.finditer(css):
        prop = match.group(1).lower()
        value = match.group(2).strip()
        line = first_line + css.count("\n", 0, match.start(2))
        # Only the first named family is the one meant; the rest are fallbacks (Arial...).
        if prop == "font-family":
            fonts += [StyleUse(name, line, source) for name in families(value)[:1]]
        elif prop == "font":
            shorthand = _FONT_SHORTHAND.search(value)
            if shorthand:
                named = families(shorthand.group(1))[:1]
                fonts += [StyleUse(name, line, source) for name in named]
        elif _is_colour_property(prop):
            for token in _COLOUR.findall(value):
                if token.isalpha() and token.lower() in _NOT_COLOURS:
                    continue
                colours.append(StyleUse(token, line, source))
    return colours, fonts
