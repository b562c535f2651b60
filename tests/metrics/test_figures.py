"""Every definition against numbers computed by hand on a small log (conftest.CALLS and CHATS).

Period 2026-01-05 … 2026-02-03: two calendar months. Phone answered waits 10, 30, 70, 90."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from .conftest import MAPPING, invoke, measure_json, write


def test_phone_figures_by_hand(case: Path) -> None:
    doc = measure_json(case, "--sla", "phone=60s")
    phone = doc["channels"]["phone"]["values"]
    assert phone["contacts"] == 5
    assert phone["monthly_contacts"] == 2.5  # 5 contacts / 2 months
    assert phone["unique_customers"] == 3  # C1, C2, C3; row 5 has no customer
    assert phone["unidentified_contacts"] == 1
    assert phone["wait_avg_s"] == 50  # (10 + 30 + 70 + 90) / 4, the abandoned call left out
    assert phone["wait_median_s"] == 50
    assert phone["wait_p90_s"] == pytest.approx(84)  # 70 + 0.7 × (90 − 70)
    assert phone["abandonment_rate"] == pytest.approx(1 / 5)
    assert phone["service_level"] == pytest.approx(2 / 5)  # 10 s and 30 s within 60 s, of 5
    assert phone["handle_avg_s"] == 250
    assert phone["fcr_rate"] == pytest.approx(3 / 4)  # Y, N, Y, Y (call 3 has no flag)
    assert phone["incident_rate"] == pytest.approx(2 / 5)  # two `delivery` calls of five
    assert phone["sla_target_s"] == 60


def test_chat_and_all_figures_by_hand(case: Path) -> None:
    doc = measure_json(case)
    chat = doc["channels"]["chat"]
    assert chat["values"]["self_service_rate"] == 0.5  # `bot` maps to self-service
    assert chat["values"]["abandonment_rate"] == 0  # self-service is not in the denominator
    assert chat["absent"]["incident_rate"]["code"] == "no-incident-data"
    everything = doc["all"]["values"]
    assert everything["contacts"] == 7
    assert everything["unique_customers"] == 4  # C1-C4 across both sources
    assert everything["contacts_per_customer"] == pytest.approx(6 / 4)
    assert everything["self_service_rate"] == pytest.approx(1 / 7)
    # C1: call 1 → call 3 (2 days, same channel) → chat c1 (1 day, other channel) → none.
    assert everything["repeat_rate"] == pytest.approx(2 / 6)
    assert everything["cross_channel_repeat_rate"] == pytest.approx(1 / 6)
    assert {r["name"]: r["repeats"] for r in doc["repeat_reasons"]} == {
        "billing": 1,
        "delivery": 1,
    }


def test_self_service_absent_where_the_outcome_cannot_tell_it(case: Path) -> None:
    # The calls' outcomes are only answered/abandoned: no value means self-service, so the phone
    # share is absent with its reason, not 0 %; the chats' `bot` does, so theirs is measured.
    doc = measure_json(case)
    phone = doc["channels"]["phone"]
    assert "self_service_rate" not in phone["values"]
    assert phone["absent"]["self_service_rate"]["code"] == "no-self-service-values"
    assert "self-service" in phone["absent"]["self_service_rate"]["text"]
    assert doc["channels"]["chat"]["values"]["self_service_rate"] == 0.5


def test_self_service_zero_when_the_mapping_names_it(case: Path) -> None:
    # Words for self-service in the mapping make a measured 0 % possible: none occurred.
    text = MAPPING.replace(
        "      incident_types: [delivery]",
        "      incident_types: [delivery]\n      outcome: {self_service: [IVR-END]}",
    )
    write(case / "t.metrics.yaml", text)
    doc = measure_json(case)
    assert doc["channels"]["phone"]["values"]["self_service_rate"] == 0


def test_monthly_peaks_and_weekday_hour(case: Path) -> None:
    doc = measure_json(case)
    assert doc["monthly"] == {
        "chat": {"2026-01": 2},
        "phone": {"2026-01": 3, "2026-02": 2},
    }
    assert doc["peak_months"]["phone"] == [1]  # 3 ≥ 1.1 × mean 2.5
    assert doc["weekday_hour"][0][9] == 2  # Monday 5 January, 09:00 and 09:10
    assert sum(map(sum, doc["weekday_hour"])) == 7
    assert doc["peak_hour"] == {"weekday": 1, "hour": 9, "contacts": 2}
    assert doc["period"] == {"start": "2026-01-05", "end": "2026-02-03"}


def test_absent_figures_say_why(case: Path) -> None:
    doc = measure_json(case)
    absent = doc["all"]["absent"]
    assert absent["no_show_rate"]["code"] == "not-mapped:attended"
    assert absent["close_avg_s"]["code"] == "not-mapped:end"
    assert "no_show_rate" not in doc["all"]["values"]
    # without a target anywhere, the service level of chat is absent, never 0
    assert doc["channels"]["chat"]["absent"]["service_level"]["code"] == "no-sla-target"


def test_time_to_close(tmp_path: Path) -> None:
    write(tmp_path / "t.audit.yaml", "schema: 2\norganization: {name: X}\n")
    write(
        tmp_path / "t.metrics.yaml",
        "sources:\n  - name: cases\n    channel: web\n    columns: {start: open, end: close}\n",
    )
    write(
        tmp_path / "cases.csv",
        "open,close\n2026-03-01 10:00,2026-03-01 11:00\n2026-03-02 10:00,2026-03-02 13:00\n"
        "2026-03-03 10:00,\n",
    )
    doc = measure_json(tmp_path, tmp_path / "cases.csv")
    web = doc["channels"]["web"]["values"]
    assert web["close_avg_s"] == 2 * 3600  # (1 h + 3 h) / 2
    assert web["close_median_s"] == 2 * 3600
    assert web["close_p90_s"] == pytest.approx(3600 + 0.9 * 7200)
    assert web["open_cases"] == 1


def test_no_shows_with_and_without_reminder(tmp_path: Path) -> None:
    write(tmp_path / "t.audit.yaml", "schema: 2\norganization: {name: X}\n")
    write(
        tmp_path / "t.metrics.yaml",
        "sources:\n  - name: appts\n    channel: appointments\n    columns:\n"
        "      {contact_id: id, customer_id: patient, start: day, age: age, reminder: sms,"
        " no_show: missed}\n",
    )
    rows = ["id,patient,day,age,sms,missed"]
    # with a reminder: 1 no-show of 4; without: 2 of 4
    for i, (sms, missed, age) in enumerate(
        [(1, "No", 20), (1, "No", 25), (1, "No", 70), (1, "Yes", 71),
         (0, "Yes", 22), (0, "Yes", 23), (0, "No", 72), (0, "No", 73)]
    ):  # fmt: skip
        rows.append(f"a{i},P{i},2026-04-0{i + 1},{age},{sms},{missed}")
    write(tmp_path / "appts.csv", "\n".join(rows) + "\n")
    doc = measure_json(tmp_path, tmp_path / "appts.csv")
    assert doc["all"]["values"]["no_show_rate"] == pytest.approx(3 / 8)
    test = doc["no_show"]
    assert (test["with_reminder"], test["without_reminder"]) == (0.25, 0.5)
    assert (test["n_with"], test["n_without"]) == (4, 4)
    assert test["difference"] == pytest.approx(-0.25)
    spread = math.sqrt(0.25 * 0.75 / 4 + 0.5 * 0.5 / 4)
    assert test["ci_low"] == pytest.approx(-0.25 - 1.959964 * spread, abs=1e-5)
    assert test["ci_high"] == pytest.approx(-0.25 + 1.959964 * spread, abs=1e-5)
    assert test["p_value"] == pytest.approx(0.4652, abs=1e-3)  # z = −0.7303
    assert test["significant"] is False
    bands = {b["name"]: (b["appointments"], b["no_shows"]) for b in doc["no_show_by_age"]}
    assert bands == {"18-29": (4, 2), "60-74": (4, 1)}
    assert set(doc["segments"]) == {"18-29", "60-74"}  # age bands stand in for segments


def test_staffing_at_the_peak_hour(case: Path) -> None:
    # Phone's busiest slot is Monday 09:00: 2 calls on 1 day, mean handle time 250 s.
    doc = measure_json(case, "--sla", "phone=60s")
    staffing = doc["staffing"]["phone"]
    assert (staffing["weekday"], staffing["hour"]) == (1, 9)
    assert staffing["arrivals_per_hour"] == 2
    assert staffing["handle_s"] == 250
    assert staffing["agents"] == 1  # 0.14 Erlangs: one agent meets 80 % in 60 s
    assert staffing["service_level"] >= 0.8


def test_mapping_fixture_is_the_documented_shape() -> None:
    assert "incident_types" in MAPPING  # keeps the hand-computed incident figure honest
    result = invoke("metrics", "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and "omniready metrics" in result.output
