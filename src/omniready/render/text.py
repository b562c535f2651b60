"""Text helpers for the renderers: numbers per language, Markdown and Mermaid escaping."""

from __future__ import annotations

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#~"} | {"<": "&lt;", ">": "&gt;"})


def number(value: float | None, lang: str, digits: int = 1) -> str:
    """A number as people of `lang` write it (decimal comma in Spanish); a dash for None."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    if digits and text.endswith("0" * digits):
        text = text[: -(digits + 1)]  # 50.0 reads better as 50
    return text.replace(".", ",") if lang == "es" else text


def percent(value: float | None, lang: str) -> str:
    """A share 0..1 as a whole percentage: "25 %" in Spanish, "25%" in English (one style each)."""
    if value is None:
        return "—"
    return f"{number(100 * value, lang, 0)}{' %' if lang == 'es' else '%'}"


def md(value: object) -> str:
    """Plain text made safe inside Markdown (tables, emphasis, raw HTML) on one line."""
    text = "" if value is None else str(value)
    return " ".join(text.translate(_MD_SPECIAL).split())


def mermaid(value: object) -> str:
    """Text made safe inside a quoted Mermaid label (entity codes, one line)."""
    text = "" if value is None else str(value)
    for raw, code in (
        ("&", "#amp;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("`", "#96;"),
        ("|", "#124;"),
    ):
        text = text.replace(raw, code)
    return " ".join(text.split())
