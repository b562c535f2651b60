"""E-mails saved as .eml: the HTML part (read as a page) or else the text part, via the standard
library's email package. Line numbers count within the decoded body; the subject names the unit."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

from omniready.brand.errors import Unreadable
from omniready.brand.model import Line, Unit
from omniready.brand.readers import Parts
from omniready.brand.readers import html as html_reader
from omniready.brand.readers.lines import numbered
from omniready.texts import Message


def read(path: Path, data: bytes, shown: str) -> Parts:
    """An RFC 5322 message with a text/html or text/plain body."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise Unreadable(Message("brand.unreadable.not-email"))
    subject = str(message.get("subject", "") or "").strip() or None
    try:
        part = message.get_body(preferencelist=("html", "plain"))
        body = part.get_content() if part is not None else None
    except (LookupError, ValueError, AttributeError) as exc:
        raise Unreadable(Message("brand.unreadable.email-body", {"why": str(exc)})) from None
    if not isinstance(body, str):
        raise Unreadable(Message("brand.unreadable.no-body"))
    raw = data.decode("utf-8", errors="replace")
    subject_line = (Line(0, subject),) if subject else ()
    if part is not None and part.get_content_subtype() == "html":
        parts = html_reader.parse(body, path.parent, shown, subject)
        lines = subject_line + (parts.units[0].lines if parts.units else ())
        at = raw.find(body[:80]) if body.strip() else -1
        # Body line n is file line offset + n when the body is not encoded; else unknown (0).
        offset = raw.count("\n", 0, at) if at >= 0 else None

        def moved(number: int | None) -> int:
            return 0 if offset is None or number is None else offset + number

        return Parts(
            units=(Unit(located(raw, lines), subject),),
            colours=tuple(replace(c, line=moved(c.line)) for c in parts.colours),
            fonts=tuple(replace(f, line=moved(f.line)) for f in parts.fonts),
            logos=tuple(replace(g, line=moved(g.line)) for g in parts.logos),
        )
    return Parts(units=(Unit(located(raw, subject_line + numbered(body)), subject),))


def located(raw: str, lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Lines numbered as they stand in the file, found in order; 0 where the body is encoded
    (base64, quoted-printable) and a line cannot be found as it reads."""
    out: list[Line] = []
    cursor = 0
    for line in lines:
        at = raw.find(line.text[:60], cursor)
        if at < 0:
            out.append(Line(0, line.text))
            continue
        cursor = at + 1
        out.append(Line(raw.count("\n", 0, at) + 1, line.text))
    return tuple(out)
