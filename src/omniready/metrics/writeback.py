"""Write the measured figures into the audit file: the metrics step's `channels` and `measured`
blocks are spliced into the text as it is, so comments and layout elsewhere stay byte for byte;
the write goes through the audit's atomic writer under its lock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from omniready.audit import yamlio
from omniready.audit.model import Audit, dump
from omniready.audit.store import exclusive, parse_audit, save_audit, write_atomic
from omniready.errors import OmnireadyError
from omniready.probe.writeback import _last_end, _line_end, line_break

_KEYS = ("channels", "measured")


def metrics_blocks(audit: Audit) -> dict[str, Any]:
    """The metrics step's `channels` and `measured` as the audit's writer would dump them."""
    step = dump(audit).get("steps", {}).get("metrics", {})
    out = {key: step[key] for key in _KEYS if key in step}
    if "channels" in out:
        out["channels"] = dict(sorted(out["channels"].items()))
    return out


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
        body = yamlio.dumps({key: blocks[key]})
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
            save_audit(path, audit)
            return
        if _outside_metrics(yaml.safe_load(before)) != _outside_metrics(yaml.safe_load(after)):
            raise OmnireadyError(
                f"{path}: writing the metrics would change more than the metrics step; "
                "nothing was written",
                hint="run with --no-write and report this file's layout",
            )
        parse_audit(after, path)  # what is written must load again
        write_atomic(path, after)
