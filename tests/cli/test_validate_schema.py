"""`omniready validate` and `omniready schema`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.cli import app

runner = CliRunner()

GOOD = """\
schema: 1
checklist: core@2026.1
organization:
  name: Acme
steps:
  tools:
    answers:
      tools.api-available:
        answer: most
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--lang", "en", str(write(tmp_path, "a.yaml", GOOD))])
    assert result.exit_code == 0, result.output
    assert "valid" in result.stderr


def test_each_problem_is_a_located_line_and_exit_2(tmp_path: Path) -> None:
    bad = GOOD.replace(
        "tools.api-available:\n        answer: most",
        "tools.nope:\n        answer: most\n      tools.api-available:\n        answer: plenty",
    )
    path = write(tmp_path, "bad.yaml", bad)
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert f"{path}:8:7: unknown question id 'tools.nope' (checklist core@2026.1)" in lines
    assert any(
        line.startswith(f"{path}:11:17: tools.api-available: 'plenty' is not one of")
        for line in lines
    ), lines
    assert "Traceback" not in result.output


def test_duplicate_ids_and_wrong_step_are_reported(tmp_path: Path) -> None:
    text = GOOD + (
        "  processes:\n    answers:\n      tools.webhooks-available: {answer: all}\n"
        "  segments:\n    segments:\n    - {id: young}\n    - {id: young}\n"
    )
    path = write(tmp_path, "dup.yaml", text)
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 2
    out = result.stdout
    assert f"{path}:12:7: question 'tools.webhooks-available' belongs to step 'tools'" in out
    assert f"{path}:16:12: duplicate id 'young'" in out


def test_several_files_one_bad_one_missing(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    broken = write(tmp_path, "broken.yaml", "organization: {name: [\n")
    result = runner.invoke(
        app, ["validate", "--lang", "en", str(good), str(broken), str(tmp_path / "no.yaml")]
    )
    assert result.exit_code == 2
    assert f"{broken}:2:1: invalid YAML" in result.stdout
    assert f"{tmp_path / 'no.yaml'}: no such file" in result.stdout
    assert "2 of 3 file(s) invalid" in result.stderr


def test_validate_does_not_touch_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "organization: {name: X}\nlang: fr  # typo\n")
    before = path.read_bytes()
    runner.invoke(app, ["validate", "--lang", "en", str(path)])
    assert path.read_bytes() == before


def test_schema_is_json_schema_that_describes_the_file() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["$schema"].endswith("2020-12/schema")
    assert {"schema", "organization", "steps"} <= set(document["properties"])
    assert document["additionalProperties"] is False


def test_schema_accepts_the_example_and_catches_what_editors_should_flag() -> None:
    import jsonschema
    import yaml

    from omniready.resources import example_audit

    document = json.loads(runner.invoke(app, ["schema"]).stdout)
    checker = jsonschema.Draft202012Validator(document)
    example = yaml.safe_load(example_audit().read_text(encoding="utf-8"))
    example = json.loads(json.dumps(example, default=str))  # dates as JSON strings
    assert list(checker.iter_errors(example)) == []
    answers = example["steps"]["tools"]["answers"]
    answers["tools.api-available"]["answer"] = "plenty"  # not an option
    answers["tools.no-such-question"] = {"answer": "all"}  # not a question
    messages = sorted(e.message for e in checker.iter_errors(example))
    assert any("'plenty' is not one of" in m for m in messages), messages
    assert any("tools.no-such-question" in m for m in messages), messages


def test_installed_console_script_runs_validate(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("omniready")
    path = write(tmp_path, "a.yaml", "organization: {name: X}\nlang: fr\n")
    done = subprocess.run(
        [str(script), "validate", "--lang", "en", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout.startswith(f"{path}:2:7: lang:")
    assert "Traceback" not in done.stderr


def test_a_malformed_extra_checklist_is_located_too(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    write(extra, "x.yaml", "questions: 5\n")
    path = write(tmp_path, "a.yaml", GOOD)
    result = runner.invoke(
        app, ["validate", "--lang", "en", str(path), "--checklist-dir", str(extra)]
    )
    assert result.exit_code == 2
    assert f"{extra / 'x.yaml'}:1:12: questions:" in result.stderr


def test_unexpected_error_is_exit_3_and_debug_shows_it() -> None:
    import typer

    from omniready.cli.app import _Group

    crashy = typer.Typer(cls=_Group)

    @crashy.command()
    def boom() -> None:
        raise ValueError("surprise")

    @crashy.command()
    def other() -> None:
        pass

    result = runner.invoke(crashy, ["boom"])
    assert result.exit_code == 3
    assert "internal error: ValueError: surprise" in result.stderr
    assert "--debug" in result.stderr
    debug = runner.invoke(crashy, ["boom"], env={"OMNIREADY_DEBUG": "1"})
    assert isinstance(debug.exception, ValueError)


ALIAS_BOMB = (Path(__file__).parents[1] / "data" / "alias-bomb.audit.yaml").read_text(
    encoding="utf-8"
)


def test_validate_refuses_the_alias_bomb_the_other_commands_could_not_handle(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "bomb.audit.yaml", ALIAS_BOMB)
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 2
    assert result.stdout == (
        f"{path}:14:20: aliases (*a) are not allowed in an audit file: write the value out\n"
    )


def test_validate_prints_the_first_hundred_problems_and_the_count(tmp_path: Path) -> None:
    answers = "".join(f"      tools.x{i}: {{answer: all}}\n" for i in range(1500))
    path = write(tmp_path, "many.yaml", GOOD + answers)
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 101
    assert lines[0] == f"{path}:10:7: unknown question id 'tools.x0' (checklist core@2026.1)"
    assert lines[-1] == f"{path}: … and 1,400 more problems (1,500 in all)"


def test_validate_locates_invalid_utf8_and_the_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes(GOOD.replace("Acme", "Acm\xe9").encode("latin-1"))
    deep = write(tmp_path, "deep.yaml", GOOD + "x: " + "[" * 100 + "]" * 100 + "\n")
    result = runner.invoke(app, ["validate", "--lang", "en", str(latin1), str(deep)])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{latin1}:4:12: not UTF-8 text (byte 58): save it in the UTF-8 encoding",
        f"{deep}:10:67: lists or mappings nested deeper than 64 "
        "(set OMNIREADY_MAX_DEPTH to raise the limit)",
    ]
    monkeypatch.setenv("OMNIREADY_MAX_DEPTH", "200")
    raised = runner.invoke(app, ["validate", "--lang", "en", str(deep)])
    assert raised.stdout == f"{deep}:10:1: x: unknown field\n"  # past the limit, to the schema
