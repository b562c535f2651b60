"""`--format table`: for people; rich boxes on a terminal, aligned plain text otherwise."""

from __future__ import annotations

import io

from omniready.probe.formats.interface import ProbeFormat
from omniready.probe.messages import t
from omniready.probe.run import Report, ToolResult

HEADERS = ("h-tool", "h-status", "h-http", "h-api", "h-webhooks", "h-findings", "h-verdict")


class TableFormat(ProbeFormat):
    """One row per tool. The summary line is not part of the table: the command prints it once,
    on stderr, with where the results were saved."""

    def __init__(self, *, rich: bool = False) -> None:
        self.rich = rich

    def format(self, report: Report) -> str:
        rows = [_row(r, report.lang) for r in report.results]
        headers = [t(report.lang, h) for h in HEADERS]
        if self.rich:
            return _rich(report, headers, rows)
        widths = [
            max(len(h), *(len(row[i]) for row in rows)) if rows else len(h)
            for i, h in enumerate(headers)
        ]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
            for line in [headers, *rows]
        ]
        return "\n".join(lines) + "\n"


def _rich(report: Report, headers: list[str], rows: list[list[str]]) -> str:
    from rich.console import Console
    from rich.table import Table

    grid = Table(*headers, title=t(report.lang, "title", path=report.path))
    for row, result in zip(rows, report.results, strict=True):
        grid.add_row(*row, style="red" if result.failed else None)
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=True, width=160).print(grid)
    return buffer.getvalue()


def _row(result: ToolResult, lang: str) -> list[str]:
    return [
        result.target.id,
        result.record.status or "-",
        str(result.http_status) if result.http_status is not None else "-",  # base_url's
        _api_cell(result, lang),
        _hooks_cell(result, lang),
        ", ".join(f.condition for f in result.record.findings) or "-",
        _verdict_cell(result, lang),
    ]


def _api_cell(result: ToolResult, lang: str) -> str:
    api = result.record.api
    if api is None:
        return "-"
    if api.evidence == "spec":
        return f"{api.format} {api.version} ({api.operations} {t(lang, 'ops')})"
    return api.evidence


def _hooks_cell(result: ToolResult, lang: str) -> str:
    hooks = result.record.webhooks
    if hooks is None:
        return "-"
    detail = []
    if hooks.declared:
        detail.append(f"{hooks.declared} {t(lang, 'hooks')}")
    if hooks.callback_operations:
        detail.append(f"{hooks.callback_operations} {t(lang, 'callbacks')}")
    detail.extend(hooks.extensions)
    if hooks.websub_hub:
        detail.append("websub")
    if hooks.handshake is not None:
        consented = hooks.handshake.consented
        detail.append(t(lang, "handshake-ok" if consented else "handshake-refused"))
    return hooks.evidence + (f" ({', '.join(detail)})" if detail else "")


def _verdict_cell(result: ToolResult, lang: str) -> str:
    # Not reached is said whatever --fail-on asks: an empty row must never read as a pass.
    parts = [f"{t(lang, 'failed')}: {result.failure}"] if result.failure else []
    for e in result.evaluations:
        word = "waived" if e.waived else "FAIL-expired" if e.expired else "FAIL"
        parts.append(f"{e.condition}: {t(lang, word)}")
    return "; ".join(parts) or t(lang, "pass")
