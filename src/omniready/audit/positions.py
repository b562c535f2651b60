"""Where each value of a YAML text is: one walk of its nodes, then every problem located at once.

`yamlio.locate` walks the tree for each location; a file with thousands of problems, all sorted
by line, needs them all, so this index is built once per file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from omniready.audit import yamlio

Path = tuple[str | int, ...]


@dataclass
class Positions:
    """The nodes of one YAML text by their path of keys and indexes from the top."""

    values: dict[Path, yaml.Node] = field(default_factory=dict)
    keys: dict[Path, yaml.Node] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Positions:
        """Index the nodes of `text`; an empty index when it does not compose."""
        index = cls()
        try:
            root = yamlio.compose(text)
        except yaml.YAMLError:
            return index
        if root is None:
            return index
        stack: list[tuple[Path, yaml.Node]] = [((), root)]
        while stack:
            path, node = stack.pop()
            index.values[path] = node
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    child = (*path, str(key.value))
                    index.keys.setdefault(child, key)
                    stack.append((child, value))
            elif isinstance(node, yaml.SequenceNode):
                stack += [((*path, i), value) for i, value in enumerate(node.value)]
        return index

    def _norm(self, loc: Sequence[str | int]) -> Path:
        # Mapping keys are indexed as text (a YAML key `2026` is the int 2026 once loaded).
        out: list[str | int] = []
        for part in loc:
            node = self.values.get(tuple(out))
            out.append(str(part) if isinstance(node, yaml.MappingNode) else part)
        return tuple(out)

    def at(self, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at `loc`, or of its nearest parent; with
        `at_key`, of the mapping key of its last part."""
        path = self._norm(loc)
        node = self.keys.get(path) if at_key else None
        while node is None and path:
            node = self.values.get(path)
            if node is None:
                path = path[:-1]
        node = node or self.values.get(())
        if node is None:
            return None
        return node.start_mark.line + 1, node.start_mark.column + 1

    def scalar(self, loc: Sequence[str | int]) -> str | None:
        """The value at `loc` as written in the file, when it is a plain one (not a list or
        mapping, and present)."""
        node = self.values.get(self._norm(loc))
        return node.value if isinstance(node, yaml.ScalarNode) else None
