"""Output formats: every --format choice renders, and each matches its saved expected file."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from omniready.audit.probe_record import (
    ApiFacts,
    Finding,
    HandshakeFacts,
    ProbeRecord,
    TlsFacts,
    WebhookFacts,
)
from omniready.probe.choices import Format, parse_size
from omniready.probe.formats import render
from omniready.probe.inventory import Target
from omniready.probe.progress import line, reporter
from omniready.probe.run import Report, ToolResult
from omniready.probe.verdict import Condition, Evaluation

EXPECTED = Path(__file__).parent / "expected"
AT = dt.datetime(2026, 3, 2, 15, 4, 5, tzinfo=dt.timezone.utc)


def report() -> Report:
    helpdesk = ProbeRecord(
        probed_at=AT,
        status="ok",
        api=ApiFacts(
            evidence="spec",
            spec_url="https://hd.example/openapi.json",
            source="well-known",
            format="openapi",
            version="3.1.0",
            operations=42,
            security=["http:bearer"],
        ),
        webhooks=WebhookFacts(evidence="declared", declared=12),
        tls=TlsFacts(version="TLSv1.3", expires=AT + dt.timedelta(days=200), days_left=200),
        latency_ms=81.5,
        requests=6,
    )
    shop = ProbeRecord(
        probed_at=AT,
        status="ok",
        api=ApiFacts(evidence="reachable"),
        webhooks=WebhookFacts(
            evidence="claimed-only",
            handshake=HandshakeFacts(consented=False, status=403, reason="receiver answered 403"),
        ),
        findings=[
            Finding(condition="no-api", message="no API description found"),
            Finding(condition="no-webhooks", message="no webhook evidence"),
            Finding(
                condition="claim-mismatch",
                message="claims webhooks, but no evidence of them was found",
            ),
        ],
        requests=17,
    )
    pos = ProbeRecord(
        probed_at=AT,
        status="dns",
        error="[Errno -2] Name or service not known",
        api=ApiFacts(),
        webhooks=WebhookFacts(),
        findings=[
            Finding(condition="unreachable", message="https://pos.example/ did not answer (dns)")
        ],
        requests=0,
    )
    results = (
        ToolResult(Target("helpdesk", "Zendesk", "https://hd.example/", line=7, col=9), helpdesk),
        ToolResult(
            Target("shop", 'Shop: "web, store"', "https://shop.example/", line=13, col=9),
            shop,
            (
                Evaluation(
                    "no-webhooks",
                    "no webhook evidence",
                    fails=False,
                    waived=True,
                    reason="exports, 100% batch",
                    expires=dt.date(2030, 1, 1),
                ),
                Evaluation(
                    "claim-mismatch",
                    "claims webhooks, but no evidence of them was found",
                    fails=True,
                ),
            ),
        ),
        ToolResult(
            Target("pos", "POS", "https://pos.example/", line=19, col=9),
            pos,
            (
                Evaluation(
                    "unreachable",
                    "https://pos.example/ did not answer (dns) (waiver expired on 2026-01-01)",
                    fails=True,
                    reason="migrating",
                    expires=dt.date(2026, 1, 1),
                    expired=True,
                ),
            ),
        ),
    )
    return Report(
        Path("audits/acme.yaml"),
        results,
        (Condition("no-webhooks"), Condition("claim-mismatch"), Condition("unreachable")),
    )


SUFFIX = {
    Format.table: "txt",
    Format.json: "json",
    Format.junit: "xml",
    Format.sarif: "sarif",
    Format.github: "txt",
}


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_matches_its_expected_file(fmt: Format) -> None:
    text = render(fmt, report())
    expected = EXPECTED / f"{fmt.value}.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_EXPECTED"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_every_choice_maps_to_a_format() -> None:
    # The Enum is the CLI's list; render() ends in assert_never, so mypy proves the mapping.
    assert {f.value for f in Format} == {"table", "json", "junit", "sarif", "github"}
    for fmt in Format:
        assert render(fmt, report()).endswith("\n")
    with pytest.raises(AssertionError, match="unhandled format"):
        render("pdf", report())  # type: ignore[arg-type]


def test_rich_table_for_a_terminal() -> None:
    text = render(Format.table, report(), rich=True)
    assert "helpdesk" in text and "openapi 3.1.0 (42 ops)" in text


def test_sarif_marks_waived_results_as_suppressed() -> None:
    results = json.loads(render(Format.sarif, report()))["runs"][0]["results"]
    waived = [r for r in results if r["ruleId"] == "no-webhooks"]
    assert waived[0]["suppressions"][0]["status"] == "accepted"
    assert waived[0]["level"] == "note"


def test_github_escapes_properties_and_messages() -> None:
    text = render(Format.github, report())
    assert "title=shop%3A claim-mismatch::" in text
    assert all("\n" not in line for line in text.splitlines())


def test_plain_progress_lines() -> None:
    stream = io.StringIO()
    r = report()
    with reporter(stream, terminal=False) as progress:
        progress.start(3)
        for result in r.results:
            progress.done(result.target, result.record)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "probe: 3 tool(s)"
    assert lines[3] == (
        "probe: pos: dns; api none; webhooks none ([Errno -2] Name or service not known)"
    )
    assert line(r.results[0].target, r.results[0].record) == (
        "probe: helpdesk: ok; api spec; webhooks declared"
    )


def test_rich_progress_on_a_terminal() -> None:
    stream = io.StringIO()
    r = report()
    with reporter(stream, terminal=True) as progress:
        progress.start(3)
        for result in r.results:
            progress.done(result.target, result.record)
    assert "probe: pos" not in stream.getvalue()  # a bar, not log lines


@pytest.mark.parametrize(
    ("text", "size"),
    [("25MB", 25_000_000), ("512KiB", 524288), ("1000", 1000), ("1.5 mb", 1_500_000)],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "0", "5 parsecs", "-1MB"])
def test_parse_size_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_spanish_words_for_people() -> None:
    from dataclasses import replace

    spanish = replace(report(), lang="es")
    table = render(Format.table, spanish)
    assert table.splitlines()[0].split()[:2] == ["herramienta", "estado"]
    assert "claim-mismatch: FALLA" in table and "no-webhooks: exceptuado" in table
    sarif = json.loads(render(Format.sarif, spanish))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["shortDescription"]["text"].startswith("La herramienta")
    assert "3 herramienta(s), 2 con fallas" in render(Format.github, spanish)
