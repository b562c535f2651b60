"""`--format sarif`: SARIF 2.1.0 for code scanning, one result per finding at the tool's line."""

from __future__ import annotations

import json
from typing import Any

from omniready import __version__
from omniready.probe.formats.interface import ProbeFormat, evaluation_of, file_uri, message
from omniready.probe.messages import rules as rule_texts
from omniready.probe.run import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifFormat(ProbeFormat):
    """Failing conditions are errors, other findings notes; waived ones carry a suppression."""

    def format(self, report: Report) -> str:
        uri = file_uri(report.path)
        results: list[dict[str, Any]] = []
        for result in report.results:
            region = {"startLine": result.target.line or 1, "startColumn": result.target.col or 1}
            for finding in result.record.findings:
                evaluation = evaluation_of(result, finding.condition)
                text = evaluation.message if evaluation else message(finding, report)
                entry: dict[str, Any] = {
                    "ruleId": finding.condition,
                    "level": "error" if evaluation is not None and evaluation.fails else "note",
                    "message": {"text": f"{result.target.id}: {text}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri},
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
        rules = [
            {"id": rule, "shortDescription": {"text": text}}
            for rule, text in rule_texts(report.lang).items()
        ]
        document = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {"name": "omniready", "version": __version__, "rules": rules}
                    },
                    "results": results,
                }
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
