"""Schema errors in a consultant's words: pydantic's error types mapped onto catalogue keys.

Pure: one pydantic error (its type, location and context) plus what the field means in the model
(a share, a count, a date...) gives a `Message` of the `validate` domain, with the fix where there
is one. No pydantic wording reaches the user; an error type not mapped here gets a plain
"is not valid" rather than pydantic's sentence.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Union

from pydantic import BaseModel

from omniready.texts import Message

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Loc = list[str | int]

# pydantic adds the member of a union or a validator function to an error's location; neither
# is a key of the file.
_TAG = re.compile(
    r"^(str|int|float|bool|date|datetime|decimal|none|"
    r"(list|dict|tuple|set|literal|function-\w+|constrained-\w+|lax-\w+|json-or-python)(\[.*\])?)$"
)


def data_loc(loc: tuple[Any, ...]) -> Loc:
    """The error's location as keys and indexes of the file: pydantic's own markers removed."""
    return [p for p in loc if not (isinstance(p, str) and (p == "[key]" or _TAG.match(p)))]


@dataclass(frozen=True)
class Meaning:
    """What a field holds, as far as the wording needs it."""

    kind: str  # share, count, whole, number, text, yesno, date, datetime, list, mapping, answer
    low: float | None = None
    high: float | None = None
    strict_low: bool = False  # gt rather than ge
    fields: tuple[str, ...] = ()  # the keys the record around it takes (to suggest a typo's fix)


def model_named(title: str) -> type[BaseModel] | None:
    """The model a ValidationError's title names (an audit or checklist record), when known."""
    from omniready import checklist
    from omniready.audit import model

    for module in (model, checklist):
        found = getattr(module, title, None)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return None


