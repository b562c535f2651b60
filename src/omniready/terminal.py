"""Whether output may use colour and boxes: one rule for every command. Stdlib only (imported at
start-up)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO


def wants_color(stream: TextIO, env: Mapping[str, str] = os.environ) -> bool:
    """Colour only on a terminal that accepts it: `stream` is a tty, NO_COLOR is unset
    (https://no-color.org: any value, even empty) and TERM is not `dumb`."""
    if "NO_COLOR" in env or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
