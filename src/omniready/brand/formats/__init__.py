"""Output formats of a brand scan: each is a function (BrandScan, lang) → str, chosen by one
enum (choices.py)."""

from __future__ import annotations

import sys

from omniready.audit.model import BrandScan
from omniready.brand.choices import Format
from omniready.brand.formats.jsondoc import to_json
from omniready.brand.formats.markdown import to_markdown
from omniready.brand.formats.table import to_table

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # the project supports 3.10; typing_extensions comes with pydantic and typer
    from typing_extensions import assert_never

__all__ = ["Format", "render", "to_json", "to_markdown", "to_table"]


def render(scan: BrandScan, fmt: Format, lang: str = "es") -> str:
    """The scan in the chosen format."""
    if fmt is Format.table:
        return to_table(scan, lang)
    if fmt is Format.json:
        return to_json(scan, lang)
    if fmt is Format.md:
        return to_markdown(scan, lang)
    assert_never(fmt)  # mypy proves every Format is handled above
