"""One writer at a time per audit file: an OS file lock (the filelock package: flock on POSIX,
LockFileEx on Windows) beside the file, and a small record of who holds it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from omniready.errors import OmnireadyError
from omniready.texts import Message


class AuditLocked(OmnireadyError):
    """Another omniready process is writing the same audit file."""


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as its record says: `pid 123 on host laptop since 2026-…Z`."""

    pid: int | None
    host: str | None
    since: str | None

    @classmethod
    def read(cls, raw: bytes) -> Holder | None:
        """The holder a record names; None for an empty or unreadable record."""
        match = re.fullmatch(
            rb"pid (\d+)(?: on host (\S+))?(?: since (\S+))?\s*", raw.strip(), flags=re.S
        )
        if match is None:
            return None
        pid, host, since = match.groups()
        text = [part.decode(errors="replace") if part else None for part in (host, since)]
        return cls(int(pid), text[0], text[1])

    @classmethod
    def me(cls) -> Holder:
        """This process, on this host, now."""
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        return cls(os.getpid(), socket.gethostname(), now.isoformat() + "Z")

    def __str__(self) -> str:
        # The record's own format (read back by `read`), not a sentence: the same in every language.
        host = f" on host {self.host}" if self.host else ""
        since = f" since {self.since}" if self.since else ""
        return f"pid {self.pid}{host}{since}"

    def message(self) -> Message:
        """The holder in the run's language, for people (the record itself stays `str`)."""
        host = Message("lock.holder-host", {"host": self.host}) if self.host else ""
        since = Message("lock.holder-since", {"since": self.since}) if self.since else ""
        return Message("lock.holder", {"pid": self.pid, "host": host, "since": since})


def resolved(path: str | Path) -> Path:
    """The file a path names, through any symbolic links: what is locked and replaced, so that a
    save through a link writes the real file and keeps the link."""
    return Path(os.path.realpath(path))


def lock_paths(target: Path) -> tuple[Path, Path]:
    """The lock file beside `target` and the record of its holder (filelock may truncate the
    lock file itself, so who holds it is written in a file of its own)."""
    lock = target.with_name(f".{target.name}.lock")
    return lock, lock.with_name(lock.name + ".holder")


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the temporaries that killed saves of `target` left beside it (`.NAME.XXXXXXXX.tmp`,
    as write_atomic names them); call it holding `exclusive`, when no save can be running."""
    pattern = re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}\.tmp")
    removed: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def exclusive(path: str | Path) -> Iterator[Path]:
    """Hold the lock of the file `path` names (through links) so that a second process refuses
    instead of racing; yields that file. Temporaries of killed saves are removed.

    A record left by a killed process of this host is taken over (the OS released its lock); one
    naming another host is respected, since a shared folder may not carry the lock across.
    """
    from filelock import FileLock, Timeout

    target = resolved(path)
    lock_path, record = lock_paths(target)
    lock = FileLock(str(lock_path))
    try:
        # A moment's wait, not none: a holder that is just finishing unlinks the lock file while
        # it still holds it, and filelock then retries on a fresh file instead of reporting busy.
        lock.acquire(timeout=0.2)
    except Timeout:
        holder = _holder(record)  # None for a moment, while the holder writes it
        raise AuditLocked(
            Message(
                "lock.busy",
                {
                    "file": str(path),
                    "holder": Message("lock.busy-holder", {"holder": holder.message()})
                    if holder
                    else "",
                },
            ),
            hint=Message("lock.busy-hint"),
        ) from None
    except OSError as exc:
        raise OmnireadyError(
            Message("lock.cannot-lock", {"file": str(path), "reason": exc.strerror or str(exc)})
        ) from None
    try:
        me = Holder.me()
        left = _holder(record)
        if left is not None and left.host is not None and left.host != me.host:
            raise AuditLocked(  # the other host's record stays as it is
                Message("lock.other-host", {"file": str(path), "holder": left.message()}),
                hint=Message("lock.other-host-hint", {"host": left.host, "record": str(record)}),
            )
        try:
            record.write_text(str(me), encoding="utf-8")
        except OSError as exc:
            raise OmnireadyError(
                Message("lock.cannot-lock", {"file": str(path), "reason": exc.strerror or str(exc)})
            ) from None
        try:
            remove_stale_temporaries(target)
            yield target
        finally:
            # Both go while still locked: nobody reads a record of a released lock, and no file
            # is left in the user's folder. A process that opened the lock file just before
            # finds it unlinked once it gets the lock (filelock checks), and is refused.
            with contextlib.suppress(OSError):
                record.unlink()
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()  # also when refused: no empty lock file stays in the user's folder
        lock.release()


def _holder(record: Path) -> Holder | None:
    try:
        return Holder.read(record.read_bytes()[:300])
    except OSError:
        return None
