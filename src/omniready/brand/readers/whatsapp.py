"""WhatsApp Business message templates as the platform's API returns them: one object, a list,
or `{"data": [...]}`; each template (name, language, components) is one unit named after it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from omniready.brand.errors import Unreadable
from omniready.brand.model import Line, Unit
from omniready.brand.readers import Parts
from omniready.brand.readers.lines import decode
from omniready.texts import Message


def _templates(doc: Any) -> list[Any]:
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        return list(doc["data"])
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict) and "components" in doc:
        return [doc]
    raise Unreadable(Message("brand.unreadable.not-whatsapp"))


def _texts(template: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for component in template.get("components") or []:
        if not isinstance(component, dict):
            continue
        if isinstance(component.get("text"), str):
            texts.append(component["text"])
        for button in component.get("buttons") or []:
            if isinstance(button, dict):
                texts += [str(button[k]) for k in ("text", "url", "phone_number") if button.get(k)]
    return texts


def _line_of(raw: str, text: str, start: int) -> tuple[int, int]:
    """The file line where a JSON string value starts, searching on from `start`."""
    encoded = json.dumps(text, ensure_ascii=False)[1:-1]
    at = raw.find(encoded, start)
    if at < 0:
        encoded = json.dumps(text)[1:-1]  # the export may escape accents as \u00e9
        at = raw.find(encoded, start)
    if at < 0:
        return 0, start
    return raw.count("\n", 0, at) + 1, at


def read(path: Path, data: bytes, shown: str) -> Parts:
    """A JSON file of message templates."""
    raw = decode(data)
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "col": exc.colno, "why": exc.msg}
        raise Unreadable(Message("brand.unreadable.json", where)) from None
    units: list[Unit] = []
    cursor = 0
    for index, template in enumerate(_templates(doc)):
        if not isinstance(template, dict):
            raise Unreadable(Message("brand.unreadable.template", {"n": index + 1}))
        name = str(template.get("name") or f"template {index + 1}")
        if template.get("language"):
            name = f"{name} ({template['language']})"
        lines: list[Line] = []
        for text in _texts(template):
            number, cursor = _line_of(raw, text, cursor)
            lines += [
                # An escaped newline keeps the JSON string on one line of the file.
                Line(number, piece.strip())
                for piece in text.split("\n")
                if piece.strip()
            ]
        units.append(Unit(tuple(lines), name))
    return Parts(units=tuple(units))
