"""Run the probe on tools written to a real file, as the command does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from omniready.audit.probe_record import ProbeRecord
from omniready.probe.client import Settings
from omniready.probe.run import Report, probe_file
from omniready.probe.verdict import parse_conditions

FAST = Settings(connect_timeout=2, read_timeout=2, deadline=5, retry_after_cap=0.2)


def tool(tid: str, base_url: str, **extra: Any) -> dict[str, Any]:
    return {"id": tid, "name": tid.title(), "base_url": base_url, **extra}


def run(
    tmp_path: Path,
    tools: list[dict[str, Any]],
    settings: Settings = FAST,
    fail_on: str = "",
    env: dict[str, str] | None = None,
    write: bool = False,
    today: dt.date | None = None,
) -> Report:
    path = tmp_path / "vendors.yaml"
    path.write_text(yaml.safe_dump(tools, sort_keys=False), encoding="utf-8")
    return probe_file(
        path,
        settings,
        parse_conditions([fail_on] if fail_on else []),
        write=write,
        env=env or {},
        today=today,
    )


def probe_one(
    tmp_path: Path,
    entry: dict[str, Any],
    settings: Settings = FAST,
    env: dict[str, str] | None = None,
) -> ProbeRecord:
    return run(tmp_path, [entry], settings, env=env).results[0].record
