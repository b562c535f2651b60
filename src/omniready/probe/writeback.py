"""Write probe records into the file by splicing each tool's `probe:` block into the original text,
so comments, key order and formatting elsewhere survive byte for byte.

Not the audit's general writer (audit/writer.py): a probed tool written as one flow line
(`- {id: shop, …}`) keeps its line here, the probe block added inline, and an inventory file may
be a bare list; the general writer would rewrite such a tool in block style."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from omniready.audit import yamlio
from omniready.audit.lock import exclusive
from omniready.audit.store import write_atomic
from omniready.audit.writer import _last_end, _line_end, line_break
from omniready.errors import OmnireadyError

# The pure-Python loader: its marks count characters, which is what slicing a str needs.
_Loader = yaml.SafeLoader


def splice(text: str, tools_loc: Sequence[str], blocks: Mapping[str, dict[str, Any]]) -> str:
    """Return `text` with each tool's probe block (by id) replaced or added; nothing else moves."""
    root = yaml.compose(text, Loader=_Loader)
    seq = yamlio.node_at(root, tools_loc)
    if not isinstance(seq, yaml.SequenceNode):
        raise OmnireadyError("cannot find the tool list to write probe results into")
    edits: list[tuple[int, int, str]] = []
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode) or not item.value:
            continue
        tool_id = next((v.value for k, v in item.value if k.value == "id"), None)
        if not isinstance(tool_id, str) or tool_id not in blocks:
            continue
        edits.append(_edit(text, item, blocks[tool_id], line_break(text)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _edit(
    text: str, item: yaml.MappingNode, data: dict[str, Any], newline: str
) -> tuple[int, int, str]:
    """Where one tool's probe block goes and its text, in the file's own line ending."""
    pair = next(((k, v) for k, v in item.value if k.value == "probe"), None)
    if item.flow_style:
        # A one-line `{id: x, ...}` tool: JSON is valid YAML flow and keeps the line a flow map.
        inline = json.dumps(data, ensure_ascii=False, default=_json_default)
        if pair is not None:
            return pair[1].start_mark.index, pair[1].end_mark.index, inline
        close = item.end_mark.index - 1  # the closing brace
        return close, close, f", probe: {inline}"
    indent = " " * item.value[0][0].start_mark.column
    body = yamlio.dumps({"probe": data})
    block = "".join(
        (indent + line if line.strip() else line) + newline for line in body.split("\n")[:-1]
    )
    if pair is not None:
        start = pair[0].start_mark.index
        end = _line_end(text, _last_end(pair[1]))
        return start, end, block[len(indent) :]
    end = _line_end(text, max(_last_end(v) for _, v in item.value))
    prefix = "" if end == 0 or text[end - 1] == "\n" else newline
    return end, end, prefix + block


def _json_default(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat().replace("+00:00", "Z")
    raise TypeError(f"cannot write {type(value).__name__} into a probe block")


def _without_probes(data: Any, tools_loc: Sequence[str]) -> Any:
    tools = data
    for part in tools_loc:
        tools = tools.get(part) if isinstance(tools, dict) else None
    for tool in tools or []:
        if isinstance(tool, dict):
            tool.pop("probe", None)
    return data


def write_probes(
    path: str | Path, tools_loc: Sequence[str], blocks: Mapping[str, dict[str, Any]]
) -> None:
    """Splice the blocks into the file as it is now, check that only probe blocks changed, and
    replace the file atomically under the audit lock."""
    with exclusive(path):
        before = yamlio.read_text(path)
        after = splice(before, tools_loc, blocks)
        old = _without_probes(yaml.safe_load(before), tools_loc)
        new = _without_probes(yaml.safe_load(after), tools_loc)
        if old != new:
            raise OmnireadyError(
                f"{path}: writing probe results would change more than the "
                "probe blocks; nothing was written",
                hint="run with --no-write and report this file's layout",
            )
        write_atomic(path, after)
