"""The scan as plain text tables for a terminal (rich, rendered without colour to a string)."""

from __future__ import annotations

import io

from omniready import numbers
from omniready.audit.model import BrandScan
from omniready.brand.formats.markdown import MARK
from omniready.brand.view import build_view
from omniready.brand.words import label


def to_table(scan: BrandScan, lang: str) -> str:
    """The matrix of checks by channel, then each finding with its places."""
    from rich.console import Console
    from rich.table import Table

    view = build_view(scan, lang)
    buffer = io.StringIO()
    console = Console(file=buffer, width=110, color_system=None, force_terminal=False)
    buffer.write(view.provenance + "\n")
    if view.rows:
        table = Table(title=label("matrix", lang), title_justify="left")
        table.add_column(label("check", lang))
        for channel in view.channels:
            table.add_column(channel, justify="center")
        for row in view.rows:
            table.add_row(row.title, *(MARK[c] for c in row.cells))
        console.print(table)
    lines: list[str] = []  # plain lines: a long sentence wraps in the terminal, not here
    for share in view.shares:
        parts = ", ".join(
            f"{name} {numbers.percent(pct / 100, lang)}" for _, name, pct in share.percents
        )
        lines.append(f"{label('address', lang)}: {share.channel}: {parts}")
    lines.append(f"{label('findings', lang)}:" if view.items else label("no_findings", lang))
    for item in view.items:
        lines.append(f"- [{item.severity}] {item.title}: {item.text}")
        lines += [f"    {place}" for place in item.places]
    for file, reason in view.set_aside:
        lines.append(f"{label('set_aside', lang)}: {file}: {reason}")
    lines.append(view.summary)
    return buffer.getvalue() + "".join(f"{line}\n" for line in lines)
