"""Output formats of `omniready probe`: one module per format behind formats.interface, chosen
by the Format enum of probe.choices; `to_format` maps every choice (mypy proves it)."""

from __future__ import annotations

import sys

from omniready.probe.choices import Format
from omniready.probe.formats.interface import ProbeFormat, summary
from omniready.probe.messages import t
from omniready.probe.run import Report

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # the project supports 3.10; typing_extensions comes with pydantic and typer
    from typing_extensions import assert_never

__all__ = ["Format", "ProbeFormat", "closing_line", "render", "to_format"]


def to_format(fmt: Format, *, rich: bool = False) -> ProbeFormat:
    """The format object of a --format choice (`rich` only matters for the table)."""
    if fmt is Format.table:
        from omniready.probe.formats.table import TableFormat

        return TableFormat(rich=rich)
    if fmt is Format.json:
        from omniready.probe.formats.json import JsonFormat

        return JsonFormat()
    if fmt is Format.junit:
        from omniready.probe.formats.junit import JunitFormat

        return JunitFormat()
    if fmt is Format.sarif:
        from omniready.probe.formats.sarif import SarifFormat

        return SarifFormat()
    if fmt is Format.github:
        from omniready.probe.formats.github import GithubFormat

        return GithubFormat()
    assert_never(fmt)  # mypy proves every Format is handled above


def render(fmt: Format, report: Report, *, rich: bool = False) -> str:
    """Text of the report in the chosen format."""
    return to_format(fmt, rich=rich).format(report)


def closing_line(report: Report) -> str:
    """The one summary line, for stderr: how many tools, how many failed and how, how many
    fail the run, where it was saved."""
    line = summary(report, "probed")
    return line + (t(report.lang, "saved", path=report.path) if report.written else "")
