"""One number style for reports, findings and diffs (Babel, CLDR): Spanish "25 %", "1,5", "86.250"."""

from __future__ import annotations

import typing

import pytest

from omniready import numbers
from omniready.assess.findings import show
from omniready.audit.model import ChannelMetrics, Share
from omniready.diff.policy import metric_policy
from omniready.diff.values import figure, figure_delta
from omniready.render import text


@pytest.mark.parametrize(
    ("value", "lang", "digits", "shown"),
    [
        (1.5, "es", 1, "1,5"),
        (1.5, "en", 1, "1.5"),
        (50.0, "es", 1, "50"),
        (2.25, "es", None, "2,25"),
        (3.0, "en", None, "3"),
        (None, "es", 1, "—"),
    ],
)
def test_number(value: float | None, lang: str, digits: int | None, shown: str) -> None:
    assert numbers.number(value, lang, digits) == shown


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (36.7, "es", "36,7"),
        (36.7, "en", "36.7"),
        (86250, "es", "86.250"),
        (86250, "en", "86,250"),
        (1234567.5, "es", "1.234.567,5"),
        (36.25, "en", "36.3"),  # half up, as people round by hand
        (-0.04, "es", "0"),  # rounded to zero: no minus sign
    ],
)
def test_number_follows_the_language(value: float, lang: str, shown: str) -> None:
    assert numbers.number(value, lang) == shown


def test_integer_has_thousands_separators() -> None:
    assert numbers.integer(86250, "es") == "86.250"
    assert numbers.integer(86250, "en") == "86,250"
    assert numbers.integer(None, "en") == "—"


def test_decimal_keeps_its_zeros() -> None:
    assert numbers.decimal(1.0, "es") == "1,0"
    assert numbers.decimal(36.66, "es") == "36,7"
    assert numbers.decimal(-1, "en", sign=True) == "-1.0"
    assert numbers.decimal(0, "en", sign=True) == "+0.0"


def test_date_as_people_write_it() -> None:
    import datetime

    assert numbers.date(datetime.date(2026, 12, 2), "es") == "2 de diciembre de 2026"
    assert numbers.date("2026-12-02", "en") == "December 2, 2026"
    assert numbers.date("next spring", "en") == "next spring"
    assert numbers.date(None, "es") == "—"


def test_a_language_without_a_number_style_is_a_bug() -> None:
    with pytest.raises(ValueError, match="fr"):
        numbers.number(1, "fr")


def test_signed_number() -> None:
    assert numbers.number(1.5, "es", sign=True) == "+1,5"
    assert numbers.number(-2.0, "en", None, sign=True) == "-2"
    assert numbers.number(0, "en", 0, sign=True) == "+0"


@pytest.mark.parametrize(
    ("share", "lang", "digits", "shown"),
    [
        (0.25, "es", 0, "25 %"),
        (0.25, "en", 0, "25%"),
        (0.125, "es", 1, "12,5 %"),
        (0.12, "en", 1, "12%"),
        (None, "en", 0, "—"),
    ],
)
def test_percent(share: float | None, lang: str, digits: int, shown: str) -> None:
    assert numbers.percent(share, lang, digits) == shown


def test_points() -> None:
    assert numbers.points(0.015, "es") == "+1,5 pp"
    assert numbers.points(-0.02, "en") == "-2 pp"
    assert numbers.points(None, "en") == ""


@pytest.mark.parametrize(
    ("seconds", "lang", "shown"),
    [
        (45, "es", "45 s"),
        (90.5, "es", "90,5 s"),
        (0.1234567, "en", "0.1 s"),  # one decimal at most, as in minutes and hours
        (119.99, "es", "120 s"),
        (720, "en", "12 min"),
        (5400, "es", "90 min"),
        (14400, "en", "4 h"),
        (5.5 * 3600, "es", "5,5 h"),
        (5.5 * 3600, "en", "5.5 h"),
    ],
)
def test_duration(seconds: float, lang: str, shown: str) -> None:
    assert numbers.duration(seconds, lang) == shown


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), True])
def test_a_value_with_no_figure_is_a_dash_not_a_traceback(value: float) -> None:
    assert numbers.number(value, "en") == numbers.DASH
    assert numbers.decimal(value, "es") == numbers.DASH
    assert numbers.percent(value, "es") == numbers.DASH


def test_shares_are_the_fields_the_audit_model_types_as_shares() -> None:
    hints = typing.get_type_hints(ChannelMetrics, include_extras=True)
    typed = {name for name, hint in hints.items() if Share in typing.get_args(hint)}
    assert numbers.SHARES == typed
    assert metric_policy().shares == numbers.SHARES  # the diff reads the same list


def test_the_three_users_agree() -> None:
    """Reports, findings and diffs write the same share and the same number alike."""
    assert text.percent(0.25, "es") == show("abandonment_rate", 0.25).es == "25 %"
    assert text.percent(0.25, "en") == show("abandonment_rate", 0.25).en == "25%"
    assert figure("abandonment_rate", 0.25, lang="es") == "25 %"
    assert figure("abandonment_rate", 0.25, lang="en") == "25%"
    assert (
        show("wait_avg_s", 5400).es == "90 min" and show("sla_target_s", 5.5 * 3600).es == "5,5 h"
    )
    assert show("score", 1.5).es == "1,5" == figure("wait_avg_s", 1.5, lang="es")
    assert figure_delta("abandonment_rate", -0.015, lang="es") == "-1,5 pp"
    assert figure_delta("wait_avg_s", 1.5, lang="es") == "+1,5"


def test_a_share_written_as_a_whole_number_is_still_a_share() -> None:
    assert show("sla_attainment", 1).en == "100%"
    assert show("monthly_contacts", 12000).en == "12000"
