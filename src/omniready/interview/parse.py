"""What a typed line means: a command key, or a value read as people type it (yes/no in either
language, an option's number, value or label, numbers with Spanish or English separators).

Pure: raises BadValue, whose key names the message to show, when a value does not fit.
"""

from __future__ import annotations

import re
from typing import Literal

from omniready.checklist import Question

Action = Literal["value", "pass", "back", "na", "note", "who", "evidence", "clear", "quit", "help"]

_COMMANDS: dict[str, Action] = {
    "<": "back",
    "atras": "back",
    "atrás": "back",
    "back": "back",
    ">": "pass",
    "na": "na",
    "n/a": "na",
    "nota": "note",
    "note": "note",
    "quien": "who",
    "quién": "who",
    "who": "who",
    "evidencia": "evidence",
    "evidence": "evidence",
    "borrar": "clear",
    "clear": "clear",
    "q": "quit",
    "salir": "quit",
    "quit": "quit",
    "?": "help",
    "ayuda": "help",
    "help": "help",
}


def command(raw: str) -> Action:
    """Classify a typed line: a command key, an empty pass, or a value to parse."""
    text = raw.strip()
    if not text:
        return "pass"
    return _COMMANDS.get(text.lower(), "value")


_YES = {"s", "si", "sí", "y", "yes", "true"}
_NO = {"n", "no", "false"}


def yes_no(raw: str, *, numbered: bool = False) -> bool | None:
    """Yes or no as typed in either language (s, sí, y, yes, true / n, no, false); None when it is
    neither. With `numbered`, 1 and 2 also count, for questions that list yes and no as options."""
    low = raw.strip().lower()
    if low in _YES or (numbered and low == "1"):
        return True
    if low in _NO or (numbered and low == "2"):
        return False
    return None


class BadValue(ValueError):
    """A typed value that does not fit the question; `key` names the message to show."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def parse_value(question: Question, raw: str, lang: str = "es") -> str | int | float | bool:
    """Turn a typed line into the answer value the file stores, or raise BadValue."""
    text = raw.strip()
    if question.type == "yesno":
        answer = yes_no(text, numbered=True)
        if answer is None:
            raise BadValue("bad_yesno")
        return answer
    if question.type in {"scale", "choice"}:
        values = [o.value for o in question.options]
        if text.isdigit() and 1 <= int(text) <= len(values):
            return values[int(text) - 1]
        for option in question.options:
            if text.lower() in {option.value.lower(), option.label(lang).lower()}:
                return option.value
        raise BadValue("bad_option", n=len(values))
    if question.type == "number":
        number = parse_number(
            text, lang, percent_as_share=question.max is not None and question.max <= 1
        )
        if question.min is not None and number < question.min:
            raise BadValue("below_min", min=f"{question.min:g}")
        if question.max is not None and number > question.max:
            raise BadValue("above_max", max=f"{question.max:g}")
        return number
    return text


_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$|^[+-]?[.,]\d+$")


def parse_number(text: str, lang: str = "es", *, percent_as_share: bool = False) -> int | float:
    """Read a number as people type it: 1200, 1.200 (es), 1,200 (en), 0,5, 0.5, 35%.

    A lone separator followed by exactly three digits is a thousands separator in the language's
    convention (`.` in Spanish, `,` in English); otherwise it is the decimal mark.
    """
    body = text.strip().replace(" ", "").replace("_", "").replace("\u00a0", "")
    percent = body.endswith("%")
    body = body.removesuffix("%")
    if not _NUMBER.match(body):
        raise BadValue("bad_number")
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
    elif dots + commas == 1:
        mark = "." if dots else ","
        thousands = "." if lang == "es" else ","
        tail = body.split(mark)[1]
        decimal = "" if (mark == thousands and len(tail) == 3 and body[0] != mark) else mark
    elif dots > 1 or commas > 1:
        decimal = ""  # 1.200.000: only thousands separators
    else:
        decimal = ""
    thousands_marks = {".", ","} - {decimal}
    for mark in thousands_marks:
        body = body.replace(mark, "")
    body = body.replace(",", ".") if decimal == "," else body
    try:
        value = float(body)
    except ValueError:
        raise BadValue("bad_number") from None
    if percent and percent_as_share:
        value /= 100
    return int(value) if value.is_integer() and "." not in body else value
