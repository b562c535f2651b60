"""Renderers: each turns a Report (audit + assessment + language) into the text of one format.

from omniready.render import Format, Report, render
text = render(Format.HTML, Report(audit, assessment, lang="es"))
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum

from omniready.render.context import Report

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # the project supports 3.10; typing_extensions comes with pydantic and typer
    from typing_extensions import assert_never

__all__ = ["Format", "Report", "render", "renderer"]


class Format(str, Enum):
    """The formats of `omniready report --format`; the value is also the file extension."""

    MD = "md"
    HTML = "html"
    JSON = "json"
    # The roadmap alone, for a project plan.
    CSV = "csv"
    # The HTML printed by a headless Chromium: binary, written by render.files (render_file).
    PDF = "pdf"


def renderer(fmt: Format) -> Callable[[Report], str]:
    """The function that renders a format (imported on demand: jinja2 is heavy)."""
    if fmt is Format.MD:
        from omniready.render.markdown import render_markdown

        return render_markdown
    if fmt is Format.HTML:
        from omniready.render.html import render_html

        return render_html
    if fmt is Format.JSON:
        from omniready.render.json import render_json

        return render_json
    if fmt is Format.CSV:
        from omniready.render.csv import render_csv

        return render_csv
    if fmt is Format.PDF:
        return _binary
    assert_never(fmt)  # mypy proves every Format is handled above


def _binary(report: Report) -> str:
    raise ValueError("pdf is binary: write it with omniready.render.files.write_reports")


def render(fmt: Format, report: Report) -> str:
    """Render one report in one format."""
    return renderer(fmt)(report)
