"""omniready brand as a user runs it: CliRunner and the installed script, writing the scan into
the audit file atomically, counting it in the brand score and showing it in the report."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.assess import assess
from omniready.audit.store import load_audit
from omniready.brand.choices import Format
from omniready.brand.formats import render
from omniready.checklist import load_checklist
from omniready.cli import app

from .helpers import docx_file, write

runner = CliRunner()

AUDIT = """schema: 2
organization: {name: Acme Retail}
lang: es
steps:
  brand:
    declared:
      names: [Acme Retail, Acme]
      palette: [{value: "#0a3d62", name: azul}]
      address: tu
"""


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    return write(tmp_path / "acme.audit.yaml", AUDIT)


@pytest.fixture
def inconsistent(tmp_path: Path) -> Path:
    root = tmp_path / "materiales"
    write(
        root / "web" / "index.html", '<p style="color:#ff0000">Hola, escríbenos a Acme Retail</p>\n'
    )
    write(
        root / "email" / "a.eml",
        "From: a@acme.example\nSubject: Pedido\nContent-Type: text/plain; charset=utf-8\n\nEstimado cliente,\nEscríbanos si usted necesita ayuda de ACME Retail.\n",
    )
    return root


def test_scan_is_written_with_provenance_and_shown(audit: Path, inconsistent: Path) -> None:
    result = runner.invoke(app, ["brand", str(audit), str(inconsistent), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "“ACME Retail” is not a declared spelling" in result.stdout
    assert "materiales/email/a.eml:6 (Pedido)" in result.stdout
    scan = load_audit(audit).steps.brand.scan
    assert scan is not None
    assert scan.folders == ["materiales"] and scan.counts.read == 2 and scan.counts.set_aside == 0
    files = {f.file: f.sha256 for f in scan.files}
    body = (inconsistent / "web" / "index.html").read_bytes()
    assert files["materiales/web/index.html"] == hashlib.sha256(body).hexdigest()
    assert scan.matrix["names"] == {"email": "finding", "web": "ok"}
    assert scan.matrix["address"]["email"] == "finding"
    assert audit.read_text().startswith("schema: 2\n")  # the one writer, its layout


def test_scan_counts_in_the_brand_score_and_shows_in_the_report(
    audit: Path, inconsistent: Path, tmp_path: Path
) -> None:
    checklist = load_checklist()
    before = assess(load_audit(audit), checklist)
    assert runner.invoke(app, ["brand", str(audit), str(inconsistent)]).exit_code == 0
    after = assess(load_audit(audit), checklist)
    brand_before = next(s for s in before.steps if s.step == "brand")
    brand_after = next(s for s in after.steps if s.step == "brand")
    assert brand_before.score is None  # nothing answered, nothing measured
    assert brand_after.score is not None and brand_after.score < 100
    scanned = {q.id: q.score for q in after.questions if q.id.startswith("brand.scan.")}
    assert scanned["brand.scan.names"] == 0.5  # one channel of two without findings
    out = tmp_path / "informe"
    result = runner.invoke(
        app, ["report", str(audit), "-o", str(out), "--format", "md,html", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    md = (out / "acme-report.md").read_text()
    assert "## Brand consistency measured in the materials" in md
    assert "| Brand name | ✖ | ✔ |" in md
    html = (out / "acme-report.html").read_text()
    assert 'id="brand-scan"' in html and "background:#ff0000" in html
    # The Spanish report names channels and severities in Spanish, a count of one in the singular.
    es = tmp_path / "es"
    result = runner.invoke(
        app, ["report", str(audit), "-o", str(es), "--format", "md", "--lang", "es"]
    )
    assert result.exit_code == 0, result.output
    section = (es / "acme-report.md").read_text().split("## Consistencia de marca medida", 1)[1]
    assert "| Control | Correo | Web |" in section
    assert "(medium)" not in section and "(high)" not in section and "(low)" not in section
    assert "(Media)" in section or "(Alta)" in section or "(Baja)" in section
    assert "(1 mensajes)" not in section


def test_no_write_leaves_the_file_byte_for_byte(audit: Path, inconsistent: Path) -> None:
    before = audit.read_bytes()
    result = runner.invoke(
        app, ["brand", str(audit), str(inconsistent), "--no-write", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert audit.read_bytes() == before
    data = json.loads(result.stdout)
    assert data["counts"]["read"] == 2
    assert any(f["check"] == "names" and "ACME Retail" in f["message"] for f in data["findings"])


def test_unreadable_files_are_set_aside_the_rest_scanned_and_exit_2(
    audit: Path, inconsistent: Path
) -> None:
    (inconsistent / "ivr").mkdir()
    (inconsistent / "ivr" / "guion.docx").write_bytes(b"not a zip")
    (inconsistent / "web" / "old.html").write_bytes("<p>Atención</p>".encode("latin-1"))
    result = runner.invoke(app, ["brand", str(audit), str(inconsistent), "--lang", "en"])
    assert result.exit_code == 2
    assert "materiales/ivr/guion.docx: not a readable .docx" in result.stderr
    assert (
        "materiales/web/old.html: not UTF-8 (at byte offset 9) and no charset declared"
        in result.stderr
    )
    assert "2 file(s) set aside as unreadable" in result.stderr
    assert "Traceback" not in result.output
    scan = load_audit(audit).steps.brand.scan
    assert scan is not None and scan.counts.read == 2 and scan.counts.set_aside == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.audit.yaml", "."], "missing.audit.yaml: no such file"),
        (["{audit}", "nowhere"], "nowhere: no such folder"),
        (
            ["{audit}", "{folder}", "--channels", "{folder}/web/index.html"],
            "a channel mapping is YAML lines",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    audit: Path, inconsistent: Path, args: list[str], message: str
) -> None:
    filled = [a.format(audit=audit, folder=inconsistent) for a in args]
    result = runner.invoke(app, ["brand", *filled, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output


def test_bad_input_is_said_in_the_run_language(audit: Path) -> None:
    result = runner.invoke(app, ["brand", str(audit), "nowhere", "--lang", "es"])
    assert result.exit_code == 2, result.output
    assert "nowhere: no existe la carpeta" in result.stderr


def test_declared_logo_that_is_not_an_image_is_bad_input(
    tmp_path: Path, inconsistent: Path
) -> None:
    audit = write(
        tmp_path / "a.audit.yaml",
        AUDIT.replace("      address: tu\n", "      address: tu\n      logo: logo.png\n"),
    )
    write(tmp_path / "logo.png", "not an image")
    result = runner.invoke(app, ["brand", str(audit), str(inconsistent), "--lang", "en"])
    assert result.exit_code == 2
    assert "brand.declared.logo logo.png: not an image" in result.stderr


def test_every_format_choice_renders(audit: Path, inconsistent: Path) -> None:
    from omniready.brand.run import scan_materials

    scan = scan_materials(audit, [inconsistent])
    for fmt in Format:
        for lang in ("es", "en"):
            assert render(scan, fmt, lang).strip()
    assert "| Nombre de marca | ✖ | ✔ |" in render(scan, Format.md, "es")
    assert "Canal × control" in render(scan, Format.table, "es")


def test_installed_script_scans_docx_and_prints_markdown(audit: Path, inconsistent: Path) -> None:
    script = shutil.which("omniready")
    assert script is not None
    docx_file(
        inconsistent / "ivr" / "guion.docx", ["Bienvenido a Acmé.", "Llámenos si necesita ayuda."]
    )
    done = subprocess.run(
        [
            script,
            "brand",
            str(audit),
            str(inconsistent),
            "--format",
            "md",
            "--lang",
            "es",
            "--no-write",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": str(Path(script).parent), "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "«Acmé» no es una grafía declarada" in done.stdout
    assert "materiales/ivr/guion.docx:1" in done.stdout
    assert done.stderr == ""  # no progress off a terminal


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["brand", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "omniready brand" in result.output


def test_start_up_imports_none_of_the_scan_libraries() -> None:
    import sys

    code = (
        "import sys, omniready.cli; "
        "heavy = {'rapidfuzz', 'numpy', 'soundfile', 'pyloudnorm', 'coloraide', 'imagehash', "
        "'PIL', 'docx', 'pylabeador', 'pyphen'}; "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_a_locked_audit_is_refused_and_left_alone(audit: Path, inconsistent: Path) -> None:
    from omniready.audit.store import exclusive

    before = audit.read_bytes()
    with exclusive(audit):
        result = runner.invoke(app, ["brand", str(audit), str(inconsistent)])
    assert result.exit_code == 2
    # in the audit's language (the example's is Spanish), from the lock's catalogue
    assert "ya está abierto en otro proceso de omniready" in result.stderr
    assert audit.read_bytes() == before


def test_the_written_file_validates_and_a_rescan_replaces_the_scan(
    audit: Path, inconsistent: Path
) -> None:
    assert runner.invoke(app, ["brand", str(audit), str(inconsistent)]).exit_code == 0
    first = load_audit(audit).steps.brand.scan
    (inconsistent / "web" / "index.html").unlink()
    assert runner.invoke(app, ["brand", str(audit), str(inconsistent)]).exit_code == 0
    second = load_audit(audit).steps.brand.scan
    assert first is not None and second is not None
    assert first.counts.read == 2 and second.counts.read == 1
    assert [f.file for f in second.files] == ["materiales/email/a.eml"]
    result = runner.invoke(app, ["validate", str(audit)])
    assert result.exit_code == 0, result.output


def test_shares_are_whole_percents_adding_up_to_100() -> None:
    from omniready.brand.view import percents

    assert percents({"tu": 1, "usted": 1, "vos": 1}) == (("tu", 34), ("usted", 33), ("vos", 33))
    assert percents({"mixed": 1, "tu": 2}) == (("tu", 67), ("mixed", 33))
    assert percents({}) == ()


def test_without_the_brand_extra_audio_is_set_aside_with_the_hint(
    audit: Path, inconsistent: Path
) -> None:
    import sys

    from .helpers import tone

    tone(inconsistent / "ivr" / "hola.wav")
    # A package that is not installed: importing it raises ModuleNotFoundError.
    code = (
        "import sys; sys.modules['soundfile'] = None; "
        "from omniready.cli import main; "
        f"sys.argv = ['omniready', 'brand', {str(audit)!r}, {str(inconsistent)!r}, "
        "'--no-write', '--lang', 'en']; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert (
        "materiales/ivr/hola.wav: pip install 'omniready[brand]' to read audio files "
        "(soundfile is missing)" in done.stderr
    )
    assert "2 files read" in done.stdout  # the web page and the e-mail still scanned
