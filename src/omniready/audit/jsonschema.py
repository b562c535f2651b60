"""The JSON Schema of the audit file, with each step's question ids and answer values spelled out.

The records' schema comes from the pydantic models; the checklists add what editors need most:
which question ids exist in each step and which answer values each question takes.
"""

from __future__ import annotations

from typing import Any

from omniready.audit.model import STEPS, Audit
from omniready.checklist import Checklist, Question
from omniready.texts import run_lang, text

_STEP_RECORD = {
    "tools": "ToolsStep",
    "processes": "ProcessesStep",
    "segments": "SegmentsStep",
    "metrics": "MetricsStep",
    "brand": "BrandStep",
}


def audit_schema(checklist: Checklist) -> dict[str, Any]:
    """JSON Schema (2020-12) of an audit file answering `checklist`."""
    document: dict[str, Any] = Audit.model_json_schema(by_alias=True)
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    lang = run_lang()
    document["title"] = text("checklist.schema.title", lang)
    document["description"] = text("checklist.schema.description", lang, ref=checklist.ref)
    for step in STEPS:
        answers = {q.id: _answer_entry(q) for q in checklist.of_step(step)}
        for old, new in checklist.renamed.items():
            if new in answers and old.startswith(f"{step}."):
                answers[old] = {**answers[new], "deprecated": True}
        for retired in sorted(q for q in checklist.retired if q.startswith(f"{step}.")):
            # Accepted as `validate` accepts it (with a warning): kept in the file, not used.
            answers[retired] = {"$ref": "#/$defs/Answer", "deprecated": True}
        step_def = document["$defs"][_STEP_RECORD[step]]
        step_def["properties"]["answers"] = {
            "type": "object",
            "description": checklist.titles[step].en,
            "properties": answers,
            "additionalProperties": False,
        }
    return document


def _answer_entry(question: Question) -> dict[str, Any]:
    return {
        "allOf": [{"$ref": "#/$defs/Answer"}],
        "description": f"{question.text.en} / {question.text.es}",
        "properties": {"answer": _value_schema(question)},
    }


def _value_schema(question: Question) -> dict[str, Any]:
    if question.type == "yesno":
        return {"type": ["boolean", "null"]}
    if question.type in {"scale", "choice"}:
        return {"enum": [o.value for o in question.options] + [None]}
    if question.type == "number":
        schema: dict[str, Any] = {"type": ["number", "null"]}
        if question.min is not None:
            schema["minimum"] = question.min
        if question.max is not None:
            schema["maximum"] = question.max
        return schema
    return {"type": ["string", "null"]}
