"""One rule for colour on a terminal: a tty, no NO_COLOR, TERM not dumb."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pytest

from omniready.terminal import wants_color


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


CASES: list[tuple[bool, Mapping[str, str], bool]] = [
    (True, {}, True),
    (True, {"TERM": "xterm-256color"}, True),
    (False, {}, False),
    (False, {"TERM": "xterm"}, False),
    (True, {"NO_COLOR": "1"}, False),
    (True, {"NO_COLOR": ""}, False),
    (True, {"TERM": "dumb"}, False),
    (True, {"TERM": "dumb", "NO_COLOR": "1"}, False),
]


@pytest.mark.parametrize(("tty", "env", "expected"), CASES)
def test_wants_color(tty: bool, env: Mapping[str, str], expected: bool) -> None:
    stream = Tty() if tty else io.StringIO()
    assert wants_color(stream, env) is expected


def test_defaults_to_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color(Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    assert wants_color(Tty())
