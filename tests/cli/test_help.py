"""Every command explains itself with an example, and start-up imports nothing heavy."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from omniready import __version__
from omniready.cli import app

runner = CliRunner()
DESIGN = ["audit", "validate", "schema", "report", "demo", "probe", "diff", "show", "migrate"]
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_of_the_design_exists() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in [*DESIGN, "metrics", "brand", "portfolio"]:
        assert command in COMMANDS
        assert f"  {command} " in result.output or f"  {command}\n" in result.output, command


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert f"omniready {command}" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"omniready {__version__}"


def test_start_up_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from omniready.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='omniready')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'httpx', 'httpcore', 'h2', 'asyncio', 'jinja2', 'pydantic', 'yaml', 'duckdb',"
        " 'rapidfuzz', 'coloraide', 'numpy'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_usage_error_is_exit_2() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["no-such-command"])
    assert result.exit_code == 2
