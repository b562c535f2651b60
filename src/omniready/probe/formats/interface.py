"""What every output format is: one object with one method, Report → str; and what they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from omniready.audit.probe_record import Finding
from omniready.probe.messages import finding_text, t
from omniready.probe.run import Report, ToolResult
from omniready.probe.verdict import Evaluation, condition_name


class ProbeFormat(ABC):
    """An output format of `omniready probe`: pure, the text only, no I/O."""

    @abstractmethod
    def format(self, report: Report) -> str:
        """The whole output, ending with a newline."""


def message(finding: Finding, report: Report) -> str:
    """A saved finding's sentence in the report's language."""
    return finding_text(finding, report.lang)


def evaluation_of(result: ToolResult, condition: str) -> Evaluation | None:
    """How --fail-on judged one of the tool's findings, or None when it does not name it."""
    return next((e for e in result.evaluations if condition_name(e.condition) == condition), None)


def waived_note(evaluation: Evaluation, report: Report) -> str:
    """Why a waived finding does not fail, and until when, in the report's language."""
    return t(report.lang, "waived-until", date=evaluation.expires, reason=evaluation.reason)


def failing(report: Report) -> int:
    """How many tools fail the run (a --fail-on condition holds)."""
    return sum(r.failed for r in report.results)


def summary(report: Report, key: str = "summary") -> str:
    """The count line: tools, how many could not be reached (by class), how many fail the run."""
    classes = Counter(r.failure for r in report.results if r.failure)
    shown = ", ".join(f"{name} {count}" for name, count in sorted(classes.items()))
    return t(
        report.lang,
        key,
        count=len(report.results),
        failed=sum(classes.values()),
        classes=f" ({shown})" if shown else "",
        failing=failing(report),
    )


def file_uri(path: Path, cwd: Path | None = None) -> str:
    """A URI for `path`: relative to the working folder when the file is under it (as code
    scanning expects, to match it to the repository), percent-encoded; else an absolute
    file:/// URI."""
    here = (cwd or Path.cwd()).resolve()
    full = path if path.is_absolute() else here / path
    full = Path(*full.parts)  # normalise separators, keep symlinks as the user named them
    try:
        relative = full.relative_to(here)
    except ValueError:
        return full.resolve().as_uri()
    return quote(relative.as_posix(), safe="/")
