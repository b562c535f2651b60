"""Text into numbered lines, and bytes into text with a clear reason when they are not text."""

from __future__ import annotations

import codecs
import re

from omniready.brand.errors import Unreadable
from omniready.brand.model import Line
from omniready.texts import Message

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def numbered(text: str, first: int = 1) -> tuple[Line, ...]:
    """Non-blank lines with their 1-based numbers, stripped of surrounding spaces."""
    return tuple(
        Line(number, stripped)
        for number, line in enumerate(text.splitlines(), first)
        if (stripped := line.strip())
    )


def decode(data: bytes, *, html: bool = False) -> str:
    """UTF-8 (a BOM is dropped), else the charset an HTML page declares; otherwise unreadable."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if html:
        declared = _CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii")
            try:
                codecs.lookup(name)
            except LookupError:
                raise Unreadable(
                    Message("brand.unreadable.unknown-encoding", {"name": name})
                ) from None
            try:
                return data.decode(name)
            except UnicodeDecodeError as exc:
                where = {"name": name, "byte": exc.start}
                raise Unreadable(Message("brand.unreadable.bad-encoding", where)) from None
    raise Unreadable(Message("brand.unreadable.not-utf8", {"byte": utf8_error.start}))
