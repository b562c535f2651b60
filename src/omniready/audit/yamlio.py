"""YAML in and out: safe, bounded loading with positions for errors, deterministic dumping."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from omniready.errors import InputError, OmnireadyError, Problem
from omniready.numbers import integer
from omniready.texts import Message, run_lang

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True, slots=True)
class Limits:
    """What the loader refuses before building anything: no audit comes near these, and a file
    past them would cost seconds and gigabytes (docs/audit.md, "Limits")."""

    size: int = 10_000_000  # bytes of the file
    nodes: int = 100_000  # scalars, lists and mappings (keys count): the example has 1,259
    depth: int = 64  # lists and mappings inside one another
    scalar: int = 100_000  # characters of one value or key

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, each raised or lowered by OMNIREADY_MAX_<NAME> (bytes, nodes, depth,
        scalar) when set."""
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for field in fields(cls):
            name = ENV_NAMES[field.name]
            raw = env.get(name, "").strip().replace("_", "")
            if not raw:
                continue
            if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
                raise OmnireadyError(
                    Message("validate.load.env-limit", {"name": name, "value": env[name]})
                )
            values[field.name] = int(raw)
        return cls(**values)


ENV_NAMES = {
    "size": "OMNIREADY_MAX_BYTES",
    "nodes": "OMNIREADY_MAX_NODES",
    "depth": "OMNIREADY_MAX_DEPTH",
    "scalar": "OMNIREADY_MAX_SCALAR",
}

