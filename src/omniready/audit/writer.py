"""The one writer of audit files: the change between the file as it is and the data to save is
applied to the file's own text, so comments, key order, quoting and layout of whatever did not
change stay byte for byte; what changed is written as the audit's dumper writes it.

Why not ruamel.yaml's round trip: it re-emits every scalar, so the long notes our own dumper
folds at 100 columns come out folded elsewhere (with trailing spaces), and a load plus a dump of
the example audit takes ~160 ms per save. Here the file is composed with PyYAML's C loader (its
marks count characters, so they slice the text), only the changed entries are rewritten, and
the result is read back: when it does not read as exactly the data to save, the whole file is
written fresh instead, so the data is always right even where a layout cannot be kept.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from omniready.audit import yamlio

# How one entry is written when it is written whole: `(key, value) -> "key: ...\n"` at column 0.
Style = Callable[[str, Any], str]
Styles = Mapping[tuple[str, ...], Style]


def apply(before: str, data: Any, styles: Styles | None = None) -> str:
    """`before` with the change to `data` (a mapping, or a list for a bare inventory file)
    applied: untouched lines are kept as they are (comments included), changed and new entries
    are written as the dumper writes them. `styles` names entries (by key path) that are written
    by their own function when written whole."""
    styles = styles or {}
    if before.startswith("\ufeff"):  # the loader's marks do not count a byte-order mark
        return "\ufeff" + apply(before[1:], data, styles)
    if not before.strip():
        return _fresh(data, styles)
    try:
        root = yaml.compose(before, Loader=yaml.CSafeLoader)
        old = _parsed(before)
    except Exception:  # noqa: BLE001 - a file that does not load is replaced whole
        return _fresh(data, styles)
    as_map = isinstance(root, yaml.MappingNode) and isinstance(old, dict) and isinstance(data, dict)
    as_list = isinstance(root, yaml.SequenceNode) and isinstance(old, list)
    if not (as_map or (as_list and isinstance(data, list))):
        return _fresh(data, styles)
    # First with the data as it will read back, worked out value by value (cheap); when the
    # result does not read as it, once more against the dumped text read back (exact).
    for target in (_loaded(data), None):
        if target is None:
            target = yamlio.parse(yamlio.dumps(data), "<audit>")
        plan = _Plan(before, styles)
        try:
            if isinstance(root, yaml.MappingNode):
                plan.mapping(root, old, target, ())
            elif isinstance(root, yaml.SequenceNode):
                plan.sequence(root, old, target, ())
            after = plan.result()
        except _Cannot:
            break
        try:
            if _same(_parsed(after), target):
                return after
        except Exception:  # noqa: BLE001, S112 - an edit that does not load: try again, or fresh
            continue
    return _fresh(data, styles)


def _fresh(data: Any, styles: Styles) -> str:
    """The whole file as a new one is written."""
    return _render_entries((), data, styles) if isinstance(data, dict) else yamlio.dumps(data)


def _loaded(value: Any) -> Any:
    """`value` as the file will read it back: plain values as they are, others (dates, times)
    through the dumper and the loader."""
    if isinstance(value, dict):
        return {k: _loaded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_loaded(v) for v in value]
    if value is None or type(value) in (str, int, float, bool):
        return value
    return yamlio.parse(yamlio.dumps([value]), "<value>")[0]


# The last text written and its data: the interview saves after every answer, and each save's
# `before` is the previous save's result, so it is not parsed twice.
_last: list[tuple[str, Any]] = []


def _parsed(text: str) -> Any:
    if _last and _last[0][0] == text:
        return _last[0][1]
    value = yamlio.parse(text, "<audit>")
    _remember(text, value)
    return value


def _remember(text: str, value: Any) -> None:
    _last[:] = [(text, value)]


def save(path: str | Path, data: Any, styles: Styles | None = None) -> None:
    """Write `data` into the audit file at `path` (through links) as `apply` does, atomically;
    the caller holds the file's lock (`lock.exclusive`)."""
    from omniready.audit.store import resolved, write_atomic

    target = resolved(path)
    try:
        before = yamlio.read_text(target) if target.exists() else ""
    except Exception:  # noqa: BLE001 - unreadable now: what the caller saves replaces it
        before = ""
    write_atomic(path, apply(before, data, styles))


