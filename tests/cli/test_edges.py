"""The CLI's edges: --debug anywhere on the line, and a reader that leaves early."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from omniready.cli.app import debug_anywhere

SCRIPT = Path(sys.executable).with_name("omniready")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["report", "x.yaml"], ["report", "x.yaml"]),
        (["--debug", "report", "x.yaml"], ["--debug", "report", "x.yaml"]),
        (["report", "x.yaml", "--debug"], ["--debug", "report", "x.yaml"]),
        (["audit", "--", "--debug"], ["audit", "--", "--debug"]),  # after -- it is a file name
    ],
)
def test_debug_anywhere(argv: list[str], expected: list[str]) -> None:
    assert debug_anywhere(argv) == expected


def test_debug_after_the_command_shows_the_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(SCRIPT), "report", str(tmp_path / "missing.yaml"), "--debug"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "InputError" in done.stderr and "no such file" in done.stderr


def test_a_reader_that_leaves_early_is_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: {name: X}\nlang: fr\n" + "x: 1\n" * 50, encoding="utf-8")
    # many files so that output outlasts the pipe's reader, which reads one line then leaves
    proc = subprocess.Popen(
        [str(SCRIPT), "validate", *[str(bad)] * 3000],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert first.startswith(str(bad).encode())
    assert proc.returncode == 141
    assert "Traceback" not in err and "internal error" not in err
