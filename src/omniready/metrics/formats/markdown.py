"""Markdown: one table per section, for a report or a pull-request comment."""

from __future__ import annotations

from omniready.metrics.formats.interface import MetricsFormat
from omniready.metrics.model import Measurement
from omniready.metrics.view import sections


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownFormat(MetricsFormat):
    """Sections as `##` headings with GitHub tables."""

    def format(self, measurement: Measurement, lang: str) -> str:
        lines: list[str] = []
        for section in sections(measurement, lang):
            lines += [f"## {_cell(section.title)}", ""]
            if section.rows:
                lines.append("| " + " | ".join(_cell(h) for h in section.headers) + " |")
                lines.append("|" + "---|" * len(section.headers))
                lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in section.rows]
                lines.append("")
            lines += [f"- {_cell(note)}" for note in section.notes]
            if section.notes:
                lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"
