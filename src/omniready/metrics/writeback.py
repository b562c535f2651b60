"""Write the measured figures into the audit file: the metrics step's `channels` and `measured`
blocks are spliced into the text as it is, so comments and layout elsewhere stay byte for byte;
the write goes through the audit's atomic writer under its lock.

The audit keeps what the report, the findings and diff read (all contacts, per channel, per
segment, per month, the weekday × hour grid, no-shows, staffing, provenance); the per channel ×
segment figures stay in the command's output only (`--format json`). The monthly counts and the
grid are written one line per channel and per weekday, as YAML flow collections."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from omniready.audit import yamlio
from omniready.audit.model import Audit, dump
from omniready.audit.store import exclusive, parse_audit, save_audit, write_atomic
from omniready.errors import OmnireadyError
from omniready.probe.writeback import _last_end, _line_end, line_break

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


def block_text(key: str, value: Any) -> str:
    """YAML of one block; in `measured`, the monthly counts and the grid as one flow line per
    channel and per weekday (JSON numbers and strings are YAML flow scalars)."""
    if key != "measured":
        return yamlio.dumps({key: value})
    rest = {k: v for k, v in value.items() if k not in COMPACT}
    text = yamlio.dumps({key: rest})
    if value.get("monthly"):
        text += "  monthly:\n" + "".join(
            f"    {_key(channel)}: {json.dumps(months)}\n"
            for channel, months in value["monthly"].items()
        )
    if value.get("weekday_hour"):
        text += "  weekday_hour:\n" + "".join(
            f"  - {json.dumps(row)}\n" for row in value["weekday_hour"]
        )
    return text


def splice(text: str, blocks: dict[str, Any]) -> str | None:
    """`text` with the metrics step's blocks replaced or added; None when the step is not a
    block mapping that can take them in place."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    step = yamlio.node_at(root, ["steps", "metrics"])
    if not isinstance(step, yaml.MappingNode) or step.flow_style or not step.value:
        return None
    newline = line_break(text)
    indent = " " * step.value[0][0].start_mark.column
    edits: list[tuple[int, int, str]] = []
    for key in _KEYS:
        if key not in blocks:
            continue
        body = block_text(key, blocks[key])
        block = "".join(
            (indent + line if line.strip() else line) + newline for line in body.split("\n")[:-1]
        )
        pair = next(((k, v) for k, v in step.value if k.value == key), None)
        if pair is not None:
            start = pair[0].start_mark.index
            end = _line_end(text, _last_end(pair[1]))
            edits.append((start, end, block[len(indent) :]))
        else:
            end = _line_end(text, max(_last_end(v) for _, v in step.value))
            prefix = "" if end == 0 or text[end - 1] == "\n" else newline
            edits.append((end, end, prefix + block))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _outside_metrics(data: Any) -> Any:
    if isinstance(data, dict) and isinstance(data.get("steps"), dict):
        metrics = data["steps"].get("metrics")
        if isinstance(metrics, dict):
            for key in _KEYS:
                metrics.pop(key, None)
    return data


def write_measured(path: str | Path, audit: Audit) -> None:
    """Write the metrics blocks of `audit` into the file at `path`, changing nothing else; a file
    whose metrics step cannot take them in place is rewritten whole by the audit's writer."""
    with exclusive(path):
        before = yamlio.read_text(path)
        after = splice(before, metrics_blocks(audit))
        if after is None:
            save_audit(path, for_audit(audit))
            return
        if _outside_metrics(yaml.safe_load(before)) != _outside_metrics(yaml.safe_load(after)):
            raise OmnireadyError(
                f"{path}: writing the metrics would change more than the metrics step; "
                "nothing was written",
                hint="run with --no-write and report this file's layout",
            )
        parse_audit(after, path)  # what is written must load again
        write_atomic(path, after)
