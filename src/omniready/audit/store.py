"""Reading and writing audit files: line-aware errors, atomic deterministic writes, one writer."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from omniready.audit import migrations, yamlio

# The lock lives in audit/lock.py; importers of these names from here keep working.
from omniready.audit.lock import (  # noqa: F401 - re-exported
    AuditLocked,
    Holder,
    exclusive,
    remove_stale_temporaries,
    resolved,
)
from omniready.audit.model import SCHEMA_VERSION, Audit, dump
from omniready.errors import InputError, OmnireadyError, Problem
from omniready.texts import Message


def load_audit(path: str | Path) -> Audit:
    """Load and validate an audit file, migrating older schemas; errors name file, line, column."""
    text = yamlio.read_text(path)
    return parse_audit(text, path)


def parse_audit(
    text: str, path: str | Path = "<audit>", *, defaults: dict[str, Any] | None = None
) -> Audit:
    """Validate audit YAML text into an Audit.

    `defaults` fills top-level keys the text leaves out (a partial answers file has no
    organization, for instance); they are applied after the schema checks and migrations.
    """
    raw = yamlio.parse(text, path)
    if raw is None and defaults is not None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError.at(path, Message("validate.load.not-mapping"), 1, 1)
    version = raw.get("schema", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            [yamlio.problem_at(path, text, ["schema"], Message("validate.load.schema-number"))]
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            [
                yamlio.problem_at(
                    path,
                    text,
                    ["schema"],
                    Message(
                        "validate.load.schema-newer",
                        {"version": version, "current": SCHEMA_VERSION},
                    ),
                )
            ]
        )
    raw, _ = migrations.upgrade(raw, SCHEMA_VERSION)
    try:
        return Audit.model_validate({**(defaults or {}), **raw})
    except ValidationError as exc:
        raise InputError(validation_problems(exc, path, text)) from None


def validation_problems(
    exc: ValidationError, path: str | Path, text: str, within: list[str | int] | None = None
) -> list[Problem]:
    """Turn pydantic errors into located Problems in the catalogue's words, one per offending
    value.

    `within` is where the validated value sits in the file, when it is not the whole document.
    """
    from omniready.audit import wording
    from omniready.audit.positions import Positions

    model = wording.model_named(exc.title)
    where = Positions.of(text)
    problems: list[Problem] = []
    seen: set[tuple[str | int, ...]] = set()
    # Without the inputs: a file past its limits may hold a million errors.
    for error in exc.errors(include_url=False, include_input=False):
        loc = _data_loc(error["loc"])
        if tuple(loc) in seen:
            continue  # a union reports each alternative; one message per value is enough
        seen.add(tuple(loc))
        if len(problems) >= MAX_PROBLEMS:
            continue  # only counted: locating them all would cost more than the reader gains
        full = [*(within or []), *loc]
        line, col = where.at(full, at_key=wording.at_key(error)) or (None, None)
        problems.append(Problem(str(path), line, col, _message(error, loc, full, where, model)))
    return first_problems(problems, len(seen))


MAX_PROBLEMS = 100  # a file with a million problems reports the first ones and the count


def first_problems(problems: list[Problem], total: int | None = None) -> list[Problem]:
    """The first MAX_PROBLEMS problems, then one line with how many more there are (`total`
    counts them all when the list was cut short already)."""
    from omniready.numbers import integer
    from omniready.texts import Message, run_lang

    total = max(total or 0, len(problems))
    if total <= MAX_PROBLEMS:
        return problems
    shown = problems[:MAX_PROBLEMS]
    lang = run_lang()
    counts = {"more": integer(total - MAX_PROBLEMS, lang), "total": integer(total, lang)}
    return [*shown, Problem(shown[-1].path, None, None, Message("validate.more", counts))]


def _data_loc(loc: tuple[Any, ...]) -> list[str | int]:
    # pydantic appends union member names and "[key]" markers to loc; they are not in the file.
    from omniready.audit.wording import data_loc

    return data_loc(loc)


def _message(
    error: Any,
    loc: list[str | int],
    full: list[str | int],
    where: Any,
    model: Any,
) -> Any:
    """The catalogue message of one pydantic error: `loc` is its place in `model`, `full` in
    the file indexed by `where` (positions.Positions)."""
    from omniready.audit import wording

    return wording.schema_message(error, full, where.scalar(full), wording.meaning(model, loc))


def audit_data(audit: Audit) -> dict[str, Any]:
    """The audit as the file holds it: answers and channels sorted by id."""
    data = dump(audit)
    for step in data.get("steps", {}).values():
        if "answers" in step:
            step["answers"] = dict(sorted(step["answers"].items()))
        if "channels" in step and isinstance(step["channels"], dict):
            step["channels"] = dict(sorted(step["channels"].items()))
    return data


def to_yaml(audit: Audit) -> str:
    """Deterministic YAML text of an audit (a new file): answers and channels sorted by id."""
    return yamlio.dumps(audit_data(audit))


def save_audit(path: str | Path, audit: Audit) -> None:
    """Write the audit atomically through the one writer: what changed is written, the rest of
    the file (comments included) stays byte for byte; the caller holds `exclusive`."""
    from omniready.audit import writer

    writer.save(path, audit_data(audit))


def _cannot_write(path: str | Path, exc: OSError) -> OmnireadyError:
    return OmnireadyError(
        Message("files.cannot-write", {"file": str(path), "reason": exc.strerror or str(exc)})
    )


def write_atomic(path: str | Path, text: str) -> None:
    """Write text to a temporary file beside `path`, fsync it, then rename it over `path` (over
    the file a symbolic link names, when `path` is one)."""
    target = resolved(path)
    directory = target.parent
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        # Any interruption (a full disk, Ctrl-C) leaves the old file and no temporary behind.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
