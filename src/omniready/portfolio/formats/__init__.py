"""Output formats of a portfolio: each is a function (Portfolio, lang) → str, chosen by one enum."""

from __future__ import annotations

import sys

from omniready.portfolio.choices import Format
from omniready.portfolio.model import Portfolio

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # the project supports 3.10; typing_extensions comes with pydantic and typer
    from typing_extensions import assert_never

__all__ = ["Format", "render"]


def render(portfolio: Portfolio, fmt: Format, lang: str) -> str:
    """The portfolio in the chosen format."""
    if fmt is Format.md:
        from omniready.portfolio.formats.markdown import to_markdown

        return to_markdown(portfolio, lang)
    if fmt is Format.html:
        from omniready.portfolio.formats.html import to_html

        return to_html(portfolio, lang)
    if fmt is Format.json:
        from omniready.portfolio.formats.jsondoc import to_json

        return to_json(portfolio, lang)
    assert_never(fmt)  # mypy proves every Format is handled above
