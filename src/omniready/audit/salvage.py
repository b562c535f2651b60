"""What is left of an audit once the values the schema refuses are set aside.

`validate` lists every problem in one pass: the schema's, and the checklist's on every record the
schema accepted. pydantic gives no audit while any value is wrong, so each refused value is
removed (a refused field from its record; a record missing a required field from its list) and
the rest validated again, until an audit remains. Indexes of lists that lost items are mapped back
to the file's, so every problem points at its own line.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from omniready.audit import wording
from omniready.audit.model import Audit
from omniready.audit.positions import Positions
from omniready.texts import Message

Loc = list[str | int]

_ROUNDS = 8  # each round removes what the last refused; nesting is shallow, 3 are plenty
# Required top-level records a placeholder stands in for, so that the steps are still checked.
_PLACEHOLDERS: dict[str, Any] = {"organization": {"name": "-"}}


@dataclass
class Salvaged:
    """The schema's problems at their places in the file, and the audit that remains (None when
    nothing sound remains, e.g. the file is not a mapping of an audit at all)."""

    problems: list[tuple[Loc, Message, bool]]  # place, message, whether at the key
    audit: Audit | None
    pruned: _Pruned

    def original(self, loc: Loc) -> Loc:
        """Where a place in the remaining audit is in the file."""
        return self.pruned.original(loc)


def salvage(raw: dict[str, Any], where: Positions) -> Salvaged:
    """Validate `raw` (an upgraded audit mapping) as far as it goes; see the module's doc."""
    pruned = _Pruned(copy.deepcopy(raw))
    problems: list[tuple[Loc, Message, bool]] = []
    seen: set[tuple[str | int, ...]] = set()
    for _ in range(_ROUNDS):
        try:
            return Salvaged(problems, Audit.model_validate(pruned.data), pruned)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_input=False)
        targets: list[Loc] = []
        for error in errors:
            loc = wording.data_loc(error["loc"])
            here = pruned.original(loc)
            missing = error["type"] == "missing"
            if not (missing and tuple(here) in pruned.removed) and tuple(here) not in seen:
                seen.add(tuple(here))
                what = wording.meaning(Audit, loc)
                message = wording.schema_message(error, here, where.scalar(here), what)
                problems.append((here, message, wording.at_key(error)))
            targets.append(loc[:-1] if missing and len(loc) > 1 else loc)
        if not pruned.remove(targets):
            break
    return Salvaged(problems, None, pruned)


@dataclass
class _Pruned:
    """Raw audit data with refused values removed, remembering the file's list indexes."""

    data: dict[str, Any]
    origin: dict[int, list[int]] = field(default_factory=dict)  # id(list) → file indexes
    removed: set[tuple[str | int, ...]] = field(default_factory=set)  # file locs removed

    def _walk(self, loc: Loc) -> Any:
        node: Any = self.data
        for part in loc:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return node

    def original(self, loc: Loc) -> Loc:
        out: Loc = []
        node: Any = self.data
        for part in loc:
            if isinstance(node, list) and isinstance(part, int):
                indexes = self.origin.get(id(node))
                ok = 0 <= part < len(node)
                out.append(indexes[part] if indexes and ok else part)
                node = node[part] if ok else None
            else:
                out.append(part)
                node = node.get(part) if isinstance(node, dict) else None
        return out

    def remove(self, targets: list[Loc]) -> bool:
        """Remove the values at `targets` (current places); False when nothing could be."""
        done = False
        from_lists: dict[int, tuple[list[Any], set[int]]] = {}
        for loc in targets:
            if not loc:
                return False  # the whole document is refused: nothing to keep
            parent, last = self._walk(loc[:-1]), loc[-1]
            if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
                from_lists.setdefault(id(parent), (parent, set()))[1].add(last)
                self.removed.add(tuple(self.original(loc)))
            elif isinstance(parent, dict) and last in parent:
                self.removed.add(tuple(self.original(loc)))
                del parent[last]
                done = True
            elif parent is self.data and last in _PLACEHOLDERS:
                self.data[last] = copy.deepcopy(_PLACEHOLDERS[last])
                done = True
        for key, (items, indexes) in from_lists.items():
            origin = self.origin.setdefault(key, list(range(len(items))))
            for index in sorted(indexes, reverse=True):
                del items[index]
                del origin[index]
            done = True
        return done
