"""`--answers FILE`: a YAML file in the audit format, any subset of it, merged into an audit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from omniready.audit import migrations, yamlio
from omniready.audit.check import check_audit
from omniready.audit.model import SCHEMA_VERSION, STEPS, Audit
from omniready.checklist import Checklist
from omniready.errors import InputError

# Stand-in so a partial file validates; it is never merged unless the file names one.
_PLACEHOLDER = {"name": "-"}


def load_answers(path: str | Path, checklist: Checklist) -> Audit:
    """Read and validate a prefill file; every problem is located as FILE:LINE:COL."""
    from omniready.audit.store import validation_problems

    text = yamlio.read_text(path)
    raw = yamlio.parse(text, path)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError.at(path, "an answers file must be a YAML mapping (key: value)", 1, 1)
    # Without `schema`, a partial file is read as the current format; an older one is migrated.
    version = raw.get("schema", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version:
        raise InputError([yamlio.problem_at(path, text, ["schema"], "schema must be 1 or more")])
    if version > SCHEMA_VERSION:
        raise InputError(
            [
                yamlio.problem_at(
                    path,
                    text,
                    ["schema"],
                    f"schema {version} is newer than this "
                    f"release understands ({SCHEMA_VERSION}); upgrade omniready",
                )
            ]
        )
    data, _ = migrations.upgrade({**raw, "schema": version}, SCHEMA_VERSION)
    data.setdefault("organization", _PLACEHOLDER)
    try:
        prefill = Audit.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, path, text)) from None
    # References to segments or tools may point into the audit being filled, so they are checked
    # on the merged file (by `omniready validate`), not here.
    problems = [
        yamlio.problem_at(path, text, issue.loc, issue.message, at_key=issue.at_key)
        for issue in check_audit(prefill, checklist)
        if issue.loc[-1] not in {"segment", "tool"}
    ]
    if problems:
        raise InputError(problems)
    if "organization" not in raw:
        prefill.model_fields_set.discard("organization")
    return prefill


def merge(audit: Audit | None, prefill: Audit) -> Audit:
    """The audit with the prefill laid over it: its answers replace answers to the same
    questions, its records replace records with the same id, other records are appended."""
    if audit is None:
        return prefill.model_copy(deep=True)
    new = audit.model_copy(deep=True)
    for name in ("organization", "assessor", "lang", "started", "targets", "checklist"):
        if name in prefill.model_fields_set:
            setattr(new, name, getattr(prefill, name))
    new.waivers = _by_id(new.waivers, prefill.waivers, key=lambda w: (w.tool, w.condition))
    for step in STEPS:
        new.steps.answers_of(step).update(prefill.steps.answers_of(step))
    ours, theirs = new.steps, prefill.steps
    ours.tools.inventory = _by_id(ours.tools.inventory, theirs.tools.inventory, key=_id)
    ours.processes.journeys = _by_id(ours.processes.journeys, theirs.processes.journeys, key=_id)
    ours.segments.segments = _by_id(ours.segments.segments, theirs.segments.segments, key=_id)
    ours.metrics.channels.update(theirs.metrics.channels)
    ours.brand.items = _by_id(ours.brand.items, theirs.brand.items, key=_id)
    return new


def _id(item: Any) -> Any:
    return item.id


def _by_id(old: list[Any], new: list[Any], key: Callable[[Any], Any]) -> list[Any]:
    # Matched records are replaced in place, so a merge does not reorder the file.
    incoming = {key(item): item for item in new}
    kept = [incoming.pop(key(item), item) for item in old]
    return kept + [item for item in new if key(item) in incoming]
