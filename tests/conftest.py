"""Settings every test starts from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from omniready import texts


@pytest.fixture(autouse=True)
def _messages_in_english() -> Iterator[None]:
    """Errors raised by library calls render in the run's language, a process-wide setting the
    CLI makes per command: each test starts in English and none leaks its choice into the next.
    Tests of Spanish messages choose Spanish (`--lang es`, or `texts.use_lang("es")`)."""
    texts.use_lang("en")
    yield
    texts.use_lang("en")
