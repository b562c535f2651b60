"""Output formats: each a pure function from a Report to text, chosen by one str Enum."""

from __future__ import annotations

import json
from typing import Any, NoReturn
from xml.etree import ElementTree as ET

from omniready import __version__
from omniready.probe.choices import Format
from omniready.probe.messages import RULES, t
from omniready.probe.run import Report, ToolResult
from omniready.probe.verdict import Evaluation

__all__ = ["Format", "render"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def assert_never(value: NoReturn) -> NoReturn:
    """mypy proves this is never called: every Format must be handled above it."""
    raise AssertionError(f"unhandled format: {value!r}")


def render(fmt: Format, report: Report, *, rich: bool = False) -> str:
    """Text of the report in the chosen format."""
    if fmt is Format.table:
        return table(report, rich=rich)
    if fmt is Format.json:
        return to_json(report)
    if fmt is Format.junit:
        return junit(report)
    if fmt is Format.sarif:
        return sarif(report)
    if fmt is Format.github:
        return github(report)
    assert_never(fmt)


def _evaluation(e: Evaluation) -> dict[str, Any]:
    return {
        "condition": e.condition,
        "message": e.message,
        "fails": e.fails,
        "waived": e.waived,
        "expired": e.expired,
        "reason": e.reason,
        "expires": e.expires.isoformat() if e.expires else None,
    }


def tool_json(result: ToolResult) -> dict[str, Any]:
    """One tool as the stable JSON object (the saved record plus id, name and verdicts)."""
    record = result.record.model_dump(mode="json")
    return {
        "id": result.target.id,
        "name": result.target.name,
        "base_url": result.target.base_url,
        **record,
        "conditions": [_evaluation(e) for e in result.evaluations],
        "failed": result.failed,
    }


def to_json(report: Report) -> str:
    document = {
        "tool": f"omniready {__version__}",
        "file": str(report.path),
        "fail_on": [str(c) for c in report.fail_on],
        "failed": report.failed,
        "tools": [tool_json(r) for r in report.results],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
    parts = []
    for e in result.evaluations:
        word = "waived" if e.waived else "FAIL-expired" if e.expired else "FAIL"
        parts.append(f"{e.condition}: {t(lang, word)}")
    return "; ".join(parts) or t(lang, "pass")


def _rows(report: Report) -> list[list[str]]:
    lang = report.lang
    return [
        [
            r.target.id,
            r.record.status or "-",
            _api_cell(r, lang),
            _hooks_cell(r, lang),
            ", ".join(f.condition for f in r.record.findings) or "-",
            _verdict_cell(r, lang),
        ]
        for r in report.results
    ]


HEADERS = ("h-tool", "h-status", "h-api", "h-webhooks", "h-findings", "h-verdict")


def table(report: Report, *, rich: bool = False) -> str:
    """A table for people: rich boxes on a terminal, aligned plain text otherwise."""
    rows = _rows(report)
    headers = [t(report.lang, h) for h in HEADERS]
    if rich:
        import io

        from rich.console import Console
        from rich.table import Table

        grid = Table(*headers, title=t(report.lang, "title", path=report.path))
        for row, result in zip(rows, report.results, strict=True):
            grid.add_row(*row, style="red" if result.failed else None)
        buffer = io.StringIO()
        Console(file=buffer, force_terminal=True, width=160).print(grid)
        return buffer.getvalue()
    widths = [
        max(len(h), *(len(row[i]) for row in rows)) if rows else len(h)
        for i, h in enumerate(headers)
    ]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [headers, *rows]
    ]
    failed = sum(r.failed for r in report.results)
    lines.append(t(report.lang, "summary", count=len(rows), failing=failed))
    return "\n".join(lines) + "\n"


def closing_line(report: Report) -> str:
    """The one summary line for stderr: how many tools, how many failing, where it was saved."""
    failing = sum(r.failed for r in report.results)
    line = t(report.lang, "probed", count=len(report.results), failing=failing)
    return line + (t(report.lang, "saved", path=report.path) if report.written else "")


def junit(report: Report) -> str:
    """One testcase per tool; a failing --fail-on condition is a failure, waived ones are notes."""
    suite = ET.Element(
        "testsuite",
        name="omniready probe",
        tests=str(len(report.results)),
        failures=str(sum(r.failed for r in report.results)),
        errors="0",
    )
    for result in report.results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"omniready probe {report.path.name}",
            name=result.target.id,
        )
        failing = [e for e in result.evaluations if e.fails]
        if failing:
            failure = ET.SubElement(
                case,
                "failure",
                type=failing[0].condition,
                message="; ".join(f"{e.condition}: {e.message}" for e in failing),
            )
            failure.text = "\n".join(f"{e.condition}: {e.message}" for e in failing)
        notes = [f"{f.condition}: {f.message}" for f in result.record.findings]
        notes += [
            f"{e.condition}: " + t(report.lang, "waived-until", date=e.expires, reason=e.reason)
            for e in result.evaluations
            if e.waived
        ]
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    ET.indent(suite)
    text = ET.tostring(suite, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _level(result: ToolResult, condition: str) -> tuple[str, Evaluation | None]:
    evaluation = next(
        (e for e in result.evaluations if e.condition.split(":", 1)[0] == condition), None
    )
    if evaluation is None:
        return "note", None
    return ("error" if evaluation.fails else "note"), evaluation


def sarif(report: Report) -> str:
    """SARIF 2.1.0: one result per finding, located at the tool's line in the YAML file."""
    results: list[dict[str, Any]] = []
    for result in report.results:
        for finding in result.record.findings:
            level, evaluation = _level(result, finding.condition)
            region = {"startLine": result.target.line or 1, "startColumn": result.target.col or 1}
            entry: dict[str, Any] = {
                "ruleId": finding.condition,
                "level": level,
                "message": {
                    "text": f"{result.target.id}: "
                    f"{evaluation.message if evaluation else finding.message}"
                },
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": report.path.as_posix()},
                            "region": region,
                        }
                    }
                ],
            }
            if evaluation is not None and evaluation.waived:
                entry["suppressions"] = [
                    {
                        "kind": "external",
                        "status": "accepted",
                        "justification": f"{evaluation.reason} (until {evaluation.expires})",
                    }
                ]
            results.append(entry)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "omniready",
                        "version": __version__,
                        "rules": [
                            {"id": rule, "shortDescription": {"text": text}}
                            for rule, text in RULES[report.lang].items()
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    # GitHub workflow commands: %, CR and LF always; also : and , inside properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github(report: Report) -> str:
    """GitHub Actions workflow annotations: errors for failing conditions, warnings otherwise."""
    lines: list[str] = []
    file = _escape(report.path.as_posix(), prop=True)
    for result in report.results:
        where = f"file={file},line={result.target.line or 1},col={result.target.col or 1}"
        for finding in result.record.findings:
            level, evaluation = _level(result, finding.condition)
            if evaluation is not None and evaluation.fails:
                kind, message = "error", evaluation.message
            elif evaluation is not None and evaluation.waived:
                kind = "notice"
                until = t(
                    report.lang, "waived-until", date=evaluation.expires, reason=evaluation.reason
                )
                message = f"{finding.message} ({until})"
            else:
                kind, message = "warning", finding.message
            title = _escape(f"{result.target.id}: {finding.condition}", prop=True)
            lines.append(f"::{kind} {where},title={title}::{_escape(message)}")
    failed = sum(r.failed for r in report.results)
    summary = t(report.lang, "summary", count=len(report.results), failing=failed)
    lines.append(f"::notice title=omniready probe::{_escape(summary)}")
    return "\n".join(lines) + "\n"
