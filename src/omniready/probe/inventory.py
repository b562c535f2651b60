"""Probe input: an audit file or a plain inventory list → typed targets, with located errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from omniready.audit import yamlio
from omniready.audit.model import Audit, Tool, Waiver
from omniready.audit.store import parse_audit, validation_problems
from omniready.errors import InputError, Problem
from omniready.probe.rules import url_problem
from omniready.texts import Message


@dataclass(frozen=True)
class Target:
    """One tool to probe, with where it sits in its file (for SARIF and annotations)."""

    id: str
    name: str
    base_url: str
    spec_url: str | None = None
    receiver_url: str | None = None
    token_env: str | None = None
    claims_api: bool | None = None
    claims_webhooks: bool | None = None
    line: int | None = None
    col: int | None = None

    @property
    def urls(self) -> tuple[str, ...]:
        """Every URL the inventory gives for this tool."""
        return tuple(u for u in (self.base_url, self.spec_url, self.receiver_url) if u)


@dataclass(frozen=True)
class Inventory:
    """What the probe reads from one file."""

    path: Path
    kind: Literal["audit", "list"]
    targets: tuple[Target, ...]
    waivers: tuple[Waiver, ...]
    # Where the tools sit in the file: a path of keys from the top (empty for a bare list).
    tools_loc: tuple[str, ...]
    # Audit-file tools left out: no base_url and no claim to check (a phone switchboard).
    skipped: tuple[str, ...] = ()


class _PlainInventory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tools: list[Tool] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)


_TOOLS = TypeAdapter(list[Tool])


def load_inventory(path: str | Path, only: Sequence[str] | None = None) -> Inventory:
    """Read an audit file, a YAML list of tools, or {tools, waivers}; raise InputError if bad.

    With `only`, just those tools become targets (and only they need a base_url)."""
    path = Path(path)
    text = yamlio.read_text(path)
    raw = yamlio.parse(text, path)
    tools: list[Tool]
    waivers: list[Waiver]
    loc: tuple[str, ...]
    kind: Literal["audit", "list"]
    # An audit file's ids and references are checked by audit.check, as `validate` does.
    checked: list[Problem] = []
    if isinstance(raw, list):
        kind, loc = "list", ()
        try:
            tools, waivers = _TOOLS.validate_python(raw), []
        except ValidationError as exc:
            raise InputError(validation_problems(exc, path, text)) from None
    elif isinstance(raw, dict) and "tools" in raw and "steps" not in raw:
        kind, loc = "list", ("tools",)
        try:
            plain = _PlainInventory.model_validate(raw)
        except ValidationError as exc:
            raise InputError(validation_problems(exc, path, text)) from None
        tools, waivers = plain.tools, plain.waivers
    elif isinstance(raw, dict):
        kind, loc = "audit", ("steps", "tools", "inventory")
        audit = parse_audit(text, path)
        tools, waivers = audit.steps.tools.inventory, audit.waivers
        checked = _audit_problems(path, text, audit)
    else:
        raise InputError.at(path, Message("probe.errors.not-an-inventory"), 1, 1)
    root = yamlio.compose(text)
    waivers_loc = ("waivers",)
    ids = {t.id for t in tools}
    if only:
        unknown = sorted(set(only) - ids)
        if unknown:
            raise InputError.at(
                path, Message("probe.errors.unknown-only", {"tools": ", ".join(unknown)})
            )
    selected = [i for i, t in enumerate(tools) if not only or t.id in only]
    skipped = [i for i in selected if kind == "audit" and not only and _nothing_to_probe(tools[i])]
    selected = [i for i in selected if i not in skipped]
    listed = kind == "list"
    problems = (
        _check(path, root, loc, tools, set(selected), duplicates=listed)
        + checked
        + _check_waivers(path, root, waivers_loc, waivers, ids if listed else None)
    )
    if problems:
        no_base = any(
            isinstance(p.message, Message) and p.message.key.startswith("probe.errors.no-base-url")
            for p in problems
        )
        hint = Message("probe.errors.no-base-url-hint") if no_base else None
        raise InputError(problems, hint=hint)
    targets = []
    for index in selected:
        tool = tools[index]
        line, col = _where(root, (*loc, index))
        assert tool.base_url is not None  # _check refused tools without one
        targets.append(
            Target(
                id=tool.id,
                name=tool.name,
                base_url=tool.base_url,
                spec_url=tool.api.spec_url if tool.api else None,
                receiver_url=tool.webhook.receiver_url if tool.webhook else None,
                token_env=tool.auth.token_env if tool.auth else None,
                claims_api=tool.claims.api,
                claims_webhooks=tool.claims.webhooks,
                line=line,
                col=col,
            )
        )
    return Inventory(
        path, kind, tuple(targets), tuple(waivers), loc, tuple(tools[i].id for i in skipped)
    )


def _nothing_to_probe(tool: Tool) -> bool:
    """An audit lists tools with no web presence; without a URL or a claim there is no question
    for the probe to answer. A tool that claims an API or webhooks must say where to look."""
    claims = tool.claims
    return not tool.base_url and not (claims.api or claims.webhooks or claims.web_services)


def _where(root: Any, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
    node = yamlio.node_at(root, loc, nearest=True)
    if node is None:
        return None, None
    return node.start_mark.line + 1, node.start_mark.column + 1


def _problem(path: Path, root: Any, loc: Sequence[str | int], message: str | Message) -> Problem:
    line, col = _where(root, loc)
    return Problem(str(path), line, col, message)


def _audit_problems(path: Path, text: str, audit: Audit) -> list[Problem]:
    """check_audit's findings about the tools and waivers (duplicate tool ids, waivers naming
    unknown tools); the answers are `validate`'s business, not the probe's."""
    from omniready.audit.check import check_audit
    from omniready.checklist import load_checklist

    return [
        yamlio.problem_at(path, text, issue.loc, issue.message, at_key=issue.at_key)
        for issue in check_audit(audit, load_checklist())
        if issue.loc[:3] == ["steps", "tools", "inventory"] or issue.loc[:1] == ["waivers"]
    ]


def _check(
    path: Path,
    root: Any,
    loc: tuple[str, ...],
    tools: list[Tool],
    selected: set[int],
    *,
    duplicates: bool,
) -> list[Problem]:
    """Base URLs of the selected tools and every URL's shape; with `duplicates`, repeated ids
    too (a plain inventory, which check_audit does not see)."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, tool in enumerate(tools):
        here: tuple[str | int, ...] = (*loc, index)
        if duplicates and tool.id in first:
            line, _ = _where(root, (*loc, first[tool.id], "id"))
            problems.append(
                _problem(
                    path,
                    root,
                    (*here, "id"),
                    Message("probe.errors.duplicate-tool", {"id": repr(tool.id), "line": line}),
                )
            )
        first.setdefault(tool.id, index)
        if not tool.base_url and index in selected:
            problems.append(_problem(path, root, here, _no_base_url(tool)))
        urls: list[tuple[tuple[str, ...], str | None]] = [
            (("base_url",), tool.base_url),
            (("api", "spec_url"), tool.api.spec_url if tool.api else None),
            (("webhook", "receiver_url"), tool.webhook.receiver_url if tool.webhook else None),
        ]
        for key, url in urls:
            why = url_problem(url) if url else None
            if why:
                problems.append(_problem(path, root, (*here, *key), why))
    return problems


