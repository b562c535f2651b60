"""Into the audit: measured channel figures replace typed ones, disagreements stay visible,
comments and everything outside the metrics step are kept; the mapping's errors are located."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from omniready.audit.store import load_audit
from omniready.metrics import stats

from .conftest import AUDIT, CALLS, MAPPING, invoke, write

CALLS_WITH_SEGMENT = (
    CALLS.replace("type,resolved\n", "type,resolved,segment\n")
    .replace("\n", ",retail\n")
    .replace("resolved,segment,retail\n", "resolved,segment\n")
    .replace(
        "5,,2026-02-03 12:00:00,90,answered,400,billing,Y,retail",
        "5,,2026-02-03 12:00:00,90,answered,400,billing,Y,business",
    )
)
MAPPING_WITH_SEGMENT = MAPPING.replace(
    "      resolved: resolved\n", "      resolved: resolved\n      segment: segment\n", 1
)

SCRIPT = Path(sys.executable).with_name("omniready")


def test_console_script_writes_measured_figures_and_keeps_the_rest(case: Path) -> None:
    done = subprocess.run(
        [str(SCRIPT), "metrics", str(case / "t.audit.yaml"), "--format", "md"],
        cwd=case, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "| Contacts | 7 | 2 | 5 |" in done.stdout
    text = (case / "t.audit.yaml").read_text()
    assert "# typed by hand on site" in text
    assert text.startswith(AUDIT.split("    channels:")[0])  # bytes before the step untouched
    audit = load_audit(case / "t.audit.yaml")
    phone = audit.steps.metrics.channels["phone"]
    assert phone.monthly_contacts == 2  # 2.5 rounded: the findings now read measured values
    assert phone.abandonment_rate == 0.2
    assert phone.sla_attainment == 0.4  # the audit's typed 60 s target was used
    assert phone.kind == "virtual"  # a figure the data does not give stays as typed
    measured = audit.steps.metrics.measured
    assert measured is not None
    assert measured.replaced["phone"] == {"monthly_contacts": 9800, "abandonment_rate": 0.21}
    assert {(d.field, d.typed, d.measured) for d in measured.disagreements} == {
        ("monthly_contacts", 9800, 2),
    }  # 0.21 typed vs 0.20 measured is within the 5-point tolerance
    assert measured.mapping is not None and measured.mapping.file == "t.metrics.yaml"
    assert [f.file for s in measured.sources for f in s.files] == ["calls.csv", "chats.csv"]
    assert len(measured.sources[0].files[0].sha256) == 64
    # a second run remembers what was typed, so the disagreement does not vanish
    again = invoke("metrics", case / "t.audit.yaml")
    assert again.exit_code == 0, again.output
    measured = load_audit(case / "t.audit.yaml").steps.metrics.measured
    assert measured is not None and len(measured.disagreements) == 1


def test_no_write_leaves_the_file_as_it_was(case: Path) -> None:
    before = (case / "t.audit.yaml").read_bytes()
    result = invoke("metrics", case / "t.audit.yaml", "--no-write")
    assert result.exit_code == 0
    assert (case / "t.audit.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            "sources:\n  - name: calls\n    channel: phone\n    columns: {start: a, colour: b}\n",
            "t.metrics.yaml:4:25: colour: unknown field",
        ),
        (
            "sources:\n  - name: calls\n    columns: {start: a}\n",
            "t.metrics.yaml:2:5: sources.0: source 'calls' needs `channel:`",
        ),
        (
            "sources:\n  - name: calls\n    channel: phone\n    columns: {contact_id: a}\n",
            "t.metrics.yaml:4:14: sources.0.columns: source 'calls' needs a `start` column",
        ),
        ("sla: {phone: soon}\nsources: []\n", "t.metrics.yaml:1:"),
        (
            "sources:\n  - name: x\n    channel: phone\n    columns: {start: a\n",
            "t.metrics.yaml:5:1: invalid YAML",
        ),
    ],
)
def test_mapping_errors_are_located(case: Path, mapping: str, message: str) -> None:
    write(case / "t.metrics.yaml", mapping)
    result = invoke("metrics", case / "t.audit.yaml", case / "calls.csv")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_options_are_usage_errors(case: Path) -> None:
    for args in (["--period", "2026-06..2026-01"], ["--sla", "phone"], ["--sla", "phone=soon"]):
        result = invoke("metrics", case / "t.audit.yaml", *args)
        assert result.exit_code == 2, (args, result.output)
    result = invoke("metrics", case / "t.audit.yaml", "--map", case / "none.yaml")
    assert result.exit_code == 2
    assert "none.yaml: no mapping file" in result.output


def test_suggest_map_reads_headers_and_values(tmp_path: Path) -> None:
    write(
        tmp_path / "zendesk.csv",
        "Ticket ID,Requester email,Via,Created at,Solved at,Group\n"
        "1,a@b.c,Web Widget,05/01/2026 09:00,05/01/2026 10:00,Billing\n"
        "2,d@e.f,WhatsApp,13/01/2026 09:00,,Sales\n",
    )
    result = invoke("metrics", "--suggest-map", tmp_path / "zendesk.csv", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert 'contact_id: "Ticket ID"  # guessed' in text
    assert 'customer_id: "Requester email"  # guessed' in text
    assert 'channel: "Via"' in text and 'whatsapp: ["WhatsApp"]' in text
    assert 'date_format: "%d/%m/%Y %H:%M"' in text
    assert "a@b.c" not in text
    mapping = tmp_path / "z.metrics.yaml"
    assert (
        invoke("metrics", "--suggest-map", tmp_path / "zendesk.csv", "--map", mapping).exit_code
        == 0
    )
    write(tmp_path / "z.audit.yaml", "schema: 2\norganization: {name: X}\n")
    done = invoke(
        "metrics",
        tmp_path / "z.audit.yaml",
        tmp_path / "zendesk.csv",
        "--no-write",
        "--format",
        "json",
    )
    assert done.exit_code == 0, done.output  # the suggestion runs as it is
    assert '"contacts": 2.0' in done.stdout


def test_erlang_c_against_published_values() -> None:
    # M/M/3 at 2 Erlangs waits with probability 4/9 (textbook); 10 Erlangs on 11 agents: 0.6821,
    # and the classic worked example (100 calls in 30 min, 180 s, 80 % in 20 s) needs 14 agents
    # at a service level of 88.8 %.
    assert stats.erlang_c(2, 3) == pytest.approx(4 / 9)
    assert stats.erlang_c(10, 11) == pytest.approx(0.6821, abs=1e-4)
    assert stats.service_level(10, 13, 20, 180) == pytest.approx(0.7956, abs=1e-4)
    assert stats.agents_needed(200, 180, 20, 0.8) == (14, pytest.approx(0.8884, abs=1e-4))
    assert stats.erlang_c(5, 5) == 1.0


def test_every_format_choice_maps_to_a_format() -> None:
    from omniready.metrics.choices import Format
    from omniready.metrics.formats import to_format

    assert {type(to_format(f)).__name__ for f in Format} == {
        "TableFormat",
        "JsonFormat",
        "MarkdownFormat",
    }


def test_audit_keeps_what_the_report_reads_compactly(case: Path) -> None:
    # A segment column gives channel × segment figures: in the output, not in the audit file.
    write(case / "calls.csv", CALLS_WITH_SEGMENT)
    text = MAPPING_WITH_SEGMENT
    write(case / "t.metrics.yaml", text)
    result = invoke("metrics", case / "t.audit.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert "phone/retail" in document["channel_segments"]
    written = (case / "t.audit.yaml").read_text()
    assert "channel_segments" not in written
    assert '    phone: {"2026-01": 3, "2026-02": 2}\n' in written  # one line per channel
    assert written.count("  - [") == 7  # the grid: one line per weekday
    measured = load_audit(case / "t.audit.yaml").steps.metrics.measured
    assert measured is not None
    assert measured.weekday_hour == document["weekday_hour"]
    assert measured.monthly == document["monthly"]
    assert set(measured.segments) == {"retail", "business", "unknown"}  # chats have none
    assert "not-mapped:end" not in written.split("channels:")[-1]  # said once, under overall
    assert measured.overall.absent["close_avg_s"] == "not-mapped:end"
    assert measured.channel_segments == {}
    assert not [line for line in written.splitlines() if line.strip().startswith("- 0")]
