"""Size bands from the free text of `organization.size`, and an audit's profile."""

from __future__ import annotations

import datetime as dt

import pytest

from omniready.audit.model import Audit, Organization
from omniready.portfolio.profile import organization_key, profile_of, size_band


@pytest.mark.parametrize(
    ("size", "band"),
    [
        ("14 tiendas, 620 empleados", "large"),
        ("1.200 employees", "large"),
        ("249 trabajadores", "medium"),
        ("50 personas", "medium"),
        ("12 staff", "small"),
        ("9 empleados", "micro"),
        ("Medium", "medium"),
        ("14 tiendas", None),  # stores are not people
        ("", None),
        (None, None),
    ],
)
def test_size_band(size: str | None, band: str | None) -> None:
    assert size_band(size) == band


def test_profile_takes_the_year_of_the_last_update_else_the_start() -> None:
    org = Organization(name="X", industry=" Retail ", country="cl", size="300 empleados")
    updated = Audit(
        organization=org,
        started=dt.date(2025, 12, 1),
        updated=dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc),
    )
    profile = profile_of(updated)
    assert (profile.industry, profile.country, profile.size_band, profile.year) == (
        "retail",
        "CL",
        "large",
        2026,
    )
    assert profile_of(Audit(organization=org, started=dt.date(2025, 3, 1))).year == 2025
    assert profile_of(Audit(organization=org)).year is None


def test_organization_key_folds_case_and_spaces() -> None:
    assert organization_key("Acme  Retail SpA") == organization_key("acme retail spa")
