"""Fixtures of tests/metrics: small logs, mappings and audits written into tmp_path."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from omniready.cli import app

AUDIT = """\
schema: 2
checklist: core@2026.1
lang: en
organization:
  name: Test Co
steps:
  metrics:
    answers:
      metrics.peaks-known:
        answer: true
    # typed by hand on site
    channels:
      phone:
        kind: virtual
        monthly_contacts: 9800
        abandonment_rate: 0.21
        sla_target_s: 60.0
"""

CALLS = """\
id,customer,start,wait,outcome,handle,type,resolved
1,C1,2026-01-05 09:00:00,10,answered,100,billing,Y
2,C2,2026-01-05 09:10:00,30,answered,200,billing,N
3,C1,2026-01-07 10:00:00,50,abandoned,,delivery,
4,C3,2026-02-02 11:00:00,70,answered,300,delivery,Y
5,,2026-02-03 12:00:00,90,answered,400,billing,Y
"""

CHATS = """\
id,customer,start,wait,outcome
c1,C1,2026-01-08 08:00:00,5,answered
c2,C4,2026-01-20 08:00:00,,bot
"""

MAPPING = """\
version: 1
sources:
  - name: calls
    files: ["calls*.csv"]
    channel: phone
    columns:
      contact_id: id
      customer_id: customer
      start: start
      wait_s: wait
      outcome: outcome
      handle_s: handle
      type: type
      resolved: resolved
    values:
      incident_types: [delivery]
  - name: chats
    files: ["chats*.csv"]
    channel: chat
    columns:
      contact_id: id
      customer_id: customer
      start: start
      wait_s: wait
      outcome: outcome
    values:
      outcome: {self_service: [bot]}
"""

runner = CliRunner()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` (dedented) to `path` and return it."""
    path.write_text(textwrap.dedent(text), encoding=encoding, newline="")
    return path


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A folder with an audit, its mapping beside it, a call log and a chat log."""
    write(tmp_path / "t.audit.yaml", AUDIT)
    write(tmp_path / "t.metrics.yaml", MAPPING)
    write(tmp_path / "calls.csv", CALLS)
    write(tmp_path / "chats.csv", CHATS)
    return tmp_path


def invoke(*args: str | Path) -> Any:
    """Run `omniready ARGS` through typer's CliRunner."""
    return runner.invoke(app, [str(a) for a in args])


def measure_json(folder: Path, *args: str | Path) -> dict[str, Any]:
    """The JSON document of `omniready metrics --no-write` on the folder's audit."""
    result = invoke("metrics", folder / "t.audit.yaml", *args, "--no-write", "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document
