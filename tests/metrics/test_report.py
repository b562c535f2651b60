"""The measured figures in the report: metrics.*.j2 hooked into the metrics step's section, with
the period, row counts, inline SVG charts in HTML and tables in Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import invoke, write


def _measured(case: Path) -> Path:
    result = invoke("metrics", case / "t.audit.yaml", "--sla", "phone=60s")
    assert result.exit_code == 0, result.output
    return case / "t.audit.yaml"


def test_html_report_shows_measured_figures_with_charts(case: Path) -> None:
    audit = _measured(case)
    result = invoke("report", audit, "-o", case / "out", "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.output
    html = next((case / "out").glob("*.html")).read_text()
    section = html.split('id="step-metrics"')[1].split("</section>")[0]
    assert 'id="metrics-measured"' in section  # inside the metrics step's section
    assert "2026-01-05 … 2026-02-03" in section  # the period
    assert "calls (5 rows, 5 used)" in section and "chats (2 rows, 2 used)" in section
    svgs = re.findall(r"<svg .*?</svg>", section, flags=re.S)
    titles = [re.search(r"<title>(.*?)</title>", s).group(1) for s in svgs]  # type: ignore[union-attr]
    assert "Contacts per month" in titles
    assert "Abandonment per channel" in titles
    assert "Service level per channel" in titles
    assert "Contacts by weekday and hour" in titles
    assert any(t.startswith("Repeat contact per channel") for t in titles)
    lines = next(s for s in svgs if "Contacts per month" in s)
    assert lines.count("<polyline") == 2  # one line per channel
    level = next(s for s in svgs if "Service level per channel" in s)
    assert "40%" in level and "<line" in level  # phone 2/5 within 60 s, with the 80 % target
    heat = next(s for s in svgs if "weekday and hour" in s)
    assert "Mon 09:00 — 2" in heat  # two calls on Monday at 9


def test_markdown_report_has_the_tables(case: Path) -> None:
    audit = _measured(case)
    result = invoke("report", audit, "-o", case / "out", "--format", "md", "--lang", "en")
    assert result.exit_code == 0, result.output
    md = next((case / "out").glob("*.md")).read_text()
    assert "### Measured metrics — Period: 2026-01-05 … 2026-02-03" in md
    assert "| Contacts | 7 | 2 | 5 |" in md
    assert "| 2026-02 | 0 | 2 |" in md  # contacts per month: chat, phone
    assert "<svg" not in md


def test_values_from_the_data_are_escaped_in_the_html(case: Path) -> None:
    calls = (case / "calls.csv").read_text().splitlines()
    rows = [calls[0] + ",segment"] + [line + ",<b>vip</b>" for line in calls[1:]]
    write(case / "calls.csv", "\n".join(rows) + "\n")
    text = (case / "t.metrics.yaml").read_text()
    write(
        case / "t.metrics.yaml",
        text.replace("resolved: resolved", "resolved: resolved\n      segment: segment"),
    )
    audit = _measured(case)
    result = invoke("report", audit, "-o", case / "out", "--format", "html")
    assert result.exit_code == 0, result.output
    html = next((case / "out").glob("*.html")).read_text()
    assert "<b>vip</b>" not in html and "&lt;b&gt;vip&lt;/b&gt;" in html


def test_no_measured_section_without_measurement(case: Path) -> None:
    result = invoke("report", case / "t.audit.yaml", "-o", case / "out", "--format", "html,md")
    assert result.exit_code == 0, result.output
    assert "metrics-measured" not in next((case / "out").glob("*.html")).read_text()


def test_month_axis_is_even_across_gaps() -> None:
    from omniready.metrics.view import month_range

    assert month_range(["2025-11", "2026-02"]) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert month_range([]) == []