def _no_base_url(tool: Tool) -> Message:
    claimed = [name for name in ("api", "webhooks", "web_services") if getattr(tool.claims, name)]
    if claimed:
        return Message(
            "probe.errors.no-base-url-claims", {"id": repr(tool.id), "claims": ", ".join(claimed)}
        )
    return Message("probe.errors.no-base-url", {"id": repr(tool.id)})


def _check_waivers(
    path: Path, root: Any, loc: tuple[str, ...], waivers: list[Waiver], ids: set[str] | None
) -> list[Problem]:
    """Every waiver's condition; with `ids`, that it names a known tool (a plain inventory,
    which check_audit does not see)."""
    from omniready.probe.verdict import CONDITIONS, condition_name  # verdict imports inventory

    problems: list[Problem] = []
    for index, waiver in enumerate(waivers):
        if condition_name(waiver.condition) not in CONDITIONS:
            problems.append(
                _problem(
                    path,
                    root,
                    (*loc, index, "condition"),
                    Message(
                        "probe.errors.unknown-condition",
                        {"condition": repr(waiver.condition), "known": ", ".join(CONDITIONS)},
                    ),
                )
            )
        if ids is not None and waiver.tool not in ids:
            problems.append(
                _problem(
                    path,
                    root,
                    (*loc, index, "tool"),
                    Message("probe.errors.waiver-unknown-tool", {"tool": repr(waiver.tool)}),
                )
            )
    return problems
