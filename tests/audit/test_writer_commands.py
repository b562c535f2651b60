"""Every command that changes an audit file keeps what a person wrote by hand: comments (top,
inline, between list items, in the tools and metrics blocks) and every line whose data did not
change stay byte for byte (issue 12, point 3). Each command runs as a user runs it."""

from __future__ import annotations

import difflib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from omniready.audit.store import load_audit
from omniready.cli import app

runner = CliRunner()

AUDIT = """\
# Acme Retail — 2026 audit, edited by hand on site
schema: 2
checklist: core@2026.1
lang: en
organization:
  name: Acme Retail   # the client's legal name
  country: CL
steps:
  tools:
    answers:
      # asked to IT on Monday
      tools.api-available:
        answer: most   # CRM and POS have one
      tools.tool-count:
        answer: 9
    inventory:
    # the helpdesk first
    - id: helpdesk   # Zendesk
      name: Helpdesk
      base_url: BASE
      claims: {api: true, webhooks: true}
    # between tools: the shop comes next
    - id: shop
      name: Shop   # web shop
  metrics:
    answers:
      metrics.peaks-known:
        answer: true   # Mondays
    # typed by hand on site
    channels:
      phone:
        kind: virtual   # cloud PBX
        monthly_contacts: 9800
        abandonment_rate: 0.21
        sla_target_s: 60.0
# end of file
"""

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "Helpdesk", "version": "1"},
    "paths": {"/tickets": {"get": {"responses": {"200": {"description": "ok"}}}}},
    "webhooks": {"ticket": {"post": {"responses": {"200": {"description": "ok"}}}}},
}

CALLS = """\
id,customer,start,wait,outcome
1,C1,2026-01-05 09:00:00,10,answered
2,C2,2026-01-05 09:10:00,30,answered
3,C1,2026-01-07 10:00:00,50,abandoned
4,C3,2026-02-02 11:00:00,70,answered
"""

MAPPING = """\
version: 1
sources:
  - name: calls
    files: ["calls*.csv"]
    channel: phone
    columns: {contact_id: id, customer_id: customer, start: start, wait_s: wait, outcome: outcome}
"""


class _Spec(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        body = json.dumps(OPENAPI).encode() if self.path.startswith("/openapi") else b"{}"
        self.send_response(200 if self.path.startswith("/openapi") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet tests
        pass


@pytest.fixture
def vendor() -> Iterator[str]:
    """A vendor that publishes an OpenAPI description, on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Spec)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def audit(tmp_path: Path, vendor: str) -> Path:
    path = tmp_path / "acme.audit.yaml"
    path.write_text(AUDIT.replace("BASE", vendor), encoding="utf-8")
    return path


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if "#" in line]


def removed(before: str, after: str) -> list[str]:
    """The lines of `before` that are not in `after` (a line diff)."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[2:] for line in diff if line.startswith("- ")]


def check_kept(before: str, after: str, changed: set[str]) -> None:
    """Only the lines in `changed` went away; every comment stays (inline ones on changed lines
    stay on them)."""
    assert set(removed(before, after)) <= changed, removed(before, after)
    kept = [c.split("#", 1)[1] for c in comments(before)]
    assert [c.split("#", 1)[1] for c in comments(after)] == kept


def test_every_writing_command_keeps_comments_and_untouched_lines(
    audit: Path, tmp_path: Path
) -> None:
    # 1. the interview's answers, without questions
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "steps:\n  tools:\n    answers:\n      tools.api-available: {answer: all}\n"
        "      tools.webhooks-available: {answer: some}\n",
        encoding="utf-8",
    )
    before = audit.read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["audit", str(audit), "--answers", str(answers), "--no-input", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    after = audit.read_text(encoding="utf-8")
    check_kept(before, after, {"        answer: most   # CRM and POS have one"})
    assert "        answer: all   # CRM and POS have one\n" in after  # changed in place
    assert "      tools.webhooks-available:\n        answer: some\n" in after
    audit_now = load_audit(audit)
    assert audit_now.steps.tools.answers["tools.api-available"].answer == "all"

    # 2. the probe writes each tool's results into its entry
    before = after
    result = runner.invoke(
        app,
        ["probe", str(audit), "--timeout", "2", "--deadline", "10", "--lang", "en"],
        env={},
    )
    assert result.exit_code in (0, 1), result.output
    after = audit.read_text(encoding="utf-8")
    check_kept(before, after, set())  # only lines added
    assert after.count("      probe:\n") == 1  # the shop has no address to probe
    tools = {t.id: t for t in load_audit(audit).steps.tools.inventory}
    assert tools["helpdesk"].probe is not None and tools["helpdesk"].probe.api is not None

    # 3. metrics from a contact log, with its mapping beside the audit
    (tmp_path / "calls.csv").write_text(CALLS, encoding="utf-8")
    (tmp_path / "acme.metrics.yaml").write_text(MAPPING, encoding="utf-8")
    before = after
    result = runner.invoke(app, ["metrics", str(audit), "--lang", "en"])
    assert result.exit_code == 0, result.output
    after = audit.read_text(encoding="utf-8")
    changed = {"        monthly_contacts: 9800", "        abandonment_rate: 0.21"}
    check_kept(before, after, changed)
    assert "        kind: virtual   # cloud PBX\n" in after  # an untouched figure, its comment
    measured = load_audit(audit).steps.metrics.measured
    assert measured is not None and measured.mapping is not None

    # 4. the same answers again: nothing changes but the time of the save
    before = after
    result = runner.invoke(
        app, ["audit", str(audit), "--answers", str(answers), "--no-input", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert len(removed(before, audit.read_text(encoding="utf-8"))) <= 1  # `updated:`


SCHEMA1 = """\
# Acme, March 2025 — written by hand
schema: 1
checklist: core@2025.1
organization: {name: Acme}   # the client
steps:
  tools:
    answers:
      # checked with IT
      tools.tool-owners: {answer: half}   # two of four
      tools.api-available: {answer: most, evidence: vendors.xlsx}
# end
"""


def test_migrate_keeps_comments_and_untouched_lines(tmp_path: Path) -> None:
    path = tmp_path / "acme.audit.yaml"
    path.write_text(SCHEMA1, encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    # schema 2 writes evidence as a list: that line and the version change, nothing else
    changed = {"schema: 1", "      tools.api-available: {answer: most, evidence: vendors.xlsx}"}
    check_kept(SCHEMA1, after, changed)
    assert after.startswith("# Acme, March 2025 — written by hand\nschema: 2\n")
    assert "not carried over" not in result.output
    assert load_audit(path).steps.tools.answers["tools.api-available"].evidence == ["vendors.xlsx"]


BRAND = """\
# Acme brand facts, typed on site
schema: 2
organization: {name: Acme Retail}   # flow style, kept
lang: es
steps:
  brand:
    declared:
      names: [Acme Retail, Acme]   # how people write it
      # the blue of the logo
      palette: [{value: "#0a3d62", name: azul}]
      address: tu
# end
"""


def test_brand_keeps_comments_and_untouched_lines(tmp_path: Path) -> None:
    path = tmp_path / "acme.audit.yaml"
    path.write_text(BRAND, encoding="utf-8")
    web = tmp_path / "materiales" / "web"
    web.mkdir(parents=True)
    (web / "index.html").write_text("<p>Hola, escríbenos a Acme Retail</p>\n", encoding="utf-8")
    result = runner.invoke(app, ["brand", str(path), str(tmp_path / "materiales"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    check_kept(BRAND, after, set())  # the scan is added; no line goes
    assert "\n    scan:\n" in after
    assert load_audit(path).steps.brand.scan is not None
