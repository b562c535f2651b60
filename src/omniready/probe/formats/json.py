"""`--format json`: the stable interface for scripts (the saved record plus id and verdicts)."""

from __future__ import annotations

import json
from typing import Any

from omniready import __version__
from omniready.probe.formats.interface import ProbeFormat, message
from omniready.probe.run import Report, ToolResult
from omniready.probe.verdict import Evaluation


class JsonFormat(ProbeFormat):
    """{"tool", "file", "fail_on", "failed", "tools": [...]}, indented, UTF-8 as it is."""

    def format(self, report: Report) -> str:
        document = {
            "tool": f"omniready {__version__}",
            "file": str(report.path),
            "fail_on": [str(c) for c in report.fail_on],
            "failed": report.failed,
            "tools": [tool_json(r, report) for r in report.results],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def tool_json(result: ToolResult, report: Report) -> dict[str, Any]:
    """One tool: the saved record, each finding with its sentence in the report's language,
    base_url's status and HTTP version, and every request the probe made."""
    record = result.record.model_dump(mode="json")
    record["findings"] = [
        {**saved, "message": message(finding, report)}
        for saved, finding in zip(record["findings"], result.record.findings, strict=True)
    ]
    # Every request made, in place of the saved count (the list's length).
    record["requests"] = [
        {"url": r.url, "status": r.status, "ms": r.ms, "error": r.error} for r in result.requests
    ]
    return {
        "id": result.target.id,
        "name": result.target.name,
        "base_url": result.target.base_url,
        "http_status": result.http_status,
        "http_version": result.http_version,
        **record,
        "conditions": [_evaluation(e) for e in result.evaluations],
        "failure": result.failure,
        "failed": result.failed,
    }


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
