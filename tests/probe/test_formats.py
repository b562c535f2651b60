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
from omniready.probe.client import Exchange
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
        # Saved as codes and values; the sentence is chosen in the report's language.
        findings=[
            Finding(condition="no-api", code="no-api"),
            Finding(condition="no-webhooks", code="no-webhooks"),
            # Both claims wrong: one finding of the condition, saying both.
            Finding(
                condition="claim-mismatch",
                code="claims",
                params={"codes": ["claims-api", "claims-webhooks"]},
            ),
        ],
        requests=17,
    )
    crm = ProbeRecord(
        probed_at=AT,
        status="http-404",
        error="https://crm.example/v2/ answered 404",
        api=ApiFacts(),
        webhooks=WebhookFacts(),
        findings=[
            Finding(
                condition="not-found",
                code="not-found",
                params={"url": "https://crm.example/v2/", "status": 404},
            )
        ],
        requests=2,
    )
    pos = ProbeRecord(
        probed_at=AT,
        status="dns",
        error="[Errno -2] Name or service not known",
        api=ApiFacts(),
        webhooks=WebhookFacts(),
        # As saved by a release before codes: the saved sentence is shown as it is.
        findings=[
            Finding(condition="unreachable", message="https://pos.example/ did not answer (dns)")
        ],
        requests=0,
    )
    results = (
        ToolResult(
            Target("helpdesk", "Zendesk", "https://hd.example/", line=7, col=9),
            helpdesk,
            requests=(
                Exchange("https://hd.example/", 200, 80.2, None, "HTTP/2"),
                Exchange("https://hd.example/openapi.json", 200, 82.8, None, "HTTP/2"),
            ),
            http_status=200,
            http_version="HTTP/2",
        ),
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
                    "claims an API, but no API description was found; claims webhooks, but no"
                    " evidence of them was found",
                    fails=True,
                ),
            ),
            http_status=200,
            http_version="HTTP/1.1",
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
            requests=(
                Exchange(
                    "https://pos.example/",
                    None,
                    3.1,
                    "dns: [Errno -2] Name or service not known",
                ),
            ),
        ),
        ToolResult(
            Target("crm", "CRM", "https://crm.example/v2/", line=25, col=9),
            crm,
            requests=(
                Exchange("https://crm.example/v2/", 404, 40.0, None, "HTTP/1.1"),
                Exchange(
                    "https://crm.example/.well-known/api-catalog", 404, 41.0, None, "HTTP/1.1"
                ),
            ),
            http_status=404,
            http_version="HTTP/1.1",
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
    if os.environ.get("OMNIREADY_REGENERATE") == "1":  # the one switch, as tests/render
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_every_choice_maps_to_a_format() -> None:
    # The Enum is the CLI's list; render() ends in assert_never, so mypy proves the mapping.
    assert {f.value for f in Format} == {"table", "json", "junit", "sarif", "github"}
    for fmt in Format:
        assert render(fmt, report()).endswith("\n")
    with pytest.raises(AssertionError, match="Expected code to be unreachable"):
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


def test_progress_bar_follows_the_colour_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    r = report()
    for env, bar in [
        ({"TERM": "xterm"}, True),
        ({"NO_COLOR": "1"}, False),
        ({"TERM": "dumb"}, False),
    ]:
        monkeypatch.delenv("NO_COLOR", raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        stream = Tty()
        with reporter(stream) as progress:
            progress.start(3)
            progress.done(r.results[2].target, r.results[2].record)
        assert ("probe: pos" not in stream.getvalue()) is bar, env


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
    github = render(Format.github, spanish)
    assert "4 herramienta(s), 1 fallaron (dns 1), 2 con fallas según --fail-on" in github
    assert "::no se encontró una descripción de la API" in github
    assert "herramienta(s)" not in table  # the summary is printed once, on stderr


def test_sarif_uri_is_relative_and_percent_encoded_under_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from omniready.probe.formats.interface import file_uri

    monkeypatch.chdir(tmp_path)
    assert file_uri(Path("audits/acme 2026#1.yaml")) == "audits/acme%202026%231.yaml"
    assert file_uri(tmp_path / "añ.yaml") == "a%C3%B1.yaml"
    outside = tmp_path.parent / "other dir" / "v.yaml"
    assert file_uri(outside) == outside.as_uri()
    assert file_uri(outside).startswith("file:///") and "%20" in file_uri(outside)
    sarif = json.loads(render(Format.sarif, replace(report(), path=outside)))
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == outside.as_uri()


def test_junit_lists_a_waived_finding_once() -> None:
    text = render(Format.junit, report())
    assert text.count("no-webhooks:") == 1
    assert "no-webhooks: no webhook evidence: no webhooks in the description" in text
    assert "(waived until 2030-01-01: exports, 100% batch)" in text


def test_each_format_is_its_own_module_behind_one_interface() -> None:
    from omniready.probe.formats import ProbeFormat, to_format

    for fmt in Format:
        chosen = to_format(fmt)
        assert isinstance(chosen, ProbeFormat)
        assert type(chosen).__module__ == f"omniready.probe.formats.{fmt.value}"


def test_max_body_default_is_the_same_number_everywhere() -> None:
    from omniready.probe.client import Settings

    assert Settings().max_body == parse_size("25MB") == 25_000_000
    assert parse_size("25MiB") == 25 * 2**20


def test_rich_table_only_on_a_terminal_that_wants_it() -> None:
    from omniready.probe.command import rich_table

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert rich_table(Format.table, None, Tty(), env={})
    assert not rich_table(Format.table, None, io.StringIO(), env={})
    assert not rich_table(Format.table, None, Tty(), env={"NO_COLOR": "1"})
    assert not rich_table(Format.table, None, Tty(), env={"TERM": "dumb"})
    assert not rich_table(Format.table, Path("out.txt"), Tty(), env={})
    assert not rich_table(Format.json, None, Tty(), env={})
