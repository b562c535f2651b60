"""Tolerant comparison of what people typed: brand items and business rules per channel.

"Logo 2024" and "Logo 2024, azul y naranja" name the same logo; "30 días" and "10 días" do not;
"No aplica en tienda" says the item is absent. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

# rapidfuzz's token_set_ratio (0-100) at or above which two wordings are the same item: one
# wording that contains the other's words scores 100, a one-word change in a short phrase ~85.
SAME_WORDING = 90
# Wordings that say the item is not offered in that channel, after normalising.
_ABSENT = re.compile(
    r"^(no aplica|no se aplica|n/?a|not applicable|does not apply|no disponible|not available|"
    r"sin |none$|no$|ninguno|ninguna|-$)"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces: the form two wordings are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def is_absent(text: str | None) -> bool:
    """Whether a channel's wording says the item is not there ("No aplica", "not applicable")."""
    if text is None:
        return True
    norm = normalise(text)
    return not norm or bool(_ABSENT.match(norm))


def same_wording(a: str, b: str) -> bool:
    """Whether two wordings name the same thing: the same figures, and fuzzy-equal words."""
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return True
    # A figure is a fact (a deadline, a discount, a year): different figures differ.
    if sorted(_NUMBER.findall(na)) != sorted(_NUMBER.findall(nb)):
        return False
    # Imported here: ~70 ms cold, paid only when two wordings need a fuzzy look.
    from rapidfuzz import fuzz, utils

    score = fuzz.token_set_ratio(na, nb, processor=utils.default_process)
    return bool(score >= SAME_WORDING)


def variants(values: dict[str, str]) -> list[list[str]]:
    """Channels grouped by wording (tolerantly), absent wordings left out, in first-seen order."""
    groups: list[tuple[str, list[str]]] = []
    for channel, value in values.items():
        if is_absent(value):
            continue
        for wording, channels in groups:
            if same_wording(wording, value):
                channels.append(channel)
                break
        else:
            groups.append((value, [channel]))
    return [channels for _, channels in groups]
