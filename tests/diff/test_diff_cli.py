"""`omniready diff` and `omniready show` run as a user runs them: exit codes, streams, formats."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from omniready.assess import assess
from omniready.audit.store import load_audit
from omniready.checklist import load_checklist
from omniready.cli import app

runner = CliRunner()


def invoke(*args: str | Path, env: dict[str, str] | None = None):  # noqa: ANN201 - test helper
    return runner.invoke(app, [str(a) for a in args], env=env)


def pair(mk: SimpleNamespace, tmp_path: Path, **new_changes: object) -> tuple[Path, Path]:
    old = mk.write(tmp_path / "2025.audit.yaml", mk.audit())
    new = mk.write(tmp_path / "2026.audit.yaml", mk.audit(**new_changes))
    return old, new


def test_diff_of_the_schema1_file_and_the_example(mk: SimpleNamespace) -> None:
    result = invoke("diff", mk.old_2025, mk.example, "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Acme Retail SpA  (core@2025.1 → core@2026.1)\n")
    now = assess(load_audit(mk.example), load_checklist()).score  # see tests/assess
    assert f"\nOverall: 38.4 → {now} (+{now - 38.4:.1f})  level 2 Emerging → 3 Defined\n" in out
    assert "  + tool crm (CRM (HubSpot))" in out
    assert "How many tools offer a documented API" in out  # question text in --lang
    assert "better" in out and "\x1b[" not in out  # plain when not a terminal
    assert result.stderr == ""  # same organization: no warning


def test_diff_in_spanish_by_default(mk: SimpleNamespace) -> None:
    result = invoke("diff", mk.old_2025, mk.example, env={"LANG": "", "LC_ALL": ""})
    assert "General: " in result.stdout and "mejor" in result.stdout


def test_spanish_text_has_no_english_words(mk: SimpleNamespace) -> None:
    out = invoke("diff", mk.old_2025, mk.example, "--lang", "es").stdout
    # option labels of the checklist, not option ids; Sí/No for booleans (yes/no questions:
    # test_diff_compare.py)
    assert "claims.webhooks: No → Sí" in out and "False → True" not in out
    assert "generic → per-channel" not in out
    assert "evidencia: " in out and "evidence:" not in out
    assert "quién respondió: " in out and "respondent:" not in out
    assert "traspaso instagram@post-sale > instagram@post-sale#2: contexto desconocido → " in out
    assert "context " not in out
    assert "[alta]" in out and "[high]" not in out
    assert "canal Teléfono" in out and "canal phone" not in out


def test_diff_json(mk: SimpleNamespace) -> None:
    result = invoke("diff", mk.old_2025, mk.example, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["overall"]["delta"] > 0
    assert {t["id"] for t in document["tools"]["added"]} == {"crm", "whatsapp"}
    assert document["findings"]["resolved"]
    assert all(
        {"channel", "metric", "old", "new", "delta", "verdict"} <= m.keys()
        for m in document["metrics"]
    )


def test_diff_md(mk: SimpleNamespace) -> None:
    result = invoke("diff", mk.old_2025, mk.example, "--format", "md", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("## Acme Retail SpA: core@2025.1 → core@2026.1")
    assert "| **Overall** |" in result.stdout


def test_fail_on_regression(mk: SimpleNamespace) -> None:
    improving = invoke("diff", mk.old_2025, mk.example, "--fail-on-regression", "--lang", "en")
    # the 2026 audit opens new high findings (the customer record misses channels), so it fails
    assert improving.exit_code == 1
    assert "regression: new high-severity finding: customer-record" in improving.stderr
    slipping = invoke(
        "diff", mk.example, mk.old_2025, "--fail-on-regression", "--format", "json", "--lang", "en"
    )
    assert slipping.exit_code == 1
    assert "regression: overall score dropped" in slipping.stderr
    assert json.loads(slipping.stdout)["regressions"]  # the report is still written


def test_regressions_in_spanish(mk: SimpleNamespace) -> None:
    args = ("diff", mk.example, mk.old_2025, "--fail-on-regression", "--lang", "es")
    text = invoke(*args)
    assert text.exit_code == 1
    assert "retroceso: el puntaje general bajó " in text.stderr
    assert "regression" not in text.stderr
    md = invoke(*args, "--format", "md").stdout
    assert "**Retrocesos:**" in md and "- ⚠️ el puntaje general bajó " in md
    assert "overall score" not in md


def test_threshold(mk: SimpleNamespace, tmp_path: Path) -> None:
    data = mk.raw()
    data["steps"]["tools"]["answers"]["tools.api-available"]["answer"] = "some"
    old, new = pair(mk, tmp_path)
    mk.write(new, data)
    assert invoke("diff", old, new).exit_code == 0  # without the flag a drop is no failure
    dropped = invoke("diff", old, new, "--fail-on-regression", "--format", "json")
    assert dropped.exit_code == 1
    drop = -json.loads(dropped.stdout)["steps"]["tools"]["delta"]
    assert invoke("diff", old, new, "--fail-on-regression", "--threshold", str(drop)).exit_code == 0
    assert invoke("diff", new, old, "--fail-on-regression").exit_code == 0  # improvement


def test_different_organizations_warn_on_stderr(mk: SimpleNamespace, tmp_path: Path) -> None:
    old, new = pair(mk, tmp_path, organization={"name": "Globex"})
    result = invoke("diff", old, new, "--lang", "en")
    assert result.exit_code == 0
    assert "warning: the audits are of different organizations: 'Acme' and 'Globex'" in (
        result.stderr
    )
    assert "warning" not in result.stdout
    spanish = invoke("diff", old, new, "--lang", "es")
    assert "aviso: los análisis son de organizaciones distintas: 'Acme' y 'Globex'" in (
        spanish.stderr
    )


def test_bad_input_exits_2_with_file_line_col(mk: SimpleNamespace, tmp_path: Path) -> None:
    good = mk.write(tmp_path / "good.audit.yaml", mk.audit())
    bad = tmp_path / "bad.audit.yaml"
    bad.write_text(
        "schema: 2\norganization: {name: A}\nsteps:\n  tools: {answerz: {}}\n", encoding="utf-8"
    )
    broken = tmp_path / "broken.audit.yaml"
    broken.write_text("organization: [\n", encoding="utf-8")
    result = invoke("diff", good, bad, "--lang", "en")
    assert result.exit_code == 2
    assert f"{bad}:4:" in result.stderr and "unknown field" in result.stderr
    spanish = invoke("diff", good, bad, "--lang", "es")
    assert f"{bad}:4:" in spanish.stderr and "campo desconocido" in spanish.stderr
    both = invoke("diff", broken, bad)
    assert both.exit_code == 2
    assert f"{broken}:" in both.stderr and f"{bad}:4:" in both.stderr  # every file's problem
    missing = invoke("diff", good, tmp_path / "nope.yaml", "--lang", "en")
    assert missing.exit_code == 2 and "nope.yaml: no such file" in missing.stderr
    assert result.stdout == "" and "Traceback" not in result.output


@pytest.mark.parametrize("args", [["--format", "xml"], ["--lang", "fr"], ["--threshold", "-1"]])
def test_bad_options_exit_2(mk: SimpleNamespace, args: list[str]) -> None:
    result = invoke("diff", mk.old_2025, mk.example, *args)
    assert result.exit_code == 2


def test_include_notes(mk: SimpleNamespace, tmp_path: Path) -> None:
    data = mk.raw()
    data["steps"]["tools"]["answers"]["tools.api-available"]["note"] = "the PBX got an API"
    old, new = pair(mk, tmp_path)
    mk.write(new, data)
    assert "the PBX got an API" not in invoke("diff", old, new).stdout
    assert "the PBX got an API" in invoke("diff", old, new, "--include-notes").stdout


def test_renamed_questions_with_a_checklist_dir(mk: SimpleNamespace, tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "renamed.yaml").write_text(
        "questions:\n"
        "  - id: tools.webhook-events\n"
        "    type: scale\n"
        "    scale: coverage\n"
        "    replaces: [tools.hooks]\n"
        "    text: {es: '¿Eventos?', en: 'Events through webhooks?'}\n",
        encoding="utf-8",
    )
    old, new = pair(mk, tmp_path, steps__tools__answers={"tools.webhook-events": {"answer": "all"}})
    mk.write(old, mk.audit(steps__tools__answers={"tools.hooks": {"answer": "some"}}))
    result = invoke("diff", old, new, "--checklist-dir", folder, "--format", "json")
    assert result.exit_code == 0, result.output
    (answer,) = json.loads(result.stdout)["answers"]
    assert answer["question"] == "tools.webhook-events"
    assert (answer["old"], answer["new"], answer["renamed_from"]) == ("some", "all", "tools.hooks")


# ---------------------------------------------------------------------------- show


def test_show_is_one_sorted_fact_per_line_with_scores(mk: SimpleNamespace) -> None:
    result = invoke("show", mk.example)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "audit organization.name = Acme Retail SpA" in lines
    assert any(line.startswith("score overall = ") for line in lines)
    assert "answer tools.api-available = most (score 75)" in lines
    assert "journey compra-online-cambio-tienda" in lines
    assert all("\n" not in line for line in lines)
    answers = [line for line in lines if line.startswith("answer ")]
    assert answers == sorted(answers)
    assert not any("updated" in line for line in lines)  # a re-save is not a change


def test_show_does_not_depend_on_file_order(mk: SimpleNamespace, tmp_path: Path) -> None:
    data = mk.raw()
    shuffled = mk.raw()
    shuffled["steps"]["tools"]["inventory"].reverse()
    shuffled["steps"] = dict(reversed(shuffled["steps"].items()))
    a = mk.write(tmp_path / "a.audit.yaml", data)
    b = tmp_path / "b.audit.yaml"
    b.write_text(json.dumps(shuffled), encoding="utf-8")  # JSON is YAML, in any key order
    assert invoke("show", a).stdout == invoke("show", b).stdout


def test_show_bad_file_exits_2_unless_fallback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.audit.yaml"
    bad.write_text("schema: 2\norganization: [\n", encoding="utf-8")
    strict = invoke("show", bad)
    assert strict.exit_code == 2 and f"{bad}:" in strict.stderr
    lenient = invoke("show", bad, "--fallback")
    assert lenient.exit_code == 0
    assert lenient.stdout == "schema: 2\norganization: [\n"
    assert f"{bad}:" in lenient.stderr


# ---------------------------------------------------------------------------- the real program


def console_script() -> str:
    found = shutil.which("omniready") or str(Path(sys.executable).with_name("omniready"))
    assert Path(found).exists(), "the package must be installed (pip install -e .)"
    return found


def test_installed_command_diffs_and_honours_no_color(mk: SimpleNamespace) -> None:
    result = subprocess.run(
        [console_script(), "diff", str(mk.old_2025), str(mk.example), "--lang", "en"],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Overall: " in result.stdout and "\x1b[" not in result.stdout


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the installed command with stdout on a pseudo-terminal; return what it printed."""
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [console_script(), *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_colour_on_a_terminal_unless_no_color(mk: SimpleNamespace) -> None:
    args = ["diff", str(mk.old_2025), str(mk.example), "--lang", "en"]
    assert "\x1b[" in run_on_a_terminal(args, {"TERM": "xterm"})
    plain = run_on_a_terminal(args, {"TERM": "xterm", "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "Overall: " in plain


def test_show_fallback_on_a_missing_file_still_exits_2(tmp_path: Path) -> None:
    result = invoke("show", tmp_path / "gone.audit.yaml", "--fallback")
    assert result.exit_code == 2 and "gone.audit.yaml: no such file" in result.stderr


def _figures_pair(mk: SimpleNamespace, tmp_path: Path) -> tuple[Path, Path]:
    """Two years whose figures, shares and one answer moved (scores drop)."""
    old = mk.raw()
    old["steps"]["metrics"]["channels"]["whatsapp"].update(
        wait_avg_s=36.7, monthly_contacts=86250, abandonment_rate=0.24
    )
    old["steps"]["segments"]["segments"][0]["share"] = 0.24
    new = mk.raw()
    new["steps"]["metrics"]["channels"]["whatsapp"].update(
        wait_avg_s=35.7, monthly_contacts=90000, abandonment_rate=0.17
    )
    new["steps"]["segments"]["segments"][0]["share"] = 0.17
    new["steps"]["tools"]["answers"]["tools.webhooks-available"]["answer"] = "none"
    return mk.write(tmp_path / "old.audit.yaml", old), mk.write(tmp_path / "new.audit.yaml", new)


@pytest.mark.parametrize(
    ("lang", "figures", "dropped"),
    [
        (
            "es",
            [
                "wait_avg_s: 36,7 → 35,7 (-1) mejor",
                "monthly_contacts: 86.250 → 90.000 (+3.750)",
                "abandonment_rate: 24 % → 17 % (-7 pp) mejor",
                "participación: 24 % → 17 %",
            ],
            "el puntaje general bajó {drop} puntos ({old} → {new})",
        ),
        (
            "en",
            [
                "wait_avg_s: 36.7 → 35.7 (-1) better",
                "monthly_contacts: 86,250 → 90,000 (+3,750)",
                "abandonment_rate: 24% → 17% (-7 pp) better",
                "share: 24% → 17%",
            ],
            "overall score dropped {drop} points ({old} → {new})",
        ),
    ],
)
def test_numbers_read_as_the_language_writes_them(
    mk: SimpleNamespace, tmp_path: Path, lang: str, figures: list[str], dropped: str
) -> None:
    old, new = _figures_pair(mk, tmp_path)
    result = invoke("diff", old, new, "--lang", lang, "--fail-on-regression")
    assert result.exit_code == 1
    for line in figures:
        assert line in result.stdout
    assert "0.24" not in result.stdout and "0,24" not in result.stdout  # a share is a percentage
    # The scores come from the assessment (asserted in tests/assess); here only how they read:
    # one decimal kept ("1,0"), decimal comma in Spanish, point in English.
    overall = json.loads(invoke("diff", old, new, "--format", "json").stdout)["overall"]
    mark = "," if lang == "es" else "."
    one = lambda v: f"{v:.1f}".replace(".", mark)  # noqa: E731 - written by hand, not by numbers
    sentence = dropped.format(
        drop=one(-overall["delta"]), old=one(overall["old"]), new=one(overall["new"])
    )
    assert sentence in result.stderr
    assert (
        f"{one(overall['old'])} → {one(overall['new'])} ({one(overall['delta'])})" in result.stdout
    )


def test_a_diff_in_spanish_through_the_installed_command(
    mk: SimpleNamespace, tmp_path: Path
) -> None:
    # The console script a user runs, in a subprocess: the same Spanish numbers.
    command = shutil.which("omniready") or str(Path(sys.executable).with_name("omniready"))
    old, new = _figures_pair(mk, tmp_path)
    done = subprocess.run(
        [command, "diff", str(old), str(new), "--lang", "es", "--format", "md"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "| 36,7 → 35,7 (-1) |" in done.stdout
    assert "86.250 → 90.000 (+3.750)" in done.stdout
    assert "24 % → 17 % (-7 pp)" in done.stdout
