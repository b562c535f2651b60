"""Write probe records into the file: each probed tool's `probe:` block is set in the file's
data and written by the audit's one writer (audit/writer.py), so comments, key order and
formatting of everything else survive byte for byte; a tool written as one flow line
(`- {id: shop, …}`) keeps its line, the block added inline."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from omniready.audit import writer, yamlio
from omniready.audit.lock import exclusive
from omniready.audit.store import write_atomic
from omniready.errors import OmnireadyError
from omniready.texts import Message


def splice(text: str, tools_loc: Sequence[str], blocks: Mapping[str, dict[str, Any]]) -> str:
    """Return `text` with each tool's probe block (by id) replaced or added; nothing else moves."""
    data = yamlio.parse(text, "<audit>")
    tools = data
    for part in tools_loc:
        tools = tools.get(part) if isinstance(tools, dict) else None
    if not isinstance(tools, list):
        raise OmnireadyError(Message("probe.errors.no-tool-list"))
    for tool in tools:
        if isinstance(tool, dict) and isinstance(tool.get("id"), str) and tool["id"] in blocks:
            tool["probe"] = copy.deepcopy(blocks[tool["id"]])
    return writer.apply(text, data)


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
                Message("probe.errors.writeback-changes", {"file": str(path)}),
                hint=Message("probe.errors.writeback-hint"),
            )
        write_atomic(path, after)
