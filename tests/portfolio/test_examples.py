"""The demo's portfolio: every file valid, and exactly what bench/portfolio.py generates."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from typer.testing import CliRunner

from omniready.cli import app

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "examples" / "portfolio"
runner = CliRunner()


def test_every_shipped_portfolio_audit_validates() -> None:
    files = sorted(SHIPPED.glob("*.audit.yaml"))
    assert len(files) == 10
    result = runner.invoke(app, ["validate", *map(str, files)])
    assert result.exit_code == 0, result.output


def test_the_script_generates_the_shipped_files(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_portfolio", REPO / "bench" / "portfolio.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.write_examples(tmp_path)
    # The same files (the answers follow the checklists of the day; the names do not).
    assert sorted(p.name for p in written) == sorted(p.name for p in SHIPPED.iterdir())
    result = runner.invoke(app, ["validate", *map(str, written)])
    assert result.exit_code == 0, result.output
    assert "- respondent: Jefatura de tiendas" in (
        SHIPPED / "acme-retail-2026.audit.yaml"
    ).read_text("utf-8")


def test_the_demo_writes_the_portfolio(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", str(tmp_path / "demo"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "demo" / "portfolio" / "portfolio.html").read_text("utf-8")
    assert "Acme Retail SpA" in html
    assert "Trend of organizations audited more than once" in html
    assert "Jefatura de tiendas: Some" in html  # the retailer's two respondents disagree
