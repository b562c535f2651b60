"""What a typed line means: a command key, or a value read as people type it (yes/no in either
language, an option's number, value or label, numbers with Spanish or English separators).

Pure: raises BadValue, whose key names the message to show, when a value does not fit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

from omniready import numbers
from omniready.checklist import Question
from omniready.texts import Message

Action = Literal[
    "value", "pass", "back", "na", "note", "who", "evidence", "clear", "quit", "help", "review"
]

WORDS_FILE = Path(__file__).resolve().parent / "words.yaml"


@cache
def words() -> dict[str, Any]:
    """The words typed answers are compared with (words.yaml): commands, yes/no, aliases."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(WORDS_FILE.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe loader
    return data


@cache
def _commands() -> dict[str, Action]:
    return {fold(word): action for action, said in words()["commands"].items() for word in said}


@cache
def _yes_no() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(map(fold, words()["yes"])), frozenset(map(fold, words()["no"]))


def command(raw: str) -> Action:
    """Classify a typed line: a command key, an empty pass, or a value to parse."""
    text = raw.strip()
    if not text:
        return "pass"
    return _commands().get(fold(text), "value")


def fold(text: str) -> str:
    """Text as answers are compared: trimmed, case-folded, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def yes_no(raw: str, *, numbered: bool = False) -> bool | None:
    """Yes or no as typed in either language (sí, si, s, yes, y / no, n); None when it is
    neither. With `numbered`, 1 and 2 also count, for questions that list yes and no as options."""
    yes, no = _yes_no()
    low = fold(raw)
    if low in yes or (numbered and low == "1"):
        return True
    if low in no or (numbered and low == "2"):
        return False
    return None


def words_of(text: str) -> list[str]:
    """The folded words of a label, without punctuation: "No / nada" → ["no", "nada"]."""
    return re.findall(r"[a-z0-9]+", fold(text))


def match_option(typed: str, options: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """The keys of the options a typed answer names, compared case- and accent-insensitively.

    `options` pairs each key with the words that name it (value, labels). An exact name wins;
    else a name the typed words begin, at any of its words ("mayoria" → "En la mayoría"). One key
    is a match, several are ambiguous, none is no match.
    """
    want = words_of(typed)
    if not want:
        return []
    exact = [key for key, names in options if any(words_of(n) == want for n in names)]
    if exact:
        return list(dict.fromkeys(exact))
    if " ".join(want) in _yes_no()[0] | _yes_no()[1]:
        # "no" must not become "No se sabe" by its first word: a yes/no word only matches whole.
        return []
    found: list[str] = []
    for key, names in options:
        for name in names:
            have = words_of(name)
            starts = range(len(have) - len(want) + 1)
            if any(_begins(have[i : i + len(want)], want) for i in starts):
                found.append(key)
                break
    return found


def _begins(have: list[str], want: list[str]) -> bool:
    # Every typed word is the start of the label's word at its place; the last may be cut short.
    *whole, last = want
    return have[: len(whole)] == whole and have[len(whole)].startswith(last)


class BadValue(ValueError):
    """A typed value that does not fit; `message` says why (`interview.errors.<key>`), shown in
    the screen's language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.message = Message(f"interview.errors.{key}", values)


def parse_value(question: Question, raw: str, lang: str = "es") -> str | int | float | bool:
    """Turn a typed line into the answer value the file stores, or raise BadValue."""
    text = raw.strip()
    if question.type == "yesno":
        answer = yes_no(text, numbered=True)
        if answer is None:
            raise BadValue("bad-yesno")
        return answer
    if question.type in {"scale", "choice"}:
        return pick_option(question, text, lang)
    if question.type == "number":
        if is_share(question):
            number: int | float = parse_share(text, lang)
        else:
            number = parse_number(text, lang)
        if question.integer and not float(number).is_integer():
            raise BadValue("bad-int")
        if question.integer:
            number = int(number)
        if question.min is not None and number < question.min:
            raise BadValue("below-min", min=numbers.number(question.min, lang, None))
        if question.max is not None and number > question.max:
            raise BadValue("above-max", max=numbers.number(question.max, lang, None))
        return number
    return text


_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$|^[+-]?[.,]\d+$")


def is_share(question: Question) -> bool:
    """A number question whose answer is a share of a whole (between 0 and 1)."""
    return question.max is not None and question.max <= 1 and (question.min or 0) >= 0


def pick_option(question: Question, text: str, lang: str) -> str:
    """The value of the option a typed line names: its number, or its value or label in the
    screen's language (see match_option); BadValue lists the options as the screen shows them."""
    options = question.options
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1].value
    named = [(o.value, (o.value, o.label(lang), *o.label(lang).split("/"))) for o in options]
    found = match_option(text, named)
    if len(found) == 1:
        return found[0]
    shown = " · ".join(f"{i} {o.label(lang)}" for i, o in enumerate(options, start=1))
    if found:
        labels = ", ".join(o.label(lang) for o in options if o.value in found)
        raise BadValue("ambiguous-option", typed=text, matches=labels, options=shown)
    raise BadValue("bad-option", n=len(options), options=shown)


def parse_share(text: str, lang: str = "es") -> float:
    """A share as people write it: 0.35, 0,35, 35 % or 35 (a number above 1 is a percentage)."""
    share = float(parse_number(text, lang, percent_as_share=True))
    if not text.strip().endswith("%") and share > 1:
        share /= 100  # "35" for a share means 35 %, never 3500 %
    if not 0 <= share <= 1:
        raise BadValue("bad-share")
    return share


def parse_number(text: str, lang: str = "es", *, percent_as_share: bool = False) -> int | float:
    """Read a number as people type it: 1200, 1.200 (es), 1,200 (en), 0,5, 0.5, 35%.

    A lone separator followed by exactly three digits is a thousands separator in the language's
    convention (`.` in Spanish, `,` in English); otherwise it is the decimal mark.
    """
    body = text.strip().replace(" ", "").replace("_", "").replace("\u00a0", "")
    percent = body.endswith("%")
    body = body.removesuffix("%")
    if not _NUMBER.match(body):
        raise BadValue("bad-number")
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
    elif dots + commas == 1:
        mark = "." if dots else ","
        thousands = words()["thousands"].get(lang, ".")  # 1.200 in Spanish, 1,200 in English
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
        raise BadValue("bad-number") from None
    if percent and percent_as_share:
        value /= 100
    return int(value) if value.is_integer() and "." not in body else value
