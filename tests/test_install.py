"""The wheel carries its data: installed in a fresh venv, the CLI runs from outside the repo."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(command: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel built from this checkout; returns its bin folder."""
    root = tmp_path_factory.mktemp("install")
    built = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(root / "dist"),
            str(REPO),
        ],
        cwd=root,
    )
    assert built.returncode == 0, built.stderr
    wheels = list((root / "dist").glob("omniready-*.whl"))
    assert len(wheels) == 1
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / "bin"
    done = run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheels[0])], cwd=root)
    assert done.returncode == 0, done.stderr
    return bin_dir


def test_wheel_ships_checklists_templates_and_example(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    version = run([str(installed / "omniready"), "--version"], cwd=tmp_path, env=env)
    assert version.returncode == 0 and version.stdout.startswith("omniready ")
    where = run(
        [
            str(installed / "python"),
            "-c",
            "from omniready.resources import data_dir; import omniready;"
            "print(data_dir('checklists')); print(data_dir('report_templates'));"
            "print(omniready.__file__)",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    paths = where.stdout.split()
    assert all("site-packages" in p for p in paths), paths  # not the checkout
    example = tmp_path / "acme.audit.yaml"
    wrote = run(
        [str(installed / "omniready"), "audit", str(example), "--example"], cwd=tmp_path, env=env
    )
    assert wrote.returncode == 0, wrote.stderr
    valid = run([str(installed / "omniready"), "validate", str(example)], cwd=tmp_path, env=env)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    demo = run(
        [str(installed / "omniready"), "demo", str(tmp_path / "demo")], cwd=tmp_path, env=env
    )
    assert demo.returncode == 0, demo.stderr
    written = sorted(p.suffix for p in (tmp_path / "demo").iterdir())
    assert written == ["", ".html", ".md", ".yaml"], written  # "": the portfolio folder
    portfolio = sorted(p.name for p in (tmp_path / "demo" / "portfolio").iterdir())
    assert portfolio == ["portfolio.html", "portfolio.md"], portfolio
    bad = tmp_path / "bad.audit.yaml"
    bad.write_text("organization: {name: X}\nlang: fr\n", encoding="utf-8")
    invalid = run([str(installed / "omniready"), "validate", str(bad)], cwd=tmp_path, env=env)
    assert invalid.returncode == 2
    assert f"{bad}:2:7: lang:" in invalid.stdout
    assert "Traceback" not in invalid.stderr
