"""The jinja2 environment of the portfolio: its own templates, then the report's (report.css)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from omniready.render import text

_HERE = Path(__file__).resolve().parents[1] / "templates"


@cache
def environment() -> Any:
    """One environment for every portfolio render; HTML is autoescaped."""
    import jinja2

    from omniready.render.context import shipped_templates

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(_HERE), str(shipped_templates())]),
        autoescape=jinja2.select_autoescape(("html", "html.j2")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = text.md
    return env


def render_template(name: str, values: dict[str, Any]) -> str:
    """Render one of the portfolio's templates with the view's values."""
    return str(environment().get_template(name).render(**values))
