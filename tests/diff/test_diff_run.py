"""diff.run.run_diff: the command's decisions as a typed outcome, before any printing."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from omniready.diff.choices import Format
from omniready.diff.run import run_diff


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_regressions_only_when_asked(mk: SimpleNamespace) -> None:
    slipping = (mk.example, mk.old_2025)
    quiet = run_diff(*slipping, fmt=Format.json, lang="en")
    assert quiet.regressions == () and not quiet.failed
    asked = run_diff(*slipping, fmt=Format.json, lang="en", fail_on_regression=True)
    assert asked.failed and asked.text == quiet.text
    assert all(line.startswith("regression: ") for line in asked.regressions)
    assert any("overall score dropped" in line for line in asked.regressions)


def test_colour_only_for_text_on_a_terminal(
    mk: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    files = (mk.old_2025, mk.example)
    assert "\x1b[" in run_diff(*files, fmt=Format.text, lang="en", stream=Tty()).text
    assert "\x1b[" not in run_diff(*files, fmt=Format.text, lang="en", stream=io.StringIO()).text
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_diff(*files, fmt=Format.text, lang="en", stream=Tty()).text
