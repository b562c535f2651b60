"""The audit tests read messages in English unless they choose a language (`--lang`): as a
user with an English locale would, whatever the locale of the machine running them."""

from __future__ import annotations

import pytest

from omniready import texts


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(texts, "_run_lang", "en")
