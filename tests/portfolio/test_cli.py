"""`omniready portfolio` and `omniready report --benchmark` run as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.checklist import Checklist, load_checklist
from omniready.cli import app
from omniready.portfolio.peers import peer_audit
from omniready.resources import data_dir

from .conftest import WriteAudit

runner = CliRunner()
SCRIPT = Path(sys.executable).with_name("omniready")
HOSTILE = "<script>alert(1)</script>"


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["portfolio", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "omniready portfolio clients/ --export-benchmark benchmark.parquet" in result.output
    report = runner.invoke(app, ["report", "--help"])
    assert "--benchmark" in report.output
    assert "omniready report acme.audit.yaml --benchmark benchmark.parquet" in report.output


def test_writes_the_three_formats_side_by_side(
    write_audit: WriteAudit, checklist: Checklist, tmp_path: Path
) -> None:
    for seed in range(6):
        write_audit(seed)
    hostile = peer_audit(checklist, 50, name=HOSTILE, industry="retail & co")
    write_audit(50, audit=hostile)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "portfolio",
            str(tmp_path / "audits"),
            "-o",
            str(out),
            "-f",
            "md,html,json",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(out / f"portfolio.{x}") for x in ("md", "html", "json")]
    html = (out / "portfolio.html").read_text("utf-8")
    assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 6
    )  # the steps, then each step's questions
    assert "Scores side by side" in html
    markdown = (out / "portfolio.md").read_text("utf-8")
    assert "| Organization |" in markdown
    assert HOSTILE not in markdown
    data = json.loads((out / "portfolio.json").read_text("utf-8"))
    assert data["format"] == "omniready-portfolio" and len(data["entries"]) == 7
    assert data["distributions"]["steps"][0]["summary"]["n"] == 7
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_spanish_by_default_and_files_that_do_not_validate_are_listed(
    write_audit: WriteAudit, tmp_path: Path
) -> None:
    good = write_audit(1)
    bad = tmp_path / "audits" / "rota.audit.yaml"
    bad.write_text("organization: {name: Rota}\nlang: fr\n", "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["portfolio", str(good.parent), "-o", str(out), "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert f"{bad}:2:7: lang:" in result.stderr
    assert "(dejado fuera)" in result.stderr
    markdown = (out / "portfolio.md").read_text("utf-8")
    assert "Archivos dejados fuera" in markdown and "Puntajes lado a lado" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}"], "no such folder"),
        (["{empty}"], "no audit files found"),
        (["{audits}", "--size", "huge"], "unknown size band 'huge'"),
        (["{audits}", "--year", "26"], "'26' is not a year like 2026"),
        (["{audits}", "--format", "pdf"], "unknown format 'pdf'"),
        (
            ["{audits}", "--industry", "mining"],
            "no audit of the 1 valid one(s) matches the filters",
        ),
        (["{audits}", "--export-benchmark", "{tmp}/bench.csv"], "ends in .json or .parquet"),
        (["{audits}", "--export-benchmark", "{tmp}/nope/b.json"], "b.json: no such folder"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(
    write_audit: WriteAudit, tmp_path: Path, args: list[str], message: str
) -> None:
    write_audit(1)
    (tmp_path / "empty").mkdir()
    where = {
        "missing": tmp_path / "nope",
        "empty": tmp_path / "empty",
        "audits": tmp_path / "audits",
        "tmp": tmp_path,
    }
    out = tmp_path / "out"
    # English, as the messages above are (without --lang the locale's language is used).
    typed = ["portfolio", *(a.format(**where) for a in args), "-o", str(out), "--lang", "en"]
    result = runner.invoke(app, typed)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing half-written


def test_every_file_invalid_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.audit.yaml").write_text("organization: [1\n", "utf-8")
    typed = ["portfolio", str(tmp_path), "-o", str(tmp_path / "o"), "--lang", "en"]
    result = runner.invoke(app, typed)
    assert result.exit_code == 2
    assert "none of the 1 audit file(s) is valid" in result.stderr
    assert f"{tmp_path / 'a.audit.yaml'}:" in result.stderr


def test_export_then_report_with_the_benchmark(write_audit: WriteAudit, tmp_path: Path) -> None:
    for seed in range(5):
        write_audit(seed, industry="retail", headcount=900)
    write_audit(9, industry="health", headcount=20)
    bench = tmp_path / "bench.parquet"
    exported = runner.invoke(
        app, ["portfolio", str(tmp_path / "audits"), "--export-benchmark", str(bench)]
    )
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.split() == [str(bench)]  # only the export: no report asked
    out = tmp_path / "report"
    peer = tmp_path / "audits" / "org-0.audit.yaml"
    result = runner.invoke(
        app,
        [
            "report",
            str(peer),
            "--benchmark",
            str(bench),
            "-o",
            str(out),
            "-f",
            "md,html,json",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    markdown = (out / "org-0-report.md").read_text("utf-8")
    assert "## Against other organizations" in markdown
    assert "Group used: 5 organizations of the same industry (retail) and size (Large" in markdown
    assert "k-anonymity: with fewer than 5 organizations" in markdown
    html = (out / "org-0-report.html").read_text("utf-8")
    assert '<section id="benchmark">' in html
    data = json.loads((out / "org-0-report.json").read_text("utf-8"))
    assert (data["benchmark"]["group"], data["benchmark"]["group_n"]) == ("industry+size_band", 5)
    lonely = tmp_path / "audits" / "org-9.audit.yaml"
    result = runner.invoke(
        app, ["report", str(lonely), "--benchmark", str(bench), "-o", str(out), "--lang", "es"]
    )
    assert result.exit_code == 0, result.output
    markdown = (out / "org-9-report.md").read_text("utf-8")
    assert "Grupo usado: las 6 organizaciones del benchmark, porque hay menos de 5" in markdown


def test_report_without_benchmark_has_no_section(tmp_path: Path) -> None:
    audit = data_dir("examples") / "acme-retail.audit.yaml"
    result = runner.invoke(app, ["report", str(audit), "-o", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0
    assert "Against other organizations" not in (tmp_path / "acme-retail-report.md").read_text()


def test_report_with_a_bad_benchmark_is_exit_2(tmp_path: Path) -> None:
    bench = tmp_path / "b.json"
    bench.write_text("{\n  nope\n}", "utf-8")
    audit = data_dir("examples") / "acme-retail.audit.yaml"
    out = tmp_path / "out"
    typed = ["report", str(audit), "--benchmark", str(bench), "-o", str(out), "--lang", "en"]
    result = runner.invoke(app, typed)
    assert result.exit_code == 2
    assert f"{bench}:2:3: not JSON" in result.stderr
    assert not out.exists()
    spanish = runner.invoke(app, [*typed[:-1], "es"])
    assert f"{bench}:2:3: no es JSON" in spanish.stderr


def _script(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it from a shell."""
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


