"""The portfolio as Markdown (GitHub-flavoured tables)."""

from __future__ import annotations

from omniready.portfolio.formats.templates import render_template
from omniready.portfolio.model import Portfolio
from omniready.portfolio.view import portfolio_view


def to_markdown(portfolio: Portfolio, lang: str) -> str:
    """The portfolio report as Markdown text."""
    return render_template("portfolio.md.j2", portfolio_view(portfolio, lang))