def meaning(model: type[BaseModel] | None, loc: Loc) -> Meaning | None:
    """What the field at `loc` of `model` holds; None when the path is not in the model."""
    if model is None:
        return None
    tp: Any = model
    meta: list[Any] = []
    fields: tuple[str, ...] = ()
    for part in loc:
        tp, more = _unwrap(tp)
        meta = more
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = tuple(f.alias or n for n, f in tp.model_fields.items())
            found = next(
                (f for n, f in tp.model_fields.items() if part in (n, f.alias)),
                None,
            )
            if found is None:
                return Meaning("unknown", fields=fields)
            tp, meta = found.annotation, list(found.metadata)
            continue
        origin = typing.get_origin(tp)
        if origin is list and isinstance(part, int):
            tp, meta = typing.get_args(tp)[0], []
        elif origin is dict:
            tp, meta = typing.get_args(tp)[1], []
        else:
            return None
    tp, more = _unwrap(tp)
    return _classify(tp, meta + more, fields)


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """The type without Optional and Annotated, and the constraints Annotated carried."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp, *extra = typing.get_args(tp)
            for item in extra:
                meta += list(getattr(item, "metadata", [item]))
        elif origin in (Union, types.UnionType):
            arms = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(arms) != 1:
                return tp, meta
            tp = arms[0]
        else:
            return tp, meta


def _bound(meta: list[Any], name: str) -> float | None:
    for item in meta:
        value = getattr(item, name, None)
        if isinstance(value, int | float):
            return float(value)
    return None


def _classify(tp: Any, meta: list[Any], fields: tuple[str, ...]) -> Meaning:
    low, high = _bound(meta, "ge"), _bound(meta, "le")
    gt = _bound(meta, "gt")
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return Meaning("answer", fields=fields)
    if tp is bool:
        return Meaning("yesno", fields=fields)
    if tp is float and low == 0 and high == 1:
        return Meaning("share", 0, 1, fields=fields)
    if tp is int and low == 0 and (high is None or high >= 10**6):
        return Meaning("count", 0, high, fields=fields)
    if tp in (int, float):
        kind = "whole" if tp is int else "number"
        if gt is not None:
            return Meaning(kind, gt, high, strict_low=True, fields=fields)
        return Meaning(kind, low, high, fields=fields)
    if tp is dt.datetime:
        return Meaning("datetime", fields=fields)
    if tp is dt.date:
        return Meaning("date", fields=fields)
    if origin is list:
        return Meaning("list", fields=fields)
    if origin is dict or (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return Meaning("mapping", fields=fields)
    if origin is Literal:
        return Meaning("choice", fields=fields)
    return Meaning("text", fields=fields)


# Patterns of the model's constrained texts, each with the fix it asks for.
_PATTERNS = {
    r"^[a-z0-9][a-z0-9._-]*$": "slug",
    r"^\d{1,3}(-\d{1,3}|\+)$": "age",
    r"^[0-9a-f]{64}$": "sha256",
    r"^[A-Za-z_][A-Za-z0-9_]*$": "env-name",
}

# Our own validators' ValueErrors (model.py), by the start of their English text.
_RULES = {
    "a not-applicable answer needs": "na-needs-note",
    "an answer cannot be both given and not applicable": "na-and-answer",
    "a skipped answer carries no answer": "skipped-and-answer",
    "base_url must start with": "url",
    "age range": "age-backwards",
}

_NUMERIC = {
    "int_type",
    "int_parsing",
    "int_from_float",
    "int_parsing_size",
    "float_type",
    "float_parsing",
    "finite_number",
    "less_than",
    "less_than_equal",
    "greater_than",
    "greater_than_equal",
    "multiple_of",
}


def at_key(error: ErrorDetails) -> bool:
    """Whether the error is about a key (an unknown field) rather than its value."""
    return error["type"] == "extra_forbidden"


def schema_message(
    error: ErrorDetails, loc: Loc, value: str | None, what: Meaning | None
) -> Message:
    """The catalogue message for one pydantic error at `loc` (file keys), `value` being the
    value as written in the file when it is a plain one."""
    kind = str(error["type"])
    ctx = error.get("ctx") or {}
    field = _field(loc)
    shown = quoted(value)
    of = what.kind if what else None

    def say(key: str, **params: Any) -> Message:
        return Message(f"validate.schema.{key}", {"field": field, "value": shown, **params})

    if kind == "missing":
        return say("missing")
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), what.fields if what else (), n=1)
        return say("extra-close", close=close[0]) if close else say("extra")
    if of == "share" and kind in _NUMERIC:
        return say("share")
    if of == "count" and kind.startswith("less_than") and what and what.high is not None:
        return say("at-most", limit=_plain(what.high))  # a runaway figure: extra digits typed
    if of == "count" and kind in _NUMERIC:
        return say("count")
    if kind in {"less_than_equal", "less_than", "greater_than_equal", "greater_than"}:
        return _range(say, kind, ctx, what)
    if kind in {"int_from_float", "int_parsing", "int_type", "int_parsing_size"}:
        return _range(say, kind, ctx, what) if what and what.high is not None else say("whole")
    if kind in {"float_parsing", "float_type", "finite_number"}:
        return say("number")
    if kind in {"literal_error", "enum"}:
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return say("choice", options=", ".join(expected))
    if kind in {"bool_parsing", "bool_type"}:
        return say("yesno")
    if kind.startswith("datetime") or (of == "datetime" and kind.startswith("date")):
        return say("datetime")
    if kind.startswith("date"):
        return say("date")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return say("list")
    if kind in {"dict_type", "model_type", "model_attributes_type", "mapping_type"}:
        return say("mapping")
    if kind == "string_type":
        return say("answer") if of == "answer" else say("text")
    if kind in {"too_long", "string_too_long"}:
        limit = ctx.get("max_length")
        return say("too-long", limit=limit) if limit is not None else say("invalid")
    if kind in {"too_short", "string_too_short"}:
        return say("empty")
    if kind == "string_pattern_mismatch":
        return say(_PATTERNS.get(str(ctx.get("pattern")), "pattern"))
    if kind.startswith("url"):
        return say("url")
    if kind == "value_error":
        reason = str(ctx.get("error", error.get("msg", "")))
        rule = next((k for start, k in _RULES.items() if reason.startswith(start)), None)
        return say(rule) if rule else say("invalid")
    return say("invalid")


def _range(say: Any, kind: str, ctx: dict[str, Any], what: Meaning | None) -> Message:
    low = what.low if what else None
    high = what.high if what else None
    if low is None and kind.startswith("greater"):
        low = ctx.get("ge", ctx.get("gt"))
    if high is None and kind.startswith("less"):
        high = ctx.get("le", ctx.get("lt"))
    whole = bool(what and what.kind == "whole")
    if low is not None and high is not None and not (what and what.strict_low):
        return say("whole-range" if whole else "range", low=_plain(low), high=_plain(high))
    if what and what.strict_low and low is not None and high is not None:
        return say("above-range", low=_plain(low), high=_plain(high))
    if high is not None:
        return say("at-most", limit=_plain(high))
    if low is not None:
        return say("at-least", limit=_plain(low))
    return say("invalid")


def _plain(number: float) -> str:
    # A bound the user types into the YAML file: written as YAML reads it (1, 0.5, 100).
    return f"{number:g}" if float(number) != int(number) else str(int(number))


def _field(loc: Loc) -> str:
    """The field as the user knows it: its key in the file, with the item's number in a list."""
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return "-"
    tail = [p for p in loc[loc.index(names[-1]) + 1 :] if isinstance(p, int)]
    return names[-1] + "".join(f"[{i + 1}]" for i in tail)


def quoted(value: str | None) -> Message:
    """A value of the file as the message shows it: quoted in the language's way, cut at 40
    characters; "this value" when it is not a plain one (a list, a mapping)."""
    if value is None:
        return Message("validate.this-value")
    return Message("validate.quote", {"value": value if len(value) <= 40 else value[:40] + "…"})


# The YAML parser's own problems (libyaml's and PyYAML's English), by a piece of their text.
_SYNTAX = {
    "mapping values are not allowed": "colon",
    "could not find expected ':'": "missing-colon",
    "found a tab character": "tab",
    "found character that cannot start any token": "bad-start",
    "found unexpected end of stream": "unclosed",
    "did not find expected key": "indent",
    "block sequence entries are not allowed": "item",
    "did not find expected ',' or ']'": "list",
    "did not find expected ',' or '}'": "group",
    "found unknown escape character": "escape",
    "did not find expected node content": "no-value",
}

# What the parser says when the file ends inside a `[` or `{`: the fix is to close it.
_UNCLOSED_AT_END = frozenset({"no-value", "list", "group"})


def syntax_message(problem: str, at_end: bool = False) -> Message:
    """A YAML syntax error in the audit's words, with the usual fix; the parser's own text when
    it is not one of the usual ones. `at_end`: nothing but blanks follows where it was found."""
    key = next((k for piece, k in _SYNTAX.items() if piece in problem), None)
    if at_end and key in _UNCLOSED_AT_END:
        key = "unclosed"  # `tools: [` at the end: a value is missing because nothing follows
    if key is None:
        return Message("validate.load.invalid-yaml", {"what": problem})
    return Message(f"validate.syntax.{key}")
