"""The README is the front door: its examples run as written."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
SCRIPT = Path(sys.executable).with_name("omniready")


def blocks(lang: str, after: str) -> list[str]:
    """Fenced blocks of `lang` in the README section whose heading is `after`."""
    section = README.split(f"## {after}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", section, flags=re.S)


def test_ci_runs_the_readme_test_command() -> None:
    commands = blocks("sh", "Two commands")
    assert len(commands) == 2
    test_command = commands[1].strip().split(" && ", 2)[2]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci, test_command
    assert "omniready demo ./omniready-demo" in commands[0]


def test_a_day_with_omniready_runs_line_by_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    lines = [
        line
        for line in blocks("sh", "A day with omniready")[0].splitlines()
        if line.startswith("omniready ")
    ]
    assert len(lines) >= 7
    for line in lines:
        argv = shlex.split(line)
        done = subprocess.run(
            [str(SCRIPT), *argv[1:]],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr
    assert sorted(p.name for p in (tmp_path / "informe").iterdir()) == [
        "acme-report.html",
        "acme-report.json",
        "acme-report.md",
    ]


def test_the_audit_file_sample_is_valid(tmp_path: Path) -> None:
    sample = blocks("yaml", "The audit file")[0]
    path = tmp_path / "sample.audit.yaml"
    path.write_text(sample, encoding="utf-8")
    done = subprocess.run(
        [str(SCRIPT), "validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_git_recipe_matches_the_documented_driver() -> None:
    assert 'git config diff.omniready.textconv "omniready show"' in README
    assert "*.audit.yaml diff=omniready" in README
