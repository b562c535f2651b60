"""`--format junit`: one testcase per tool, failed when one of its --fail-on conditions fails."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from omniready.probe.formats.interface import (
    ProbeFormat,
    evaluation_of,
    failing,
    message,
    waived_note,
)
from omniready.probe.run import Report


class JunitFormat(ProbeFormat):
    """Failing conditions are <failure>; a tool not reached, with no failing condition, is an
    <error> of its class; every finding is one line of <system-out>, a waived one with its
    waiver on the same line."""

    def format(self, report: Report) -> str:
        suite = ET.Element(
            "testsuite",
            name="omniready probe",
            tests=str(len(report.results)),
            failures=str(failing(report)),
            errors=str(sum(1 for r in report.results if r.failure and not r.failed)),
        )
        for result in report.results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"omniready probe {report.path.name}",
                name=result.target.id,
            )
            fails = [e for e in result.evaluations if e.fails]
            if fails:
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=fails[0].condition,
                    message="; ".join(f"{e.condition}: {e.message}" for e in fails),
                )
                failure.text = "\n".join(f"{e.condition}: {e.message}" for e in fails)
            elif result.failure:
                ET.SubElement(case, "error", type=result.failure, message=result.record.error or "")
            notes = []
            for finding in result.record.findings:
                note = f"{finding.condition}: {message(finding, report)}"
                evaluation = evaluation_of(result, finding.condition)
                if evaluation is not None and evaluation.waived:
                    note += f" ({waived_note(evaluation, report)})"
                notes.append(note)
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(notes)
        ET.indent(suite)
        text = ET.tostring(suite, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
