"""The terminal's view: rich tables on a terminal, plain aligned columns elsewhere."""

from __future__ import annotations

import io

from omniready.metrics.formats.interface import MetricsFormat
from omniready.metrics.model import Measurement
from omniready.metrics.view import Section, sections


def _plain(section: Section) -> list[str]:
    lines = [section.title, "=" * len(section.title)]
    if section.rows:
        table = [section.headers, *section.rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(section.headers))]
        for row in table:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines += [f"* {note}" for note in section.notes]
    return [*lines, ""]


class TableFormat(MetricsFormat):
    """Sections as tables."""

    def __init__(self, *, rich: bool = False) -> None:
        self.rich = rich

    def format(self, measurement: Measurement, lang: str) -> str:
        parts = sections(measurement, lang)
        if not self.rich:
            return "\n".join(line for s in parts for line in _plain(s)).rstrip("\n") + "\n"
        from rich.console import Console
        from rich.table import Table

        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=True, width=160)
        for section in parts:
            table = Table(title=section.title, title_justify="left")
            for header in section.headers:
                table.add_column(header)
            for row in section.rows:
                table.add_row(*row)
            console.print(table)
            for note in section.notes:
                console.print(f"• {note}", markup=False)
        return buffer.getvalue()
