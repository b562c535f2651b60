"""Reading and writing audit files: line-aware errors, atomic deterministic writes, one writer."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from omniready.audit import migrations, yamlio
from omniready.audit.model import SCHEMA_VERSION, Audit, dump
from omniready.errors import InputError, OmnireadyError, Problem


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
        raise InputError.at(path, "an audit file must be a YAML mapping (key: value)", 1, 1)
    version = raw.get("schema", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            [yamlio.problem_at(path, text, ["schema"], "schema must be a positive whole number")]
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            [
                yamlio.problem_at(
                    path,
                    text,
                    ["schema"],
                    f"schema {version} is newer than this release understands "
                    f"({SCHEMA_VERSION}); upgrade omniready",
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
    """Turn pydantic errors into located Problems, one per offending value.

    `within` is where the validated value sits in the file, when it is not the whole document.
    """
    problems: list[Problem] = []
    seen: set[tuple[str | int, ...]] = set()
    for error in exc.errors(include_url=False):
        loc = _data_loc(error["loc"])
        if tuple(loc) in seen:
            continue  # a union reports each alternative; one message per value is enough
        seen.add(tuple(loc))
        dotted = ".".join(str(p) for p in loc) or "(top)"
        message = _message(error)
        where = [*(within or []), *loc]
        problems.append(yamlio.problem_at(path, text, where, f"{dotted}: {message}"))
    return problems


def _data_loc(loc: tuple[Any, ...]) -> list[str | int]:
    # pydantic appends union member names and "[key]" markers to loc; they are not in the file.
    out: list[str | int] = []
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, str) and part in {
            "str",
            "int",
            "float",
            "bool",
            "list[str]",
            "date",
            "datetime",
        }:
            continue
        out.append(part)
    return out


def _message(error: Any) -> str:
    msg = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "list_type":
        return "expected a list (one `- item` per line)"
    return msg.removeprefix("Value error, ")


def to_yaml(audit: Audit) -> str:
    """Deterministic YAML text of an audit: answers and channels sorted by id."""
    data = dump(audit)
    for step in data.get("steps", {}).values():
        if "answers" in step:
            step["answers"] = dict(sorted(step["answers"].items()))
        if "channels" in step and isinstance(step["channels"], dict):
            step["channels"] = dict(sorted(step["channels"].items()))
    return yamlio.dumps(data)


def save_audit(path: str | Path, audit: Audit) -> None:
    """Write the audit atomically: a reader or a crash never sees a half-written file."""
    write_atomic(path, to_yaml(audit))


def write_atomic(path: str | Path, text: str) -> None:
    """Write text to a temporary file beside `path`, fsync it, then rename it over `path`."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OmnireadyError(f"{target}: cannot write: {exc.strerror or exc}") from None
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
            raise OmnireadyError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class AuditLocked(OmnireadyError):
    """Another omniready process is writing the same audit file."""


@contextlib.contextmanager
def exclusive(path: str | Path) -> Iterator[None]:
    """Hold a lock beside `path` so that a second process refuses instead of racing.

    The lock file is removed on release, while still locked; a process that opened it just
    before sees that it no longer names the file on disk and starts over.
    """
    target = Path(path)
    lock_path = target.with_name(f".{target.name}.lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock, single writer assumed
        yield
        return
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OmnireadyError(f"{target}: cannot lock: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise AuditLocked(
                f"{target}: already open in another omniready process ({holder})",
                hint="finish or quit the other session, then run the command again",
            ) from None
        try:
            current = os.stat(lock_path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(fd)  # we locked a file the previous holder had just removed: try again
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()
        os.close(fd)
