"""Numbers as people of each language write them; the one style of reports, findings and diffs.

Every number, percentage, thousands separator, date and duration a person reads is written
here, by Babel with the CLDR rules of the language: Spanish "36,7", "86.250", "25 %"; English
"36.7", "86,250", "25%". Babel is imported inside the functions, so that `omniready --help`
does not load its locale data.
"""

from __future__ import annotations

import datetime as _dt
import math
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.numbers import NumberPattern

# Channel figures (`steps.metrics.channels`) that are shares between 0 and 1: shown as
# percentages, their changes in percentage points. The audit model types the same fields as
# `Share`; tests/test_numbers.py proves the two lists agree.
SHARES: frozenset[str] = frozenset(
    {"incident_rate", "sla_attainment", "abandonment_rate", "no_show_rate", "self_service_rate"}
)

DASH = "—"

# CLDR puts a no-break space (U+00A0, U+202F) between a number and "%" in Spanish. Reports,
# terminals, Markdown tables and CSV get an ordinary space: it looks the same, and a reader who
# copies "25 %" into a search or a spreadsheet finds what they typed.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def is_share(field: str) -> bool:
    """Whether a channel figure is a share (0-1), shown as a percentage."""
    return field in SHARES


@cache
def _pattern(lang: str, digits: int | None, keep: bool, sign: bool, percent: bool) -> NumberPattern:
    """The CLDR pattern of `lang` (grouping, symbols) with our decimals and sign."""
    from babel.numbers import parse_pattern

    from omniready.texts import LANGS

    if lang not in LANGS:
        raise ValueError(f"no number style for language {lang!r}")
    decimals = 6 if digits is None else digits  # None: as many as the value needs (up to 6)
    fraction = ("0" if keep else "#") * decimals
    body = "#,##0" + (f".{fraction}" if fraction else "")
    if percent:  # the language's place for "%": "25 %" in Spanish, "25%" in English
        from babel import Locale

        shape = Locale.parse(lang).percent_formats[None].pattern.split(";")[0]
        body = shape.replace("#,##0", body)
    return parse_pattern(f"+{body};-{body}" if sign else body)


def _unshowable(value: float) -> bool:
    """No figure to show: a computed NaN or infinity, or a yes/no passed by mistake."""
    return isinstance(value, bool) or not math.isfinite(value)


def _format(value: float, lang: str, pattern: NumberPattern, *, percent: bool = False) -> str:
    import decimal

    from babel.numbers import format_decimal, format_percent

    # Half up, as people round by hand (36,25 → 36,3); the decimal is the value's shortest
    # repr, so a float like 2.675 rounds as it is written, not as it is stored.
    write = format_percent if percent else format_decimal
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        shown = write(value, pattern, locale=lang, decimal_quantization=True)
        if shown.startswith("-") and not any(c in "123456789" for c in shown):
            shown = write(0, pattern, locale=lang)  # -0.01 rounded is 0, not "-0"
    return shown.translate(_SPACES)


def _whole(value: float, digits: int) -> bool:
    """Whether `value` rounded half up to `digits` decimals is a whole number."""
    import decimal

    step = decimal.Decimal(1).scaleb(-digits)
    rounded = decimal.Decimal(str(value)).quantize(step, rounding=decimal.ROUND_HALF_UP)
    return rounded == rounded.to_integral_value()


def number(value: float | None, lang: str, digits: int | None = 1, *, sign: bool = False) -> str:
    """A number as people of `lang` write it ("1.234,5" in Spanish); a dash for None.

    `digits` decimals, all dropped when they are all zero (50.0 reads better as 50; 1.50 stays);
    None writes as many as the value needs (1.25, 3). `sign` puts "+" before positives and zero.
    """
    if value is None or _unshowable(value):
        return DASH
    if digits:  # all the decimals or none: "1,50" keeps its zero, "50,0" reads "50"
        digits = 0 if _whole(value, digits) else digits
        return _format(value, lang, _pattern(lang, digits, True, sign, False))
    return _format(value, lang, _pattern(lang, digits, False, sign, False))


def decimal(value: float | None, lang: str, digits: int = 1, *, sign: bool = False) -> str:
    """A number with exactly `digits` decimals, zeros kept ("1,0", "36,7"): scores on 0-100."""
    if value is None or _unshowable(value):
        return DASH
    return _format(value, lang, _pattern(lang, digits, True, sign, False))


def integer(value: int | float | None, lang: str) -> str:
    """A whole number with the language's thousands separator: "86.250", "86,250"."""
    return number(value, lang, 0)


def percent(share: float | None, lang: str, digits: int = 0) -> str:
    """A share 0..1 as a percentage: "25 %" in Spanish, "25%" in English; a dash for None."""
    if share is None or _unshowable(share):
        return DASH
    if digits and _whole(100 * share, digits):  # all the decimals or none, as number()
        digits = 0
    return _format(share, lang, _pattern(lang, digits, True, False, True), percent=True)


def points(delta: float | None, lang: str, digits: int = 1) -> str:
    """A change of a share in signed percentage points: "+1,5 pp", "-2 pp"; empty for None."""
    if delta is None:
        return ""
    return f"{number(100 * delta, lang, digits, sign=True)} pp"


def duration(seconds: float, lang: str) -> str:
    """Seconds as people say them, unit by size: 45 s, 12 min, 4 h, "1,5 h" in Spanish.

    The units are the SI symbols both languages write alike; Babel's own unit names would
    round "1,5 h" to "2 h" (format_timedelta keeps one whole unit).
    """
    if seconds < 120:
        return f"{number(seconds, lang)} s"
    if seconds < 2 * 3600:
        return f"{number(seconds / 60, lang)} min"
    return f"{number(seconds / 3600, lang)} h"


def date(value: _dt.date | str | None, lang: str) -> str:
    """A date as people write it: "2 de diciembre de 2026", "December 2, 2026"; a dash for None.

    An ISO string (as YAML keeps a quoted date) is read first; any other text is shown as is.
    """
    if value is None:
        return DASH
    if isinstance(value, str):
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    from babel.dates import format_date

    return format_date(day, "long", locale=lang)
