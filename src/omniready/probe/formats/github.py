"""`--format github`: GitHub Actions workflow annotations at the tool's line in the file."""

from __future__ import annotations

from omniready.probe.formats.interface import (
    ProbeFormat,
    evaluation_of,
    message,
    summary,
    waived_note,
)
from omniready.probe.run import Report


class GithubFormat(ProbeFormat):
    """::error for failing conditions, ::notice for waived ones, ::warning for other findings."""

    def format(self, report: Report) -> str:
        lines: list[str] = []
        file = _escape(report.path.as_posix(), prop=True)
        for result in report.results:
            where = f"file={file},line={result.target.line or 1},col={result.target.col or 1}"
            for finding in result.record.findings:
                evaluation = evaluation_of(result, finding.condition)
                if evaluation is not None and evaluation.fails:
                    kind, text = "error", evaluation.message
                elif evaluation is not None and evaluation.waived:
                    note = waived_note(evaluation, report)
                    kind, text = "notice", f"{message(finding, report)} ({note})"
                else:
                    kind, text = "warning", message(finding, report)
                title = _escape(f"{result.target.id}: {finding.condition}", prop=True)
                lines.append(f"::{kind} {where},title={title}::{_escape(text)}")
        lines.append(f"::notice title=omniready probe::{_escape(summary(report))}")
        return "\n".join(lines) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    # GitHub workflow commands: %, CR and LF always; also : and , inside properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text
