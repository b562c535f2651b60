"""Output formats of `omniready probe`: one module per format behind formats.interface, chosen
by the Format enum of probe.choices; `to_format` maps every choice (mypy proves it)."""

from __future__ import annotations

from typing import NoReturn

from omniready.probe.choices import Format
from omniready.probe.formats.interface import ProbeFormat, failing
from omniready.probe.messages import t
from omniready.probe.run import Report

__all__ = ["Format", "ProbeFormat", "closing_line", "render", "to_format"]


def assert_never(value: NoReturn) -> NoReturn:
    """mypy proves this is never called: every Format must be handled above it."""
    raise AssertionError(f"unhandled format: {value!r}")


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
    assert_never(fmt)


def render(fmt: Format, report: Report, *, rich: bool = False) -> str:
    """Text of the report in the chosen format."""
    return to_format(fmt, rich=rich).format(report)


def closing_line(report: Report) -> str:
    """The one summary line, for stderr: how many tools, how many failing, where it was saved."""
    line = t(report.lang, "probed", count=len(report.results), failing=failing(report))
    return line + (t(report.lang, "saved", path=report.path) if report.written else "")
