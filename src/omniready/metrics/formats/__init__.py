"""Output formats of `omniready metrics`: one module per format behind formats.interface, chosen
by the Format enum of metrics.choices; `to_format` maps every choice (mypy proves it)."""

from __future__ import annotations

import sys

from omniready.metrics.choices import Format
from omniready.metrics.formats.interface import MetricsFormat
from omniready.metrics.model import Measurement

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # the project supports 3.10; typing_extensions comes with pydantic and typer
    from typing_extensions import assert_never

__all__ = ["Format", "MetricsFormat", "render", "to_format"]


def to_format(fmt: Format, *, rich: bool = False) -> MetricsFormat:
    """The format object of a --format choice (`rich` only matters for the table)."""
    if fmt is Format.table:
        from omniready.metrics.formats.table import TableFormat

        return TableFormat(rich=rich)
    if fmt is Format.json:
        from omniready.metrics.formats.json import JsonFormat

        return JsonFormat()
    if fmt is Format.md:
        from omniready.metrics.formats.markdown import MarkdownFormat

        return MarkdownFormat()
    assert_never(fmt)  # mypy proves every Format is handled above


def render(fmt: Format, measurement: Measurement, *, lang: str = "es", rich: bool = False) -> str:
    """Text of the measurement in the chosen format."""
    return to_format(fmt, rich=rich).format(measurement, lang)
