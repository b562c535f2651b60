"""Word scripts (.docx) through python-docx: paragraphs and table cells, numbered in reading
order (the number stands for the line: Word files have no lines of their own)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from omniready.brand.errors import Unreadable
from omniready.brand.model import Line
from omniready.brand.readers import Parts
from omniready.brand.readers.text import units_of
from omniready.texts import Message


def read(path: Path, data: bytes, shown: str) -> Parts:
    """A .docx document; a corrupt or password-protected file is unreadable."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        why = str(exc) or type(exc).__name__
        raise Unreadable(Message("brand.unreadable.docx", {"why": why})) from None
    except Exception as exc:  # noqa: BLE001 - lxml raises its own syntax errors on bad XML
        why = f"{type(exc).__name__}: {exc}"
        raise Unreadable(Message("brand.unreadable.docx", {"why": why})) from None
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    lines = tuple(
        Line(number, " ".join(text.split())) for number, text in enumerate(texts, 1) if text.strip()
    )
    return Parts(units=units_of(lines))