def test_the_shipped_portfolio_with_the_installed_script(tmp_path: Path) -> None:
    if not SCRIPT.exists():
        pytest.skip("console script not installed")
    shutil.copytree(data_dir("examples") / "portfolio", tmp_path / "clientes")
    args = "portfolio clientes -o informe -f md,json --export-benchmark bench.json --lang es"
    done = _script(tmp_path, *args.split())
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["informe/portfolio.md", "informe/portfolio.json", "bench.json"]
    data = json.loads((tmp_path / "informe" / "portfolio.json").read_text("utf-8"))
    assert len(data["entries"]) == 10 and data["organizations"] == 9
    (trend,) = data["trends"]
    assert trend["organization"] == "Acme Retail SpA"
    assert [a["year"] for a in trend["audits"]] == [2025, 2026]
    acme = [e for e in data["entries"] if e["organization"] == "Acme Retail SpA"]
    assert [d["question"] for e in acme for d in e["disagreements"]] == ["tools.api-available"]
    args = "report clientes/acme-retail-2026.audit.yaml --benchmark bench.json -o informe --lang es"
    report = _script(tmp_path, *args.split())
    assert report.returncode == 0, report.stderr
    markdown = (tmp_path / "informe" / "acme-retail-2026-report.md").read_text("utf-8")
    assert "Grupo usado: 6 organizaciones de la misma industria (retail)" in markdown
    some = load_checklist().by_id["tools.api-available"].option("some")
    assert some is not None
    assert f"Jefatura de tiendas: {some.label.es}" in markdown  # the option's label, in Spanish


def test_filters_on_the_command_line(write_audit: WriteAudit, tmp_path: Path) -> None:
    write_audit(1, name="Uno", industry="retail", country="CL", headcount=900, year=2026)
    write_audit(2, name="Dos", industry="Banking", country="MX", headcount=30, year=2026)
    write_audit(3, name="Tres", industry="health", country="CL", headcount=900, year=2025)
    out = tmp_path / "out"
    args = ["portfolio", str(tmp_path / "audits"), "-o", str(out), "-f", "json,md"]
    args += ["--industry", "RETAIL,banking", "--year", "2026", "--size", "large", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "portfolio.json").read_text("utf-8"))
    assert [e["organization"] for e in data["entries"]] == ["Uno"]
    assert data["filters"] == {
        "industries": ["retail", "banking"],
        "countries": [],
        "sizes": ["large"],
        "years": [2026],
    }
    markdown = (out / "portfolio.md").read_text("utf-8")
    assert "Filters: Industry: retail, banking; Size: Large (250 or more); Year: 2026" in markdown
    # One organization: no distribution is shown, and the report says why.
    assert "| Overall | 1 | — | — | — | — | — |" in markdown
    assert "k-anonymity: with fewer than 5 organizations" in markdown


def test_a_benchmark_of_another_checklist_is_said(write_audit: WriteAudit, tmp_path: Path) -> None:
    for seed in range(5):
        write_audit(seed)
    bench = tmp_path / "bench.json"
    assert (
        runner.invoke(
            app, ["portfolio", str(bench.parent / "audits"), "--export-benchmark", str(bench)]
        ).exit_code
        == 0
    )
    bench.write_text(bench.read_text("utf-8").replace('"core@2026.1"', '"core@2025.1"'), "utf-8")
    out = tmp_path / "out"
    args = ["report", str(tmp_path / "audits" / "org-1.audit.yaml"), "--benchmark", str(bench)]
    result = runner.invoke(app, [*args, "-o", str(out), "-f", "md", "--lang", "en"])
    assert result.exit_code == 0, result.output
    markdown = (out / "org-1-report.md").read_text("utf-8")
    assert "The benchmark answers checklist core@2025.1; this audit, core@2026.1" in markdown
    assert "Group used: all 5 organizations of the benchmark" in markdown
