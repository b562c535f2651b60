"""Upgrades of raw audit data from older schema versions, one step at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Raw = dict[str, Any]

STEP_NAMES = ("tools", "processes", "segments", "metrics", "brand")


def _evidence_as_list(raw: Raw) -> Raw:
    """Schema 1 → 2: `evidence` of an answer goes from one string to a list of strings."""
    steps = raw.get("steps")
    if not isinstance(steps, dict):
        return dict(raw)
    new_steps: dict[Any, Any] = dict(steps)
    for name in STEP_NAMES:
        step = steps.get(name)
        if not isinstance(step, dict) or not isinstance(step.get("answers"), dict):
            continue  # malformed data is left as it is, for validation to locate
        answers = {qid: _answer_1_to_2(answer) for qid, answer in step["answers"].items()}
        new_steps[name] = {**step, "answers": answers}
    return {**raw, "steps": new_steps}


def _answer_1_to_2(answer: Any) -> Any:
    if not isinstance(answer, dict) or "evidence" not in answer:
        return answer
    evidence = answer["evidence"]
    rest = {k: v for k, v in answer.items() if k != "evidence"}
    if evidence is None or (isinstance(evidence, str) and not evidence.strip()):
        return rest  # an empty string said "no evidence", which is now an absent list
    if isinstance(evidence, str):
        return {**answer, "evidence": [evidence]}
    return answer  # already a list, or wrong: validation reports it at its line


# MIGRATIONS[n] turns a schema-n document into a schema-(n+1) one. Pure functions on plain data:
# they never modify their argument, so a failed load leaves nothing half-changed.
MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {
    1: _evidence_as_list,
}


def upgrade(raw: Raw, current: int) -> tuple[Raw, int]:
    """Apply every migration from the file's schema up to `current`; return data and old version."""
    found = raw.get("schema", 1)
    version = found
    while version < current:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema"] = version
    return raw, found
