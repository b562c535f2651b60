"""Text helpers for the renderers: Markdown and Mermaid escaping; numbers per language.

Numbers come from omniready.numbers, the one style shared with findings and diffs; they are
named here too so templates and views keep one import for their text helpers.
"""

from __future__ import annotations

from omniready.numbers import number, percent

__all__ = ["md", "mermaid", "number", "percent"]

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#~"} | {"<": "&lt;", ">": "&gt;"})


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
