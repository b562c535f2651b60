"""The jinja2 environment: the --templates folder first, then the shipped templates."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from omniready import channels
from omniready.render import text
from omniready.render.context import Report, shipped_templates


def environment(report: Report) -> Any:
    """A jinja2 environment for this report; HTML templates are autoescaped."""
    import jinja2

    folders = [str(shipped_templates())]
    if report.templates is not None:
        # Absolute, so that error frames name the file wherever the command was run from.
        folders.insert(0, str(report.templates.resolve()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        # Autoescape every HTML and SVG template, so names and notes are always shown as text.
        autoescape=jinja2.select_autoescape(("html", "html.j2", "svg", "svg.j2", "xml")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),
    )
    lang = report.lang
    titles = {s.step: report.tr(s.title) for s in report.assessment.steps}
    env.globals.update(L=report.label, tr=report.tr, report=report, lang=lang)
    from omniready.brand.view import report_view  # the brand scan's section (brand.*.j2)
    from omniready.brand.words import label as brand_label

    env.globals.update(brand_view=report_view, brand_label=brand_label)
    from omniready.metrics.view import report_view as metrics_view  # metrics.*.j2

    env.globals.update(metrics_view=metrics_view)
    env.filters.update(
        num=lambda v, d=1: text.number(v, lang, d),
        pct=lambda v: text.percent(v, lang),
        md=text.md,
        mermaid=text.mermaid,
        step_names=lambda ids: ", ".join(titles.get(i, i) for i in ids),
        channel=lambda c: channels.label(c, lang),
    )
    return env


def cache_folder() -> Path:
    """Where compiled templates are kept: $OMNIREADY_CACHE_DIR, else the user's cache folder
    ($XDG_CACHE_HOME or ~/.cache)/omniready; never inside the installed package."""
    root = os.environ.get("OMNIREADY_CACHE_DIR")
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "omniready")
    return Path(root) / "templates"


@cache
def bytecode_cache() -> Any:
    """A cache of compiled templates (keyed by file and source checksum), so a report does not
    compile its templates again on every run: compiling them was ~70 ms of a large report.

    A cache that cannot be created, read or written is skipped: templates are compiled, as
    without it. OMNIREADY_CACHE_DIR=off turns it off.
    """
    import jinja2

    if os.environ.get("OMNIREADY_CACHE_DIR", "").lower() in {"off", "0", "none"}:
        return None
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - a damaged entry: compile again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass  # a full or read-only disk costs speed, never the report

    return QuietCache(str(folder))


def render_template(report: Report, name: str, **values: Any) -> str:
    """Render one template; an error in an override template is the user's input error.

    Syntax errors, errors while rendering (a division by zero, a filter on the wrong value) and
    undefined names are reported as `TEMPLATEFILE:LINE: template error: ...` (exit code 2).
    """
    import jinja2

    from omniready.errors import InputError
    from omniready.texts import Message

    try:
        return str(environment(report).get_template(name).render(**values))
    except jinja2.TemplateSyntaxError as exc:
        where = _origin(report, exc.name or name)
        error = Message("report.errors.template", {"detail": exc.message})
        raise InputError.at(where, error, exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        error = Message("report.errors.template-not-found", {"name": str(exc)})
        raise InputError.at(_origin(report, name), error) from None
    except Exception as exc:
        located = template_line(exc, report)
        if located is None:
            raise  # not in a user's template: our own bug, reported as an internal error
        where, line = located
        message = str(exc)
        if not isinstance(exc, jinja2.UndefinedError):
            message = f"{type(exc).__name__}: {exc}"
        raise InputError.at(
            where, Message("report.errors.template", {"detail": message}), line
        ) from None


def template_line(exc: BaseException, report: Report) -> tuple[str, int] | None:
    """The innermost line of a --templates file in the traceback (jinja2 rewrites its frames to
    point at template lines); None when the error did not happen in the user's templates."""
    import traceback

    if report.templates is None:
        return None
    folder = report.templates.resolve()
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.is_absolute() and path.parent == folder and frame.lineno:
            found = (str(report.templates / path.name), frame.lineno)
    return found


def _origin(report: Report, name: str) -> str:
    """The file a template name resolves to: the override when it has one."""
    if report.templates is not None and (report.templates / name).is_file():
        return str(report.templates / name)
    return str(shipped_templates() / name)
