"""The portfolio as one self-contained HTML file with inline CSS and SVG plots."""

from __future__ import annotations

from omniready.portfolio.formats.templates import render_template
from omniready.portfolio.model import Portfolio
from omniready.portfolio.view import portfolio_view


def to_html(portfolio: Portfolio, lang: str) -> str:
    """The portfolio report as one HTML document."""
    return render_template("portfolio.html.j2", portfolio_view(portfolio, lang))