def line_break(text: str) -> str:
    """The file's own line ending: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


class _Cannot(Exception):
    """This node cannot be edited in place; the level above writes it whole."""


@dataclass
class _Plan:
    """The text edits that turn the file into the new data: (start, end, replacement)."""

    text: str
    styles: Styles
    edits: list[tuple[int, int, str]] = field(default_factory=list)

    def result(self) -> str:
        out: list[str] = []
        pos = 0
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise _Cannot  # overlapping edits: never expected, never written
            out += [self.text[pos:start], replacement]
            pos = end
        out.append(self.text[pos:])
        return "".join(out)

    # -- mappings --------------------------------------------------------------------------

    def mapping(
        self,
        node: yaml.MappingNode,
        old: dict[Any, Any],
        new: dict[Any, Any],
        path: tuple[str, ...],
    ) -> None:
        """Edit a mapping's entries in place; raise _Cannot when it cannot be."""
        entries = _entries(node, old)
        if node.flow_style:
            return self.flow_mapping(node, entries, old, new)
        column = node.value[0][0].start_mark.column
        for key, (knode, vnode) in entries.items():
            if key not in new:
                self.edits.append((self._line_start_of(knode), self._entry_end(vnode), ""))
            elif not _same(old[key], new[key]):
                self._change_entry(knode, vnode, key, old[key], new[key], (*path, key), column)
        previous: str | None = None
        for key in new:
            if key in entries:
                previous = key
                continue
            text = self._indent(self._entry_text(path, key, new[key]), column)
            if previous is not None:
                at = self._entry_end(entries[previous][1])
                self.edits.append((at, at, self._after_line(at) + text))
            else:
                first = node.value[0][0]
                self.edits.append((self._line_start_of(first), self._line_start_of(first), text))

    def flow_mapping(
        self,
        node: yaml.MappingNode,
        entries: dict[str, tuple[yaml.Node, yaml.Node]],
        old: dict[Any, Any],
        new: dict[Any, Any],
    ) -> None:
        """Edit a one-line `{key: value, …}` in place: changed values replaced, new keys added
        before the closing brace, in flow style; a removed key rewrites it whole."""
        close = node.end_mark.index - 1
        if any(key not in new for key in old) or self.text[close : close + 1] != "}":
            raise _Cannot
        for key, (_, vnode) in entries.items():
            if _same(old[key], new[key]):
                continue
            if isinstance(old[key], dict) and isinstance(new[key], dict) and new[key]:
                if isinstance(vnode, yaml.MappingNode) and vnode.flow_style:
                    mark = len(self.edits)
                    try:
                        self.flow_mapping(vnode, _entries(vnode, old[key]), old[key], new[key])
                        continue
                    except _Cannot:
                        del self.edits[mark:]
            self.edits.append((vnode.start_mark.index, vnode.end_mark.index, _flow(new[key])))
        added = "".join(
            f", {_flow(key)}: {_flow(value)}" for key, value in new.items() if key not in old
        )
        if added:
            self.edits.append((close, close, added))

    def _change_entry(
        self,
        knode: yaml.Node,
        vnode: yaml.Node,
        key: str,
        old: Any,
        new: Any,
        path: tuple[str, ...],
        column: int,
    ) -> None:
        if path not in self.styles:
            mark = len(self.edits)
            try:
                if isinstance(old, dict) and isinstance(new, dict) and new:
                    if isinstance(vnode, yaml.MappingNode):
                        return self.mapping(vnode, old, new, path)
                elif isinstance(old, list) and isinstance(new, list) and new:
                    if isinstance(vnode, yaml.SequenceNode):
                        return self.sequence(vnode, old, new, path)
                elif self._scalar_in_place(vnode, new):
                    return None
            except _Cannot:
                del self.edits[mark:]  # what the deeper level planned is replaced as a whole
        text = self._indent(self._entry_text(path[:-1], key, new), column, first=False)
        self.edits.append((knode.start_mark.index, self._entry_end(vnode), text))
        return None

    def _scalar_in_place(self, vnode: yaml.Node, new: Any) -> bool:
        """A one-line scalar replaced by one: only its own characters change, so an inline
        comment after it stays."""
        if isinstance(new, dict | list) or not isinstance(vnode, yaml.ScalarNode):
            return False
        start, end = vnode.start_mark, vnode.end_mark
        if vnode.style not in (None, "", "'", '"') or start.line != end.line:
            return False
        if start.index == end.index:
            return False  # `key:` with nothing after it: the entry is written whole
        written = yamlio.dumps([new])
        if written.count("\n") != 1:
            return False
        self.edits.append((start.index, end.index, written[2:-1]))
        return True

    # -- sequences -------------------------------------------------------------------------

    def sequence(
        self, node: yaml.SequenceNode, old: list[Any], new: list[Any], path: tuple[str, ...]
    ) -> None:
        """Edit a block sequence item by item: items are matched by `id` where they have one,
        else by their content, so one changed tool does not rewrite its neighbours."""
        if node.flow_style or not node.value or len(node.value) != len(old):
            raise _Cannot
        items = list(node.value)
        dash = self._dash_at(items[0])
        matcher = difflib.SequenceMatcher(
            a=[_identity(x) for x in old], b=[_identity(x) for x in new], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    if not _same(old[i], new[j]):
                        self._change_item(items[i], old[i], new[j], path, dash)
                continue
            paired = min(i2 - i1, j2 - j1)
            for k in range(paired):
                self._change_item(items[i1 + k], old[i1 + k], new[j1 + k], path, dash)
            for i in range(i1 + paired, i2):
                self.edits.append((self._item_start(items[i]), self._entry_end(items[i]), ""))
            added = "".join(self._item_text(new[j], dash) for j in range(j1 + paired, j2))
            if not added:
                continue
            if i1 + paired > 0:
                at = self._entry_end(items[i1 + paired - 1])
                self.edits.append((at, at, self._after_line(at) + added))
            else:
                at = self._item_start(items[0])
                self.edits.append((at, at, added))

    def _change_item(
        self, item: yaml.Node, old: Any, new: Any, path: tuple[str, ...], dash: int
    ) -> None:
        mark = len(self.edits)
        try:
            if isinstance(old, dict) and isinstance(new, dict) and new:
                if isinstance(item, yaml.MappingNode):
                    return self.mapping(item, old, new, path)
            elif self._scalar_in_place(item, new):
                return None
        except _Cannot:
            del self.edits[mark:]
        self.edits.append(
            (self._item_start(item), self._entry_end(item), self._item_text(new, dash))
        )
        return None

    def _dash_at(self, item: yaml.Node) -> int:
        """The column of the `-` that opens a block sequence item, which must start its line."""
        line_start = self._line_start(item.start_mark.index)
        dash = self.text.rfind("-", line_start, item.start_mark.index)
        if dash < 0 or self.text[line_start:dash].strip(" "):
            raise _Cannot
        return dash - line_start

    def _item_start(self, item: yaml.Node) -> int:
        self._dash_at(item)
        return self._line_start(item.start_mark.index)

    def _item_text(self, value: Any, dash: int) -> str:
        return self._indent(yamlio.dumps([value]), dash)

    # -- text ------------------------------------------------------------------------------

    def _entry_text(self, path: tuple[str, ...], key: str, value: Any) -> str:
        return _render_entry(path, key, value, self.styles)

    def _indent(self, body: str, column: int, *, first: bool = True) -> str:
        """`body` (column 0, LF) moved to `column`, in the file's own line ending; the first line
        is left as it is when it continues a line already written (`first=False`)."""
        newline = line_break(self.text)
        pad = " " * column
        lines = body.split("\n")[:-1]
        return "".join(
            (pad + line if line.strip() and (first or n) else line) + newline
            for n, line in enumerate(lines)
        )

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_start_of(self, knode: yaml.Node) -> int:
        """Where the line of a key starts; the key must be first on its line."""
        start = self._line_start(knode.start_mark.index)
        if self.text[start : knode.start_mark.index].strip(" "):
            raise _Cannot  # `- key: …`: the item is rewritten by the level above
        return start

    def _entry_end(self, node: yaml.Node) -> int:
        return _line_end(self.text, _last_end(node))

    def _after_line(self, at: int) -> str:
        """What an insertion at `at` needs first: a line break when the file ends without one."""
        return "" if at == 0 or self.text[at - 1] == "\n" else line_break(self.text)


def _entries(node: yaml.MappingNode, old: dict[Any, Any]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The key and value nodes of a mapping by key; _Cannot for what is edited only whole
    (an empty mapping, merge or duplicate keys, keys that are not strings)."""
    if not node.value or len(node.value) != len(old):
        raise _Cannot
    entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for (knode, vnode), key in zip(node.value, old, strict=True):
        if not isinstance(key, str) or knode.tag != "tag:yaml.org,2002:str":
            raise _Cannot
        entries[key] = (knode, vnode)
    return entries


def _flow(value: Any) -> str:
    """`value` in flow style on one line, as the dumper quotes it (a one-item flow list, cut)."""
    text: str = yaml.dump(
        [value],
        Dumper=yamlio._Dumper,
        default_flow_style=True,
        sort_keys=False,
        allow_unicode=True,
        width=2**31 - 1,
    )
    return text.strip()[1:-1]


def _render_entries(path: tuple[str, ...], data: dict[str, Any], styles: Styles) -> str:
    if not any(p[: len(path)] == path and len(p) > len(path) for p in styles):
        return yamlio.dumps(data)
    return "".join(_render_entry(path, key, value, styles) for key, value in data.items())


def _render_entry(path: tuple[str, ...], key: str, value: Any, styles: Styles) -> str:
    """One `key: value` entry at column 0: by its style when it has one, as the dumper writes it
    otherwise (a mapping holding styled entries is written entry by entry)."""
    where = (*path, key)
    if where in styles:
        return styles[where](key, value)
    if isinstance(value, dict) and value and any(p[: len(where)] == where for p in styles):
        inner = _render_entries(where, value, styles)
        head = yamlio.dumps({key: None})[: -len(": null\n")]  # the key as the dumper quotes it
        return f"{head}:\n" + "".join(
            ("  " + line if line.strip() else line) + "\n" for line in inner.split("\n")[:-1]
        )
    return yamlio.dumps({key: value})


def _same(a: Any, b: Any) -> bool:
    """Equal as data and of the same types (True is not 1, 1.0 is not 1)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return (
            isinstance(b, list)
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    return type(a) is type(b) and bool(a == b)


def _identity(value: Any) -> str:
    """What matches an old list item with a new one: its `id` when it has one, else its data."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return "id:" + value["id"]
    return json.dumps(value, sort_keys=True, default=str)


def _last_end(node: yaml.Node) -> int:
    """Where the last character of a node's own text is (block collections end at the next token,
    past any comments, so they are measured by their last child)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    else:
        children = list(node.value)
    if not children:
        return int(node.end_mark.index)
    return max(_last_end(child) for child in children)


def _line_end(text: str, pos: int) -> int:
    if pos > 0 and text[pos - 1] == "\n":
        return pos  # a block scalar already ends at the start of the next line
    newline = text.find("\n", pos)
    return len(text) if newline < 0 else newline + 1


__all__: Sequence[str] = ("Style", "Styles", "apply", "line_break", "save")
