"""Write the measured figures into the audit file: the metrics step's `channels` and `measured`
blocks are set in the file's data and written by the audit's one writer (audit/writer.py) under
its lock, so comments and layout of whatever did not change stay byte for byte.

The audit keeps what the report, the findings and diff read (all contacts, per channel, per
segment, per month, the weekday × hour grid, no-shows, staffing, provenance); the per channel ×
segment figures stay in the command's output only (`--format json`). The monthly counts and the
grid are written one line per channel and per weekday, as YAML flow collections."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from omniready.audit import writer, yamlio
from omniready.audit.lock import exclusive
from omniready.audit.model import Audit, dump
from omniready.audit.store import parse_audit, save_audit, write_atomic

_KEYS = ("channels", "measured")
NOT_IN_AUDIT = ("channel_segments",)  # bulky, read by no report, finding or diff
COMPACT = ("monthly", "weekday_hour")  # one line per channel / weekday
_PLAIN = re.compile(r"^[a-z][a-z0-9_-]*$")  # a channel id YAML reads as a string unquoted


def for_audit(audit: Audit) -> Audit:
    """`audit` without the measured tables that only the command's output shows."""
    measured = audit.steps.metrics.measured
    if measured is None:
        return audit
    # A role no source maps is the same reason in every scope: kept once, under `overall`.
    scoped = {
        key: {
            name: scope.model_copy(
                update={
                    "absent": {
                        f: code
                        for f, code in scope.absent.items()
                        if not code.startswith("not-mapped:")
                    }
                }
            )
            for name, scope in getattr(measured, key).items()
        }
        for key in ("channels", "segments")
    }
    record = measured.model_copy(update={key: {} for key in NOT_IN_AUDIT} | scoped)
    step = audit.steps.metrics.model_copy(update={"measured": record})
    return audit.model_copy(update={"steps": audit.steps.model_copy(update={"metrics": step})})


def metrics_blocks(audit: Audit) -> dict[str, Any]:
    """The metrics step's `channels` and `measured` as the audit's writer would dump them."""
    step = dump(for_audit(audit)).get("steps", {}).get("metrics", {})
    out = {key: step[key] for key in _KEYS if key in step}
    if "channels" in out:
        out["channels"] = dict(sorted(out["channels"].items()))
    if "measured" in out:
        out["measured"] = {k: v for k, v in out["measured"].items() if k not in NOT_IN_AUDIT}
    return out


def _key(channel: str) -> str:
    return channel if _PLAIN.match(channel) else json.dumps(channel)


def _monthly(key: str, value: dict[str, list[int]]) -> str:
    """`monthly:` with one flow line per channel (JSON numbers are YAML flow scalars)."""
    return f"{key}:\n" + "".join(
        f"  {_key(channel)}: {json.dumps(months)}\n" for channel, months in value.items()
    )


def _grid(key: str, value: list[list[Any]]) -> str:
    """`weekday_hour:` with one flow line per weekday."""
    return f"{key}:\n" + "".join(f"- {json.dumps(row)}\n" for row in value)


# The entries the writer writes compactly whenever it writes them whole.
STYLES: dict[tuple[str, ...], writer.Style] = {
    ("steps", "metrics", "measured", "monthly"): _monthly,
    ("steps", "metrics", "measured", "weekday_hour"): _grid,
}


def write_measured(path: str | Path, audit: Audit) -> None:
    """Write the metrics blocks of `audit` into the file at `path` as it is now, changing nothing
    else; what is written must load again."""
    with exclusive(path):
        before = yamlio.read_text(path)
        data = yamlio.parse(before, path)
        steps = data.get("steps") if isinstance(data, dict) else None
        if not isinstance(steps, dict) or not isinstance(steps.get("metrics", {}), dict):
            save_audit(path, for_audit(audit))  # nothing there to keep: the audit, written whole
            return
        step = steps.setdefault("metrics", {})
        step.update(metrics_blocks(audit))
        after = writer.apply(before, data, STYLES)
        parse_audit(after, path)  # what is written must load again
        write_atomic(path, after)