# Explicit tags an audit may spell out (`!!str 007`); anything else (python/*, !!binary, !!set,
# a private `!tag`) is refused before construction, where it could run code or build odd types.
_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
) | {"!"}
_MERGE = "tag:yaml.org,2002:merge"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """PyYAML's C parser and composer with its safe constructor; refuses duplicate keys and
    locates every value its constructors reject (`!!bool maybe`, `2026-02-30`, a 5,000-digit
    integer). Tags, aliases, merge and compound keys are refused before construction, by
    check_tree or check_limits."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # `!!map text`: say so before reading pairs
            raise _Located(Message("validate.load.expected-mapping"), node.start_mark)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):  # two keys made one entry: find the second one
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)  # built already: cached
                if key in seen:
                    raise _Located(
                        Message("validate.load.duplicate-key", {"key": repr(key)}),
                        key_node.start_mark,
                    )
                seen.add(key)
        return mapping


def _checked(construct: Any, dates: bool = False) -> Any:
    """A scalar constructor of PyYAML whose errors become located ones: they raise ValueError,
    KeyError, AttributeError… for values their tag's pattern accepts and Python refuses."""

    def checked(loader: _Loader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as exc:
            if dates:  # 2026-02-30 matches YAML's pattern, then datetime refuses it
                raise _Located(
                    Message("validate.load.bad-date", {"value": node.value}), node.start_mark
                ) from None
            raise _Located(_bad_value(node, exc), node.start_mark) from None
        except (TypeError, KeyError, AttributeError) as exc:
            raise _Located(_bad_value(node, exc), node.start_mark) from None

    return checked


for _name in ("bool", "int", "float", "null", "timestamp"):
    _Loader.add_constructor(
        f"tag:yaml.org,2002:{_name}",
        _checked(getattr(_Loader, f"construct_yaml_{_name}"), dates=_name == "timestamp"),
    )


def _bad_value(node: yaml.Node, exc: Exception) -> Message:
    tag = _short(node.tag)
    if isinstance(node, yaml.ScalarNode):
        value = node.value if len(node.value) <= 40 else f"{node.value[:40]}…"
        return Message("validate.load.bad-value", {"value": value, "tag": tag})
    return Message("validate.load.bad-node", {"tag": tag})


def _short(tag: object) -> str:
    return str(tag).replace("tag:yaml.org,2002:", "!!")


class _Located(Exception):
    """A construction error at a known place in the YAML text."""

    def __init__(self, message: str | Message, mark: Any) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, mark.line + 1, mark.column + 1


class _Shared(Exception):
    """A node reached twice in a composed tree: the text holds an alias."""


def parse(text: str, path: str | Path, limits: Limits | None = None) -> Any:
    """Parse YAML text safely within `limits` (default: Limits.from_env()); every error, of the
    syntax, of a limit or of a value, becomes an InputError at its line and column."""
    try:
        return _load(text, limits or Limits.from_env())
    except _Located as exc:
        raise InputError.at(path, exc.message, exc.line, exc.col) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        from omniready.audit.wording import syntax_message

        at_end = mark is not None and _only_blanks_after(text, mark.line, mark.column)
        raise InputError.at(path, syntax_message(what, at_end), line, col) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in bytes of the UTF-8 text it was given
        line, col = _line_col(text.encode("utf-8"), exc.position)
        raise InputError.at(
            path, Message("validate.load.invalid-char", {"char": _char(exc.character)}), line, col
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise InputError.at(path, Message("validate.load.invalid-yaml", {"what": exc})) from None


def _only_blanks_after(text: str, line: int, column: int) -> bool:
    """Whether nothing but blanks follows the place (0-based line and column) in `text`."""
    return not "\n".join(text.split("\n")[line:])[column:].strip()


# A character of YAML text makes at most two values (`?` alone is a key and its empty value), so
# a text of at most nodes / 2 characters cannot pass the node limit however it is written.
_VALUES_PER_CHAR = 2


def _load(text: str, limits: Limits) -> Any:
    """One pass of the C parser for what can be composed safely: the tree is checked against
    the limits (check_tree), then constructed. A text long enough to hold more values than
    allowed is streamed through check_limits first, so that no tree past the limits is built;
    on any error the stream says which comes first (a limit, an alias, or the syntax)."""
    if len(text) * _VALUES_PER_CHAR > limits.nodes:
        check_limits(text, limits)
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
            if root is not None:
                check_tree(root, limits)
        except yaml.YAMLError:
            # What the stream refuses first (a limit, an alias, a tag) is the error to report;
            # when it refuses nothing, the composer's own error is.
            check_limits(text, limits)
            raise
        except _Shared:
            check_limits(text, limits)  # raises at the first alias, with its name and place
            raise _Located(Message("validate.load.aliases-plain"), root.start_mark) from None
        return None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()


# Tags a composed node may carry: those allowed, and what the resolver gives `<<` and `=`
# (refused as a key, and by the constructor elsewhere).
_RESOLVED = _TAGS | {_MERGE, "tag:yaml.org,2002:value"}


def check_tree(root: yaml.Node, limits: Limits) -> None:
    """The limits of check_limits on a composed tree, in the text's order, and the keys an audit
    has no use for (merge keys, lists or mappings as keys); raises _Shared at a node reached
    twice, which only an alias makes."""
    scalar_node, mapping_node = yaml.ScalarNode, yaml.MappingNode
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]  # a node and how deep its list or mapping is
    nodes = 0
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise _Shared
        seen.add(id(node))
        if type(node) is scalar_node:
            if len(node.value) > limits.scalar:
                _refuse(node, _limit("too-long-value", limits.scalar), "scalar")
        else:
            if depth > limits.depth:
                _refuse(node, _limit("too-deep", limits.depth), "depth")
            if type(node) is mapping_node:
                for key, value in reversed(node.value):
                    if type(key) is not scalar_node:
                        raise _Located(Message("validate.load.plain-key"), key.start_mark)
                    if key.tag == _MERGE:
                        raise _Located(Message("validate.load.merge-keys"), key.start_mark)
                    stack += ((value, depth + 1), (key, depth + 1))
            else:
                stack += ((item, depth + 1) for item in reversed(node.value))
        nodes += 1
        if nodes > limits.nodes:
            _refuse(node, _limit("too-many", limits.nodes), "nodes")
        if node.tag not in _RESOLVED:
            raise _Located(Message("validate.load.tag", {"tag": _short(node.tag)}), node.start_mark)


def check_limits(text: str, limits: Limits) -> None:
    """Walk the parser's events of `text` (no tree is built) and raise at the first node past a
    limit, the first alias and the first explicit tag an audit has no use for."""
    nodes = depth = 0
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    event: Any  # the C parser's events carry their fields without type stubs
    for event in yaml.parse(text, Loader=_BaseLoader):
        kind = type(event)
        if kind is scalar:
            if len(event.value) > limits.scalar:
                _refuse(event, _limit("too-long-value", limits.scalar), "scalar")
        elif kind in opening:
            depth += 1
            if depth > limits.depth:
                _refuse(event, _limit("too-deep", limits.depth), "depth")
        elif kind in closing:
            depth -= 1
            continue
        elif kind is alias:
            raise _Located(
                Message("validate.load.aliases", {"anchor": event.anchor}),
                event.start_mark,
            )
        else:
            continue
        nodes += 1
        if nodes > limits.nodes:
            _refuse(event, _limit("too-many", limits.nodes), "nodes")
        if event.tag is not None and event.tag not in _TAGS:
            raise _Located(
                Message("validate.load.tag", {"tag": _short(event.tag)}), event.start_mark
            )


def _refuse(where: yaml.Event | yaml.Node, what: Message, limit: str) -> None:
    message = Message("validate.load.limit", {"what": what, "env": ENV_NAMES[limit]})
    raise _Located(message, where.start_mark)


def _limit(key: str, limit: int) -> Message:
    # The limit written as the run's language writes numbers ("100.000" in Spanish).
    return Message(f"validate.load.{key}", {"limit": integer(limit, run_lang())})


def _char(character: Any) -> str:
    if isinstance(character, int):
        return f"#x{character:04x}"
    return f"{character!r}"


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset`; CRLF, CR and LF end a line."""
    head = data[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, len(head[start:].decode("utf-8", errors="replace")) + 1


def read_text(path: str | Path, limits: Limits | None = None) -> str:
    """Read a UTF-8 file as it is (CRLF kept), turning OS and decoding errors and a file larger
    than the limit into located InputErrors."""
    most = (limits or Limits.from_env()).size
    try:
        with open(path, "rb") as handle:
            data = _read_at_most(handle, most + 1)
    except FileNotFoundError:
        raise InputError.at(path, Message("validate.load.no-file")) from None
    except IsADirectoryError:
        raise InputError.at(path, Message("validate.load.folder")) from None
    except PermissionError:
        raise InputError.at(path, Message("validate.load.permission")) from None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise InputError.at(path, Message("validate.load.cannot-read", {"why": why})) from None
    if len(data) > most:
        line, col = _line_col(data, most)
        raise InputError.at(
            path,
            Message(
                "validate.load.too-large",
                {"limit": integer(most, run_lang()), "env": ENV_NAMES["size"]},
            ),
            line,
            col,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        not_utf8 = Message("validate.load.not-utf8", {"byte": exc.start})
        raise InputError.at(path, not_utf8, line, col) from None


def _read_at_most(handle: Any, limit: int) -> bytes:
    # In pieces: read(limit) would set aside `limit` bytes at once, whatever the file's size.
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


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
    path: str | Path,
    text: str,
    loc: Sequence[str | int],
    message: str | Message,
    *,
    at_key: bool = False,
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
