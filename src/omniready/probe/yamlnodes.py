"""Finding a place in a composed YAML document (yaml.compose nodes), for the probe's input errors,
SARIF locations and write-back. One walk, shared, so all three agree on what a path means."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


def node_at(
    root: yaml.Node | None, loc: Sequence[str | int], *, nearest: bool = False
) -> yaml.Node | None:
    """The node at `loc` (mapping keys and sequence indexes from the top), or None when the path
    does not exist; with `nearest`, the deepest node that exists on the way instead."""
    node = root
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if str(k.value) == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if 0 <= part < len(node.value) else None
        if child is None:
            return node if nearest else None
        node = child
    return node


def line_break(text: str) -> str:
    """The file's own line ending: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
