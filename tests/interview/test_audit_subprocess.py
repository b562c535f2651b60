"""The installed console script driven through a pipe, killed with SIGKILL, and locked out."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from omniready.audit.model import Audit, Organization
from omniready.audit.store import load_audit
from omniready.checklist import Checklist, Question, load_checklist
from omniready.errors import InputError
from omniready.interview import parse, walk

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and locks")


def omniready() -> list[str]:
    """The installed console script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("omniready")
    found = str(script) if script.exists() else shutil.which("omniready")
    if found is None:
        pytest.skip("the omniready console script is not installed")
    return [found]


ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LANG": "es_CL.UTF-8"}


@pytest.fixture(scope="module")
def shipped() -> Checklist:
    return load_checklist()


def first(checklist: Checklist, n: int) -> list[Question]:
    return walk.applicable(checklist, Audit(organization=Organization(name="x")))[:n]


def expected(question: Question, raw: str = "1") -> object:
    return parse.parse_value(question, raw, "es")


def wait_for(condition: object, what: str, limit: float = 60.0) -> None:
    """Poll until `condition()` holds; the limit only stops a hung test, it is not measured."""
    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def answered(path: Path) -> int:
    try:
        return sum(a.answer is not None for a in load_audit(path).all_answers().values())
    except InputError:
        return -1


def test_piped_session_answers_back_na_note_quit_then_resume(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = tmp_path / "acme.yaml"
    q1, q2, q3, q4 = first(shipped, 4)
    typed = "Acme\nAna\n1\n<\n2\nnota\nsolo e-commerce\n1\nna\nno aplica aquí\nq\n"
    done = run_audit([str(path)], typed, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # the interview talks on stderr; stdout is for data
    assert "Paso 1 de 5" in done.stderr and "Para seguir: omniready audit" in done.stderr
    answers = load_audit(path).all_answers()
    assert answers[q1.id].answer == expected(q1, "2")
    assert (answers[q2.id].answer, answers[q2.id].note) == (expected(q2), "solo e-commerce")
    assert (answers[q3.id].na, answers[q3.id].note) == (True, "no aplica aquí")

    done = run_audit([str(path)], "1\nq\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Pregunta 4 de" in done.stderr  # resumed at the first unanswered question
    assert load_audit(path).all_answers()[q4.id].answer == expected(q4)


def run_audit(args: list[str], typed: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed `omniready audit ARGS` with `typed` on its standard input."""
    return subprocess.run(
        [*omniready(), "audit", *args],
        input=typed,
        text=True,
        capture_output=True,
        env=ENV,
        cwd=cwd,
        check=False,
    )


def start(path: Path, log: IO[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*omniready(), "audit", str(path), "--organization", "Acme", "--assessor", "Ana"],
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=log,
        text=True,
        env=ENV,
        cwd=path.parent,
    )


def test_sigkill_mid_session_loses_no_saved_answer(tmp_path: Path, shipped: Checklist) -> None:
    path = tmp_path / "a.yaml"
    questions = first(shipped, 4)
    with open(tmp_path / "log.txt", "w", encoding="utf-8") as log:
        proc = start(path, log)
        assert proc.stdin is not None
        for count in (1, 2, 3):
            proc.stdin.write("1\n")
            proc.stdin.flush()
            wait_for(lambda count=count: answered(path) == count, f"answer {count} on disk")
        proc.stdin.write("Tex")  # half of an answer being typed when the process dies
        proc.stdin.flush()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    saved = load_audit(path)  # the file is a valid audit
    for question in questions[:3]:
        assert saved.all_answers()[question.id].answer == expected(question)
    assert not list(tmp_path.glob(".a.yaml.*.tmp"))  # no temporary file left half-written

    done = run_audit([str(path)], "1\nq\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Pregunta 4 de" in done.stderr
    answers = load_audit(path).all_answers()
    assert all(answers[q.id].answer == expected(q) for q in questions)


def test_a_second_process_is_refused_while_the_first_holds_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    with open(tmp_path / "log.txt", "w", encoding="utf-8") as log:
        first_session = start(path, log)
        try:
            wait_for(path.exists, "the first session to create the file")
            second = subprocess.run(
                [*omniready(), "audit", str(path), "--lang", "en"],
                input="1\n",
                text=True,
                capture_output=True,
                env=ENV,
                cwd=tmp_path,
                check=False,
            )
            assert second.returncode == 2
            assert "already open in another omniready process" in second.stderr
            assert f"pid {first_session.pid}" in second.stderr
        finally:
            assert first_session.stdin is not None
            first_session.stdin.write("q\n")
            first_session.stdin.close()
            first_session.wait()
    assert first_session.returncode == 0
    # Once the first session is over, the file opens again.
    done = subprocess.run(
        [*omniready(), "audit", str(path), "--no-input"],
        text=True,
        capture_output=True,
        env=ENV,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_ctrl_c_mid_session_saves_and_says_how_to_resume(
    tmp_path: Path, shipped: Checklist
) -> None:
    path = tmp_path / "a.yaml"
    q1, q2 = first(shipped, 2)
    log_path = tmp_path / "log.txt"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = start(path, log)
        assert proc.stdin is not None
        for count in (1, 2):
            proc.stdin.write("1\n")
            proc.stdin.flush()
            wait_for(lambda count=count: answered(path) == count, f"answer {count} on disk")
        proc.send_signal(signal.SIGINT)
        proc.wait()
    assert proc.returncode == 130
    screen = log_path.read_text(encoding="utf-8")
    assert "Interrumpido" in screen and f"Para seguir: omniready audit {path}" in screen
    assert "Traceback" not in screen
    answers = load_audit(path).all_answers()
    assert answers[q1.id].answer == expected(q1) and answers[q2.id].answer == expected(q2)
