"""YAML in and out: safe loading with positions for errors, deterministic block-style dumping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from omniready.errors import InputError, Problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate and compound keys, and locates impossible dates."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # a list or mapping used as a key (`? [a, b]`)
                raise _Located("a key must be a plain value", key_node.start_mark) from None
            if duplicate:
                raise _Located(f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> Any:
        # 2026-02-30 matches YAML's timestamp pattern, then datetime refuses it with ValueError.
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _Located(f"invalid date or time {node.value!r}: {exc}", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_checked_timestamp)


class _Located(Exception):
    """A construction error at a known place in the YAML text."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, mark.line + 1, mark.column + 1


def parse(text: str, path: str | Path) -> Any:
    """Parse YAML text safely; syntax errors become an InputError at their line and column."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except _Located as exc:
        raise InputError.at(path, exc.message, exc.line, exc.col) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError.at(path, f"invalid YAML: {what}", line, col) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise InputError.at(path, f"invalid YAML: {exc}") from None


def read_text(path: str | Path) -> str:
    """Read a UTF-8 file as it is (CRLF kept), turning OS and decoding errors into InputErrors."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError.at(path, "no such file") from None
    except IsADirectoryError:
        raise InputError.at(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError.at(path, "permission denied") from None
    except UnicodeDecodeError as exc:
        raise InputError.at(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError.at(path, exc.strerror or str(exc)) from None


@lru_cache(maxsize=8)
def compose(text: str) -> yaml.Node | None:
    """The node tree of YAML text (with marks), composed once per text; raises yaml.YAMLError."""
    return yaml.compose(text, Loader=_BaseLoader)  # type: ignore[no-any-return]


def node_at(
    root: yaml.Node | None,
    loc: Sequence[str | int],
    *,
    nearest: bool = False,
    at_key: bool = False,
) -> yaml.Node | None:
    """The node at `loc` (mapping keys and sequence indexes from the top), or None when the path
    does not exist; with `nearest`, the deepest node on the way; with `at_key`, the mapping key
    of the last part rather than its value."""
    node = root
    for index, part in enumerate(loc):
        child = None
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if str(k.value) == str(part)), None)
            if pair is not None:
                child = pair[0] if at_key and index == len(loc) - 1 else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if 0 <= part < len(node.value) else None
        if child is None:
            return node if nearest else None
        node = child
    return node


def locate(text: str, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int] | None:
    """Line and column (1-based) of the value at `loc` in YAML text, or of its nearest parent.

    With `at_key`, point at the mapping key of the last part instead (for "unknown id" errors).
    """
    try:
        root = compose(text)
    except yaml.YAMLError:
        return None
    node = node_at(root, loc, nearest=True, at_key=at_key)
    if node is None:
        return None
    return node.start_mark.line + 1, node.start_mark.column + 1


def problem_at(
    path: str | Path, text: str, loc: Sequence[str | int], message: str, *, at_key: bool = False
) -> Problem:
    """A Problem pointing at the YAML node of `loc` (or at its key)."""
    where = locate(text, loc, at_key=at_key)
    line, col = where if where else (None, None)
    return Problem(str(path), line, col, message)


def has_comments(text: str) -> bool:
    """Whether YAML text holds a comment: more '#' in the text than in its keys and values."""
    try:
        root = compose(text)
    except yaml.YAMLError:
        return "#" in text
    in_data = 0
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            in_data += str(node.value).count("#")
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
    return text.count("#") > in_data


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Block style, no aliases, multi-line strings as literal blocks, UTC times with a Z."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_str(data)


def _datetime(dumper: yaml.SafeDumper, data: dt.datetime) -> yaml.ScalarNode:
    if data.tzinfo is not None:
        data = data.astimezone(dt.timezone.utc).replace(tzinfo=None)
    text = data.isoformat(timespec="seconds") + "Z"
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dt.datetime, _datetime)


def dumps(data: Any) -> str:
    """Deterministic YAML text: the same data always gives the same bytes."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return text
