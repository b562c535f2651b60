"""`omniready report` and `omniready demo` run as a user runs them (CliRunner and the script)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.assess import assess
from omniready.audit.store import load_audit
from omniready.checklist import load_checklist
from omniready.cli import app
from omniready.resources import example_audit

# Recent Click keeps stderr apart from stdout; older versions need mix_stderr=False.
try:
    runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
except TypeError:
    runner = CliRunner()


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    path = tmp_path / "acme.audit.yaml"
    shutil.copyfile(example_audit(), path)
    return path


def test_report_writes_each_format_and_prints_paths(audit: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["report", str(audit), "-o", str(out), "--format", "md,html,json", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    paths = [Path(p) for p in result.stdout.split()]
    assert paths == [out / "acme-report.md", out / "acme-report.html", out / "acme-report.json"]
    assert "# Omnichannel readiness report: Acme Retail SpA" in paths[0].read_text("utf-8")
    assert '<html lang="en">' in paths[1].read_text("utf-8")
    expected = assess(load_audit(example_audit()), load_checklist()).score  # see tests/assess
    assert json.loads(paths[2].read_text("utf-8"))["assessment"]["score"] == expected
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_report_defaults_to_md_and_html_in_the_current_folder(
    audit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "es_CL.UTF-8")
    result = runner.invoke(app, ["report", str(audit)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["acme-report.md", "acme-report.html"]
    assert "Informe de preparación omnicanal" in (tmp_path / "acme-report.md").read_text("utf-8")


def test_report_with_templates_override(audit: Path, tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "labels.yaml").write_text(
        "title: {es: Diagnóstico, en: Our assessment}\n", encoding="utf-8"
    )
    result = runner.invoke(
        app,
        [
            "report",
            str(audit),
            "-o",
            str(tmp_path),
            "--format",
            "html",
            "--lang",
            "en",
            "--templates",
            str(brand),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "<title>Our assessment: Acme Retail SpA</title>" in (
        tmp_path / "acme-report.html"
    ).read_text("utf-8")


def test_report_with_extra_rules(audit: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "- id: peak-in-december\n  severity: low\n  steps: [metrics]\n"
        "  when: {kind: channel-metric, field: monthly_contacts, op: gt, value: 0}\n"
        "  title: {es: 'Contactos en {channel}', en: 'Contacts on {channel}'}\n"
        "  remediation: {es: Revisar, en: Review}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["report", str(audit), "-o", str(tmp_path), "--format", "json", "--rules", str(rules)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "acme-report.json").read_text("utf-8"))
    assert any(f["rule"] == "peak-in-december" for f in document["assessment"]["findings"])


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("schema: 1\norganization: {name: X}\nsteps:\n  tools:\n    inventori: []\n", ":5:"),
        ("schema: 1\norganization: {name: X\n", ":3:1:"),
        (
            "schema: 1\norganization: {name: X}\nsteps:\n  processes:\n    answers:\n"
            "      processes.privacy: {answer: maybe}\n",
            ":6:",
        ),
    ],
)
def test_bad_audit_exits_2_with_file_and_line(tmp_path: Path, text: str, where: str) -> None:
    bad = tmp_path / "bad.audit.yaml"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", str(bad), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{bad}{where}" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not list(tmp_path.glob("bad-report.*"))


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "docx"],
        ["--lang", "fr"],
        ["--templates", "/no/such/folder"],
    ],
)
def test_bad_options_exit_2(audit: Path, tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["report", str(audit), "-o", str(tmp_path), *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output + result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "nope.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.stderr
    spanish = runner.invoke(app, ["report", str(tmp_path / "nope.yaml"), "--lang", "es"])
    assert "nope.yaml: no existe el archivo" in spanish.stderr


def test_demo_writes_the_example_and_its_reports(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = runner.invoke(app, ["demo", str(folder), "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [
        str(folder / "acme-retail.audit.yaml"),
        str(folder / "acme-retail-report.md"),
        str(folder / "acme-retail-report.html"),
        str(folder / "portfolio" / "portfolio.md"),
        str(folder / "portfolio" / "portfolio.html"),
    ]
    assert (folder / "acme-retail.audit.yaml").read_bytes() == example_audit().read_bytes()
    assert "Acme Retail SpA" in (folder / "acme-retail-report.html").read_text("utf-8")


def test_demo_default_folder_with_the_installed_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("omniready")
    if not script.exists():
        pytest.skip("console script not installed")
    done = subprocess.run(
        [str(script), "demo", "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[2:] == [
        "omniready-demo/acme-retail-report.html",
        "omniready-demo/portfolio/portfolio.md",
        "omniready-demo/portfolio/portfolio.html",
    ]
    assert (tmp_path / "omniready-demo" / "acme-retail-report.md").is_file()


def test_report_of_an_audit_with_nothing_answered(tmp_path: Path) -> None:
    empty = tmp_path / "empty.audit.yaml"
    empty.write_text("organization: {name: Vacía}\n", encoding="utf-8")
    result = runner.invoke(
        app, ["report", str(empty), "-o", str(tmp_path), "--format", "md,html,json", "--lang", "es"]
    )
    assert result.exit_code == 0, result.output
    assert "Aún no hay respuestas puntuables." in (tmp_path / "empty-report.md").read_text("utf-8")
    document = json.loads((tmp_path / "empty-report.json").read_text("utf-8"))
    assert document["assessment"]["score"] is None and document["assessment"]["findings"] == []


def test_output_that_is_a_file_exits_2(audit: Path) -> None:
    result = runner.invoke(app, ["report", str(audit), "-o", str(audit), "--lang", "en"])
    assert result.exit_code == 2
    assert "cannot create folder" in result.stderr
    spanish = runner.invoke(app, ["report", str(audit), "-o", str(audit), "--lang", "es"])
    assert "no se puede crear la carpeta" in spanish.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        (
            "report.md.j2",
            "# {{ org.name }}\n{% if %}\n",
            2,
            "template error: Expected an expression",
        ),
        ("report.md.j2", "a\nb\n{{ 1/0 }}\n", 3, "template error: ZeroDivisionError: division by"),
        ("report.md.j2", "a\n\n\n{{ org.nonexistent }}\n", 4, "has no attribute 'nonexistent'"),
        ("report.md.j2", "{{ no_such_name }}\n", 1, "'no_such_name' is undefined"),
        # An included stylesheet of the user's, inside the shipped HTML template.
        ("report.css", "body {}\n{{ 1/0 }}\n", 2, "template error: ZeroDivisionError"),
    ],
)
def test_template_errors_name_the_file_and_line(
    audit: Path, tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / name).write_text(text, encoding="utf-8")
    fmt = "html" if name.endswith(".css") else "md"
    result = runner.invoke(
        app,
        [
            *("report", str(audit), "-o", str(tmp_path / "out"), "-f", fmt, "--lang", "en"),
            *("--templates", str(brand)),
        ],
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{brand / name}:{line}:"), result.stderr
    assert message in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_bad_labels_are_located_without_pydantic_links(audit: Path, tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "labels.yaml").write_text("summary: {es: Resumen, en: Summary}\ntitle: 5\n", "utf-8")
    result = runner.invoke(
        app,
        [
            "report",
            str(audit),
            "-o",
            str(tmp_path / "out"),
            "--templates",
            str(brand),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{brand / 'labels.yaml'}:2:"), result.stderr
    assert "label title: needs es and en texts" in result.stderr
    assert "pydantic" not in result.stderr and "http" not in result.stderr


def test_demo_keeps_an_edited_audit_unless_forced(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert runner.invoke(app, ["demo", str(folder)]).exit_code == 0
    # Running it again over the untouched example is harmless.
    assert runner.invoke(app, ["demo", str(folder)]).exit_code == 0
    audit = folder / "acme-retail.audit.yaml"
    edited = audit.read_text("utf-8").replace("Acme Retail SpA", "Mi Cliente SpA")
    audit.write_text(edited, encoding="utf-8")
    result = runner.invoke(app, ["demo", str(folder), "--lang", "en"])
    assert result.exit_code == 2
    assert "already exists and differs from the example" in result.stderr
    assert "--force" in result.stderr
    assert audit.read_text("utf-8") == edited
    forced = runner.invoke(app, ["demo", str(folder), "--force"])
    assert forced.exit_code == 0, forced.output
    assert audit.read_bytes() == example_audit().read_bytes()


def test_demo_refuses_while_the_audit_is_open_elsewhere(tmp_path: Path) -> None:
    from omniready.audit.store import exclusive

    folder = tmp_path / "demo"
    folder.mkdir()
    with exclusive(folder / "acme-retail.audit.yaml"):
        result = runner.invoke(app, ["demo", str(folder), "--force"])
    assert result.exit_code == 2
    # the lock's message, from the catalogue in the run's language (the demo's is Spanish)
    assert "ya está abierto en otro proceso de omniready" in result.stderr
    assert not (folder / "acme-retail.audit.yaml").exists()


def test_pdf_without_a_browser_is_a_clear_usage_error(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("omniready")
    done = subprocess.run(
        [
            str(script),
            "report",
            str(example_audit()),
            "-o",
            str(tmp_path),
            "-f",
            "md,pdf",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": str(tmp_path), "OMNIREADY_CHROMIUM": "", "NO_COLOR": "1"},
    )
    assert done.returncode == 2, done.stderr
    assert "--format pdf needs a headless Chromium" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing half-written, not even the Markdown


def test_csv_roadmap_and_probe_age_option(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(
        app,
        ["report", str(example_audit()), "-o", str(tmp_path), "-f", "csv", "--max-probe-age", "30"],
    )
    assert done.exit_code == 0, done.output
    text = (tmp_path / "acme-retail-report.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("plazo,orden,acción,responsable,esfuerzo")
    bad = runner.invoke(app, ["report", str(example_audit()), "--max-probe-age", "-1"])
    assert bad.exit_code == 2
