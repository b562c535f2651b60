"""The CLI's edges: --debug anywhere on the line, and a reader that leaves early."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.cli import app

SCRIPT = Path(sys.executable).with_name("omniready")


@pytest.mark.parametrize(
    ("argv", "traceback"),
    [
        (["--debug", "report", "missing.yaml"], True),
        (["report", "missing.yaml", "--debug"], True),  # declared on every command
        (["report", "missing.yaml"], False),
        (["report", "--", "--debug"], False),  # after -- it is a file name
    ],
)
def test_debug_before_or_after_the_command(argv: list[str], traceback: bool) -> None:
    result = CliRunner().invoke(app, argv, env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    if traceback:
        assert result.exception is not None and type(result.exception).__name__ == "InputError"
    else:
        assert result.exit_code == 2 and "no such file" in result.stderr


def test_debug_after_the_command_shows_the_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(SCRIPT), "report", str(tmp_path / "missing.yaml"), "--debug"],
        capture_output=True,
        text=True,
        timeout=60,
        # the message in English, on one line of the traceback
        env={**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "", "COLUMNS": "300"},
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


HOSTILE = {
    "alias-bomb": (Path(__file__).parents[1] / "data" / "alias-bomb.audit.yaml").read_text(
        encoding="utf-8"
    ),
    "bad-bool": "organization: {name: X}\nlang: !!bool maybe\n",
    "bad-timestamp": "organization: {name: X}\nstarted: !!timestamp 99999-01-01\n",
    "python-tag": "organization: !!python/object/apply:os.getcwd []\n",
}


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_a_hostile_file_is_a_located_exit_2_in_every_command(tmp_path: Path, shape: str) -> None:
    from typer.testing import CliRunner

    from omniready.cli import app

    path = tmp_path / f"{shape}.audit.yaml"
    path.write_text(HOSTILE[shape], encoding="utf-8")
    before = path.read_bytes()
    runs = {
        "validate": ["validate", str(path)],
        "show": ["show", str(path)],
        "report": ["report", str(path), "-o", str(tmp_path / "out")],
        "diff": ["diff", str(path), str(path)],
        "audit": ["audit", str(path), "--no-input", "--lang", "en"],
    }
    for command, argv in runs.items():
        result = CliRunner().invoke(app, argv)
        assert result.exit_code == 2, (command, result.output)
        assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: ", result.output, re.M), (
            command,
            result.output,
        )
        assert "internal error" not in result.output
    assert path.read_bytes() == before  # the interview stopped before its first save
    assert not (tmp_path / "out").exists()


def test_show_escapes_terminal_sequences_from_the_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from omniready.cli import app

    path = tmp_path / "esc.audit.yaml"
    # YAML escapes let a file carry ESC and C1 controls: an OSC 8 link and a screen clear
    path.write_text(
        "organization: {name: 'Acme'}\n"
        'assessor: "\\e]8;;https://evil.test\\e\\\\click\\e]8;;\\e\\\\ \\e[2J\\x9b31m"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("audit assessor"))
    assert line == (
        "audit assessor = \\x1b]8;;https://evil.test\\x1b\\click\\x1b]8;;\\x1b\\ \\x1b[2J\\x9b31m"
    )
    assert not any(c in result.stdout for c in "\x1b\x9b\x07")
    broken = tmp_path / "broken.audit.yaml"  # --fallback prints the raw text: escaped too
    broken.write_bytes(b"organization: [\x1b]0;pwned\x07\r\nnext: line\n")
    fallback = CliRunner().invoke(app, ["show", str(broken), "--fallback"])
    assert fallback.exit_code == 0
    # the line ends are kept as they are (the test runner's stdout reads CRLF as one newline)
    assert fallback.stdout.splitlines() == ["organization: [\\x1b]0;pwned\\x07", "next: line"]
