"""CSV exports of posts or messages: one message per row, from its text column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from omniready.brand.errors import Unreadable
from omniready.brand.model import Line, Unit
from omniready.brand.readers import Parts
from omniready.brand.readers.lines import decode
from omniready.texts import Message

# Column names that hold the message, in the order they are preferred (compared lowercased).
TEXT_COLUMNS = (
    "text", "texto", "message", "mensaje", "body", "cuerpo", "content", "contenido", "post",
    "caption", "copy",
)  # fmt: skip


def read(path: Path, data: bytes, shown: str) -> Parts:
    """A CSV file with a header row; the text column is named in TEXT_COLUMNS."""
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    column = next((header.index(c) for c in TEXT_COLUMNS if c in header), None)
    if column is None:
        columns = ", ".join(TEXT_COLUMNS[:6])
        raise Unreadable(Message("brand.unreadable.no-text-column", {"columns": columns}))
    units: list[Unit] = []
    try:
        for row in reader:
            if column < len(row) and row[column].strip():
                first = reader.line_num - row[column].count("\n")
                lines = tuple(
                    Line(first + i, part.strip())
                    for i, part in enumerate(row[column].split("\n"))
                    if part.strip()
                )
                units.append(Unit(lines, f"row {len(units) + 1}"))
    except csv.Error as exc:
        where = {"line": reader.line_num, "why": str(exc)}
        raise Unreadable(Message("brand.unreadable.csv", where)) from None
    return Parts(units=tuple(units))
