"""Maturity levels have a written definition, overall and per step, in both languages."""

from __future__ import annotations

import pytest

from omniready.assess.policy import load_policy
from omniready.audit.model import STEPS


@pytest.mark.parametrize("scope", ["overall", *STEPS])
def test_every_level_is_defined_in_both_languages(scope: str) -> None:
    policy = load_policy()
    for band in policy.bands:
        text = policy.definition(band.level, scope)
        assert text is not None, (scope, band.level.number)
        assert len(text.es) > 30 and len(text.en) > 30
        assert text.es != text.en


def test_definitions_differ_between_levels() -> None:
    policy = load_policy()
    for scope in ("overall", *STEPS):
        texts = {policy.definition(b.level, scope).en for b in policy.bands}  # type: ignore[union-attr]
        assert len(texts) == len(policy.bands)


def test_no_level_no_definition() -> None:
    assert load_policy().definition(None) is None
